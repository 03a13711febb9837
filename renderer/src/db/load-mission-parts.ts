import type { Evidence } from '../../../shared/schemas/finding';
import type { ReportInput } from '../../../shared/report/report-input';
import type { MissionKitDatabase, Stamped } from './database';
import { stripBookkeeping } from './strip-bookkeeping';

/**
 * A mission as its domain parts (what a report or a mission file needs), read once from the
 * database: live rows only, bookkeeping fields stripped. Attachment bytes are read only for
 * the expert report's embedded photos.
 */
export async function loadMissionParts(db: MissionKitDatabase, missionId: string, attachmentsOf?: { findingAuthorId: string }): Promise<ReportInput> {
  const mission = await db.missions.get(missionId);
  if (!mission || mission._deleted) throw new Error('The mission does not exist.');
  const templateRow = await db.templates.get([mission.templateId, mission.templateVersion]);
  if (!templateRow) throw new Error(`Template ${mission.templateId} version ${mission.templateVersion} is not installed.`);
  const live = <T extends Stamped>(rows: T[]): Omit<T, keyof Stamped>[] => rows.filter((row) => !row._deleted).map(stripBookkeeping);
  const [members, sites, findings, evidence, assessments, recommendations] = await Promise.all([
    db.members.where('missionId').equals(missionId).toArray(),
    db.sites.where('missionId').equals(missionId).toArray(),
    db.findings.where('missionId').equals(missionId).toArray(),
    db.evidence.where('missionId').equals(missionId).toArray(),
    db.assessments.where('missionId').equals(missionId).toArray(),
    db.recommendations.where('missionId').equals(missionId).toArray(),
  ]);
  const input: ReportInput = {
    template: templateRow.template,
    mission: stripBookkeeping(mission),
    members: live(members),
    sites: live(sites),
    findings: live(findings),
    evidence: live(evidence) as Evidence[],
    assessments: live(assessments),
    recommendations: live(recommendations),
  };
  if (attachmentsOf) {
    const mine = new Set(input.findings.filter((finding) => finding.authorId === attachmentsOf.findingAuthorId).map((finding) => finding.id));
    const hashes = input.evidence.filter((item) => item.kind === 'attachment' && mine.has(item.findingId)).map((item) => (item.kind === 'attachment' ? item.sha256 : ''));
    const rows = await db.attachments.bulkGet(hashes);
    const bytes = new Map<string, Uint8Array>();
    for (const row of rows) if (row) bytes.set(row.sha256, new Uint8Array(await row.blob.arrayBuffer()));
    input.attachments = bytes;
  }
  return input;
}
