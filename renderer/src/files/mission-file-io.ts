import type { Bridge } from '../../../shared/ipc-contract';
import { missionFileName, parseMissionFileText, serialiseMissionFile } from '../../../shared/mission-file';
import type { Evidence } from '../../../shared/schemas/finding';
import type { ValidationProblem } from '../../../shared/template-validation';
import type { MissionKitDatabase, Stamped } from '../db/database';
import { stripBookkeeping } from '../db/strip-bookkeeping';
import type { Repository } from '../db/repository';

/** A mission file can be large (20,000 findings is about 20 MB); 200 MB is clearly not one. */
export const MAX_MISSION_FILE_BYTES = 50 * 1024 * 1024;

export type MissionImportOutcome =
  | { kind: 'canceled' }
  | { kind: 'imported'; missionId: string; title: string }
  | { kind: 'invalid'; fileName: string; problems: ValidationProblem[] }
  | { kind: 'failed'; message: string };

export type ImportStage = 'reading' | 'checking' | 'writing';

/** Open → check everything → write everything in one transaction, or nothing. */
export async function importMissionFile(bridge: Bridge, repository: Repository, onStage: (stage: ImportStage) => void = () => {}): Promise<MissionImportOutcome> {
  onStage('reading');
  const opened = await bridge.invoke('file:open', { filters: [{ name: 'Mission Kit mission', extensions: ['json'] }], maxBytes: MAX_MISSION_FILE_BYTES });
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
export async function exportMissionFile(db: MissionKitDatabase, bridge: Bridge, missionId: string): Promise<{ ok: true; fileName: string } | { ok: false; message: string } | { ok: true; canceled: true }> {
  const mission = await db.missions.get(missionId);
  if (!mission || mission._deleted) return { ok: false, message: 'The mission does not exist.' };
  const templateRow = await db.templates.get([mission.templateId, mission.templateVersion]);
  if (!templateRow) return { ok: false, message: `Template ${mission.templateId} version ${mission.templateVersion} is not installed.` };
  const byMission = <T extends Stamped>(rows: T[]): Omit<T, keyof Stamped>[] => rows.filter((row) => !row._deleted).map(stripBookkeeping);
  const [members, sites, findings, evidence, assessments, recommendations, changes] = await Promise.all([
    db.members.where('missionId').equals(missionId).toArray(),
    db.sites.where('missionId').equals(missionId).toArray(),
    db.findings.where('missionId').equals(missionId).toArray(),
    db.evidence.where('missionId').equals(missionId).toArray(),
    db.assessments.where('missionId').equals(missionId).toArray(),
    db.recommendations.where('missionId').equals(missionId).toArray(),
    db.changes.where('missionId').equals(missionId).toArray(),
  ]);
  const text = serialiseMissionFile({
    exportedAt: new Date().toISOString(),
    template: templateRow.template,
    mission: stripBookkeeping(mission),
    members: byMission(members),
    sites: byMission(sites),
    findings: byMission(findings),
    evidence: byMission(evidence) as Evidence[],
    assessments: byMission(assessments),
    recommendations: byMission(recommendations),
    changes: changes.map(({ seq: _seq, ...change }) => change),
  });
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
