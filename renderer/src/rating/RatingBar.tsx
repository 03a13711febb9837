import { useTranslation } from 'react-i18next';
import type { RatingLevel } from '../../../shared/schemas/template';
import type { AreaStanding } from '../mission/dashboard-model';
import { levelShade, ratingLook } from './rating-look';
import { Rating } from './Rating';

interface Props {
  levels: readonly RatingLevel[];
  standing: AreaStanding;
  total: number;
}

/**
 * Every requirement of an area as a share of one bar, with the same numbers as text beside it:
 * the text is what counts (and what a screen reader reads); the bar is its picture.
 */
export function RatingBar({ levels, standing, total }: Props) {
  const { t } = useTranslation();
  const width = (count: number): string => `${total > 0 ? (count / total) * 100 : 0}%`;
  const rated = levels.filter((level) => (standing.byLevel[level.id] ?? 0) > 0);
  const parts = [
    ...rated.map((level) => t('dashboard.bar.part', { label: level.label, count: standing.byLevel[level.id] ?? 0 })),
    ...(standing.differ > 0 ? [t('dashboard.bar.part', { label: t('dashboard.bar.differ'), count: standing.differ })] : []),
    ...(standing.open > 0 ? [t('dashboard.bar.part', { label: t('dashboard.bar.open'), count: standing.open })] : []),
  ];
  return (
    <div className="rating-bar">
      <div className="bar" aria-hidden="true">
        {rated.map((level) => (
          <span
            key={level.id}
            className={`rating-segment look-${ratingLook(level)} shade-${levelShade(levels, level)}`}
            data-level={level.id}
            style={{ width: width(standing.byLevel[level.id] ?? 0) }}
          />
        ))}
        {standing.differ > 0 ? <span className="differ-segment" style={{ width: width(standing.differ) }} /> : null}
      </div>
      <p className="bar-numbers" data-testid="bar-numbers">
        {t('dashboard.bar.summary', { parts: parts.join(' · '), total })}
      </p>
    </div>
  );
}

/** The key to the bars' colours: each level as it is shown everywhere else, then the two states that are not levels. */
export function RatingLegend({ levels }: { levels: readonly RatingLevel[] }) {
  const { t } = useTranslation();
  return (
    <div className="legend" data-testid="rating-legend">
      {levels.map((level) => (
        <span key={level.id} className="legend-item">
          <span className={`swatch look-${ratingLook(level)} shade-${levelShade(levels, level)}`} aria-hidden="true" />
          <Rating level={level} emptyLabel="" variant="inline" />
        </span>
      ))}
      <span className="legend-item">
        <span className="swatch differ" aria-hidden="true" /> {t('dashboard.bar.differ')}
      </span>
      <span className="legend-item">
        <span className="swatch look-none" aria-hidden="true" />
        <Rating level={null} emptyLabel={t('dashboard.bar.open')} variant="inline" />
      </span>
    </div>
  );
}
