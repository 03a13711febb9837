import type { StatisticEvidence } from '../schemas/finding';
import { statisticPercent } from '../statistics';
import { formatNumber } from './number-words';

/**
 * A statistic as one line of the expert report:
 * "Registered returnees who received immediate assistance upon return: 1,542 of 2,744 (56 %)
 * returnees, first half of 2015; source: Case management system". The percentage is computed
 * from the figures, never typed, as everywhere else in the app.
 */
export function statisticText(statistic: Pick<StatisticEvidence, 'label' | 'value' | 'ofTotal' | 'unit' | 'period' | 'source'>): string {
  let figure = formatNumber(statistic.value);
  if (statistic.ofTotal !== undefined) figure += ` of ${formatNumber(statistic.ofTotal)}`;
  const percent = statisticPercent(statistic.value, statistic.ofTotal);
  if (percent !== null) figure += ` (${percent} %)`;
  const unit = statistic.unit.trim();
  if (unit) figure += ` ${unit}`;
  const period = statistic.period.trim();
  const source = statistic.source.trim();
  return `${statistic.label.trim()}: ${figure}${period ? `, ${period}` : ''}${source ? `; source: ${source}` : ''}`;
}
