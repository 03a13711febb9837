import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Assessment, Evidence, Finding, Recommendation } from '../../../shared/schemas/finding';
import type { Member, Mission, SiteVisit } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import type { Change } from '../../../shared/schemas/change';

/**
 * Per-field clock stamps of the value currently stored, so a later merge can decide
 * last-writer-wins per field and so every local edit can name its `base`.
 */
export interface Stamped {
  _stamps: Record<string, string>;
  _deleted?: boolean;
}

export type MissionRow = Mission & Stamped;
export type MemberRow = Member & Stamped;
export type SiteRow = SiteVisit & Stamped;
export type FindingRow = Finding & Stamped;
export type EvidenceRow = Evidence & Stamped;
export type AssessmentRow = Assessment & Stamped;
export type RecommendationRow = Recommendation & Stamped;

/** Templates are immutable per (id, version), so they need no merge and no change records. */
export interface TemplateRow {
  id: string;
  version: number;
  title: string;
  builtin: boolean;
  importedAt: string;
  template: Template;
}

/** Attachment bytes, stored once per content hash. */
export interface AttachmentRow {
  sha256: string;
  blob: Blob;
}

export interface ChangeRow extends Change {
  /** Local arrival order; stamps order by time, this orders by when this device learnt of them. */
  seq?: number;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'mission-kit';

export class MissionKitDatabase extends Dexie {
  templates!: Table<TemplateRow, [string, number]>;
  missions!: EntityTable<MissionRow, 'id'>;
  members!: EntityTable<MemberRow, 'id'>;
  sites!: EntityTable<SiteRow, 'id'>;
  findings!: EntityTable<FindingRow, 'id'>;
  evidence!: EntityTable<EvidenceRow, 'id'>;
  attachments!: EntityTable<AttachmentRow, 'sha256'>;
  assessments!: EntityTable<AssessmentRow, 'id'>;
  recommendations!: EntityTable<RecommendationRow, 'id'>;
  changes!: EntityTable<ChangeRow, 'seq'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Version 1. Later versions are added below it, never edited in place: each upgrade gets
    // its own migration test against a committed database written by the previous version.
    this.version(1).stores({
      templates: '[id+version], id',
      missions: 'id',
      members: 'id, missionId',
      sites: 'id, missionId',
      findings: 'id, missionId, [missionId+requirementId], authorId',
      evidence: 'id, missionId, findingId',
      attachments: 'sha256',
      assessments: 'id, missionId, [missionId+requirementId]',
      recommendations: 'id, missionId',
      changes: '++seq, &hlc, missionId, [entity+id]',
      meta: 'key',
    });
  }
}
