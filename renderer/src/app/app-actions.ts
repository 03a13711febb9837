import type { Bridge } from '../../../shared/ipc-contract';
import { backUpChangedMissions, exportFullBackup, restoreFullBackup, restoreSnapshot, startAutomaticBackups, type BackupServices } from '../backups/backup-service';
// The wiring below hands the database to the services that move whole missions between the
// database and the host (bundles, backups, the hub, mission files); components only ever get
// these bound operations, never the database (see the import rule in eslint.config.js).
import type { MissionKitDatabase } from '../db/database';
import type { Repository } from '../db/repository';
import { exportMissionFile } from '../files/mission-file-io';
import { openDemoMission } from '../screens/open-demo';
import { syncWithHub } from '../sync/hub-sync';
import { exportBundle, importBundle } from '../sync/sync-service';

/** A service function with its leading database and repository already supplied. */
type WithoutDb<F> = F extends (db: MissionKitDatabase, repository: Repository, ...rest: infer A) => infer R ? (...rest: A) => R : never;
/** A backup function with its services already supplied. */
type WithoutServices<F> = F extends (services: never, ...rest: infer A) => infer R ? (...rest: A) => R : never;

/** Operations that read or write whole missions and talk to the host, bound to this app's database. */
export interface AppActions {
  exportBundle: WithoutDb<typeof exportBundle>;
  importBundle: WithoutDb<typeof importBundle>;
  exportMissionFile: (missionId: string) => ReturnType<typeof exportMissionFile>;
  syncWithHub: (url: string, missionId: string) => ReturnType<typeof syncWithHub>;
  openDemoMission: WithoutDb<typeof openDemoMission>;
  backUpChangedMissions: WithoutServices<typeof backUpChangedMissions>;
  exportFullBackup: WithoutServices<typeof exportFullBackup>;
  restoreFullBackup: WithoutServices<typeof restoreFullBackup>;
  restoreSnapshot: WithoutServices<typeof restoreSnapshot>;
  startAutomaticBackups: WithoutServices<typeof startAutomaticBackups>;
}

export function createAppActions(db: MissionKitDatabase, repository: Repository, bridge: Bridge): AppActions {
  const backups: BackupServices = { db, repository, bridge };
  return {
    exportBundle: (...args) => exportBundle(db, repository, ...args),
    importBundle: (...args) => importBundle(db, repository, ...args),
    exportMissionFile: (missionId) => exportMissionFile(db, repository, bridge, missionId),
    syncWithHub: (url, missionId) => syncWithHub(db, repository, bridge, url, missionId),
    openDemoMission: () => openDemoMission(db, repository),
    backUpChangedMissions: () => backUpChangedMissions(backups),
    exportFullBackup: (...args) => exportFullBackup(backups, ...args),
    restoreFullBackup: (...args) => restoreFullBackup(backups, ...args),
    restoreSnapshot: (...args) => restoreSnapshot(backups, ...args),
    startAutomaticBackups: (...args) => startAutomaticBackups(backups, ...args),
  };
}
