import type { EntityName } from '../../../shared/schemas/change';
import type { Assessment, AttachmentEvidence, Evidence, Finding, Recommendation, StatisticEvidence } from '../../../shared/schemas/finding';
import type { Member, Mission, SiteVisit } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import type { ReportInput } from '../../../shared/report/report-input';
import { orderVersions, type OpenConflict } from '../../../shared/sync/open-conflicts';
import type { ConflictVersion } from '../../../shared/sync/sync-types';
import { listPeers, type PeerRecord } from '../sync/peers';
import type { AssessmentRow, DraftRow, MissionKitDatabase, SiteRow, Stamped, TemplateRow } from './database';
import { deviceNameKey, readDeviceNames } from './device-names';
import { loadMissionParts } from './load-mission-parts';
import { identityKey } from './repository';
import { stripBookkeeping } from './strip-bookkeeping';
import { readAssessmentRecord, readFindingRecord, readSiteRecord, type StoredWithWriters } from './record-reads';
import type { FindingRecord } from '../checklist/finding-form-sync';
import { liveFindings } from './mission-findings';
import { readChangeHistory, type HistoryPage, type HistoryQuery } from './change-history-read';

/**
 * The one door out of the database: every screen reads through these, never through the
 * tables. Values come back as the domain knows them — deleted records left out, merge
 * bookkeeping removed — with any open narrative conflict attached as `conflicts`, so no screen
 * can forget to filter a tombstone or miss a conflict.
 */

/** A narrative field edited on two devices at once: every kept version, earliest first. */
export interface FieldConflict {
  field: string;
  versions: ConflictVersion[];
}

/** Omit that keeps unions apart (evidence is attachment | statistic). */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A record as screens see it: the domain value, plus its open conflicts (empty when none). */
export type Live<T> = T & { conflicts: FieldConflict[] };

/**
 * The domain value of a live record, for writing it back: the repository refuses unknown keys,
 * and `conflicts` is what this read model adds, not part of the record.
 */
export function withoutConflicts<T extends object>(record: T & { conflicts?: unknown }): Omit<T & { conflicts?: unknown }, 'conflicts'> {
  const { conflicts: _conflicts, ...value } = record;
  return value;
}

/**
 * A record a form is editing: also the clock stamp of each field as stored, so an autosave can
 * say which version of each field the user saw (its `base`).
 */
export type Editable<T> = Live<T> & { _stamps: Record<string, string> };

export type LiveFinding = Live<Finding>;
export type LiveAssessment = Live<Assessment>;

/** The templates installed on this device (immutable per id and version). */
export type InstalledTemplate = TemplateRow;

export interface MissionData {
  mission: Live<Mission>;
  template: Template | null;
  members: Live<Member>[];
  /** With stamps: the site-visit form edits these in place. */
  sites: Editable<SiteVisit>[];
  /** The member this device acts as in this mission, if chosen. */
  me: Live<Member> | null;
}

/** My finding on a requirement as its form needs it: value with stamps, statistics, my unsaved draft. */
export interface EditableFinding {
  finding: Editable<Finding> | undefined;
  statistics: Editable<StatisticEvidence>[];
  draft: DraftRow | undefined;
}

function conflictsOf(row: Stamped): FieldConflict[] {
  return Object.entries(row._conflicts ?? {})
    .filter(([, versions]) => versions.length >= 2)
    .map(([field, versions]) => ({ field, versions: orderVersions(versions) }));
}

/** Tombstones out, bookkeeping off, conflicts attached. */
function live<T extends Stamped>(row: T): Live<DistributiveOmit<T, keyof Stamped>> {
  return { ...(stripBookkeeping(row) as DistributiveOmit<T, keyof Stamped>), conflicts: conflictsOf(row) };
}

function editable<T extends Stamped>(row: T): Editable<DistributiveOmit<T, keyof Stamped>> {
  return { ...live(row), _stamps: row._stamps };
}

function alive<T extends Stamped>(rows: readonly T[]): T[] {
  return rows.filter((row) => !row._deleted);
}

function roleOrder(role: Member['role']): number {
  return role === 'lead' ? 0 : role === 'expert' ? 1 : 2;
}

