import { describe, expect, it } from 'vitest';
import { answerKey, appliesToSite, archivedAnswers, isRelevant, parseAnswer, questionSlots, splitAnswerKey, summariseQuestions } from '../../shared/questionnaire';
import { QuestionSchema, type AnswerValue, type Question } from '../../shared/schemas/question';
import type { SiteVisit } from '../../shared/schemas/mission';
import { planTemplateUpgrade } from '../../shared/template-upgrade';
import { TemplateSchema, type Template } from '../../shared/schemas/template';

const q = (value: unknown): Question => QuestionSchema.parse(value);
const site = (id: string, type: SiteVisit['type']): SiteVisit => ({ id, missionId: 'm', type, name: id, date: '2015-07-07', host: '', memberIds: [], notes: '' });

const secondLine = q({ id: 'second-line', text: 'Second-line checks equipped?', type: 'yes-no-partly', scope: { per: 'site', siteTypes: ['land-crossing', 'air-crossing'] } });
const missing = q({
  id: 'missing',
  text: 'What is missing?',
  type: 'multiple-choice',
  options: [
    { id: 'kit', label: 'Document examination kit' },
    { id: 'databases', label: 'Database access' },
  ],
  scope: { per: 'site', siteTypes: ['land-crossing', 'air-crossing'] },
  relevance: { questionId: 'second-line', anyOf: ['no', 'partly'] },
});
const why = q({ id: 'why', text: 'Why is the kit missing?', type: 'short-text', scope: { per: 'site' }, relevance: { questionId: 'missing', anyOf: ['kit'] } });
const exitChecks = q({ id: 'exit-checks', text: 'Exit checks performed?', type: 'yes-no-partly', scope: { per: 'site', siteTypes: ['land-crossing'] } });
const kvis = q({ id: 'kvis', text: 'Consular missions linked to KVIS', type: 'number', unit: 'missions', min: 0, max: 30 });
const questions = [secondLine, missing, why, exitChecks, kvis];

const merdare = site('merdare', 'land-crossing');
const vermica = site('vermica', 'land-crossing');
const jarinje = site('jarinje', 'land-crossing');
const kulla = site('kulla', 'land-crossing');
const airport = site('airport', 'air-crossing');
const vranidoll = site('vranidoll', 'detention-centre');
const sites = [merdare, vermica, jarinje, kulla, airport, vranidoll];

describe('where questions are asked', () => {
  it('asks mission questions once and site questions at every site visit of their types', () => {
    const slots = questionSlots(questions, sites).map((slot) => slot.key);
    expect(slots.filter((key) => key === 'kvis')).toHaveLength(1);
    expect(slots.filter((key) => key.startsWith('exit-checks@'))).toEqual(['exit-checks@merdare', 'exit-checks@vermica', 'exit-checks@jarinje', 'exit-checks@kulla']);
    expect(slots).toContain('second-line@airport');
    expect(slots).not.toContain('second-line@vranidoll');
    // No site types listed: every site visit.
    expect(slots).toContain('why@vranidoll');
    expect(appliesToSite(exitChecks, airport)).toBe(false);
    expect(appliesToSite(kvis, merdare)).toBe(false);
  });

  it('keys answers by question, and by site for per-site questions', () => {
    expect(answerKey('kvis', null)).toBe('kvis');
    expect(answerKey('exit-checks', 'demo-site-albania')).toBe('exit-checks@demo-site-albania');
    expect(splitAnswerKey('exit-checks@demo-site-albania')).toEqual({ questionId: 'exit-checks', siteId: 'demo-site-albania' });
  });
});

describe('relevance', () => {
  it('shows a question only when the answer it depends on, at the same site, matches', () => {
    const answers = { 'second-line@merdare': 'partly', 'second-line@vermica': 'yes' };
    expect(isRelevant(missing, questions, answers, 'merdare')).toBe(true);
    expect(isRelevant(missing, questions, answers, 'vermica')).toBe(false);
    expect(isRelevant(missing, questions, answers, 'jarinje')).toBe(false);
    expect(isRelevant(secondLine, questions, answers, 'jarinje')).toBe(true);
  });

  it('follows chains: a question under a hidden question is hidden too', () => {
    expect(isRelevant(why, questions, { 'second-line@merdare': 'no', 'missing@merdare': ['kit'] }, 'merdare')).toBe(true);
    // The kit is still recorded as missing, but second-line is now "yes": "missing" is hidden, so is "why".
    expect(isRelevant(why, questions, { 'second-line@merdare': 'yes', 'missing@merdare': ['kit'] }, 'merdare')).toBe(false);
  });
});

