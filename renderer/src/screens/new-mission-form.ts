import { z } from 'zod';
import type { TFunction } from 'i18next';
import { IsoDateSchema } from '../../../shared/schemas/ids';

/**
 * The form's own schema: it mirrors MissionSchema but speaks the user's language, and keeps the
 * template choice, which the mission stores as id + version.
 */
export function newMissionFormSchema(t: TFunction) {
  const required = (field: string) => z.string().trim().min(1, t('validation.required', { field }));
  return z
    .object({
      templateKey: z.string().min(1, t('validation.chooseTemplate')),
      title: required(t('newMission.missionTitle').toLowerCase()),
      territoryName: required(t('newMission.territory').toLowerCase()),
      territoryFootnote: z.string(),
      framework: required(t('newMission.framework').toLowerCase()),
      startDate: IsoDateSchema.or(z.literal('')).refine((value) => value !== '', t('validation.date')),
      endDate: IsoDateSchema.or(z.literal('')).refine((value) => value !== '', t('validation.date')),
      classification: z.string(),
    })
    .superRefine((value, ctx) => {
      for (const field of ['startDate', 'endDate'] as const) {
        if (value[field] !== '' && !IsoDateSchema.safeParse(value[field]).success) {
          ctx.addIssue({ code: 'custom', path: [field], message: t('validation.date') });
        }
      }
      if (value.startDate && value.endDate && value.endDate < value.startDate) {
        ctx.addIssue({ code: 'custom', path: ['endDate'], message: t('validation.endBeforeStart') });
      }
    });
}

export type NewMissionFormValues = z.infer<ReturnType<typeof newMissionFormSchema>>;

export function templateKey(id: string, version: number): string {
  return `${id}@${version}`;
}
