import { z } from 'zod';
import { strictObject } from './strict-object';
import { IsoDateTimeSchema } from './ids';
import { TemplateSchema } from './template';
import { MemberSchema, MissionSchema, SiteVisitSchema } from './mission';
import { AssessmentSchema, EvidenceSchema, FindingSchema, RecommendationSchema } from './finding';
import { ChangeSchema } from './change';

export const MISSION_FILE_FORMAT = 'mission-kit/mission';

/**
 * A whole mission as one JSON document: the template version it was created with, its current
 * state and its change log. Attachment bytes are not inside; bundles carry those.
 */
export const MissionFileSchema = strictObject({
  format: z.literal(MISSION_FILE_FORMAT, { error: `must be "${MISSION_FILE_FORMAT}"` }),
  formatVersion: z.literal(1, { error: 'must be 1 (the only mission file format version so far)' }),
  exportedAt: IsoDateTimeSchema,
  template: TemplateSchema,
  mission: MissionSchema,
  members: z.array(MemberSchema),
  sites: z.array(SiteVisitSchema),
  findings: z.array(FindingSchema),
  evidence: z.array(EvidenceSchema),
  assessments: z.array(AssessmentSchema),
  recommendations: z.array(RecommendationSchema),
  changes: z.array(ChangeSchema),
});
export type MissionFile = z.infer<typeof MissionFileSchema>;
