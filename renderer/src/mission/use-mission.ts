import { useEffect } from 'react';
import { useServices } from '../app/services';
import { useMissionData } from '../db/read-hooks';
import type { MissionData } from '../db/read-models';

export type { MissionData };

/** Everything the mission screens share, live: it re-renders when any of it changes. */
export function useMission(missionId: string): MissionData | null | undefined {
  const { repository } = useServices();
  const data = useMissionData(missionId);

  const meId = data?.me?.id ?? null;
  useEffect(() => {
    // Every change this device makes in this mission is signed with the chosen member.
    repository.actAs(meId);
  }, [repository, meId]);

  return data;
}
