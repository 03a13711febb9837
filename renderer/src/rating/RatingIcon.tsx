import type { RatingLook } from './rating-look';

/**
 * A shape per look, so a rating never relies on colour alone (colour-blind readers, grey
 * printouts): a tick, a cross, a dash, an empty dotted ring. Drawn inline rather than as emoji,
 * which render as empty boxes on Linux without a colour-emoji font.
 */
export function RatingIcon({ look }: { look: RatingLook }) {
  return (
    <svg className="rating-icon" viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true" focusable="false" data-icon={look}>
      {look === 'none' ? (
        <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="1.6" strokeDasharray="2.4 2.2" />
      ) : (
        <>
          <circle cx="8" cy="8" r="7" fill="currentColor" />
          {look === 'fulfilled' ? <path d="M4.6 8.3l2.3 2.3 4.5-4.9" fill="none" stroke="#fff" strokeWidth="1.9" strokeLinecap="round" strokeLinejoin="round" /> : null}
          {look === 'not-fulfilled' ? <path d="M5.3 5.3l5.4 5.4M10.7 5.3l-5.4 5.4" fill="none" stroke="#fff" strokeWidth="1.9" strokeLinecap="round" /> : null}
          {look === 'not-counted' ? <path d="M4.8 8h6.4" fill="none" stroke="#fff" strokeWidth="1.9" strokeLinecap="round" /> : null}
        </>
      )}
    </svg>
  );
}
