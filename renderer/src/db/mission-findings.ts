import Dexie from 'dexie';
import type { FindingRow, MissionKitDatabase } from './database';

/**
 * Rows read per transaction. IndexedDB makes a write wait until every earlier transaction on
 * the same table has finished, so one read of a whole 20,000-finding mission held the
 * autosave of the open form back for as long as it ran: nine seconds on a two-core machine,
 * longer than a crash test's forty words. A page of this size is read in tens of
 * milliseconds, and a write waits for at most one page.
 */
export const FINDINGS_PAGE = 500;

/**
 * Every finding of a mission, tombstones left out, read a page per transaction so that it
 * never holds back the autosave. Pages end on a requirement boundary, so a requirement's
 * findings are always read together; between pages other writes may land, which the callers'
 * live queries see and answer by reading again.
 */
export async function liveFindings(db: MissionKitDatabase, missionId: string, pageSize = FINDINGS_PAGE): Promise<FindingRow[]> {
  const table = db.findings;
  const rows: FindingRow[] = [];
  let from: string | typeof Dexie.minKey = Dexie.minKey;
  let includeFrom = true;
  for (;;) {
    // No filter here: a plain key range with a limit is one getAll request, where a filtered
    // read walks a cursor that stalls whenever the page's main thread is busy rendering.
    const page: FindingRow[] = await table
      .where('[missionId+requirementId]')
      .between([missionId, from], [missionId, Dexie.maxKey], includeFrom, true)
      .limit(pageSize)
      .toArray();
    const last = page.at(-1);
    if (!last || page.length < pageSize) {
      rows.push(...page);
      break;
    }
    // The last requirement of a full page may go on in the next one: read it again from its start.
    const complete = page.filter((row) => row.requirementId !== last.requirementId);
    if (complete.length > 0) {
      rows.push(...complete);
      from = last.requirementId;
      includeFrom = true;
    } else {
      // One requirement fills the page (a team larger than the page): read it whole.
      rows.push(...(await table.where('[missionId+requirementId]').equals([missionId, last.requirementId]).toArray()));
      from = last.requirementId;
      includeFrom = false;
    }
  }
  return rows.filter((row) => !row._deleted);
}

