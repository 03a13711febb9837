import { archivedAnswers, answerKey, splitAnswerKey } from '../questionnaire';
import type { AttachmentEvidence, Evidence, Finding, SourceKind } from '../schemas/finding';
import type { Requirement } from '../schemas/template';
import { narrativeParagraphs } from './narrative-paragraphs';
import { formatAnswer } from './questionnaire-text';
import { fitImage, imageSize } from './image-size';
import { requirementNumber } from './report-annexes';
import { roleLabel } from './role-label';
import { formatDate, formatDateRange } from './report-dates';
import type { ReportInput, ReportOptions } from './report-input';
import type { FooterPart } from './report-model-types';
import { statisticText } from './statistic-text';

/** One member's findings as plain data, in template order; rendered by render-expert-report.ts. */
export interface ExpertReportModel {
  /** "Expert report — Mojca Žagar (Slovenia — Police, Border Police Division)" */
  title: string;
  missionTitle: string;
  dates: string;
  role: string;
  generated: string;
  header: string;
  footer: FooterPart[];
  /** "12 findings on 12 requirements in 3 areas." */
  summary: string;
  blocks: ExpertBlock[];
}

export interface ExpertBlock {
  title: string;
  areas: ExpertArea[];
}

export interface ExpertArea {
  title: string;
  requirements: ExpertRequirement[];
}

export interface ExpertRequirement {
  requirementId: string;
  /** "4. Effective readmission of own citizens." */
  heading: string;
  findings: ExpertFinding[];
}

export interface ExpertFinding {
  findingId: string;
  /** "Proposed rating: Fulfilled" */
  rating: string;
  flags: string[];
  sites: string[];
  sources: string[];
  paragraphs: string[];
  answers: ExpertAnswer[];
  statistics: string[];
  attachments: ExpertAttachment[];
}

export interface ExpertAnswer {
  question: string;
  /** One per place the question was answered; `site` is null for a question asked once per mission. */
  answers: { site: string | null; answer: string }[];
}

export interface ExpertAttachment {
  /** "photo.jpg — Second-line booth (7 July 2015)" */
  label: string;
  /** Present when the bytes are at hand and are a readable PNG or JPEG. */
  image: EmbeddedImage | null;
}

export interface EmbeddedImage {
  data: Uint8Array;
  type: 'png' | 'jpg';
  /** Display size in pixels at 96 per inch, at most 15 cm wide. */
  width: number;
  height: number;
  description: string;
}

const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  'government-report': 'Government report',
  'member-state-expert': 'Member State expert',
  'eu-office': 'EU Office',
  agency: 'EU Agency',
  statistics: 'Statistics',
  other: 'Other source',
};

/** Photos are embedded at most this wide (the text width is 16 cm) and this tall (the page, less room for a caption). */
const MAX_IMAGE_WIDTH_CM = 15;
const MAX_IMAGE_HEIGHT_CM = 20;

