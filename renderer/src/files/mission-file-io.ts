import { MAX_IPC_FILE_BYTES, type Bridge } from '../../../shared/ipc-contract';
import { MAX_MISSION_FILE_BYTES } from '../../../shared/input-limits';
import { missionFileName, parseMissionFileText, serialiseMissionFile } from '../../../shared/mission-file';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { MissionKitDatabase } from '../db/database';
import type { ReportInput } from '../../../shared/report/report-input';
import { loadMissionParts } from '../db/load-mission-parts';
import type { Repository } from '../db/repository';

/**
 * The shared mission-file limit, capped by what one IPC transfer may carry: the file is read by
 * the main process and handed over whole.
 */
const MAX_MISSION_FILE_READ_BYTES = Math.min(MAX_MISSION_FILE_BYTES, MAX_IPC_FILE_BYTES);

export type MissionImportOutcome =
  | { kind: 'canceled' }
  | { kind: 'imported'; missionId: string; title: string }
  | { kind: 'invalid'; fileName: string; problems: ValidationProblem[] }
  | { kind: 'failed'; message: string };

export type ImportStage = 'reading' | 'checking' | 'writing';

/** Open → check everything → write everything in one transaction, or nothing. */
export async function importMissionFile(bridge: Bridge, repository: Repository, onStage: (stage: ImportStage) => void = () => {}): Promise<MissionImportOutcome> {
  onStage('reading');
  const opened = await bridge.invoke('file:open', { filters: [{ name: 'Mission Kit mission', extensions: ['json'] }], maxBytes: MAX_MISSION_FILE_READ_BYTES });
  if (!opened.ok) return { kind: 'failed', message: opened.error.message };
  if (opened.value.canceled) return { kind: 'canceled' };
  const { fileName, data } = opened.value;
  onStage('checking');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return { kind: 'invalid', fileName, problems: [{ path: '(root)', message: 'not UTF-8 text' }] };
  }
  const parsed = parseMissionFileText(text);
  if (!parsed.ok) return { kind: 'invalid', fileName, problems: parsed.problems };
  onStage('writing');
  const result = await repository.importMission(parsed.file);
  if (!result.ok) return { kind: 'failed', message: result.error.message };
  return { kind: 'imported', missionId: result.value.id, title: result.value.title };
}

/** The whole mission as one JSON document (without attachment bytes), saved through the bridge. */
export async function exportMissionFile(db: MissionKitDatabase, repository: Repository, bridge: Bridge, missionId: string): Promise<{ ok: true; fileName: string } | { ok: false; message: string } | { ok: true; canceled: true }> {
  let parts: ReportInput;
  try {
    parts = await loadMissionParts(db, missionId);
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  // The file carries the change log: none of it may be replaced by a later edit from now on.
  await repository.markExported();
  const changes = await db.changes.where('missionId').equals(missionId).toArray();
  const { attachments: _bytes, ...document } = parts;
  const text = serialiseMissionFile({ exportedAt: new Date().toISOString(), ...document, changes: changes.map(({ seq: _seq, ...change }) => change) });
  const mission = parts.mission;
  const fileName = missionFileName(mission.title);
  const saved = await bridge.invoke('file:save', {
    suggestedName: fileName,
    filters: [{ name: 'Mission Kit mission', extensions: ['json'] }],
    data: new TextEncoder().encode(text),
  });
  if (!saved.ok) return { ok: false, message: saved.error.message };
  if (saved.value.canceled) return { ok: true, canceled: true };
  return { ok: true, fileName: saved.value.fileName };
}
