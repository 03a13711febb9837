import type { SiteType } from '../schemas/mission';

const LABELS: Record<SiteType, string> = {
  'land-crossing': 'Land crossing point',
  'air-crossing': 'Air crossing point',
  'sea-crossing': 'Sea crossing point',
  'green-border': 'Green border',
  police: 'Police',
  prosecutor: 'Prosecution office',
  court: 'Court',
  'civil-registry': 'Civil registry',
  'detention-centre': 'Detention centre',
  'asylum-centre': 'Asylum centre',
  ministry: 'Ministry',
  'ngo-or-international-organisation': 'NGO or international organisation',
  other: 'Other',
};

/** How the sites annex names a site type. The report is in English, whatever the app's language. */
export function siteTypeLabel(type: SiteType): string {
  return LABELS[type];
}
