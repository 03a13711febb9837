import { describe, expect, it } from 'vitest';
import { parseLocalisedNumber } from '../../shared/number-input';
import { statisticPercent } from '../../shared/statistics';
import { groupByRequirement, requirementStatus } from '../../shared/requirement-status';
import { EMPTY_QUERY, filterChecklist, flattenTemplate, normalise } from '../../shared/checklist-filter';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

const noFlags = { goodPractice: false, seriousDeficiency: false };

describe('numbers as typed', () => {
  it.each([
    ['1,542', 'en', 1542],
    ['2744', 'en', 2744],
    ['1,602,453', 'en', 1602453],
    ['3.2', 'en', 3.2],
    ['1 542', 'fr', 1542],
    ['1\u202f542,5', 'fr', 1542.5],
    ['3,2', 'fr', 3.2],
  ])('reads %s in %s as %d', (text, language, expected) => {
    expect(parseLocalisedNumber(text, language)).toBe(expected);
  });

  it.each([['twelve'], ['12,34'], ['1,5,4'], [''], ['1.2.3']])('refuses %j in English', (text) => {
    expect(parseLocalisedNumber(text, 'en')).toBeNull();
  });
});

describe('statistic percentage', () => {
  it('computes 1,542 of 2,744 as 56 %', () => {
    expect(statisticPercent(1542, 2744)).toBe(56);
    expect(statisticPercent(256, 2744)).toBe(9);
  });
  it('has no percentage without a positive total', () => {
    expect(statisticPercent(77, undefined)).toBeNull();
    expect(statisticPercent(5, 0)).toBeNull();
  });
});

describe('requirement status', () => {
  it('tells not started, draft and rated apart, for me and for the team', () => {
    const findings = [
      { authorId: 'me', rating: null, flags: noFlags },
      { authorId: 'ana', rating: 'fulfilled', flags: { goodPractice: true, seriousDeficiency: false } },
      { authorId: 'tom', rating: 'not-fulfilled', flags: noFlags },
    ];
    expect(requirementStatus(findings, 'me')).toEqual({ mine: 'draft', myRating: null, teamRated: 2, teamFindings: 3, flagged: true });
    expect(requirementStatus(findings, 'ana').mine).toBe('rated');
    expect(requirementStatus(findings, 'ana', true).mine).toBe('draft');
    expect(requirementStatus(findings, 'nobody').mine).toBe('not-started');
    expect(requirementStatus([], 'me', true).mine).toBe('draft');
  });
});

describe('checklist search and filters', () => {
  const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!roadmap) throw new Error('roadmap missing');
  const entries = flattenTemplate(roadmap);
  const findings = [
    { requirementId: 'readmission-1', authorId: 'me', rating: 'fulfilled', flags: noFlags, narrative: 'Agreements with 17 Member States.', siteIds: [] },
    { requirementId: 'border-management-6', authorId: 'me', rating: 'not-fulfilled', flags: noFlags, narrative: 'Second-line equipment missing at Merdarë.', siteIds: ['merdare'] },
    { requirementId: 'asylum-2', authorId: 'ana', rating: null, flags: { goodPractice: false, seriousDeficiency: true }, narrative: 'Interpreter pool too small for Tigrinya.', siteIds: [] },
  ];
  const byRequirement = groupByRequirement(findings);

  it('lists every requirement in document order without a query', () => {
    expect(entries).toHaveLength(95);
    expect(filterChecklist(entries, byRequirement, 'me', EMPTY_QUERY)).toHaveLength(95);
    expect(entries[0]?.requirementId).toBe('readmission-1');
  });

  it('searches requirement texts and my narratives, ignoring case and accents', () => {
    const ids = (text: string) => filterChecklist(entries, byRequirement, 'me', { ...EMPTY_QUERY, text }).map((e) => e.requirementId);
    expect(ids('MERDARE')).toEqual(['border-management-6']);
    expect(ids('interpol')).toContain('document-security-5');
    // Another expert's narrative is not searched as "my findings".
    expect(ids('tigrinya')).toEqual([]);
    expect(normalise('Merdarë Ç')).toBe('merdare c');
  });

  it('filters by my status, by my rating level, by flags and by site', () => {
    const ids = (query: Partial<typeof EMPTY_QUERY>) =>
      filterChecklist(entries, byRequirement, 'me', { ...EMPTY_QUERY, ...query }).map((e) => e.requirementId);
    expect(ids({ status: { kind: 'rated', level: null } })).toEqual(['readmission-1', 'border-management-6']);
    expect(ids({ status: { kind: 'rated', level: 'not-fulfilled' } })).toEqual(['border-management-6']);
    expect(ids({ status: { kind: 'unrated' } })).toHaveLength(93);
    expect(ids({ status: { kind: 'flagged' } })).toEqual(['asylum-2']);
    expect(ids({ siteId: 'merdare' })).toEqual(['border-management-6']);
  });
});
