import { describe, expect, it } from 'vitest';
import { ANSWER_TYPES, DISCRETE_TYPES, answerIds, type Question } from '../../shared/schemas/question';
import { TemplateSchema, type Requirement, type Template, type TemplateInput } from '../../shared/schemas/template';
import { countRequirements, templateOutline } from '../../shared/template-outline';
import { parseTemplateText, validateTemplate, type TemplateParseResult } from '../../shared/template-validation';
import { BUILTIN_TEMPLATES, findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import fatfJson from '../../shared/templates/fatf-technical-compliance-sample.json';
import schengenJson from '../../shared/templates/schengen-evaluation-sample.json';
import roadmapJson from '../../shared/templates/visa-roadmap-kosovo-2012.json';

const RAW_FILES: Record<string, unknown> = {
  'visa-roadmap-kosovo-2012': roadmapJson,
  'schengen-evaluation-sample': schengenJson,
  'fatf-technical-compliance-sample': fatfJson,
};

function roadmap(): Template {
  const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!template) throw new Error('the roadmap template is not built in');
  return template;
}

function requirementText(template: Template, requirementId: string): string | undefined {
  for (const block of template.blocks) {
    for (const area of block.areas) {
      const found = area.requirements.find((requirement) => requirement.id === requirementId);
      if (found) return found.text;
    }
  }
  return undefined;
}

describe('visa roadmap for Kosovo (2012)', () => {
  it('has 95 requirements', () => {
    expect(countRequirements(roadmap())).toBe(95);
  });

  it('has five blocks in the report order', () => {
    expect(roadmap().blocks.map((block) => block.id)).toEqual([
      'readmission-reintegration',
      'block-1',
      'block-2',
      'block-3',
      'block-4',
    ]);
  });

  it('has eleven areas with the counts of the third report, in order', () => {
    const outline = templateOutline(roadmap());
    expect(outline.map((area) => area.areaId)).toEqual([
      'readmission',
      'reintegration',
      'document-security',
      'border-management',
      'migration-management',
      'asylum',
      'organised-crime',
      'law-enforcement-cooperation',
      'judicial-cooperation',
      'data-protection',
      'fundamental-rights',
    ]);
    expect(outline.map((area) => area.requirementCount)).toEqual([7, 3, 9, 15, 10, 7, 15, 11, 7, 3, 8]);
    expect(outline[3]).toEqual({
      blockId: 'block-2',
      areaId: 'border-management',
      title: 'Border/boundary management',
      requirementCount: 15,
    });
  });

  it('names areas the way the report’s fulfilment sentences do', () => {
    const phrases = Object.fromEntries(roadmap().blocks.flatMap((block) => block.areas.map((area) => [area.id, area.phrase])));
    expect(phrases['readmission']).toBe('the area of readmission');
    expect(phrases['border-management']).toBe('border/boundary management, including carriers’ responsibility');
    expect(phrases['migration-management']).toBe('migration management');
    expect(phrases['organised-crime']).toBe('the area of combating organised crime, corruption and terrorism');
  });

  it('numbers requirements 1..n within each area with area-based ids', () => {
    for (const block of roadmap().blocks) {
      for (const area of block.areas) {
        area.requirements.forEach((requirement, index) => {
          expect(requirement.number).toBe(String(index + 1));
          expect(requirement.id).toBe(`${area.id}-${index + 1}`);
        });
      }
    }
  });

  it('states paraphrased explicitly as a boolean on every requirement of every file', () => {
    for (const [id, raw] of Object.entries(RAW_FILES)) {
      const input = raw as TemplateInput;
      const flags = input.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((r) => r.paraphrased)));
      expect(flags.length, id).toBeGreaterThan(0);
      for (const flag of flags) expect(typeof flag, id).toBe('boolean');
    }
  });

  it('marks readmission and reintegration requirements as paraphrased', () => {
    const block = roadmap().blocks.find((candidate) => candidate.id === 'readmission-reintegration');
    const requirements = block?.areas.flatMap((area) => area.requirements) ?? [];
    expect(requirements).toHaveLength(10);
    expect(requirements.every((requirement) => requirement.paraphrased)).toBe(true);
  });

  it('carries the known renderings from the reference unparaphrased', () => {
    const template = roadmap();
    expect(requirementText(template, 'document-security-1')).toBe(
      'Issue machine-readable biometric travel documents meeting ICAO and EU standards; explore joining the ICAO Public Key Directory.',
    );
    expect(requirementText(template, 'border-management-9')).toBe(
      "Carriers' liability, including fines, for bringing in third-country nationals who do not meet entry conditions.",
    );
    expect(requirementText(template, 'asylum-7')).toBe('Explore cooperation with EASO.');
    expect(requirementText(template, 'fundamental-rights-7')).toBe(
      'Integration of the Serb, Roma, Ashkali, Egyptian, Bosniak, Turkish and Gorani communities.',
    );
    const known = template.blocks
      .flatMap((block) => block.areas)
      .filter((area) => ['migration-management', 'asylum', 'judicial-cooperation', 'data-protection'].includes(area.id))
      .flatMap((area) => area.requirements);
    expect(known).toHaveLength(27);
    expect(known.some((requirement) => requirement.paraphrased)).toBe(false);
  });

  it('uses the fulfilment scale', () => {
    expect(roadmap().scale).toEqual({
      id: 'fulfilment',
      name: expect.any(String),
      levels: [
        { id: 'fulfilled', label: 'Fulfilled', counts: 'fulfilled' },
        { id: 'not-fulfilled', label: 'Not fulfilled', counts: 'not-fulfilled' },
        expect.objectContaining({ id: 'not-assessed', label: 'Not assessed', counts: 'not-counted' }),
      ],
    });
  });
});

