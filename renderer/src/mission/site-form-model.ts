import { z } from 'zod';
import { IsoDateSchema } from '../../../shared/schemas/ids';
import { SiteTypeSchema, type SiteVisit } from '../../../shared/schemas/mission';
import type { ValidationProblem } from '../../../shared/template-validation';

/** A type, not an interface, so it is a record of JSON values for the field tracker. */
export type SiteFormValues = {
  type: z.infer<typeof SiteTypeSchema>;
  name: string;
  date: string;
  host: string;
  memberIds: string[];
  notes: string;
};

export const SiteFormValuesSchema = z.object({
  type: SiteTypeSchema,
  name: z.string(),
  date: z.string(),
  host: z.string(),
  memberIds: z.array(z.string()),
  notes: z.string(),
});

export interface SiteMessages {
  nameRequired: string;
  dateInvalid: string;
  dateOutsideMission: string;
}

/**
 * Problems beside their fields. A date outside the mission is only a warning: teams do visit a
 * site the day before the official start.
 */
export function siteProblems(values: SiteFormValues, messages: SiteMessages): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (values.name.trim() === '') problems.push({ path: 'name', message: messages.nameRequired });
  if (!IsoDateSchema.safeParse(values.date).success) problems.push({ path: 'date', message: messages.dateInvalid });
  return problems;
}

export function siteFromValues(values: SiteFormValues, id: string, missionId: string): SiteVisit {
  return {
    id,
    missionId,
    type: values.type,
    name: values.name.trim(),
    date: values.date,
    host: values.host.trim(),
    memberIds: [...new Set(values.memberIds)],
    notes: values.notes,
  };
}

export function valuesFromSite(site: SiteVisit): SiteFormValues {
  return { type: site.type, name: site.name, date: site.date, host: site.host, memberIds: [...site.memberIds], notes: site.notes };
}

export function siteDraftKey(missionId: string, siteId: string): string {
  return `site|${missionId}|${siteId}`;
}
