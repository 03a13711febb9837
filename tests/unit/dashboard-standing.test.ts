import { describe, expect, it } from 'vitest';
import { areaProgress } from '../../renderer/src/mission/dashboard-model';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

const roadmap = findBuiltinTemplate('visa-roadmap-kosovo-2012');
const fatf = findBuiltinTemplate('fatf-technical-compliance-sample');
if (!roadmap || !fatf) throw new Error('built-in templates missing');

describe('where each requirement of an area stands', () => {
  it('counts every requirement once, so one failure in nine is a ninth of the bar', () => {
    const rows = areaProgress(roadmap, [{ requirementId: 'document-security-1', authorId: 'ana', rating: 'not-fulfilled' }], null);
    const area = rows.find((row) => row.areaId === 'document-security');
    expect(area).toMatchObject({ total: 9, standing: { byLevel: { 'not-fulfilled': 1 }, differ: 0, open: 8 } });
  });

  it("takes the lead's assessment over the experts, and names a disagreement nobody has settled", () => {
    const rows = areaProgress(
      roadmap,
      [
        { requirementId: 'readmission-1', authorId: 'ana', rating: 'fulfilled' },
        { requirementId: 'readmission-1', authorId: 'jan', rating: 'not-fulfilled' },
        { requirementId: 'readmission-2', authorId: 'ana', rating: 'fulfilled' },
        { requirementId: 'readmission-2', authorId: 'jan', rating: 'not-fulfilled' },
        { requirementId: 'readmission-3', authorId: 'ana', rating: 'fulfilled' },
        { requirementId: 'readmission-3', authorId: 'jan', rating: 'fulfilled' },
        { requirementId: 'readmission-4', authorId: 'ana', rating: null },
      ],
      null,
      [
        { requirementId: 'readmission-2', rating: 'not-fulfilled' },
        { requirementId: 'readmission-5', rating: 'not-assessed' },
        { requirementId: 'readmission-6', rating: null },
      ],
    );
    expect(rows[0]?.standing).toEqual({ byLevel: { 'not-fulfilled': 1, fulfilled: 1, 'not-assessed': 1 }, differ: 1, open: 3 });
  });

  it('works for a five-level scale and ignores levels the scale does not have', () => {
    const rows = areaProgress(
      fatf,
      [
        { requirementId: 'preventive-measures-1', authorId: 'ana', rating: 'LC' },
        { requirementId: 'preventive-measures-2', authorId: 'ana', rating: 'NC' },
        { requirementId: 'preventive-measures-3', authorId: 'ana', rating: 'fulfilled' },
      ],
      'ana',
      [{ requirementId: 'criminal-justice-1', rating: 'NA' }],
    );
    const preventive = rows.find((row) => row.areaId === 'preventive-measures');
    // The unknown level still counts as "rated by me": the expert did rate it.
    expect(preventive).toMatchObject({ total: 3, ratedByMe: 3, standing: { byLevel: { LC: 1, NC: 1 }, differ: 0, open: 1 } });
    expect(rows.find((row) => row.areaId === 'criminal-justice')?.standing).toEqual({ byLevel: { NA: 1 }, differ: 0, open: 1 });
  });

  it('always adds up to the total', () => {
    const rows = areaProgress(
      roadmap,
      roadmap.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement, index) => ({ requirementId: requirement.id, authorId: `e${index % 3}`, rating: index % 4 === 0 ? null : index % 2 === 0 ? 'fulfilled' : 'not-fulfilled' })))),
      null,
    );
    for (const row of rows) {
      const levels = Object.values(row.standing.byLevel).reduce((sum, count) => sum + count, 0);
      expect(levels + row.standing.differ + row.standing.open).toBe(row.total);
    }
  });
});
