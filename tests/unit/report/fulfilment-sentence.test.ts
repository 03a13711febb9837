import { describe, expect, it } from 'vitest';
import { fulfilmentSentence } from '../../../shared/report/fulfilment-sentence';
import { countOutcomes, requirementOutcome } from '../../../shared/report/requirement-outcome';
import type { RatingScale } from '../../../shared/schemas/template';

const counts = (fulfilled: number, notFulfilled: number, notAssessed = 0) => ({ fulfilled, notFulfilled, notAssessed });

describe('fulfilmentSentence', () => {
  it('says "all" when every requirement is fulfilled', () => {
    expect(fulfilmentSentence('Kosovo', 'the area of readmission', counts(7, 0))).toBe('Kosovo fulfils all seven requirements in the area of readmission.');
  });

  it('gives the share when some are fulfilled, numbers up to twenty in words', () => {
    expect(fulfilmentSentence('Kosovo', 'the area of reintegration', counts(2, 1))).toBe('Kosovo fulfils two of the three requirements in the area of reintegration.');
    expect(fulfilmentSentence('Kosovo', 'border/boundary management, including carriers’ responsibility', counts(14, 1))).toBe(
      'Kosovo fulfils fourteen of the fifteen requirements in border/boundary management, including carriers’ responsibility.',
    );
    expect(fulfilmentSentence('Kosovo', 'the area of combating organised crime, corruption and terrorism', counts(12, 3))).toBe(
      'Kosovo fulfils twelve of the fifteen requirements in the area of combating organised crime, corruption and terrorism.',
    );
  });

  it('writes numbers above twenty in digits', () => {
    expect(fulfilmentSentence('Georgia', 'the area of document security', counts(21, 4))).toBe('Georgia fulfils 21 of the 25 requirements in the area of document security.');
    expect(fulfilmentSentence('Kosovo', null, counts(87, 8))).toBe('Kosovo fulfils 87 of the 95 requirements.');
    expect(fulfilmentSentence('Kosovo', null, counts(95, 0))).toBe('Kosovo fulfils all 95 requirements.');
  });

  it('says "none of the" when nothing assessed is fulfilled', () => {
    expect(fulfilmentSentence('Kosovo', 'the area of asylum', counts(0, 3))).toBe('Kosovo fulfils none of the three requirements in the area of asylum.');
  });

  it('words two requirements as "both" and "neither"', () => {
    expect(fulfilmentSentence('Kosovo', 'the area of data protection', counts(2, 0))).toBe('Kosovo fulfils both requirements in the area of data protection.');
    expect(fulfilmentSentence('Kosovo', 'the area of data protection', counts(0, 2))).toBe('Kosovo fulfils neither of the two requirements in the area of data protection.');
    expect(fulfilmentSentence('Kosovo', 'the area of data protection', counts(1, 1))).toBe('Kosovo fulfils one of the two requirements in the area of data protection.');
  });

  it('words a single requirement naturally', () => {
    expect(fulfilmentSentence('Kosovo', 'the area of data protection', counts(1, 0))).toBe('Kosovo fulfils the one requirement in the area of data protection.');
    expect(fulfilmentSentence('Kosovo', 'the area of data protection', counts(0, 1))).toBe('Kosovo does not yet fulfil the one requirement in the area of data protection.');
    expect(fulfilmentSentence('Kosovo', 'the area of data protection', counts(0, 0, 1))).toBe('The one requirement in the area of data protection has not been assessed yet.');
  });

  it('states requirements not yet assessed instead of counting them as failures', () => {
    expect(fulfilmentSentence('Kosovo', 'the area of asylum', counts(5, 0, 2))).toBe(
      'Kosovo fulfils five of the seven requirements in the area of asylum; two requirements have not yet been assessed.',
    );
    expect(fulfilmentSentence('Kosovo', 'the area of asylum', counts(5, 1, 1))).toBe(
      'Kosovo fulfils five of the seven requirements in the area of asylum; one requirement has not yet been assessed.',
    );
    expect(fulfilmentSentence('Kosovo', 'the area of asylum', counts(0, 0, 7))).toBe('None of the seven requirements in the area of asylum has been assessed yet.');
  });

  it('takes the territory from its caller, never a built-in name', () => {
    expect(fulfilmentSentence('Ruritania', 'border checks', counts(3, 1))).toBe('Ruritania fulfils three of the four requirements in border checks.');
  });
});

describe('requirementOutcome', () => {
  const fatf: RatingScale = {
    id: 'fatf',
    name: 'FATF technical compliance',
    levels: [
      { id: 'C', label: 'Compliant', counts: 'fulfilled' },
      { id: 'LC', label: 'Largely compliant', counts: 'fulfilled' },
      { id: 'PC', label: 'Partially compliant', counts: 'not-fulfilled' },
      { id: 'NC', label: 'Non-compliant', counts: 'not-fulfilled' },
      { id: 'NA', label: 'Not applicable', counts: 'not-counted' },
    ],
  };

  it('counts every level marked fulfilled as fulfilled (C and LC)', () => {
    expect(requirementOutcome({ rating: 'C' }, fatf)).toBe('fulfilled');
    expect(requirementOutcome({ rating: 'LC' }, fatf)).toBe('fulfilled');
    expect(requirementOutcome({ rating: 'PC' }, fatf)).toBe('not-fulfilled');
    expect(requirementOutcome({ rating: 'NC' }, fatf)).toBe('not-fulfilled');
  });

  it('treats no assessment, no rating, a not-counted level and an unknown level as not assessed', () => {
    expect(requirementOutcome(undefined, fatf)).toBe('not-assessed');
    expect(requirementOutcome({ rating: null }, fatf)).toBe('not-assessed');
    expect(requirementOutcome({ rating: 'NA' }, fatf)).toBe('not-assessed');
    expect(requirementOutcome({ rating: 'XX' }, fatf)).toBe('not-assessed');
  });

  it('feeds the sentence: C, LC, LC, PC and NA make "three of the five … one … not yet been assessed"', () => {
    const outcomes = ['C', 'LC', 'LC', 'PC', 'NA'].map((rating) => requirementOutcome({ rating }, fatf));
    expect(fulfilmentSentence('Ruritania', 'preventive measures', countOutcomes(outcomes))).toBe(
      'Ruritania fulfils three of the five requirements in preventive measures; one requirement has not yet been assessed.',
    );
  });
});
