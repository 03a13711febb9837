import { BUILTIN_TEMPLATES } from '../../../shared/templates/builtin-templates';
import { MissionKitDatabase } from '../db/database';
import { Repository } from '../db/repository';
import { ReadModels } from '../db/read-models';
import { createAppActions } from './app-actions';
import type { Bridge } from '../../../shared/ipc-contract';
import type { Services } from './services';
import type { StorageState } from './App';

/** Opens the database, installs the built-in templates, and asks for persistent storage. */
export async function startApp(bridge: Bridge, db: MissionKitDatabase = new MissionKitDatabase()): Promise<Services> {
  const repository = await Repository.open(db);
  for (const template of BUILTIN_TEMPLATES) {
    const result = await repository.importTemplate(template, true);
    // A built-in template clashing with an imported one of the same id and version keeps the
    // imported one: missions may already refer to it.
    if (!result.ok) console.warn(result.error.message);
  }
  return { repository, reads: new ReadModels(db), bridge, actions: createAppActions(db, repository, bridge) };
}

/**
 * Without persistence the browser may evict IndexedDB under storage pressure, taking an
 * expert's notes with it; so ask, and tell the user the answer.
 */
export async function requestPersistentStorage(storage: StorageManager | undefined = navigator.storage): Promise<StorageState> {
  if (!storage?.persist) return 'unknown';
  try {
    if (await storage.persisted()) return 'persistent';
    return (await storage.persist()) ? 'persistent' : 'best-effort';
  } catch {
    return 'unknown';
  }
}
