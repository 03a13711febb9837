import { describe, expect, it } from 'vitest';
import { buildFindingCommit, EMPTY_FINDING_VALUES, isEmpty, valuesFromRecords, type Messages } from '../../renderer/src/checklist/finding-form-model';
import { areaProgress } from '../../renderer/src/mission/dashboard-model';
import { siteFromValues, siteProblems } from '../../renderer/src/mission/site-form-model';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { QuestionSchema } from '../../shared/schemas/question';

const messages: Messages = {
  labelRequired: 'label?',
  notANumber: 'number?',
  totalNotPositive: 'total?',
  valueAboveTotal: 'above?',
  otherSourceNeedsText: 'source?',
  unknownRating: 'rating?',
  answer: (problem, question) => `${question.id}: ${problem}`,
};
const context = { findingId: 'f', missionId: 'm', requirementId: 'r', authorId: 'a', deviceId: 'd', storedStatisticIds: ['old-stat', 'kept-stat'], storedAnswers: {}, openedAnswers: {} };
const kvis = QuestionSchema.parse({ id: 'kvis', text: 'KVIS missions', type: 'number', min: 0, max: 30 });
const exit = QuestionSchema.parse({ id: 'exit', text: 'Exit checks?', type: 'yes-no-partly', scope: { per: 'site' } });
const rules = (ratingIds: string[], language = 'en') => ({ ratingIds, questions: [kvis, exit], language, messages });
const stat = (id: string, value: string, ofTotal = '') => ({ id, label: 'Returnees', value, ofTotal, unit: '', period: '', source: '' });

describe('finding form model', () => {
  it('commits valid statistics, keeps the last valid version of an invalid one, and removes deleted ones', () => {
    const values = {
      ...EMPTY_FINDING_VALUES,
      rating: 'fulfilled',
      narrative: 'Text',
      siteIds: ['s1', 's1'],
      sources: [
        { kind: 'other' as const, text: '' },
        { kind: 'agency' as const, text: ' Frontex ' },
      ],
      statistics: [stat('new-stat', '1,542', '2,744'), stat('kept-stat', 'lots')],
    };
    const commit = buildFindingCommit(values, context, rules(['fulfilled', 'not-fulfilled']));
    expect(commit.problems).toEqual([
      { path: 'sources.0.text', message: 'source?' },
      { path: 'statistics.1.value', message: 'number?' },
    ]);
    expect(commit.saves).toEqual([
      {
        entity: 'finding',
        value: expect.objectContaining({ rating: 'fulfilled', siteIds: ['s1'], sources: [{ kind: 'agency', text: 'Frontex' }] }),
      },
      { entity: 'evidence', value: expect.objectContaining({ id: 'new-stat', value: 1542, ofTotal: 2744 }) },
    ]);
    // "kept-stat" is invalid now but still typed: not removed. "old-stat" is gone from the form.
    expect(commit.removals).toEqual([{ entity: 'evidence', id: 'old-stat' }]);
  });

  it('never stores a rating that is not on the scale', () => {
    const commit = buildFindingCommit({ ...EMPTY_FINDING_VALUES, rating: 'excellent' }, context, rules(['fulfilled']));
    expect(commit.problems).toEqual([{ path: 'rating', message: 'rating?' }]);
    expect(commit.saves[0]?.value).toMatchObject({ rating: null });
  });

  it('reads French numbers in French', () => {
    const commit = buildFindingCommit({ ...EMPTY_FINDING_VALUES, statistics: [stat('s', '1 542', '2 744')] }, context, rules([], 'fr'));
    expect(commit.problems).toEqual([]);
    expect(commit.saves[1]?.value).toMatchObject({ value: 1542, ofTotal: 2744 });
  });

  it('turns stored records back into what the form shows, formatted for the language', () => {
    const values = valuesFromRecords(
      { id: 'f', missionId: 'm', requirementId: 'r', authorId: 'a', deviceId: 'd', rating: null, narrative: 'N', siteIds: [], sources: [], flags: { goodPractice: true, seriousDeficiency: false }, answers: {} },
      [{ id: 's', missionId: 'm', findingId: 'f', kind: 'statistic', label: 'Verified citizens', value: 1602453, unit: '', period: '', source: '' }],
      'en',
    );
    expect(values.statistics[0]).toMatchObject({ value: '1,602,453', ofTotal: '' });
    expect(values.flags.goodPractice).toBe(true);
    expect(isEmpty(values)).toBe(false);
    expect(isEmpty(EMPTY_FINDING_VALUES)).toBe(true);
  });
});

