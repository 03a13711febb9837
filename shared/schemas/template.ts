import { z } from 'zod';
import { strictObject } from './strict-object';
import { IdSchema, NonEmptyTextSchema } from './ids';
import { QuestionSchema, questionProblems } from './question';

/**
 * How a rating level counts in the report's fulfilment sentences. "not-counted" covers levels
 * such as "not assessed" or "N/A": the requirement is neither fulfilled nor a failure, and the
 * report says so instead of counting it against the territory.
 */
export const LevelCountSchema = z.enum(['fulfilled', 'not-fulfilled', 'not-counted']);
export type LevelCount = z.infer<typeof LevelCountSchema>;

export const RatingLevelSchema = strictObject({
  id: IdSchema,
  label: NonEmptyTextSchema,
  counts: LevelCountSchema,
  description: z.string().optional(),
});
export type RatingLevel = z.infer<typeof RatingLevelSchema>;

export const RatingScaleSchema = strictObject({
    id: IdSchema,
    name: NonEmptyTextSchema,
    levels: z.array(RatingLevelSchema).min(2, 'a rating scale needs at least two levels'),
  })
  .superRefine(
    // `unknown`, not the inferred type: with `when` below this runs on whatever was given,
    // including nothing at all (`{"format":"mission-kit/template"}` has no scale).
    (scale: unknown, ctx) => {
      const given = fieldOf(scale, 'levels');
      // No list of levels: the schema already says so, and the checks below would only add noise.
      if (!Array.isArray(given)) return;
      const levels: unknown[] = given;
      reportDuplicates(
        levels.map((level, index) => ({ id: idOf(level), path: ['levels', index, 'id'] })),
        'rating level',
        ctx,
      );
      const counts = levels.map((level) => fieldOf(level, 'counts'));
      // A level with an unreadable count is already reported; guessing what it meant would only
      // add a second, misleading message.
      if (!counts.every((count) => LevelCountSchema.safeParse(count).success)) return;
      if (!counts.includes('fulfilled')) {
        ctx.addIssue({ code: 'custom', path: ['levels'], message: 'no level counts as fulfilled' });
      }
      if (!counts.includes('not-fulfilled')) {
        ctx.addIssue({ code: 'custom', path: ['levels'], message: 'no level counts as not fulfilled' });
      }
    },
    // Run even when other fields are invalid, so an author sees every problem in one pass;
    // hence the defensive reads above.
    { when: () => true },
  );
export type RatingScale = z.infer<typeof RatingScaleSchema>;

export const RequirementSchema = strictObject({
  id: IdSchema,
  /** Number as printed in the framework, e.g. "2.4"; defaults to the position in the area. */
  number: z.string().optional(),
  text: NonEmptyTextSchema,
  /**
   * True when the text is our neutral rendering rather than the official wording, so nobody
   * quotes it as the framework's text.
   */
  paraphrased: z.boolean().default(false),
  guidance: z.string().optional(),
  /** Guiding questions with typed answers, asked per mission or per site visit. */
  questions: z.array(QuestionSchema).default([]),
});
export type Requirement = z.infer<typeof RequirementSchema>;

export const AreaSchema = strictObject({
  id: IdSchema,
  title: NonEmptyTextSchema,
  /**
   * How the report names the area inside a sentence: "the area of readmission" or
   * "border/boundary management, including carriers’ responsibility".
   */
  phrase: NonEmptyTextSchema,
  requirements: z.array(RequirementSchema).min(1, 'an area needs at least one requirement'),
});
export type Area = z.infer<typeof AreaSchema>;

export const BlockSchema = strictObject({
  id: IdSchema,
  title: NonEmptyTextSchema,
  areas: z.array(AreaSchema).min(1, 'a block needs at least one area'),
});
export type Block = z.infer<typeof BlockSchema>;

export const TEMPLATE_FORMAT = 'mission-kit/template';

export const TemplateSchema = strictObject({
    format: z.literal(TEMPLATE_FORMAT, { error: `must be "${TEMPLATE_FORMAT}"` }),
    formatVersion: z.literal(1, { error: 'must be 1 (the only template format version so far)' }),
    id: IdSchema,
    /** Increases whenever the content changes; a mission keeps the version it was created with. */
    version: z.number().int().positive(),
    title: NonEmptyTextSchema,
    framework: NonEmptyTextSchema,
    description: z.string().optional(),
    language: z.string().regex(/^[a-z]{2}(-[A-Z]{2})?$/, 'must be a language tag such as "en"').default('en'),
    source: z.string().optional(),
    scale: RatingScaleSchema,
    blocks: z.array(BlockSchema).min(1, 'a template needs at least one block'),
  })
  .superRefine(
    // `unknown` for the same reason as the scale's check: a mission file without `template`
    // runs this on undefined.
    (template: unknown, ctx) => {
      const blockIds: PlacedId[] = [];
      const areaIds: PlacedId[] = [];
      const requirementIds: PlacedId[] = [];
      listOf(fieldOf(template, 'blocks')).forEach((block, b) => {
        blockIds.push({ id: idOf(block), path: ['blocks', b, 'id'] });
        listOf(fieldOf(block, 'areas')).forEach((area, a) => {
          areaIds.push({ id: idOf(area), path: ['blocks', b, 'areas', a, 'id'] });
          listOf(fieldOf(area, 'requirements')).forEach((requirement, r) => {
            requirementIds.push({ id: idOf(requirement), path: ['blocks', b, 'areas', a, 'requirements', r, 'id'] });
            const questions = listOf(fieldOf(requirement, 'questions'));
            questionProblems(questions, ctx, ['blocks', b, 'areas', a, 'requirements', r, 'questions']);
          });
        });
      });
      reportDuplicates(blockIds, 'block', ctx);
      reportDuplicates(areaIds, 'area', ctx);
      reportDuplicates(requirementIds, 'requirement', ctx);
    },
    { when: () => true },
  );
export type Template = z.infer<typeof TemplateSchema>;
/** What a template file may contain before defaults are filled in. */
export type TemplateInput = z.input<typeof TemplateSchema>;

interface PlacedId {
  id: string | undefined;
  path: (string | number)[];
}

function reportDuplicates(ids: PlacedId[], what: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const { id, path } of ids) {
    if (id === undefined) continue;
    if (seen.has(id)) {
      ctx.addIssue({ code: 'custom', path, message: `duplicate ${what} id "${id}"` });
    }
    seen.add(id);
  }
}

// The cross-field checks above also run on input that failed other checks, so they read it
// as unknown data rather than trusting the inferred types.
function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fieldOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function idOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value['id'] === 'string' ? value['id'] : undefined;
}
