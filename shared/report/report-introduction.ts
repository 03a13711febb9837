import type { Finding, SourceKind } from '../schemas/finding';
import type { Member, Mission, SiteVisit } from '../schemas/mission';
import type { Template } from '../schemas/template';
import { numberWord } from './number-words';
import { formatDateRange } from './report-dates';
import type { Footnote, RichParagraph } from './report-model-types';

export interface IntroductionFacts {
  mission: Mission;
  template: Template;
  members: readonly Member[];
  sites: readonly SiteVisit[];
  findings: readonly Finding[];
  /** What each annex holds, in order: { letter: 'B', subject: 'the sites visited' }. */
  annexes: readonly { letter: string; subject: string }[];
  /** Letter of the annex listing the sites, which the sites sentence points to. */
  sitesAnnex: string | null;
}

export interface Introduction {
  paragraphs: RichParagraph[];
  footnotes: Footnote[];
}

/**
 * The introduction, written from the mission's data in the seed's manner: what was assessed,
 * when, on what information, by whom. The territory's designation footnote goes on its first
 * mention, as the Commission prints "Kosovo*".
 */
export function buildIntroduction(facts: IntroductionFacts): Introduction {
  const { mission, template } = facts;
  const territory = mission.territory.name;
  const requirements = template.blocks.reduce((sum, block) => sum + block.areas.reduce((n, area) => n + area.requirements.length, 0), 0);
  const areas = template.blocks.reduce((sum, block) => sum + block.areas.length, 0);

  const texts = [
    `This report sets out the findings of the assessment mission to ${territory} carried out ${formatDateRange(mission.startDate, mission.endDate)} in the framework of ${withArticle(mission.framework)}.`,
    `The team assessed the extent to which ${territory} fulfils the ${numberWord(requirements)} ${requirements === 1 ? 'requirement' : 'requirements'} of the “${template.title}” (version ${template.version}), grouped in ${countOf(template.blocks.length, 'block')} and ${countOf(areas, 'area')}. For each area, the report states how many requirements are fulfilled, summarises the team’s consolidated assessment and formulates recommendations where further steps are necessary for full compliance.`,
    sourcesSentence(facts.findings),
    teamSentence(facts.members),
    sitesSentence(facts.sites, facts.sitesAnnex),
    annexesSentence(facts.annexes),
  ].filter((text): text is string => text !== null);

  const footnote = mission.territory.footnote?.trim();
  if (!footnote) return { paragraphs: texts.map((text) => [{ text }]), footnotes: [] };
  return { paragraphs: attachFootnote(texts, territory, 1), footnotes: [{ id: 1, text: footnote }] };
}

/** Splits the first paragraph mentioning `term` so the footnote mark follows that mention. */
export function attachFootnote(texts: readonly string[], term: string, id: number): RichParagraph[] {
  let attached = false;
  return texts.map((text) => {
    const at = attached ? -1 : text.indexOf(term);
    if (at < 0) return [{ text }];
    attached = true;
    const end = at + term.length;
    const parts: RichParagraph = [{ text: text.slice(0, end), footnote: id }];
    if (end < text.length) parts.push({ text: text.slice(end) });
    return parts;
  });
}

function withArticle(framework: string): string {
  const text = framework.trim();
  return /^(the|a|an)\s/i.test(text) ? text : `the ${text}`;
}

function countOf(count: number, noun: string): string {
  return `${numberWord(count)} ${count === 1 ? noun : `${noun}s`}`;
}

const SOURCE_ORDER: readonly SourceKind[] = ['government-report', 'member-state-expert', 'eu-office', 'agency', 'statistics', 'other'];

/** Said when a source was recorded by kind only, without a text. */
const SOURCE_KIND_TEXT: Record<SourceKind, string> = {
  'government-report': 'reports submitted by the authorities',
  'member-state-expert': 'reports of Member State experts',
  'eu-office': 'information from the EU Office',
  agency: 'information from EU Agencies',
  statistics: 'statistical data',
  other: 'other sources',
};

function sourcesSentence(findings: readonly Finding[]): string {
  const seen = new Map<string, SourceKind>();
  for (const finding of findings) {
    for (const source of finding.sources) {
      const text = source.text.trim() || SOURCE_KIND_TEXT[source.kind];
      if (!seen.has(text)) seen.set(text, source.kind);
    }
  }
  if (seen.size === 0) return 'The assessment draws upon the findings recorded by the team.';
  const sorted = [...seen].map(([text, kind], index) => ({ text, rank: SOURCE_ORDER.indexOf(kind), index }));
  sorted.sort((a, b) => a.rank - b.rank || a.index - b.index);
  // Semicolons, because source texts often contain commas ("… progress report, 2015").
  return `The assessment draws upon the following sources: ${sorted.map((source) => source.text).join('; ')}.`;
}

/** "Slovenia — Police, Border Police Division" → "Slovenia": the Member State or organisation itself. */
export function organisationName(organisation: string): string {
  return organisation.split(/\s+[—–-]\s+/)[0]?.trim() || organisation.trim();
}

function teamSentence(members: readonly Member[]): string | null {
  const experts = members.filter((member) => member.role === 'expert');
  const leads = members.filter((member) => member.role === 'lead');
  const observers = members.filter((member) => member.role === 'observer');
  const ledBy = leads.length > 0 ? `led by ${joinAnd(leads.map((lead) => `${lead.name} (${lead.organisation})`))}` : '';
  let sentence: string;
  if (experts.length > 0) {
    const organisations = [...new Set(experts.map((expert) => organisationName(expert.organisation)))].sort((a, b) => a.localeCompare(b, 'en'));
    const from = organisations.length === 1 ? 'one Member State or organisation' : `${numberWord(organisations.length)} Member States and organisations`;
    sentence = `The team consisted of ${countOf(experts.length, 'expert')} from ${from}: ${joinAnd(organisations)}${ledBy ? `, ${ledBy}` : ''}.`;
  } else if (ledBy) {
    sentence = `The mission was ${ledBy}.`;
  } else {
    return null;
  }
  if (observers.length > 0) {
    const also = observers.length === 1 ? 'One observer also took part' : `${capitalise(numberWord(observers.length))} observers also took part`;
    sentence += ` ${also}: ${joinAnd(observers.map((observer) => `${observer.name} (${observer.organisation})`))}.`;
  }
  return sentence;
}

function sitesSentence(sites: readonly SiteVisit[], annex: string | null): string | null {
  if (sites.length === 0) return null;
  const listed = annex ? `, listed in Annex ${annex}` : '';
  return `The team held meetings and made on-site visits at ${countOf(sites.length, 'site')}${listed}.`;
}

function annexesSentence(annexes: IntroductionFacts['annexes']): string | null {
  const [first, ...rest] = annexes;
  if (!first) return null;
  if (rest.length === 0) return `Annex ${first.letter} gives ${first.subject}.`;
  return `Annex ${first.letter} gives ${first.subject}; ${rest.map((annex) => `Annex ${annex.letter}, ${annex.subject}`).join('; ')}.`;
}

/** "A", "A and B", "A, B and C". */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
