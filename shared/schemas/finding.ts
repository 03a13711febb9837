import { z } from 'zod';
import { strictObject } from './strict-object';
import { IdSchema, IsoDateSchema, NonEmptyTextSchema } from './ids';
import { AnswerValueSchema } from './question';

export const SourceKindSchema = z.enum([
  'government-report',
  'member-state-expert',
  'eu-office',
  'agency',
  'statistics',
  'other',
]);
export type SourceKind = z.infer<typeof SourceKindSchema>;

export const SourceSchema = strictObject({
  kind: SourceKindSchema,
  text: z.string().default(''),
});
export type Source = z.infer<typeof SourceSchema>;

export const FindingFlagsSchema = strictObject({
  goodPractice: z.boolean().default(false),
  seriousDeficiency: z.boolean().default(false),
});

/** One expert's observation on one requirement. Owned by its author; merged, never overwritten. */
export const FindingSchema = strictObject({
  id: IdSchema,
  missionId: IdSchema,
  requirementId: IdSchema,
  authorId: IdSchema,
  deviceId: IdSchema,
  /** A level id of the template's scale, or null while the expert has not proposed one. */
  rating: IdSchema.nullable().default(null),
  narrative: z.string().default(''),
  siteIds: z.array(IdSchema).default([]),
  sources: z.array(SourceSchema).default([]),
  flags: FindingFlagsSchema.default({ goodPractice: false, seriousDeficiency: false }),
  /**
   * Answers to the requirement's guiding questions, keyed by question id, or by
   * "<question id>@<site id>" for a question asked per site visit.
   */
  answers: z.record(z.string().min(1).max(300), AnswerValueSchema).default({}),
});
export type Finding = z.infer<typeof FindingSchema>;

/**
 * Attachments are content-addressed: the bytes live once per SHA-256 in the attachment store,
 * so the same photo attached twice or synced twice is stored once.
 */
export const AttachmentEvidenceSchema = strictObject({
  id: IdSchema,
  missionId: IdSchema,
  findingId: IdSchema,
  kind: z.literal('attachment'),
  fileName: NonEmptyTextSchema.max(255),
  mediaType: z.string().min(1),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a lowercase hex SHA-256 digest'),
  caption: z.string().default(''),
  date: IsoDateSchema.optional(),
});

export const StatisticEvidenceSchema = strictObject({
    id: IdSchema,
    missionId: IdSchema,
    findingId: IdSchema,
    kind: z.literal('statistic'),
    label: NonEmptyTextSchema,
    value: z.number().finite(),
    /** "1,542 of 2,744": the total the value is a part of; the percentage is computed, never typed. */
    ofTotal: z.number().positive().optional(),
    unit: z.string().default(''),
    period: z.string().default(''),
    source: z.string().default(''),
  })
  .refine((stat) => stat.ofTotal === undefined || stat.value <= stat.ofTotal, {
    path: ['value'],
    message: 'must not be larger than the total',
  });

export const EvidenceSchema = z.discriminatedUnion('kind', [AttachmentEvidenceSchema, StatisticEvidenceSchema]);
export type Evidence = z.infer<typeof EvidenceSchema>;
export type AttachmentEvidence = z.infer<typeof AttachmentEvidenceSchema>;
export type StatisticEvidence = z.infer<typeof StatisticEvidenceSchema>;

/** The team's consolidated rating and narrative for one requirement. Owned by the lead. */
export const AssessmentSchema = strictObject({
  id: IdSchema,
  missionId: IdSchema,
  requirementId: IdSchema,
  rating: IdSchema.nullable().default(null),
  narrative: z.string().default(''),
  /** Findings whose text was copied in ("Use this text"), so the origin stays traceable. */
  sourceFindingIds: z.array(IdSchema).default([]),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const RecommendationSchema = strictObject({
  id: IdSchema,
  missionId: IdSchema,
  text: NonEmptyTextSchema,
  requirementIds: z.array(IdSchema).min(1, 'must be linked to at least one requirement'),
  keyPriority: z.boolean().default(false),
  /** Position among the recommendations of the same area; report numbering is computed from it. */
  order: z.number().default(0),
});
export type Recommendation = z.infer<typeof RecommendationSchema>;