describe('guiding questions of the visa roadmap', () => {
  const QUESTION_AREAS = ['document-security', 'border-management', 'migration-management', 'asylum'];

  function requirementsOf(areaId: string): Requirement[] {
    return roadmap().blocks.flatMap((block) => block.areas.filter((area) => area.id === areaId).flatMap((area) => area.requirements));
  }

  function allRequirements(): Requirement[] {
    return roadmap().blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements));
  }

  function question(requirementId: string, questionId: string): Question {
    const found = allRequirements()
      .find((requirement) => requirement.id === requirementId)
      ?.questions.find((candidate) => candidate.id === questionId);
    if (!found) throw new Error(`no question ${requirementId}/${questionId}`);
    return found;
  }

  it('asks questions on at least three requirements of each block 1 and block 2 area', () => {
    for (const areaId of QUESTION_AREAS) {
      const withQuestions = requirementsOf(areaId).filter((requirement) => requirement.questions.length > 0);
      expect(withQuestions.length, areaId).toBeGreaterThanOrEqual(3);
    }
  });

  it('keeps to 12–20 questions, only in those areas, each with guidance and an id unique in its requirement', () => {
    const questions = allRequirements().flatMap((requirement) => requirement.questions);
    expect(questions.length).toBeGreaterThanOrEqual(12);
    expect(questions.length).toBeLessThanOrEqual(20);
    for (const block of roadmap().blocks) {
      for (const area of block.areas) {
        for (const requirement of area.requirements) {
          if (!QUESTION_AREAS.includes(area.id)) expect(requirement.questions, requirement.id).toEqual([]);
          const ids = requirement.questions.map((candidate) => candidate.id);
          expect(new Set(ids).size, requirement.id).toBe(ids.length);
          for (const candidate of requirement.questions) expect(candidate.guidance?.trim(), `${requirement.id}/${candidate.id}`).toBeTruthy();
        }
      }
    }
  });

  it('uses every answer type at least once', () => {
    const types = new Set(allRequirements().flatMap((requirement) => requirement.questions.map((candidate) => candidate.type)));
    expect([...types].sort()).toEqual([...ANSWER_TYPES].sort());
  });

  it('asks about second-line equipment and exit checks per crossing point', () => {
    expect(question('border-management-6', 'exit-checks')).toMatchObject({
      type: 'yes-no-partly',
      scope: { per: 'site', siteTypes: ['land-crossing'] },
    });
    expect(question('border-management-6', 'second-line-equipped')).toMatchObject({
      type: 'yes-no-partly',
      scope: { per: 'site', siteTypes: ['land-crossing', 'air-crossing'] },
    });
    expect(question('border-management-6', 'officers-on-duty')).toMatchObject({ type: 'number', min: 0, max: 500, unit: expect.any(String) });
    expect(question('migration-management-4', 'kvis-missions')).toMatchObject({ type: 'number', min: 0, max: 30, scope: { per: 'mission' } });
    expect(question('migration-management-7', 'safeguards-leaflet').scope).toEqual({ per: 'site', siteTypes: ['detention-centre'] });
    expect(question('document-security-2', 'verified-share')).toMatchObject({ type: 'number', min: 0, max: 100 });
    expect(question('document-security-4', 'csrs-new-version').scope).toEqual({ per: 'site', siteTypes: ['civil-registry'] });
    expect(answerIds(question('asylum-3', 'interpretation'))).toEqual(['own-pool', 'unhcr-remote', 'both', 'none']);
  });

  it('shows what is missing for second-line checks only when they are not fully equipped', () => {
    expect(question('border-management-6', 'second-line-missing')).toMatchObject({
      type: 'multiple-choice',
      scope: { per: 'site' },
      relevance: { questionId: 'second-line-equipped', anyOf: ['no', 'partly'] },
    });
  });

  it('points every relevance rule at a discrete question of the same requirement, with answers it can have', () => {
    const rules = allRequirements().flatMap((requirement) =>
      requirement.questions.flatMap((candidate) => (candidate.relevance ? [{ requirement, candidate, rule: candidate.relevance }] : [])),
    );
    expect(rules.length).toBeGreaterThanOrEqual(1);
    for (const { requirement, candidate, rule } of rules) {
      const target = requirement.questions.find((other) => other.id === rule.questionId);
      expect(target, `${requirement.id}/${candidate.id}`).toBeDefined();
      if (!target) continue;
      expect(target.id).not.toBe(candidate.id);
      expect(DISCRETE_TYPES).toContain(target.type);
      for (const answer of rule.anyOf) expect(answerIds(target)).toContain(answer);
    }
  });
});