describe('finding form model: answers', () => {
  it('stores valid answers typed, keeps the value an answer typed out of range had when the form opened, and never drops archived answers', () => {
    const values = { ...EMPTY_FINDING_VALUES, answers: { kvis: '31', 'exit@merdare': 'no', 'exit@vermica': '' } };
    // Opened with kvis = 15; autosave has since stored 3 (the first key of "31").
    const opened = { kvis: 15, 'exit@vermica': 'yes', 'removed-question': 'kept from version 1' };
    const stored = { ...opened, kvis: 3 };
    const commit = buildFindingCommit(values, { ...context, storedAnswers: stored, openedAnswers: opened }, rules([]));
    expect(commit.problems).toEqual([{ path: 'answers.kvis', message: 'kvis: above-max' }]);
    // kvis is back to 15 while "31" waits in the draft; the cleared Vërmica answer is cleared.
    expect(commit.saves[0]?.value).toMatchObject({ answers: { kvis: 15, 'exit@merdare': 'no', 'removed-question': 'kept from version 1' } });
    expect(Object.keys((commit.saves[0]?.value as { answers: object }).answers)).not.toContain('exit@vermica');
  });

  it('stores no value for an answer typed out of range that had none when the form opened', () => {
    const values = { ...EMPTY_FINDING_VALUES, answers: { kvis: '31' } };
    const commit = buildFindingCommit(values, { ...context, storedAnswers: { kvis: 3 }, openedAnswers: {} }, rules([]));
    expect((commit.saves[0]?.value as { answers: object }).answers).toEqual({});
  });
});

describe('site form model', () => {
  it('needs a name and a real date; trims what it stores', () => {
    const values = { type: 'land-crossing' as const, name: '  ', date: '2015-02-30', host: '', memberIds: [], notes: '' };
    expect(siteProblems(values, { nameRequired: 'name?', dateInvalid: 'date?', dateOutsideMission: '' })).toEqual([
      { path: 'name', message: 'name?' },
      { path: 'date', message: 'date?' },
    ]);
    expect(siteFromValues({ ...values, name: ' Merdare/Merdarë ', date: '2015-07-07', memberIds: ['a', 'a'] }, 's', 'm')).toMatchObject({
      name: 'Merdare/Merdarë',
      memberIds: ['a'],
    });
  });
});

describe('dashboard progress', () => {
  // The standing of each requirement (assessment first, disagreement, other scales) is in dashboard-standing.test.ts.
  it('counts requirements rated by me and by the team, and the ratings per area', () => {
    const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
    if (!roadmap) throw new Error('roadmap missing');
    const rows = areaProgress(
      roadmap,
      [
        { requirementId: 'readmission-1', authorId: 'me', rating: 'fulfilled' },
        { requirementId: 'readmission-1', authorId: 'ana', rating: 'fulfilled' },
        { requirementId: 'readmission-2', authorId: 'ana', rating: 'not-fulfilled' },
        { requirementId: 'readmission-3', authorId: 'me', rating: null },
        { requirementId: 'asylum-1', authorId: 'me', rating: 'not-assessed' },
      ],
      'me',
    );
    expect(rows).toHaveLength(11);
    expect(rows[0]).toMatchObject({ areaId: 'readmission', total: 7, ratedByMe: 1, ratedByTeam: 2, standing: { byLevel: { fulfilled: 1, 'not-fulfilled': 1 }, differ: 0, open: 5 } });
    expect(rows.find((row) => row.areaId === 'asylum')).toMatchObject({ ratedByMe: 1, ratedByTeam: 1, standing: { byLevel: { 'not-assessed': 1 }, open: 6 } });
  });
});
