import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { Template } from '../../../shared/schemas/template';
import type { MemberRow, MissionRow, SiteRow } from '../db/database';
import { identityKey } from '../db/repository';
import { useServices } from '../app/services';

export interface MissionData {
  mission: MissionRow;
  template: Template | null;
  members: MemberRow[];
  sites: SiteRow[];
  /** The member this device acts as in this mission, if chosen. */
  me: MemberRow | null;
}

/** Everything the mission screens share, live: it re-renders when any of it changes. */
export function useMission(missionId: string): MissionData | null | undefined {
  const { db, repository } = useServices();
  const data = useLiveQuery(async (): Promise<MissionData | null> => {
    const mission = await db.missions.get(missionId);
    if (!mission || mission._deleted) return null;
    const [templateRow, members, sites, identity] = await Promise.all([
      db.templates.get([mission.templateId, mission.templateVersion]),
      db.members.where('missionId').equals(missionId).filter((row) => !row._deleted).toArray(),
      db.sites.where('missionId').equals(missionId).filter((row) => !row._deleted).toArray(),
      db.meta.get(identityKey(missionId)),
    ]);
    members.sort((a, b) => roleOrder(a.role) - roleOrder(b.role) || a.name.localeCompare(b.name));
    sites.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
    const me = members.find((member) => member.id === identity?.value) ?? null;
    return { mission, template: templateRow?.template ?? null, members, sites, me };
  }, [db, missionId]);

  const meId = data?.me?.id ?? null;
  useEffect(() => {
    // Every change this device makes in this mission is signed with the chosen member.
    repository.actAs(meId);
  }, [repository, meId]);

  return data;
}

function roleOrder(role: MemberRow['role']): number {
  return role === 'lead' ? 0 : role === 'expert' ? 1 : 2;
}
