import type { RatingLevel } from '../../../shared/schemas/template';
import { RatingIcon } from './RatingIcon';
import { ratingLook } from './rating-look';

interface Props {
  /** The level given, or nothing while the requirement is not rated yet. */
  level: RatingLevel | null | undefined;
  /** What to say when there is no level ("Not started", "Not assessed", …). */
  emptyLabel: string;
  /** "pill" in lists and cards; "inline" beside a radio button, where the label is the control's name. */
  variant?: 'pill' | 'inline';
}

/**
 * The one way a rating is shown: icon, label and colour together, all three from what the level
 * counts as. The label is plain text, so it is what a screen reader reads.
 */
export function Rating({ level, emptyLabel, variant = 'pill' }: Props) {
  const look = ratingLook(level);
  return (
    <span className={`rating rating-${variant} look-${look}`} data-look={look}>
      <RatingIcon look={look} />
      <span className="rating-label">{level ? level.label : emptyLabel}</span>
    </span>
  );
}
