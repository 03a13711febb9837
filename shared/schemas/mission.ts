import { z } from 'zod';
import { strictObject } from './strict-object';
import { IdSchema, IsoDateSchema, IsoDateTimeSchema, NonEmptyTextSchema } from './ids';

export const TerritorySchema = strictObject({
  /** As the report names it in running text: "Kosovo", "Georgia". */
  name: NonEmptyTextSchema,
  /** Optional designation footnote printed at the first mention (Kosovo's "*" footnote). */
  footnote: z.string().optional(),
});
export type Territory = z.infer<typeof TerritorySchema>;

export const MissionSchema = strictObject({
    id: IdSchema,
    templateId: IdSchema,
    /** The template version the mission was created with; a newer template never rewrites it silently. */
    templateVersion: z.number().int().positive(),
    title: NonEmptyTextSchema,
    territory: TerritorySchema,
    framework: NonEmptyTextSchema,
    startDate: IsoDateSchema,
    endDate: IsoDateSchema,
    classification: z.string().default(''),
    reportVersion: z.string().default('1.0'),
    createdAt: IsoDateTimeSchema,
  })
  .refine((mission) => mission.endDate >= mission.startDate, {
    path: ['endDate'],
    message: 'must not be before the start date',
  });
export type Mission = z.infer<typeof MissionSchema>;

export const MemberRoleSchema = z.enum(['lead', 'expert', 'observer']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

export const MemberSchema = strictObject({
  id: IdSchema,
  missionId: IdSchema,
  name: NonEmptyTextSchema,
  /** Organisation or Member State, as the report lists team composition. */
  organisation: NonEmptyTextSchema,
  role: MemberRoleSchema,
  areaIds: z.array(IdSchema).default([]),
});
export type Member = z.infer<typeof MemberSchema>;

export const SiteTypeSchema = z.enum([
  'land-crossing',
  'air-crossing',
  'sea-crossing',
  'green-border',
  'police',
  'prosecutor',
  'court',
  'civil-registry',
  'detention-centre',
  'asylum-centre',
  'ministry',
  'ngo-or-international-organisation',
  'other',
]);
export type SiteType = z.infer<typeof SiteTypeSchema>;

export const SiteVisitSchema = strictObject({
  id: IdSchema,
  missionId: IdSchema,
  type: SiteTypeSchema,
  /** May be bilingual, e.g. "Merdare/Merdarë". */
  name: NonEmptyTextSchema,
  date: IsoDateSchema,
  host: z.string().default(''),
  memberIds: z.array(IdSchema).default([]),
  notes: z.string().default(''),
});
export type SiteVisit = z.infer<typeof SiteVisitSchema>;