describe('built-in templates', () => {
  it('holds the three templates, findable by id', () => {
    expect(BUILTIN_TEMPLATES.map((template) => template.id)).toEqual([
      'visa-roadmap-kosovo-2012',
      'schengen-evaluation-sample',
      'fatf-technical-compliance-sample',
    ]);
    expect(findBuiltinTemplate('schengen-evaluation-sample')?.scale.id).toBe('schengen-compliance');
    expect(findBuiltinTemplate('no-such-template')).toBeUndefined();
  });

  it.each(Object.entries(RAW_FILES))('%s parses under TemplateSchema', (id, raw) => {
    const result = validateTemplate(raw);
    expect(result.ok ? [] : result.problems).toEqual([]);
    expect(TemplateSchema.parse(raw).id).toBe(id);
    expect(parseTemplateText(JSON.stringify(raw)).ok).toBe(true);
  });

  it('gives each scale the expected levels and how they count', () => {
    const levels = (id: string): [string, string, string][] =>
      (findBuiltinTemplate(id)?.scale.levels ?? []).map((level) => [level.id, level.label, level.counts]);
    expect(levels('schengen-evaluation-sample')).toEqual([
      ['compliant', 'Compliant', 'fulfilled'],
      ['compliant-improvement-necessary', 'Compliant but improvement necessary', 'fulfilled'],
      ['non-compliant', 'Non-compliant', 'not-fulfilled'],
      ['not-assessed', 'Not assessed', 'not-counted'],
    ]);
    expect(levels('fatf-technical-compliance-sample')).toEqual([
      ['C', 'Compliant', 'fulfilled'],
      ['LC', 'Largely compliant', 'fulfilled'],
      ['PC', 'Partially compliant', 'not-fulfilled'],
      ['NC', 'Non-compliant', 'not-fulfilled'],
      ['NA', 'Not applicable', 'not-counted'],
    ]);
    expect(findBuiltinTemplate('fatf-technical-compliance-sample')?.scale.id).toBe('fatf-technical-compliance');
  });

  it('marks every requirement of the samples as paraphrased', () => {
    for (const id of ['schengen-evaluation-sample', 'fatf-technical-compliance-sample']) {
      const template = findBuiltinTemplate(id);
      const requirements = template?.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements)) ?? [];
      expect(requirements.length, id).toBeGreaterThan(0);
      expect(requirements.every((requirement) => requirement.paraphrased), id).toBe(true);
      expect(template?.description, id).toMatch(/sample/i);
    }
  });
});