export function buildExpertReport(input: ReportInput, memberId: string, options: ReportOptions = {}): ExpertReportModel {
  const { mission, template } = input;
  const member = input.members.find((candidate) => candidate.id === memberId);
  if (!member) throw new Error(`No member with id "${memberId}" in mission "${mission.title}"; cannot write an expert report for it.`);

  const siteNames = new Map(input.sites.map((site) => [site.id, site.name]));
  const evidenceByFinding = new Map<string, Evidence[]>();
  for (const item of input.evidence) {
    const list = evidenceByFinding.get(item.findingId) ?? [];
    list.push(item);
    evidenceByFinding.set(item.findingId, list);
  }
  const mine = input.findings.filter((finding) => finding.authorId === member.id);
  const byRequirement = new Map<string, Finding[]>();
  for (const finding of mine) {
    const list = byRequirement.get(finding.requirementId) ?? [];
    list.push(finding);
    byRequirement.set(finding.requirementId, list);
  }
  const levels = new Map(template.scale.levels.map((level) => [level.id, level.label]));

  const describe = (finding: Finding, requirement: Requirement | null): ExpertFinding => ({
    findingId: finding.id,
    rating: `Proposed rating: ${finding.rating === null ? 'none yet' : (levels.get(finding.rating) ?? `unknown rating “${finding.rating}”`)}`,
    flags: [finding.flags.goodPractice ? 'Good practice' : null, finding.flags.seriousDeficiency ? 'Serious deficiency' : null].filter((flag) => flag !== null),
    sites: finding.siteIds.map((id) => siteNames.get(id) ?? id),
    sources: finding.sources.map((source) => source.text.trim() || SOURCE_KIND_LABELS[source.kind]),
    paragraphs: narrativeParagraphs(finding.narrative),
    answers: answersOf(finding, requirement, input.sites, siteNames),
    statistics: (evidenceByFinding.get(finding.id) ?? []).flatMap((item) => (item.kind === 'statistic' ? [statisticText(item)] : [])),
    attachments: (evidenceByFinding.get(finding.id) ?? []).flatMap((item) => (item.kind === 'attachment' ? [attachmentOf(item, input.attachments)] : [])),
  });

  const placed = new Set<string>();
  const blocks: ExpertBlock[] = [];
  let areaCount = 0;
  for (const block of template.blocks) {
    const areas: ExpertArea[] = [];
    for (const area of block.areas) {
      const requirements: ExpertRequirement[] = [];
      area.requirements.forEach((requirement, index) => {
        const findings = byRequirement.get(requirement.id);
        if (!findings) return;
        placed.add(requirement.id);
        requirements.push({
          requirementId: requirement.id,
          heading: `${requirementNumber(requirement, index)}. ${requirement.text}`,
          findings: findings.map((finding) => describe(finding, requirement)),
        });
      });
      if (requirements.length > 0) areas.push({ title: area.title, requirements });
    }
    areaCount += areas.length;
    if (areas.length > 0) blocks.push({ title: block.title, areas });
  }
  // Findings on requirements the template no longer has are still the expert's work: keep them.
  const orphans = [...byRequirement].filter(([id]) => !placed.has(id));
  if (orphans.length > 0) {
    blocks.push({
      title: 'Requirements not in this template version',
      areas: [
        {
          title: 'Other findings',
          requirements: orphans.map(([id, findings]) => ({ requirementId: id, heading: `Requirement “${id}”`, findings: findings.map((finding) => describe(finding, null)) })),
        },
      ],
    });
  }

  const requirementCount = byRequirement.size;
  const summary =
    mine.length === 0
      ? 'No findings recorded.'
      : `${count(mine.length, 'finding')} on ${count(requirementCount, 'requirement')} in ${count(areaCount + (orphans.length > 0 ? 1 : 0), 'area')}.`;

  return {
    title: `Expert report — ${member.name} (${member.organisation})`,
    missionTitle: mission.title,
    dates: `Mission carried out ${formatDateRange(mission.startDate, mission.endDate)}`,
    role: roleLabel(member.role),
    generated: `Generated on ${formatDate(options.generatedAt ?? new Date().toISOString())}`,
    header: mission.classification.trim(),
    footer: ['Page ', { field: 'page' }, ' of ', { field: 'pages' }],
    summary,
    blocks,
  };
}

function count(value: number, noun: string): string {
  return `${value} ${value === 1 ? noun : `${noun}s`}`;
}

function answersOf(finding: Finding, requirement: Requirement | null, sites: ReportInput['sites'], siteNames: ReadonlyMap<string, string>): ExpertAnswer[] {
  const questions = requirement?.questions ?? [];
  const out: ExpertAnswer[] = [];
  for (const question of questions) {
    const answers: ExpertAnswer['answers'] = [];
    if (question.scope.per === 'mission') {
      const value = finding.answers[answerKey(question.id, null)];
      if (value !== undefined) answers.push({ site: null, answer: formatAnswer(question, value) });
    } else {
      // Sites in the mission's order, then any site id the answers name that the mission lost.
      const known = new Set(sites.map((site) => site.id));
      const siteIds = [
        ...sites.map((site) => site.id),
        ...Object.keys(finding.answers)
          .map(splitAnswerKey)
          .filter((key) => key.questionId === question.id && key.siteId !== null && !known.has(key.siteId))
          .map((key) => key.siteId ?? ''),
      ];
      for (const siteId of siteIds) {
        const value = finding.answers[answerKey(question.id, siteId)];
        if (value !== undefined) answers.push({ site: siteNames.get(siteId) ?? siteId, answer: formatAnswer(question, value) });
      }
    }
    if (answers.length > 0) out.push({ question: question.text, answers });
  }
  // Answers to questions the template no longer asks are shown as stored, never dropped.
  for (const [key, value] of archivedAnswers(questions, finding.answers)) {
    const { questionId, siteId } = splitAnswerKey(key);
    const answer = Array.isArray(value) ? value.join(', ') : String(value);
    out.push({ question: `${questionId} (no longer in the template)`, answers: [{ site: siteId === null ? null : (siteNames.get(siteId) ?? siteId), answer }] });
  }
  return out;
}

function attachmentOf(item: AttachmentEvidence, attachments: ReportInput['attachments']): ExpertAttachment {
  const details = [item.caption.trim(), item.date ? formatDate(item.date) : ''].filter((text) => text !== '');
  const label = details.length > 0 ? `${item.fileName} — ${details.join(', ')}` : item.fileName;
  const bytes = attachments?.get(item.sha256);
  const type = item.mediaType === 'image/png' ? 'png' : item.mediaType === 'image/jpeg' || item.mediaType === 'image/jpg' ? 'jpg' : null;
  const size = bytes && type ? imageSize(bytes) : null;
  // Embed only when the bytes really are the declared format: a mislabelled file would make Word repair the document.
  if (!bytes || !type || !size || (size.format === 'png') !== (type === 'png')) return { label, image: null };
  return { label, image: { data: bytes, type, ...fitImage(size, MAX_IMAGE_WIDTH_CM, MAX_IMAGE_HEIGHT_CM), description: item.caption.trim() || item.fileName } };
}
