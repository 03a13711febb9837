import { describe, expect, it } from 'vitest';
import { recommendationWarnings } from '../../shared/recommendation-warnings';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { buildKosovoDemo } from '../../shared/demo/kosovo-2015-demo';

const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!roadmap) throw new Error('roadmap missing');

describe('recommendation warnings', () => {
  it('finds nothing to warn about in the demo mission: 8 outstanding requirements, 8 recommendations', () => {
    const demo = buildKosovoDemo();
    expect(recommendationWarnings(roadmap, demo.assessments, demo.recommendations)).toEqual({ notFulfilledWithoutRecommendation: [], linkedOnlyToFulfilled: [], linkedToUnassessed: [] });
  });

  it('warns about a recommendation on a requirement nobody has assessed yet', () => {
    const recommendations = [{ id: 'early', requirementIds: ['readmission-1', 'readmission-2'] }];
    const assessments = [{ requirementId: 'readmission-1', rating: 'not-fulfilled' }];
    expect(recommendationWarnings(roadmap, assessments, recommendations).linkedToUnassessed).toEqual(['early']);
    expect(recommendationWarnings(roadmap, [...assessments, { requirementId: 'readmission-2', rating: 'not-fulfilled' }], recommendations).linkedToUnassessed).toEqual([]);
  });

  it('warns about a failed requirement without a recommendation and a recommendation on fulfilled requirements only', () => {
    const assessments = [
      { requirementId: 'readmission-1', rating: 'fulfilled' },
      { requirementId: 'readmission-2', rating: 'not-fulfilled' },
      { requirementId: 'readmission-3', rating: 'not-fulfilled' },
      { requirementId: 'readmission-4', rating: 'not-assessed' },
    ];
    const recommendations = [
      { id: 'on-fulfilled', requirementIds: ['readmission-1'] },
      { id: 'mixed', requirementIds: ['readmission-1', 'readmission-3'] },
      { id: 'unassessed', requirementIds: ['readmission-4'] },
    ];
    expect(recommendationWarnings(roadmap, assessments, recommendations)).toEqual({
      notFulfilledWithoutRecommendation: ['readmission-2'],
      linkedOnlyToFulfilled: ['on-fulfilled'],
      linkedToUnassessed: ['unassessed'],
    });
  });
});
