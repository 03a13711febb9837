import { beforeAll, describe, expect, it } from 'vitest';
import { buildMissionReport, renderMissionReport, type ReportInput } from '../../../shared/report';
import type { Assessment, Finding, Recommendation } from '../../../shared/schemas/finding';
import type { Member, Mission, SiteVisit } from '../../../shared/schemas/mission';
import { TemplateSchema, type Template } from '../../../shared/schemas/template';
import { documentParagraphs, openDocx, packageProblems, paragraphTexts, partsMatching, type DocxPackage } from './docx-reading';

/**
 * Nothing in the report is specific to Kosovo or the roadmap: a hand-written Schengen-style
 * mission to "Ruritania" with its own scale (two levels count as fulfilled), a block with one
 * area and one with two, a requirement not assessed and three recommendations.
 */
const template: Template = TemplateSchema.parse({
  format: 'mission-kit/template',
  formatVersion: 1,
  id: 'schengen-test',
  version: 3,
  title: 'Schengen evaluation — external borders (test)',
  framework: 'Schengen evaluation',
  scale: {
    id: 'schengen',
    name: 'Schengen grading',
    levels: [
      { id: 'compliant', label: 'Compliant', counts: 'fulfilled' },
      { id: 'compliant-improvement-necessary', label: 'Compliant but improvement necessary', counts: 'fulfilled' },
      { id: 'non-compliant', label: 'Non-compliant', counts: 'not-fulfilled' },
      { id: 'not-assessed', label: 'Not assessed', counts: 'not-counted' },
    ],
  },
  blocks: [
    {
      id: 'border-control',
      title: 'Border control',
      areas: [
        {
          id: 'checks',
          title: 'Border checks',
          phrase: 'border checks',
          requirements: [
            {
              id: 'checks-1',
              text: 'Systematic checks of all persons against the relevant databases.',
              questions: [{ id: 'sis-consulted', text: 'Is the SIS consulted for every traveller?', type: 'yes-no-partly', scope: { per: 'site' } }],
            },
            { id: 'checks-2', text: 'Second-line checks with appropriate equipment.' },
            { id: 'checks-3', text: 'Document examination equipment at every crossing point.' },
            { id: 'checks-4', text: 'Stamping of travel documents.' },
          ],
        },
      ],
    },
    {
      id: 'governance',
      title: 'Governance of border management',
      areas: [
        {
          id: 'risk',
          title: 'Risk analysis',
          phrase: 'the area of risk analysis',
          requirements: [
            { id: 'risk-1', number: '2.1', text: 'A national risk analysis capacity.' },
            { id: 'risk-2', number: '2.2', text: 'Risk profiles at crossing points.' },
            { id: 'risk-3', number: '2.3', text: 'Risk analysis products shared with the crossing points.' },
          ],
        },
        {
          id: 'staff',
          title: 'Staff and training',
          phrase: 'staff and training',
          requirements: [
            { id: 'staff-1', text: 'Sufficient staff at crossing points.' },
            { id: 'staff-2', text: 'Training on fundamental rights.' },
            { id: 'staff-3', text: 'Language training.' },
          ],
        },
      ],
    },
  ],
});

const missionId = 'ruritania-2024';
const mission: Mission = {
  id: missionId,
  templateId: template.id,
  templateVersion: template.version,
  title: 'Ruritania — Schengen evaluation of external borders',
  territory: { name: 'Ruritania' },
  framework: 'Schengen evaluation',
  startDate: '2024-09-30',
  endDate: '2024-10-04',
  classification: '',
  reportVersion: '0.9',
  createdAt: '2024-09-01T08:00:00+02:00',
};

const members: Member[] = [
  { id: 'lead', missionId, name: 'Anna Lindqvist', organisation: 'European Commission', role: 'lead', areaIds: [] },
  { id: 'at', missionId, name: 'Karl Huber', organisation: 'Austria — Federal Police', role: 'expert', areaIds: ['checks'] },
  { id: 'nl', missionId, name: 'Sanne de Vries', organisation: 'Netherlands — Royal Marechaussee', role: 'expert', areaIds: ['risk', 'staff'] },
];

