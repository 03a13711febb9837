import type { MissionKitDatabase, MissionRow, TemplateRow } from './database';

/** Read side: plain functions over the database, wrapped in useLiveQuery by the screens. */

export async function listMissions(db: MissionKitDatabase): Promise<MissionRow[]> {
  const missions = await db.missions.filter((mission) => !mission._deleted).toArray();
  return missions.sort((a, b) => b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title));
}

export async function getMission(db: MissionKitDatabase, id: string): Promise<MissionRow | null> {
  const mission = await db.missions.get(id);
  return mission && !mission._deleted ? mission : null;
}

export async function listTemplates(db: MissionKitDatabase): Promise<TemplateRow[]> {
  const rows = await db.templates.toArray();
  return rows.sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.title.localeCompare(b.title) || b.version - a.version);
}

export async function getTemplate(db: MissionKitDatabase, id: string, version: number): Promise<TemplateRow | null> {
  return (await db.templates.get([id, version])) ?? null;
}
