import type { Recommendation } from '../schemas/finding';
import type { Area, Template } from '../schemas/template';

export interface NumberedRecommendation {
  /** 1..n, continuous across the whole report. */
  number: number;
  recommendation: Recommendation;
  /** The area the recommendation is printed in; null when none of its requirements is in the template. */
  areaId: string | null;
}

export interface RecommendationNumbering {
  /** Every recommendation in report order, numbered. */
  ordered: NumberedRecommendation[];
  /** Area id → its recommendations in report order. */
  byArea: ReadonlyMap<string, NumberedRecommendation[]>;
  /**
   * Recommendations linked to no requirement of the template (the template changed since):
   * numbered after all others so that no recommendation silently disappears from the report.
   */
  unplaced: NumberedRecommendation[];
}

/**
 * Numbers recommendations the way the report prints them. A recommendation belongs to the area
 * of its first linked requirement in report order; areas come in template order, and within an
 * area the lead's `order` decides. Ties fall back to requirement position and then id, so the
 * numbering never depends on the order records happen to be loaded in.
 */
export function numberRecommendations(template: Template, recommendations: readonly Recommendation[]): RecommendationNumbering {
  const position = new Map<string, { areaIndex: number; requirementIndex: number; areaId: string }>();
  let areaIndex = 0;
  let requirementIndex = 0;
  for (const block of template.blocks) {
    for (const area of block.areas) {
      for (const requirement of area.requirements) position.set(requirement.id, { areaIndex, requirementIndex: requirementIndex++, areaId: area.id });
      areaIndex++;
    }
  }

  const placed = recommendations.map((recommendation) => {
    const first = recommendation.requirementIds
      .map((id) => position.get(id))
      .filter((found) => found !== undefined)
      .sort((a, b) => a.requirementIndex - b.requirementIndex)[0];
    return {
      recommendation,
      areaId: first?.areaId ?? null,
      areaIndex: first?.areaIndex ?? Number.POSITIVE_INFINITY,
      requirementIndex: first?.requirementIndex ?? Number.POSITIVE_INFINITY,
    };
  });
  placed.sort(
    (a, b) =>
      a.areaIndex - b.areaIndex ||
      a.recommendation.order - b.recommendation.order ||
      compareIndex(a.requirementIndex, b.requirementIndex) ||
      compareText(a.recommendation.id, b.recommendation.id),
  );

  const ordered = placed.map(({ recommendation, areaId }, index): NumberedRecommendation => ({ number: index + 1, recommendation, areaId }));
  const byArea = new Map<string, NumberedRecommendation[]>();
  for (const item of ordered) {
    if (item.areaId === null) continue;
    const list = byArea.get(item.areaId);
    if (list) list.push(item);
    else byArea.set(item.areaId, [item]);
  }
  return { ordered, byArea, unplaced: ordered.filter((item) => item.areaId === null) };
}

// Infinity - Infinity is NaN, which a sort comparator must never return.
function compareIndex(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** "Recommendation No. 1:", "Recommendations No. 3 & 4:", "Recommendations No. 5, 6 & 7:". */
export function recommendationHeading(numbers: readonly number[]): string {
  if (numbers.length === 0) return '';
  if (numbers.length === 1) return `Recommendation No. ${numbers[0]}:`;
  const last = numbers[numbers.length - 1];
  return `Recommendations No. ${numbers.slice(0, -1).join(', ')} & ${last}:`;
}

const AREA_OF = /^the area of /i;

/**
 * The area's name after "in the area of". The phrase is written for the fulfilment sentence and
 * may carry a qualification that does not fit here ("border/boundary management, including
 * carriers’ responsibility"): the seed then writes only the area's name ("in the area of
 * border/boundary management"), so when the phrase starts with the title, only that start is
 * kept — taken from the phrase, which already has the right lower-case letters.
 */
export function areaName(area: Pick<Area, 'title' | 'phrase'>): string {
  const phrase = area.phrase.trim();
  if (AREA_OF.test(phrase)) return phrase.replace(AREA_OF, '');
  if (phrase.toLowerCase().startsWith(area.title.trim().toLowerCase())) return phrase.slice(0, area.title.trim().length);
  return phrase;
}

/** What an area prints under its recommendations heading: an optional lead-in, then one bullet per recommendation. */
export interface RecommendationText {
  intro: string | null;
  bullets: string[];
}

/** Sentence openings that are a subject, lower-cased when the text follows "To fully comply …, ". */
const SUBJECT_OPENING = /^(The|A|An|This|These|Its|All) /;

/**
 * The seed's wording. One recommendation is one sentence: "To fully comply with requirements in
 * the area of document security, Kosovo should demonstrate …". Several share a lead-in: "…,
 * Kosovo should do the following:" and one bullet each, closed by ";" except the last.
 */
export function recommendationText(territory: string, area: Pick<Area, 'title' | 'phrase'>, texts: readonly string[]): RecommendationText {
  const lead = `To fully comply with requirements in the area of ${areaName(area)},`;
  const subject = `${territory} should `;
  const [only] = texts;
  if (texts.length === 1 && only !== undefined) {
    const text = only.trim();
    if (text.startsWith(subject)) return { intro: null, bullets: [`${lead} ${text}`] };
    if (SUBJECT_OPENING.test(text)) return { intro: null, bullets: [`${lead} ${lowerFirst(text)}`] };
    return { intro: `${lead} the following is necessary:`, bullets: [text] };
  }
  // "Kosovo should do the following: – Kosovo should ratify …" would repeat the subject.
  const items = texts.map((text) => text.trim()).map((text) => (text.startsWith(subject) ? upperFirst(text.slice(subject.length)) : text));
  const intro = items.some((text) => SUBJECT_OPENING.test(text)) ? `${lead} the following is necessary:` : `${lead} ${territory} should do the following:`;
  return { intro, bullets: listPunctuation(items) };
}

/** Items of a running list end with ";" and the last with ".", as the seed's bullet lists do. */
export function listPunctuation(items: readonly string[]): string[] {
  return items.map((item, index) => {
    const text = item.trim();
    if (index === items.length - 1) return /[.;:!?]$/.test(text) ? text.replace(/;$/, '.') : `${text}.`;
    return /[.;]$/.test(text) ? `${text.slice(0, -1)};` : /[:!?]$/.test(text) ? text : `${text};`;
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function upperFirst(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
