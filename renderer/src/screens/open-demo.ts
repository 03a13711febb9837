import { buildKosovoDemo, DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { findBuiltinTemplate } from '../../../shared/templates/builtin-templates';
import { fail, ok, type Result } from '../../../shared/result';
import type { MissionKitDatabase } from '../db/database';
import type { Repository } from '../db/repository';

/**
 * Loads the demo mission once (later clicks just open it) and lets this device act as its
 * team lead until the user picks someone else, so the checklist is usable at once.
 */
export async function openDemoMission(db: MissionKitDatabase, repository: Repository): Promise<Result<string>> {
  const existing = await db.missions.get(DEMO_MISSION_ID);
  if (!existing || existing._deleted) {
    if (existing?._deleted) return fail('conflict', 'The demo mission was deleted on this device.');
    const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
    if (!template) return fail('not-found', 'The built-in roadmap template is missing.');
    const imported = await repository.importMission({ template, ...buildKosovoDemo() });
    if (!imported.ok) return fail(imported.error.code, imported.error.message);
  }
  if ((await repository.identity(DEMO_MISSION_ID)) === null) await repository.setIdentity(DEMO_MISSION_ID, DEMO_LEAD_ID);
  return ok(DEMO_MISSION_ID);
}
