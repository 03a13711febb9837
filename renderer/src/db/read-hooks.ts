import { useLiveQuery } from 'dexie-react-hooks';
import type { Assessment, AttachmentEvidence, Evidence, Recommendation } from '../../../shared/schemas/finding';
import type { OpenConflict } from '../../../shared/sync/open-conflicts';
import { useServices } from '../app/services';
import type { PeerRecord } from '../sync/peers';
import type { AssessmentRow, DraftRow, SiteRow } from './database';
import type { StoredWithWriters } from './record-reads';
import type { Editable, InstalledTemplate, Live, LiveAssessment, LiveFinding, MissionData, ReadModels } from './read-models';
import type { Mission } from '../../../shared/schemas/mission';
import { useThrottledQuery } from './use-throttled-query';
import type { FindingRecord } from '../checklist/finding-form-sync';
import type { HistoryPage, HistoryQuery } from './change-history-read';

/**
 * Live read models for components: each re-renders when what it read changes (dexie's live
 * queries), and returns undefined while the first read is under way.
 */

function useRead<T>(read: (reads: ReadModels) => Promise<T>, deps: readonly unknown[]): T | undefined {
  const { reads } = useServices();
  // `read` is re-created each render; what it depends on is listed in `deps`.
  return useLiveQuery(() => read(reads), [reads, ...deps]);
}

export function useMissions(): Live<Mission>[] | undefined {
  return useRead((reads) => reads.missions(), []);
}

export function useTemplates(): InstalledTemplate[] | undefined {
  return useRead((reads) => reads.templates(), []);
}

export function useNewerTemplates(templateId: string, version: number): InstalledTemplate[] | undefined {
  return useRead((reads) => reads.newerTemplates(templateId, version), [templateId, version]);
}

export function useMissionData(missionId: string): MissionData | null | undefined {
  return useRead((reads) => reads.mission(missionId), [missionId]);
}

/** Every live finding of a mission, re-read on every write. */
export function useMissionFindings(missionId: string, enabled = true): LiveFinding[] | undefined {
  return useRead(async (reads) => (enabled ? reads.findings(missionId) : []), [missionId, enabled]);
}

/**
 * Every live finding of a mission, re-read only once the writes to findings pause: on a
 * 20,000-finding mission the read takes a good part of a second, and autosave writes every few
 * hundred milliseconds while someone types.
 */
export function useMissionFindingsThrottled(missionId: string): LiveFinding[] | undefined {
  const { reads } = useServices();
  return useThrottledQuery(reads.databaseName, ['findings'], () => reads.findings(missionId), [reads, missionId]);
}

export function useMissionAssessments(missionId: string, enabled = true): LiveAssessment[] | undefined {
  return useRead(async (reads) => (enabled ? reads.assessments(missionId) : []), [missionId, enabled]);
}

export function useMissionRecommendations(missionId: string): Live<Recommendation>[] | undefined {
  return useRead((reads) => reads.recommendations(missionId), [missionId]);
}

export function useEvidenceOf(findingIds: readonly string[]): Live<Evidence>[] | undefined {
  const key = findingIds.join(',');
  return useRead((reads) => reads.evidenceOf(key ? key.split(',') : []), [key]);
}

export function useAttachmentsOf(findingId: string): Live<AttachmentEvidence>[] | undefined {
  return useRead((reads) => reads.attachmentsOf(findingId), [findingId]);
}

export function useEditableAssessment(missionId: string, requirementId: string): { assessment: Editable<Assessment> | undefined } | undefined {
  return useRead(async (reads) => ({ assessment: await reads.editableAssessment(missionId, requirementId) }), [missionId, requirementId]);
}

export function useDraftSubjects(missionId: string, kind: DraftRow['kind'], memberId?: string | null): Set<string> | undefined {
  return useRead((reads) => reads.draftSubjects(missionId, kind, memberId), [missionId, kind, memberId]);
}

export function useDrafts(missionId: string, kind: DraftRow['kind']): DraftRow[] | undefined {
  return useRead((reads) => reads.drafts(missionId, kind), [missionId, kind]);
}

export function useDraft(key: string): { draft: DraftRow | null } | undefined {
  return useRead(async (reads) => ({ draft: await reads.draft(key) }), [key]);
}

/** A page of the change history, live: a change arriving from another device shows at once. */
export function useChangeHistory(missionId: string, query: HistoryQuery): HistoryPage | undefined {
  const { limit, memberId, deviceId, requirementId } = query;
  return useRead((reads) => reads.changeHistory(missionId, { limit, memberId, deviceId, requirementId }), [missionId, limit, memberId, deviceId, requirementId]);
}

export function useOpenConflicts(missionId: string): OpenConflict[] | undefined {
  return useRead((reads) => reads.openConflicts(missionId), [missionId]);
}

export function usePeers(missionId: string): PeerRecord[] | undefined {
  return useRead((reads) => reads.peers(missionId), [missionId]);
}

/** Device names by id; an empty map while loading, so labels fall back to short ids. */
export function useDeviceNames(): ReadonlyMap<string, string> {
  return useRead((reads) => reads.deviceNames(), []) ?? EMPTY_NAMES;
}

const EMPTY_NAMES: ReadonlyMap<string, string> = new Map();

export function useLikelyOwnerName(): string | null | undefined {
  return useRead((reads) => reads.likelyOwnerName(), []);
}

/** This device's own name: undefined while loading, null when it has none yet. */
export function useOwnDeviceName(): string | null | undefined {
  const { repository } = useServices();
  return useRead((reads) => reads.deviceName(repository.deviceId), [repository.deviceId]);
}

/** My finding on a requirement as stored now, live: the open form follows remote changes field by field. */
export function useFindingRecord(missionId: string, requirementId: string, memberId: string): FindingRecord | undefined {
  return useRead((reads) => reads.findingRecord(missionId, requirementId, memberId), [missionId, requirementId, memberId]);
}

/** The consolidated assessment of a requirement as stored now, live, for the open form ({ stored: null } when there is none). */
export function useAssessmentRecord(missionId: string, requirementId: string): { stored: StoredWithWriters<AssessmentRow> | null } | undefined {
  return useRead(async (reads) => ({ stored: await reads.assessmentRecord(missionId, requirementId) }), [missionId, requirementId]);
}

/** A site visit as stored now and this form's draft, live, for the open site form. */
export function useSiteRecord(siteId: string, draftKey: string): { stored: StoredWithWriters<SiteRow> | null; draft: DraftRow | null } | undefined {
  return useRead(async (reads) => ({ stored: await reads.siteRecord(siteId), draft: await reads.draft(draftKey) }), [siteId, draftKey]);
}
