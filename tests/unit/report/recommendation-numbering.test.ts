import { describe, expect, it } from 'vitest';
import {
  areaName,
  listPunctuation,
  numberRecommendations,
  recommendationHeading,
  recommendationText,
} from '../../../shared/report/recommendation-numbering';
import type { Recommendation } from '../../../shared/schemas/finding';
import type { Template } from '../../../shared/schemas/template';

function template(): Template {
  const area = (id: string, title: string, phrase: string, requirements: number) => ({
    id,
    title,
    phrase,
    requirements: Array.from({ length: requirements }, (_, index) => ({ id: `${id}-${index + 1}`, text: `Requirement ${index + 1}`, paraphrased: false, questions: [] })),
  });
  return {
    format: 'mission-kit/template',
    formatVersion: 1,
    id: 'numbering-test',
    version: 1,
    title: 'Numbering test',
    framework: 'Test framework',
    language: 'en',
    scale: {
      id: 'scale',
      name: 'Scale',
      levels: [
        { id: 'yes', label: 'Fulfilled', counts: 'fulfilled' },
        { id: 'no', label: 'Not fulfilled', counts: 'not-fulfilled' },
      ],
    },
    blocks: [
      { id: 'b1', title: 'Block 1', areas: [area('alpha', 'Alpha', 'the area of alpha', 3)] },
      { id: 'b2', title: 'Block 2', areas: [area('beta', 'Beta', 'the area of beta', 3), area('gamma', 'Gamma', 'gamma', 4)] },
    ],
  };
}

const rec = (id: string, requirementIds: string[], order = 0, keyPriority = false): Recommendation => ({
  id,
  missionId: 'm',
  text: `Text of ${id}.`,
  requirementIds,
  keyPriority,
  order,
});

describe('recommendationHeading', () => {
  it('writes one, two and several numbers as the seed does', () => {
    expect(recommendationHeading([1])).toBe('Recommendation No. 1:');
    expect(recommendationHeading([3, 4])).toBe('Recommendations No. 3 & 4:');
    expect(recommendationHeading([5, 6, 7])).toBe('Recommendations No. 5, 6 & 7:');
    expect(recommendationHeading([5, 6, 7, 8])).toBe('Recommendations No. 5, 6, 7 & 8:');
  });
});

describe('numberRecommendations', () => {
  const recommendations = [
    rec('g2', ['gamma-3'], 1),
    rec('b', ['beta-2']),
    rec('g1', ['gamma-1'], 0),
    rec('a', ['alpha-1']),
    rec('g3', ['gamma-4'], 2),
    // Linked to two areas: it belongs to the one that comes first in the report (alpha).
    rec('ab', ['beta-1', 'alpha-3'], 5),
  ];

  it('numbers continuously in report order of areas, then by order within an area', () => {
    const numbering = numberRecommendations(template(), recommendations);
    expect(numbering.ordered.map((item) => [item.number, item.recommendation.id, item.areaId])).toEqual([
      [1, 'a', 'alpha'],
      [2, 'ab', 'alpha'],
      [3, 'b', 'beta'],
      [4, 'g1', 'gamma'],
      [5, 'g2', 'gamma'],
      [6, 'g3', 'gamma'],
    ]);
    expect(numbering.byArea.get('gamma')?.map((item) => item.number)).toEqual([4, 5, 6]);
    expect(numbering.unplaced).toEqual([]);
  });

  it('gives the same numbers whatever order the records come in', () => {
    const expected = numberRecommendations(template(), recommendations).ordered.map((item) => item.recommendation.id);
    for (const shuffled of [[...recommendations].reverse(), [recommendations[4], recommendations[0], recommendations[5], recommendations[2], recommendations[1], recommendations[3]]]) {
      const ids = numberRecommendations(template(), shuffled.filter((item): item is Recommendation => item !== undefined)).ordered.map((item) => item.recommendation.id);
      expect(ids).toEqual(expected);
    }
  });

  it('breaks ties of order by requirement position, then id', () => {
    const numbering = numberRecommendations(template(), [rec('z', ['beta-1']), rec('y', ['beta-3']), rec('x', ['beta-3'])]);
    expect(numbering.ordered.map((item) => item.recommendation.id)).toEqual(['z', 'x', 'y']);
  });

  it('numbers a recommendation linked to no requirement of the template last, without an area', () => {
    const numbering = numberRecommendations(template(), [rec('lost', ['removed-requirement']), rec('a', ['alpha-1'])]);
    expect(numbering.ordered.map((item) => [item.number, item.recommendation.id, item.areaId])).toEqual([
      [1, 'a', 'alpha'],
      [2, 'lost', null],
    ]);
    expect(numbering.unplaced.map((item) => item.recommendation.id)).toEqual(['lost']);
  });
});

describe('recommendationText', () => {
  const documentSecurity = { title: 'Document security', phrase: 'the area of document security' };
  const border = { title: 'Border/boundary management', phrase: 'border/boundary management, including carriers’ responsibility' };
  const reintegration = { title: 'Reintegration', phrase: 'the area of reintegration' };
  const organisedCrime = { title: 'Preventing and combating organised crime, corruption and terrorism', phrase: 'the area of combating organised crime, corruption and terrorism' };

  it('names the area after "in the area of" without repeating it or its qualification', () => {
    expect(areaName(documentSecurity)).toBe('document security');
    expect(areaName(border)).toBe('border/boundary management');
    expect(areaName({ title: 'Migration management', phrase: 'migration management' })).toBe('migration management');
    expect(areaName({ title: 'Money laundering', phrase: 'the laundering of money' })).toBe('the laundering of money');
  });

  it('makes one sentence of a single "<territory> should" recommendation', () => {
    expect(recommendationText('Kosovo', documentSecurity, ['Kosovo should demonstrate that it has implemented its amended secondary legislation on name changes.'])).toEqual({
      intro: null,
      bullets: ['To fully comply with requirements in the area of document security, Kosovo should demonstrate that it has implemented its amended secondary legislation on name changes.'],
    });
    expect(recommendationText('Kosovo', border, ['Kosovo should ratify the agreement.']).bullets).toEqual([
      'To fully comply with requirements in the area of border/boundary management, Kosovo should ratify the agreement.',
    ]);
  });

  it('lower-cases a leading "The" subject', () => {
    expect(recommendationText('Kosovo', reintegration, ['The Reintegration Fund should be fully disbursed.']).bullets).toEqual([
      'To fully comply with requirements in the area of reintegration, the Reintegration Fund should be fully disbursed.',
    ]);
  });

  it('introduces any other single text with "the following is necessary:"', () => {
    expect(recommendationText('Kosovo', reintegration, ['Adoption of the law on reintegration.'])).toEqual({
      intro: 'To fully comply with requirements in the area of reintegration, the following is necessary:',
      bullets: ['Adoption of the law on reintegration.'],
    });
  });

  it('lists several under "<territory> should do the following:", closed by ";" and a final "."', () => {
    expect(recommendationText('Kosovo', organisedCrime, ['Transfer judges.', 'Kosovo should build up a track record.', 'Ensure independence. Strict plans should be implemented.'])).toEqual({
      intro: 'To fully comply with requirements in the area of combating organised crime, corruption and terrorism, Kosovo should do the following:',
      bullets: ['Transfer judges;', 'Build up a track record;', 'Ensure independence. Strict plans should be implemented.'],
    });
  });

  it('punctuates list items', () => {
    expect(listPunctuation(['One', 'Two.', 'Three;'])).toEqual(['One;', 'Two;', 'Three.']);
  });
});