export class ReadModels {
  constructor(private readonly db: MissionKitDatabase) {}

  /** The database's name, so a throttled query can tell which writes concern it. */
  get databaseName(): string {
    return this.db.name;
  }

  async missions(): Promise<Live<Mission>[]> {
    const missions = alive(await this.db.missions.toArray()).map(live);
    return missions.sort((a, b) => b.startDate.localeCompare(a.startDate) || a.title.localeCompare(b.title));
  }

  async templates(): Promise<InstalledTemplate[]> {
    const rows = await this.db.templates.toArray();
    return rows.sort((a, b) => Number(b.builtin) - Number(a.builtin) || a.title.localeCompare(b.title) || b.version - a.version);
  }

  /** Installed versions of a template newer than `version`, newest first. */
  async newerTemplates(templateId: string, version: number): Promise<InstalledTemplate[]> {
    const rows = (await this.db.templates.where('id').equals(templateId).toArray()).filter((row) => row.version > version);
    return rows.sort((a, b) => b.version - a.version);
  }

  /** Everything the mission screens share; null when the mission does not exist or was deleted. */
  async mission(missionId: string): Promise<MissionData | null> {
    const mission = await this.db.missions.get(missionId);
    if (!mission || mission._deleted) return null;
    const [templateRow, memberRows, siteRows, identity] = await Promise.all([
      this.db.templates.get([mission.templateId, mission.templateVersion]),
      this.db.members.where('missionId').equals(missionId).toArray(),
      this.db.sites.where('missionId').equals(missionId).toArray(),
      this.db.meta.get(identityKey(missionId)),
    ]);
    const members = alive(memberRows).map(live);
    const sites = alive(siteRows).map(editable);
    members.sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.name.localeCompare(b.name));
    sites.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
    const me = members.find((member) => member.id === identity?.value) ?? null;
    return { mission: live(mission), template: templateRow?.template ?? null, members, sites, me };
  }

  /** Read a page per transaction (see mission-findings.ts): a whole large mission at once held the open form's autosave back for seconds. */
  async findings(missionId: string): Promise<LiveFinding[]> {
    return (await liveFindings(this.db, missionId)).map(live);
  }

  async assessments(missionId: string): Promise<LiveAssessment[]> {
    return alive(await this.db.assessments.where('missionId').equals(missionId).toArray()).map(live);
  }

  async recommendations(missionId: string): Promise<Live<Recommendation>[]> {
    return alive(await this.db.recommendations.where('missionId').equals(missionId).toArray()).map(live);
  }

  /** The evidence of the given findings. */
  async evidenceOf(findingIds: readonly string[]): Promise<Live<Evidence>[]> {
    if (findingIds.length === 0) return [];
    return alive(await this.db.evidence.where('findingId').anyOf([...findingIds]).toArray()).map(live);
  }

  async attachmentsOf(findingId: string): Promise<Live<AttachmentEvidence>[]> {
    const rows = alive(await this.db.evidence.where('findingId').equals(findingId).toArray());
    return rows.map(live).filter((row): row is Live<AttachmentEvidence> => row.kind === 'attachment');
  }

  /** Stored bytes of an attachment, or its thumbnail; null when this device does not have them. */
  async attachmentBytes(sha256: string, part: 'blob' | 'thumbnail'): Promise<Blob | null> {
    return (await this.db.attachments.get(sha256))?.[part] ?? null;
  }

  /** My finding on one requirement, for its form: with stamps, so the form saves against what it showed. */
  async editableFinding(missionId: string, requirementId: string, memberId: string, draftKey: string): Promise<EditableFinding> {
    const row = alive(await this.db.findings.where('[missionId+requirementId]').equals([missionId, requirementId]).toArray()).find((candidate) => candidate.authorId === memberId);
    const evidence = row ? alive(await this.db.evidence.where('findingId').equals(row.id).toArray()) : [];
    const statistics = evidence.map(editable).filter((item): item is Editable<StatisticEvidence> => item.kind === 'statistic');
    const draft = await this.db.drafts.get(draftKey);
    return { finding: row ? editable(row) : undefined, statistics, draft };
  }

  /** The team's assessment of one requirement, for the lead's form: with stamps. */
  /** My finding on a requirement with its statistics and who wrote each version, for the open form. */
  async findingRecord(missionId: string, requirementId: string, memberId: string): Promise<FindingRecord> {
    return readFindingRecord(this.db, missionId, requirementId, memberId);
  }

  /** The consolidated assessment of a requirement with who wrote each version, for the open form. */
  async assessmentRecord(missionId: string, requirementId: string): Promise<StoredWithWriters<AssessmentRow> | null> {
    return readAssessmentRecord(this.db, missionId, requirementId);
  }

  /** A site visit with who wrote each version, for the open form. */
  async siteRecord(siteId: string): Promise<StoredWithWriters<SiteRow> | null> {
    return readSiteRecord(this.db, siteId);
  }

  async editableAssessment(missionId: string, requirementId: string): Promise<Editable<Assessment> | undefined> {
    const row = alive(await this.db.assessments.where('[missionId+requirementId]').equals([missionId, requirementId]).toArray())[0];
    return row ? editable(row) : undefined;
  }

  /** Subjects (requirement or site ids) with an unsaved draft of this kind, by this member when given. */
  async draftSubjects(missionId: string, kind: DraftRow['kind'], memberId?: string | null): Promise<Set<string>> {
    const drafts = await this.db.drafts.where('missionId').equals(missionId).toArray();
    return new Set(drafts.filter((draft) => draft.kind === kind && (memberId === undefined || draft.memberId === memberId)).map((draft) => draft.subjectId));
  }

  async drafts(missionId: string, kind: DraftRow['kind']): Promise<DraftRow[]> {
    return (await this.db.drafts.where('missionId').equals(missionId).toArray()).filter((draft) => draft.kind === kind);
  }

  async draft(key: string): Promise<DraftRow | null> {
    return (await this.db.drafts.get(key)) ?? null;
  }

  /** A page of a mission's change history, newest first by stamp (see change-history-read.ts). */
  async changeHistory(missionId: string, query: HistoryQuery): Promise<HistoryPage> {
    return readChangeHistory(this.db, missionId, query);
  }

  /** Every open narrative conflict of a mission's live findings and assessments. */
  async openConflicts(missionId: string): Promise<OpenConflict[]> {
    const [findings, assessments] = await Promise.all([this.findings(missionId), this.assessments(missionId)]);
    const open: OpenConflict[] = [];
    const add = (entity: EntityName, id: string, requirementId: string, authorId: string | null, conflicts: readonly FieldConflict[]): void => {
      for (const conflict of conflicts) open.push({ entity, id, field: conflict.field, versions: conflict.versions, requirementId, authorId });
    };
    for (const finding of findings) add('finding', finding.id, finding.requirementId, finding.authorId, finding.conflicts);
    for (const assessment of assessments) add('assessment', assessment.id, assessment.requirementId, null, assessment.conflicts);
    return open;
  }

  async peers(missionId: string): Promise<PeerRecord[]> {
    return listPeers(this.db, missionId);
  }

  /** Human names of devices by id, this device's own included when it has one. */
  async deviceNames(): Promise<Map<string, string>> {
    return readDeviceNames(this.db);
  }

  /** This device's own name, or null when it has none yet. */
  async deviceName(deviceId: string): Promise<string | null> {
    const value = (await this.db.meta.get(deviceNameKey(deviceId)))?.value;
    return typeof value === 'string' ? value : null;
  }

  /**
   * Whose device this probably is: the name of the member this device acts as in its most
   * recently started mission, for suggesting "Jürgen's laptop". Null when it acts as nobody yet.
   */
  async likelyOwnerName(): Promise<string | null> {
    for (const mission of await this.missions()) {
      const identity = (await this.db.meta.get(identityKey(mission.id)))?.value;
      if (typeof identity !== 'string') continue;
      const member = await this.db.members.get(identity);
      if (member && !member._deleted) return member.name;
    }
    return null;
  }

  /** A mission as report input (see loadMissionParts). */
  async missionParts(missionId: string, attachmentsOf?: { findingAuthorId: string }): Promise<ReportInput> {
    return loadMissionParts(this.db, missionId, attachmentsOf);
  }
}
