import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ReactElement } from 'react';
import type { RatingLevel } from '../../shared/schemas/template';
import { Rating } from '../../renderer/src/rating/Rating';
import { RatingBar, RatingLegend } from '../../renderer/src/rating/RatingBar';
import { createI18n } from '../../renderer/src/i18n/i18n';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

/** A scale that lists the failure first and whose ids say nothing: the look can only come from `counts`. */
const FAILURE_FIRST: RatingLevel[] = [
  { id: 'a', label: 'Not fulfilled', counts: 'not-fulfilled' },
  { id: 'b', label: 'Fulfilled', counts: 'fulfilled' },
  { id: 'c', label: 'Not assessed', counts: 'not-counted' },
];

async function renderIn(ui: ReactElement, language = 'en') {
  const i18n = await createI18n();
  await i18n.changeLanguage(language);
  return render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>);
}

describe('the rating component', () => {
  it.each([
    ['Not fulfilled', 'not-fulfilled'],
    ['Fulfilled', 'fulfilled'],
    ['Not assessed', 'not-counted'],
  ] as const)('shows %s with the %s colour class and icon, and its label as text', async (label, look) => {
    const level = FAILURE_FIRST.find((candidate) => candidate.label === label);
    const { container } = await renderIn(<Rating level={level} emptyLabel="Not started" />);
    const rating = container.querySelector('.rating');
    expect(rating?.classList.contains(`look-${look}`)).toBe(true);
    expect(rating?.querySelector('svg')?.getAttribute('data-icon')).toBe(look);
    // The icon is decoration; the label is what a screen reader reads.
    expect(rating?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(rating?.textContent).toBe(label);
  });

  it('gives no rating its own neutral look, named by the caller', async () => {
    const { container } = await renderIn(<Rating level={undefined} emptyLabel="Not started" />);
    const rating = container.querySelector('.rating');
    expect([...(rating?.classList ?? [])]).toEqual(['rating', 'rating-pill', 'look-none']);
    expect(rating?.querySelector('svg')?.getAttribute('data-icon')).toBe('none');
    expect(rating?.textContent).toBe('Not started');
  });

  it('names each level in the legend with the look its count gives, whatever its place in the scale', async () => {
    await renderIn(<RatingLegend levels={FAILURE_FIRST} />);
    const legend = screen.getByTestId('rating-legend');
    const looks = [...legend.querySelectorAll('.rating')].map((rating) => [rating.textContent, rating.getAttribute('data-look')]);
    expect(looks).toEqual([
      ['Not fulfilled', 'not-fulfilled'],
      ['Fulfilled', 'fulfilled'],
      ['Not assessed', 'not-counted'],
      ['Not yet assessed', 'none'],
    ]);
    expect(within(legend).getByText('Ratings differ')).toBeTruthy();
  });
});

describe('the dashboard bar', () => {
  it('counts every requirement and says the numbers: one failure in nine is a ninth of the bar', async () => {
    const { container } = await renderIn(<RatingBar levels={FAILURE_FIRST} standing={{ byLevel: { a: 1 }, differ: 0, open: 8 }} total={9} />);
    expect(screen.getByTestId('bar-numbers').textContent).toBe('Not fulfilled: 1 · Not yet assessed: 8 (of 9)');
    const segments = [...container.querySelectorAll<HTMLElement>('.rating-segment')];
    expect(segments.map((segment) => [segment.dataset['level'], segment.classList.contains('look-not-fulfilled'), segment.style.width])).toEqual([['a', true, `${100 / 9}%`]]);
  });

  it('works for the FATF scale: two shades per side, N/A apart, disagreements named', async () => {
    const fatf = findBuiltinTemplate('fatf-technical-compliance-sample');
    if (!fatf) throw new Error('FATF sample missing');
    const { container } = await renderIn(<RatingBar levels={fatf.scale.levels} standing={{ byLevel: { C: 1, LC: 2, PC: 1, NC: 1, NA: 1 }, differ: 1, open: 3 }} total={10} />);
    expect(screen.getByTestId('bar-numbers').textContent).toBe(
      'Compliant: 1 · Largely compliant: 2 · Partially compliant: 1 · Non-compliant: 1 · Not applicable: 1 · Ratings differ: 1 · Not yet assessed: 3 (of 10)',
    );
    const segments = [...container.querySelectorAll<HTMLElement>('.rating-segment')].map((segment) => [segment.dataset['level'], segment.className, segment.style.width]);
    expect(segments).toEqual([
      ['C', 'rating-segment look-fulfilled shade-0', '10%'],
      ['LC', 'rating-segment look-fulfilled shade-1', '20%'],
      ['PC', 'rating-segment look-not-fulfilled shade-0', '10%'],
      ['NC', 'rating-segment look-not-fulfilled shade-1', '10%'],
      ['NA', 'rating-segment look-not-counted shade-0', '10%'],
    ]);
    expect((container.querySelector('.differ-segment') as HTMLElement | null)?.style.width).toBe('10%');
  });

  it('says its numbers in French', async () => {
    await renderIn(<RatingBar levels={FAILURE_FIRST} standing={{ byLevel: { b: 2 }, differ: 1, open: 0 }} total={3} />, 'fr');
    expect(screen.getByTestId('bar-numbers').textContent).toBe('Fulfilled\u00a0: 2 · Appréciations divergentes\u00a0: 1 (sur 3)');
  });
});
