import Dexie, { type EntityTable, type Table } from 'dexie';
import type { Assessment, Evidence, Finding, Recommendation } from '../../../shared/schemas/finding';
import type { Member, Mission, SiteVisit } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';
import type { Change } from '../../../shared/schemas/change';
import type { ConflictVersion } from '../../../shared/sync/sync-types';

/**
 * Per-field clock stamps of the value currently stored, so a later merge can decide
 * last-writer-wins per field and so every local edit can name its `base`.
 */
export interface Stamped {
  _stamps: Record<string, string>;
  _deleted?: boolean;
  /** Narrative fields edited concurrently on different devices: every version, until resolved. */
  _conflicts?: Record<string, ConflictVersion[]>;
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
  /** A small JPEG for lists, when the bytes are an image the browser could decode. */
  thumbnail?: Blob;
}

export interface ChangeRow extends Change {
  /** Local arrival order; stamps order by time, this orders by when this device learnt of them. */
  seq?: number;
}

/**
 * What an expert typed that is not valid yet (a statistic "12 of ten"), kept exactly as typed
 * and marked, so a validation error never discards input. Local to this device: only the
 * valid part is committed to the mission and synced.
 */
export interface DraftRow {
  key: string;
  missionId: string;
  /** What the draft is of: my finding on a requirement, or a site visit being described. */
  kind: 'finding' | 'site';
  /** The requirement id for a finding draft, the site id for a site draft. */
  subjectId: string;
  memberId: string | null;
  values: unknown;
  problems: { path: string; message: string }[];
  updatedAt: string;
}

export interface MetaRow {
  key: string;
  value: unknown;
}

export const DATABASE_NAME = 'mission-kit';

/** Tables and indexes of schema version 1 (the first release). */
export const SCHEMA_V1: Record<string, string> = {
  templates: '[id+version], id',
  missions: 'id',
  members: 'id, missionId',
  sites: 'id, missionId',
  findings: 'id, missionId, [missionId+requirementId], [missionId+authorId]',
  evidence: 'id, missionId, findingId',
  attachments: 'sha256',
  assessments: 'id, missionId, [missionId+requirementId]',
  recommendations: 'id, missionId',
  changes: '++seq, &hlc, missionId, [entity+id]',
  drafts: 'key, missionId',
  meta: 'key',
};

/** Version 2: findings gain answers to guiding questions (no index changes). */
export const SCHEMA_V2: Record<string, string> = { ...SCHEMA_V1 };

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
  drafts!: EntityTable<DraftRow, 'key'>;
  meta!: EntityTable<MetaRow, 'key'>;

  constructor(name: string = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    // Versions are added below, never edited in place: each upgrade has its own migration test
    // that opens a database written by the version before it.
    this.version(1).stores(SCHEMA_V1);
    this.version(2)
      .stores(SCHEMA_V2)
      .upgrade(async (transaction) => {
        // Guiding questions: findings now carry their answers. Existing findings have none.
        await transaction
          .table<{ answers?: unknown }>('findings')
          .toCollection()
          .modify((finding) => {
            if (finding.answers === undefined) finding.answers = {};
          });
      });
  }
}