const sites: SiteVisit[] = [
  { id: 'port', missionId, type: 'sea-crossing', name: 'Port of Strelsau', date: '2024-10-01', host: 'Border Guard', memberIds: ['at'], notes: '' },
  { id: 'airport', missionId, type: 'air-crossing', name: 'Zenda Airport', date: '2024-09-30', host: 'Border Guard', memberIds: ['at', 'nl'], notes: '' },
];

const finding = (id: string, requirementId: string, authorId: string, answers: Finding['answers'] = {}): Finding => ({
  id,
  missionId,
  requirementId,
  authorId,
  deviceId: `device-${authorId}`,
  rating: null,
  narrative: '',
  siteIds: [],
  sources: [{ kind: 'member-state-expert', text: 'On-site visit, October 2024' }],
  flags: { goodPractice: false, seriousDeficiency: false },
  answers,
});

const findings: Finding[] = [
  finding('f1', 'checks-1', 'at', { 'sis-consulted@airport': 'yes', 'sis-consulted@port': 'no' }),
  finding('f2', 'risk-1', 'nl'),
];

const assessment = (requirementId: string, rating: string | null, narrative = ''): Assessment => ({
  id: `a-${requirementId}`,
  missionId,
  requirementId,
  rating,
  narrative,
  sourceFindingIds: [],
});

const assessments: Assessment[] = [
  assessment('checks-1', 'compliant', 'All persons are checked against the SIS at Zenda Airport.\n\nAt the Port of Strelsau, the SIS was not consulted for crew members.'),
  assessment('checks-2', 'compliant-improvement-necessary', 'Second-line checks are carried out.'),
  assessment('checks-3', 'non-compliant', 'The port has no document examination equipment.'),
  assessment('checks-4', 'compliant'),
  assessment('risk-1', 'compliant', 'A national risk analysis centre exists.'),
  assessment('risk-2', 'not-assessed'),
  assessment('risk-3', 'non-compliant', 'Risk analysis products do not reach the crossing points.'),
  assessment('staff-1', 'compliant-improvement-necessary', '   \n\n  '),
  assessment('staff-2', 'non-compliant', 'No training on fundamental rights is offered.'),
  // staff-3 has no assessment at all.
];

const recommendation = (id: string, requirementId: string, text: string, keyPriority: boolean): Recommendation => ({
  id,
  missionId,
  text,
  requirementIds: [requirementId],
  keyPriority,
  order: 0,
});

// Deliberately not in report order.
const recommendations: Recommendation[] = [
  recommendation('r-staff', 'staff-2', 'Adopt a training plan for border guards on fundamental rights.', false),
  recommendation('r-risk', 'risk-3', 'The national risk analysis centre should share its products with all crossing points.', false),
  recommendation('r-checks', 'checks-3', 'Ruritania should equip every crossing point with document examination equipment.', true),
];

const input: ReportInput = { template, mission, members, sites, findings, evidence: [], assessments, recommendations };

let pkg: DocxPackage;
let paragraphs: string[];

beforeAll(async () => {
  pkg = openDocx(await renderMissionReport(input, { generatedAt: '2024-11-15T12:00:00Z' }));
  paragraphs = documentParagraphs(pkg);
});