describe('answers as typed', () => {
  it('parses each answer type and reports what is wrong', () => {
    expect(parseAnswer(kvis, '15', 'en')).toEqual({ ok: true, value: 15 });
    expect(parseAnswer(kvis, '31', 'en')).toEqual({ ok: false, problem: 'above-max' });
    expect(parseAnswer(kvis, '-1', 'en')).toEqual({ ok: false, problem: 'below-min' });
    expect(parseAnswer(kvis, 'fifteen', 'en')).toEqual({ ok: false, problem: 'not-a-number' });
    expect(parseAnswer(kvis, '', 'en')).toEqual({ ok: true, value: null });
    expect(parseAnswer(secondLine, 'partly', 'en')).toEqual({ ok: true, value: 'partly' });
    expect(parseAnswer(secondLine, 'maybe', 'en')).toEqual({ ok: false, problem: 'unknown-option' });
    expect(parseAnswer(missing, ['kit', 'kit'], 'en')).toEqual({ ok: true, value: ['kit'] });
    expect(parseAnswer(missing, ['kit', 'drone'], 'en')).toEqual({ ok: false, problem: 'unknown-option' });
    const date = q({ id: 'd', text: 'Updated on', type: 'date' });
    expect(parseAnswer(date, '2015-02-30', 'en')).toEqual({ ok: false, problem: 'not-a-date' });
    expect(parseAnswer(date, '2015-07-01', 'en')).toEqual({ ok: true, value: '2015-07-01' });
  });
});

describe('summary across sites and experts (a small hand-made mission)', () => {
  it('counts "exit checks performed: yes at 3 of 4 crossing points visited"', () => {
    const findings: { authorId: string; answers: Record<string, AnswerValue> }[] = [
      { authorId: 'ana', answers: { 'exit-checks@merdare': 'yes', 'exit-checks@vermica': 'no', kvis: 15, 'second-line@airport': 'yes' } },
      { authorId: 'tom', answers: { 'exit-checks@jarinje': 'yes', 'exit-checks@kulla': 'yes', kvis: 15 } },
      // A second expert at the same crossing point counts the site once.
      { authorId: 'eva', answers: { 'exit-checks@merdare': 'yes', 'missing@merdare': ['kit', 'databases'] } },
    ];
    const summaries = summariseQuestions(questions, findings, sites);
    const exit = summaries.find((summary) => summary.question.id === 'exit-checks');
    expect(exit).toMatchObject({ per: 'site', applicableSites: 4, answered: 4, counts: { yes: 3, no: 1 } });
    expect(summaries.find((summary) => summary.question.id === 'kvis')).toMatchObject({ per: 'mission', answered: 2, numbers: [15, 15] });
    expect(summaries.find((summary) => summary.question.id === 'second-line')).toMatchObject({ applicableSites: 5, answered: 1, counts: { yes: 1 } });
    expect(summaries.find((summary) => summary.question.id === 'missing')).toMatchObject({ answered: 1, counts: { kit: 1, databases: 1 } });
  });
});

describe('template versions', () => {
  const template = (version: number, questionsOfR1: unknown[], requirements = ['r1', 'r2']): Template =>
    TemplateSchema.parse({
      format: 'mission-kit/template',
      formatVersion: 1,
      id: 'checks',
      version,
      title: 'Checks',
      framework: 'Test',
      scale: { id: 's', name: 'S', levels: [{ id: 'y', label: 'Y', counts: 'fulfilled' }, { id: 'n', label: 'N', counts: 'not-fulfilled' }] },
      blocks: [{ id: 'b', title: 'B', areas: [{ id: 'a', title: 'A', phrase: 'the area of a', requirements: requirements.map((id) => ({ id, text: id, questions: id === 'r1' ? questionsOfR1 : [] })) }] }],
    });
  const v1 = template(1, [{ id: 'exit-checks', text: 'Exit checks?', type: 'yes-no-partly' }, { id: 'old', text: 'Old question', type: 'short-text' }]);
  const v2 = template(2, [{ id: 'exit-checks', text: 'Exit checks performed?', type: 'yes-no-partly' }, { id: 'new', text: 'New question', type: 'number' }]);

  it('maps answers by question id and keeps answers to removed questions as archived', () => {
    const findings = [{ requirementId: 'r1', answers: { 'exit-checks': 'yes', old: 'typed in v1' } }];
    expect(planTemplateUpgrade(v1, v2, findings)).toEqual({ from: 1, to: 2, addedQuestions: 1, archivedAnswers: 1, missingRequirements: [], canUpgrade: true });
    expect(archivedAnswers(v2.blocks[0]?.areas[0]?.requirements[0]?.questions ?? [], findings[0]?.answers ?? {})).toEqual([['old', 'typed in v1']]);
  });

  it('refuses to upgrade when a requirement holding findings is gone', () => {
    const v3 = template(3, [], ['r1']);
    const plan = planTemplateUpgrade(v1, v3, [{ requirementId: 'r2', answers: {} }]);
    expect(plan).toMatchObject({ canUpgrade: false, missingRequirements: ['r2'] });
    expect(planTemplateUpgrade(v2, v1, []).canUpgrade).toBe(false);
  });
});
