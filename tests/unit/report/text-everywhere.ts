import type { ReportInput } from '../../../shared/report';
import type { Assessment, Evidence, Finding, Recommendation } from '../../../shared/schemas/finding';
import type { Member, Mission, SiteVisit } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import { solidPng } from '../../fixtures/png';

export const EXPERT_ID = 'expert';
const missionId = 'm';
const PHOTO_SHA = 'a'.repeat(64);

/**
 * A small mission in which every text a person can type, and every template text that reaches
 * a report, is `text()`: titles, names, the classification, narratives, recommendations, sites,
 * sources, answers to every kind of question, statistics, photo file names and captions, scale
 * labels, requirement numbers. Ids, dates and numbers stay valid, so both reports take every
 * path (area headings, footnote, annexes, an embedded photo, a finding on a requirement the
 * template lost, an answer to a question it no longer asks).
 */
export function missionWithText(text: () => string): ReportInput {
  const template: Template = {
    format: 'mission-kit/template',
    formatVersion: 1,
    id: 'tpl',
    version: 1,
    title: text(),
    framework: text(),
    description: text(),
    language: 'en',
    scale: {
      id: 'scale',
      name: text(),
      levels: [
        { id: 'yes', label: text(), counts: 'fulfilled', description: text() },
        { id: 'no', label: text(), counts: 'not-fulfilled' },
        { id: 'na', label: text(), counts: 'not-counted' },
      ],
    },
    blocks: [
      {
        id: 'b1',
        title: text(),
        areas: [
          {
            id: 'a1',
            title: text(),
            phrase: text(),
            requirements: [
              {
                id: 'r1',
                number: text(),
                text: text(),
                paraphrased: false,
                guidance: text(),
                questions: [
                  { id: 'q-short', text: text(), type: 'short-text', scope: { per: 'mission' } },
                  { id: 'q-long', text: text(), type: 'long-text', scope: { per: 'site', siteTypes: [] } },
                  { id: 'q-yes', text: text(), type: 'yes-no-partly', scope: { per: 'site', siteTypes: [] } },
                  { id: 'q-one', text: text(), type: 'single-choice', options: [{ id: 'o1', label: text() }, { id: 'o2', label: text() }], scope: { per: 'mission' } },
                  { id: 'q-many', text: text(), type: 'multiple-choice', options: [{ id: 'o1', label: text() }, { id: 'o2', label: text() }], scope: { per: 'mission' } },
                  { id: 'q-number', text: text(), type: 'number', unit: text(), scope: { per: 'mission' } },
                  { id: 'q-date', text: text(), type: 'date', scope: { per: 'mission' } },
                ],
              },
              { id: 'r2', text: text(), paraphrased: false, questions: [] },
            ],
          },
          { id: 'a2', title: text(), phrase: text(), requirements: [{ id: 'r3', text: text(), paraphrased: false, questions: [] }] },
        ],
      },
    ],
  };
  const mission: Mission = {
    id: missionId,
    templateId: template.id,
    templateVersion: 1,
    title: text(),
    territory: { name: text(), footnote: text() },
    framework: text(),
    startDate: '2024-09-30',
    endDate: '2024-10-04',
    classification: text(),
    reportVersion: text(),
    createdAt: '2024-09-01T08:00:00+02:00',
  };
  const members: Member[] = [
    { id: 'lead', missionId, name: text(), organisation: text(), role: 'lead', areaIds: [] },
    { id: EXPERT_ID, missionId, name: text(), organisation: text(), role: 'expert', areaIds: ['a1'] },
  ];
  const sites: SiteVisit[] = [
    { id: 's1', missionId, type: 'sea-crossing', name: text(), date: '2024-10-01', host: text(), memberIds: [EXPERT_ID], notes: text() },
    { id: 's2', missionId, type: 'police', name: text(), date: '2024-10-02', host: text(), memberIds: [], notes: text() },
  ];
  const finding = (id: string, requirementId: string, answers: Finding['answers']): Finding => ({
    id,
    missionId,
    requirementId,
    authorId: EXPERT_ID,
    deviceId: 'device',
    rating: 'no',
    narrative: `${text()}\n\n${text()}\n${text()}`,
    siteIds: ['s1', 's2'],
    sources: [
      { kind: 'other', text: text() },
      { kind: 'statistics', text: text() },
    ],
    flags: { goodPractice: true, seriousDeficiency: true },
    answers,
  });
  const findings: Finding[] = [
    finding('f1', 'r1', {
      'q-short': text(),
      'q-long@s1': text(),
      'q-long@s2': text(),
      'q-yes@s1': 'partly',
      'q-one': 'o2',
      'q-many': ['o1', 'o2'],
      'q-number': 42,
      'q-date': '2024-10-01',
      // A question the template no longer asks: printed as stored.
      'q-gone': text(),
    }),
    // A requirement the template no longer has: still the expert's work, still printed.
    finding('f2', 'r-gone', {}),
  ];
  const evidence: Evidence[] = [
    { id: 'e1', missionId, findingId: 'f1', kind: 'statistic', label: text(), value: 1542, ofTotal: 2744, unit: text(), period: text(), source: text() },
    { id: 'e2', missionId, findingId: 'f1', kind: 'attachment', fileName: text(), mediaType: 'image/png', size: 100, sha256: PHOTO_SHA, caption: text(), date: '2024-10-01' },
    { id: 'e3', missionId, findingId: 'f1', kind: 'attachment', fileName: text(), mediaType: 'application/pdf', size: 100, sha256: 'b'.repeat(64), caption: text() },
  ];
  const assessment = (requirementId: string, rating: string): Assessment => ({ id: `as-${requirementId}`, missionId, requirementId, rating, narrative: `${text()}\n\n${text()}`, sourceFindingIds: [] });
  const assessments: Assessment[] = [assessment('r1', 'no'), assessment('r2', 'yes'), assessment('r3', 'na')];
  const recommendation = (id: string, requirementId: string, keyPriority: boolean): Recommendation => ({ id, missionId, text: text(), requirementIds: [requirementId], keyPriority, order: 0 });
  const recommendations: Recommendation[] = [recommendation('rec1', 'r1', true), recommendation('rec2', 'r1', false), recommendation('rec3', 'r3', false)];
  return {
    template,
    mission,
    members,
    sites,
    findings,
    evidence,
    assessments,
    recommendations,
    attachments: new Map([[PHOTO_SHA, new Uint8Array(solidPng(8, 4, [40, 90, 160]))]]),
  };
}

/** `missionWithText` with the strings of `texts`, used in turn and round again. */
export function missionWithTexts(texts: readonly string[]): ReportInput {
  let next = 0;
  return missionWithText(() => texts[next++ % texts.length] ?? '');
}