describe('mission report on another template and scale', () => {
  it('is a well-formed package', () => {
    expect(packageProblems(pkg)).toEqual([]);
  });

  it('numbers sections from the template: one area goes straight under its block, two areas get subsections', () => {
    const body = paragraphs.slice(0, paragraphs.indexOf('ANNEX A: STATUS OF THE REQUIREMENTS'));
    expect(body.filter((text) => /^\d+\.(\d+\.)? [A-Z]/.test(text))).toEqual([
      '1. INTRODUCTION',
      '2. BORDER CONTROL',
      '3. GOVERNANCE OF BORDER MANAGEMENT',
      '3.1. Risk analysis',
      '3.2. Staff and training',
      '4. CONCLUSION',
    ]);
    expect(paragraphs[paragraphs.indexOf('2. BORDER CONTROL') + 1]).toBe('Ruritania fulfils three of the four requirements in border checks.');
  });

  it('counts both fulfilling levels and states what has not been assessed', () => {
    expect(paragraphs.filter((text) => /^Ruritania fulfils .* requirements in /.test(text))).toEqual([
      'Ruritania fulfils three of the four requirements in border checks.',
      'Ruritania fulfils one of the three requirements in the area of risk analysis; one requirement has not yet been assessed.',
      'Ruritania fulfils one of the three requirements in staff and training; one requirement has not yet been assessed.',
    ]);
  });

  it('prints the consolidated narratives paragraph by paragraph, skipping empty ones', () => {
    const at = paragraphs.indexOf('Ruritania fulfils three of the four requirements in border checks.');
    expect(paragraphs.slice(at + 1, at + 5)).toEqual([
      'All persons are checked against the SIS at Zenda Airport.',
      'At the Port of Strelsau, the SIS was not consulted for crew members.',
      'Second-line checks are carried out.',
      'The port has no document examination equipment.',
    ]);
    const staff = paragraphs.indexOf('3.2. Staff and training');
    expect(paragraphs[staff + 2]).toBe('No training on fundamental rights is offered.');
  });

  it('numbers the recommendations in report order, whatever order they were entered in', () => {
    const after = (heading: string, count: number): string[] => paragraphs.slice(paragraphs.indexOf(heading), paragraphs.indexOf(heading) + 1 + count);
    expect(after('Recommendation No. 1:', 1)).toEqual([
      'Recommendation No. 1:',
      'To fully comply with requirements in the area of border checks, Ruritania should equip every crossing point with document examination equipment.',
    ]);
    expect(after('Recommendation No. 2:', 1)).toEqual([
      'Recommendation No. 2:',
      'To fully comply with requirements in the area of risk analysis, the national risk analysis centre should share its products with all crossing points.',
    ]);
    expect(after('Recommendation No. 3:', 2)).toEqual([
      'Recommendation No. 3:',
      'To fully comply with requirements in the area of staff and training, the following is necessary:',
      'Adopt a training plan for border guards on fundamental rights.',
    ]);
  });

  it('concludes with the totals and the recommendations by priority', () => {
    const conclusion = paragraphs.slice(paragraphs.indexOf('4. CONCLUSION') + 1, paragraphs.indexOf('ANNEX A: STATUS OF THE REQUIREMENTS'));
    expect(conclusion.filter((text) => text !== '')).toEqual([
      'The current report has set out 3 recommendations corresponding to 3 outstanding requirements.',
      'Ruritania fulfils five of the ten requirements; two requirements have not yet been assessed.',
      'Progress in implementing reforms in the following areas remains a key priority:',
      'Equip every crossing point with document examination equipment.',
      'Ruritania should also address the other outstanding recommendations:',
      'The national risk analysis centre should share its products with all crossing points;',
      'Adopt a training plan for border guards on fundamental rights.',
    ]);
  });

  it('gives each requirement’s consolidated rating and recommendation in annex A', () => {
    const annexA = paragraphs.slice(paragraphs.indexOf('ANNEX A: STATUS OF THE REQUIREMENTS'), paragraphs.indexOf('ANNEX B: SITES VISITED'));
    const row = (text: string): string[] => annexA.slice(annexA.indexOf(text) - 1, annexA.indexOf(text) + 3);
    expect(row('Second-line checks with appropriate equipment.')).toEqual(['2', 'Second-line checks with appropriate equipment.', 'Compliant but improvement necessary', '']);
    expect(row('Document examination equipment at every crossing point.')).toEqual(['3', 'Document examination equipment at every crossing point.', 'Non-compliant', 'No. 1']);
    expect(row('Risk profiles at crossing points.')).toEqual(['2.2', 'Risk profiles at crossing points.', 'Not assessed', '']);
    expect(row('Risk analysis products shared with the crossing points.')).toEqual(['2.3', 'Risk analysis products shared with the crossing points.', 'Non-compliant', 'No. 2']);
    expect(row('Language training.')).toEqual(['3', 'Language training.', 'Not assessed', '']);
    expect(annexA).toContain('2. Border checks');
    expect(annexA).toContain('3.1. Risk analysis');
  });

  it('lists the sites by date, the team and the questionnaire answers', () => {
    const annexB = paragraphs.slice(paragraphs.indexOf('ANNEX B: SITES VISITED'), paragraphs.indexOf('ANNEX C: COMPOSITION OF THE TEAM'));
    expect(annexB.filter((text) => / 20\d\d$/.test(text))).toEqual(['30 September 2024', '1 October 2024']);
    expect(annexB).toContain('Air crossing point');
    const annexC = paragraphs.slice(paragraphs.indexOf('ANNEX C: COMPOSITION OF THE TEAM'), paragraphs.indexOf('ANNEX D: ANSWERS TO THE GUIDING QUESTIONS'));
    expect(annexC.slice(annexC.indexOf('Anna Lindqvist'), annexC.indexOf('Anna Lindqvist') + 3)).toEqual(['Anna Lindqvist', 'European Commission', 'Team lead']);
    const annexD = paragraphs.slice(paragraphs.indexOf('ANNEX D: ANSWERS TO THE GUIDING QUESTIONS'));
    expect(annexD).toContain('Is the SIS consulted for every traveller?');
    expect(annexD).toContain('Yes at 1 of 2 site visits, No at 1');
  });

  it('writes the introduction without a footnote or a classification when the mission has none', () => {
    expect(paragraphs).toContain('This report sets out the findings of the assessment mission to Ruritania carried out from 30 September to 4 October 2024 in the framework of the Schengen evaluation.');
    expect(paragraphs).toContain('The team consisted of two experts from two Member States and organisations: Austria and Netherlands, led by Anna Lindqvist (European Commission).');
    expect(pkg.part('word/document.xml')).not.toContain('<w:footnoteReference');
    const headers = partsMatching(pkg, /^word\/header\d*\.xml$/).flatMap((name) => paragraphTexts(pkg.part(name)));
    expect(headers.join('')).toBe('');
  });

  it('leaves the questionnaire annex out on request', async () => {
    const without = documentParagraphs(openDocx(await renderMissionReport(input, { generatedAt: '2024-11-15T12:00:00Z', includeQuestionnaireAnnex: false })));
    expect(without.some((text) => text.startsWith('ANNEX D'))).toBe(false);
    expect(without).toContain('Annex A gives the status of each requirement; Annex B, the sites visited; Annex C, the composition of the team.');
  });

  it('reports counts and warns about an outstanding requirement without a recommendation', () => {
    const model = buildMissionReport({ ...input, recommendations: recommendations.filter((item) => item.id !== 'r-staff') }, { generatedAt: '2024-11-15T12:00:00Z' });
    expect(model.counts).toMatchObject({ fulfilled: 5, notFulfilled: 3, notAssessed: 2, total: 10, outstanding: 3, recommendations: 2, keyPriorities: 1 });
    expect(model.counts.areas.map((area) => [area.areaId, area.fulfilled, area.total])).toEqual([
      ['checks', 3, 4],
      ['risk', 1, 3],
      ['staff', 1, 3],
    ]);
    expect(model.warnings).toEqual(['Requirement “staff-2” (Staff and training) is not fulfilled but has no recommendation.']);
    expect(model.conclusion.body[0]).toBe('The current report has set out 2 recommendations corresponding to 3 outstanding requirements.');
  });

  it('says "1 recommendation" in the singular', () => {
    const model = buildMissionReport(
      { ...input, recommendations: recommendations.filter((item) => item.id === 'r-risk'), assessments: assessments.filter((item) => item.rating !== 'non-compliant' || item.requirementId === 'risk-3') },
      { generatedAt: '2024-11-15T12:00:00Z' },
    );
    expect(model.conclusion.body[0]).toBe('The current report has set out 1 recommendation corresponding to 1 outstanding requirement.');
    expect(model.conclusion.keyPriorities).toBeNull();
    expect(model.conclusion.others?.intro).toBe('Ruritania should address the following outstanding recommendations:');
  });
});