describe('invalid templates', () => {
  /** A small valid template; each case breaks one thing in a fresh copy. */
  function validTemplate(): TemplateInput {
    return {
      format: 'mission-kit/template',
      formatVersion: 1,
      id: 'test-template',
      version: 1,
      title: 'Test template',
      framework: 'Test framework',
      scale: {
        id: 'yes-no',
        name: 'Yes or no',
        levels: [
          { id: 'yes', label: 'Yes', counts: 'fulfilled' },
          { id: 'no', label: 'No', counts: 'not-fulfilled' },
        ],
      },
      blocks: [
        {
          id: 'block-a',
          title: 'Block A',
          areas: [
            { id: 'area-1', title: 'Area 1', phrase: 'area 1', requirements: [{ id: 'r1', text: 'Requirement 1' }] },
            {
              id: 'area-2',
              title: 'Area 2',
              phrase: 'area 2',
              requirements: [
                { id: 'r2', text: 'Requirement 2' },
                { id: 'r3', text: 'Requirement 3' },
                { id: 'r4', text: 'Requirement 4' },
              ],
            },
          ],
        },
      ],
    };
  }

  /** Expects exactly one problem, at `path`, whose message contains `message`. */
  function expectSingleProblem(result: TemplateParseResult, path: string, message: string): void {
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ path, message: expect.stringContaining(message) }]);
  }

  function firstBlock(template: TemplateInput): TemplateInput['blocks'][number] {
    const block = template.blocks[0];
    if (!block) throw new Error('test template has no block');
    return block;
  }

  it('starts from a template that is valid', () => {
    expect(validateTemplate(validTemplate()).ok).toBe(true);
    expect(parseTemplateText(JSON.stringify(validTemplate())).ok).toBe(true);
  });

  it('rejects text that is not JSON', () => {
    expectSingleProblem(parseTemplateText('{ "format": "mission-kit/template",'), '(root)', 'not valid JSON');
  });

  it('rejects a wrong format string', () => {
    const template = { ...validTemplate(), format: 'mission-kit/mission' };
    expectSingleProblem(validateTemplate(template), 'format', 'must be "mission-kit/template"');
  });

  it('rejects a template without a title', () => {
    const { title: _title, ...template } = validTemplate();
    expectSingleProblem(validateTemplate(template), 'title', 'expected string');
  });

  it('rejects a duplicate requirement id and points at the second one', () => {
    const template = validTemplate();
    const requirement = firstBlock(template).areas[1]?.requirements[2];
    if (!requirement) throw new Error('test template changed shape');
    requirement.id = 'r2';
    expectSingleProblem(
      parseTemplateText(JSON.stringify(template)),
      'blocks[0].areas[1].requirements[2].id',
      'duplicate requirement id "r2"',
    );
  });

  it('rejects an area with no requirements', () => {
    const template = validTemplate();
    const area = firstBlock(template).areas[0];
    if (!area) throw new Error('test template changed shape');
    area.requirements = [];
    expectSingleProblem(validateTemplate(template), 'blocks[0].areas[0].requirements', 'an area needs at least one requirement');
  });

  it('rejects a scale in which no level counts as fulfilled', () => {
    const template = validTemplate();
    template.scale.levels = [
      { id: 'no', label: 'No', counts: 'not-fulfilled' },
      { id: 'na', label: 'Not applicable', counts: 'not-counted' },
    ];
    expectSingleProblem(validateTemplate(template), 'scale.levels', 'no level counts as fulfilled');
  });

  it('rejects an id containing "/"', () => {
    const template = { ...validTemplate(), id: 'visa/roadmap' };
    expectSingleProblem(validateTemplate(template), 'id', 'may only contain letters, digits');
  });

  describe('guiding questions', () => {
    const QUESTIONS = 'blocks[0].areas[0].requirements[0].questions';

    /** The valid test template with these questions on its first requirement. */
    function withQuestions(questions: readonly Record<string, unknown>[]): TemplateInput {
      const template = validTemplate();
      const requirement = firstBlock(template).areas[0]?.requirements[0];
      if (!requirement) throw new Error('test template changed shape');
      Object.assign(requirement, { questions });
      return template;
    }

    const yesNo = (id: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      id,
      text: `Question ${id}?`,
      type: 'yes-no-partly',
      ...extra,
    });

    it('accepts valid questions and fills in the default scope', () => {
      const result = validateTemplate(
        withQuestions([
          yesNo('equipped', { scope: { per: 'site', siteTypes: ['land-crossing'] } }),
          {
            id: 'missing',
            text: 'What is missing?',
            type: 'multiple-choice',
            options: [
              { id: 'kit', label: 'Kit' },
              { id: 'staff', label: 'Staff' },
            ],
            scope: { per: 'site' },
            relevance: { questionId: 'equipped', anyOf: ['no', 'partly'] },
          },
          { id: 'count', text: 'How many?', type: 'number', min: 0, max: 5 },
        ]),
      );
      expect(result.ok ? [] : result.problems).toEqual([]);
      if (!result.ok) return;
      const questions = result.template.blocks[0]?.areas[0]?.requirements[0]?.questions ?? [];
      expect(questions.map((candidate) => candidate.scope)).toEqual([
        { per: 'site', siteTypes: ['land-crossing'] },
        { per: 'site', siteTypes: [] },
        { per: 'mission' },
      ]);
      expect(result.template.blocks[0]?.areas[1]?.requirements[0]?.questions).toEqual([]);
    });

    it('rejects an unknown answer type', () => {
      expectSingleProblem(validateTemplate(withQuestions([yesNo('a', { type: 'rating' })])), `${QUESTIONS}[0].type`, 'must be one of yes-no-partly');
    });

    it('rejects relevance pointing to a question the requirement does not have', () => {
      const template = withQuestions([yesNo('a'), yesNo('b', { relevance: { questionId: 'c', anyOf: ['yes'] } })]);
      expectSingleProblem(
        validateTemplate(template),
        `${QUESTIONS}[1].relevance.questionId`,
        'points to "c", which is not a question of this requirement',
      );
    });

    it('rejects a minimum above the maximum', () => {
      const template = withQuestions([{ id: 'n', text: 'How many?', type: 'number', min: 10, max: 5 }]);
      expectSingleProblem(validateTemplate(template), `${QUESTIONS}[0].min`, 'min (10) is above max (5)');
    });

    it('rejects min and max on a question that is not a number', () => {
      expectSingleProblem(validateTemplate(withQuestions([yesNo('a', { min: 0 })])), `${QUESTIONS}[0].min`, 'only number questions have min and max');
    });

    it('rejects a choice question with a single option', () => {
      const template = withQuestions([{ id: 'c', text: 'Which?', type: 'single-choice', options: [{ id: 'only', label: 'Only' }] }]);
      expectSingleProblem(validateTemplate(template), `${QUESTIONS}[0].options`, 'a single-choice question needs at least two options');
    });

    it('rejects a choice question without options', () => {
      const template = withQuestions([{ id: 'c', text: 'Which?', type: 'multiple-choice' }]);
      expectSingleProblem(validateTemplate(template), `${QUESTIONS}[0].options`, 'a multiple-choice question needs at least two options');
    });

    it('rejects relevance that depends on a number question', () => {
      const template = withQuestions([
        { id: 'n', text: 'How many?', type: 'number' },
        yesNo('b', { relevance: { questionId: 'n', anyOf: ['0'] } }),
      ]);
      expectSingleProblem(
        validateTemplate(template),
        `${QUESTIONS}[1].relevance.questionId`,
        'points to a number question; relevance needs a yes-no-partly or choice question',
      );
    });

    it('rejects a relevance answer the question it depends on cannot have', () => {
      const template = withQuestions([yesNo('a'), yesNo('b', { relevance: { questionId: 'a', anyOf: ['no', 'maybe'] } })]);
      expectSingleProblem(validateTemplate(template), `${QUESTIONS}[1].relevance.anyOf[1]`, '"maybe" is not an answer of "a"');
    });

    it('rejects a mission question that depends on a per-site question', () => {
      const template = withQuestions([
        yesNo('a', { scope: { per: 'site', siteTypes: [] } }),
        yesNo('b', { relevance: { questionId: 'a', anyOf: ['yes'] } }),
      ]);
      expectSingleProblem(validateTemplate(template), `${QUESTIONS}[1].relevance.questionId`, 'asked once per mission cannot depend on a question asked per site');
    });

    it('rejects a relevance cycle, at every question on it', () => {
      const template = withQuestions([
        yesNo('a', { relevance: { questionId: 'b', anyOf: ['yes'] } }),
        yesNo('b', { relevance: { questionId: 'a', anyOf: ['yes'] } }),
      ]);
      const result = validateTemplate(template);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toEqual([
        { path: `${QUESTIONS}[0].relevance.questionId`, message: expect.stringContaining('forms a cycle') },
        { path: `${QUESTIONS}[1].relevance.questionId`, message: expect.stringContaining('forms a cycle') },
      ]);
    });

    it('rejects a question that depends on itself', () => {
      const template = withQuestions([yesNo('a', { relevance: { questionId: 'a', anyOf: ['yes'] } })]);
      const result = validateTemplate(template);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toContainEqual({ path: `${QUESTIONS}[0].relevance.questionId`, message: 'a question cannot depend on itself' });
    });

    it('rejects a duplicate question id and points at the second one', () => {
      const template = withQuestions([yesNo('a'), yesNo('b'), yesNo('a')]);
      expectSingleProblem(validateTemplate(template), `${QUESTIONS}[2].id`, 'duplicate question id "a"');
    });

    it('rejects an unknown site type in a scope', () => {
      const template = withQuestions([yesNo('a', { scope: { per: 'site', siteTypes: ['harbour'] } })]);
      const result = validateTemplate(template);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems.map((problem) => problem.path)).toEqual([`${QUESTIONS}[0].scope.siteTypes[0]`]);
    });
  });

  it('rejects a level count outside the enum', () => {
    const template = validTemplate();
    const levels = template.scale.levels.map((level, index) => (index === 0 ? { ...level, counts: 'partly' } : level));
    const broken = { ...template, scale: { ...template.scale, levels } };
    expectSingleProblem(validateTemplate(broken), 'scale.levels[0].counts', 'expected one of');
  });
});
