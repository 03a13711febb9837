import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { deviceNameKey } from '../../renderer/src/db/device-names';
import { Repository } from '../../renderer/src/db/repository';
import { ConflictsPanel } from '../../renderer/src/sync/ConflictsPanel';
import { AssessmentDetail } from '../../renderer/src/assessment/AssessmentDetail';
import { DashboardScreen } from '../../renderer/src/mission/DashboardScreen';
import { ReportsScreen } from '../../renderer/src/reports/ReportsScreen';
import { parseStamp } from '../../shared/hlc';
import { flattenTemplate } from '../../shared/checklist-filter';
import type { Finding } from '../../shared/schemas/finding';
import type { Change } from '../../shared/schemas/change';
import { tinyTemplate as template } from '../unit/sync/device-kit';
import { fakeBridge, renderWithServices, startTestApp } from './render-app';

const EARLIER = 'Exit checks are performed at Vërmica.';
const LATER = 'Exit checks are not performed at Vërmica.';

async function changesOf(db: MissionKitDatabase): Promise<Change[]> {
  return (await db.changes.orderBy('seq').toArray()).map(({ seq: _seq, ...change }) => change);
}

/**
 * The lead's device (the app under test) and an expert's laptop edit one finding's narrative
 * at the same time; the lead then receives the laptop's changes. The laptop's edit is the
 * later one. Both devices have names.
 */
async function conflictedMission() {
  // The laptop's clock runs a minute ahead, so its edit is the later one.
  const now = () => Date.now() + 60_000;
  const lead = await startTestApp(fakeBridge(null), new MissionKitDatabase(`lead-${Math.random().toString(36).slice(2)}`));
  const laptopDb = new MissionKitDatabase(`laptop-${Math.random().toString(36).slice(2)}`);
  const laptop = await Repository.open(laptopDb, { now });
  await lead.repository.importTemplate(template);
  await laptop.importTemplate(template);
  const mission = await lead.repository.createMission(template, { title: 'Border mission', territory: { name: 'R' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const ana = await lead.repository.addMember({ missionId: mission.id, name: 'Ana Lead', organisation: 'EU', role: 'lead', areaIds: [] });
  const jurgen = await lead.repository.addMember({ missionId: mission.id, name: 'Jürgen Weber', organisation: 'DE', role: 'expert', areaIds: [] });
  await lead.repository.setIdentity(mission.id, ana.id);
  lead.repository.actAs(ana.id);
  laptop.actAs(jurgen.id);
  const finding: Finding = { id: 'f', missionId: mission.id, requirementId: 'r1', authorId: jurgen.id, deviceId: laptop.deviceId, rating: 'no', narrative: 'First draft.', siteIds: [], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} };
  await lead.repository.save('finding', finding);
  await laptop.applyChanges(await changesOf(lead.db));
  await lead.repository.patch('finding', 'f', { narrative: EARLIER });
  await laptop.patch('finding', 'f', { narrative: LATER });
  await lead.repository.applyChanges(await changesOf(laptopDb));
  await lead.repository.nameThisDevice('Ana’s desktop');
  await lead.db.meta.put({ key: deviceNameKey(laptop.deviceId), value: 'Jürgen’s laptop' });
  const data = await lead.reads.mission(mission.id);
  if (!data?.template) throw new Error('the mission did not load');
  const versions = (await lead.db.findings.get('f'))?._conflicts?.['narrative'] ?? [];
  return { lead, data: { ...data, template: data.template }, laptop, versions };
}

function localTime(hlc: string | undefined): string {
  return new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(parseStamp(hlc ?? '').millis));
}

describe('conflicts made visible', () => {
  it('shows per version who wrote it, on which named device, when, and which one is later', async () => {
    const { lead, data, versions } = await conflictedMission();
    await renderWithServices(<ConflictsPanel data={data} />, fakeBridge(null), lead);
    const conflict = await screen.findByTestId('conflict');
    await waitFor(() =>
      expect(within(conflict).getAllByTestId('conflict-version-meta').map((meta) => meta.textContent)).toEqual([
        `Ana Lead · on Ana’s desktop · ${localTime(versions.find((v) => v.value === EARLIER)?.hlc)} Earlier version`,
        `Jürgen Weber · on Jürgen’s laptop · ${localTime(versions.find((v) => v.value === LATER)?.hlc)} Later version`,
      ]),
    );
  });

  it('falls back to a short device id where a device has no name', async () => {
    const { lead, data, laptop } = await conflictedMission();
    await lead.db.meta.delete(deviceNameKey(laptop.deviceId));
    await renderWithServices(<ConflictsPanel data={data} />, fakeBridge(null), lead);
    const conflict = await screen.findByTestId('conflict');
    const short = laptop.deviceId.slice(0, 'dev-'.length + 8);
    expect(within(conflict).getAllByTestId('conflict-version-meta')[1]?.textContent).toContain(`on ${short} ·`);
    expect(conflict.textContent).not.toContain(laptop.deviceId);
  });

  it('marks the finding on the assessment screen and shows both versions, each usable', async () => {
    const { lead, data } = await conflictedMission();
    const findings = await lead.reads.findings(data.mission.id);
    const entry = flattenTemplate(data.template)[0];
    if (!entry) throw new Error('no requirement');
    await renderWithServices(<AssessmentDetail data={data} entry={entry} findings={findings} />, fakeBridge(null), lead);
    const card = await screen.findByRole('article', { name: 'Finding by Jürgen Weber, with a conflict' });
    await waitFor(() =>
      expect(within(card).getAllByTestId('finding-conflict-version').map((version) => version.textContent)).toEqual([
        expect.stringMatching(new RegExp(`^Ana Lead · on Ana’s desktop · .* Earlier version${EARLIER}Use this version$`)),
        expect.stringMatching(new RegExp(`^Jürgen Weber · on Jürgen’s laptop · .* Later version${LATER}Use this version$`)),
      ]),
    );
    expect(within(card).getAllByRole('button', { name: 'Use this version' })).toHaveLength(2);
    expect(within(card).queryByRole('button', { name: /Use this text/ })).toBeNull();
    expect(screen.getByTestId('assessment-conflict-notice').textContent).toContain('1 finding here has two versions of its text.');
  });

  it('counts open conflicts on the dashboard and links to them', async () => {
    const { lead, data } = await conflictedMission();
    await renderWithServices(<DashboardScreen data={data} />, fakeBridge(null), lead);
    const panel = await screen.findByTestId('dashboard-conflicts');
    expect(within(panel).getByRole('heading').textContent).toBe('1 conflict is open');
    expect(within(panel).getByRole('link', { name: 'Open the conflicts' }).getAttribute('href')).toBe(`#/missions/${encodeURIComponent(data.mission.id)}/sync`);

    await lead.repository.resolveConflict('finding', 'f', 'narrative', 'Resolved.');
    await screen.findByTestId('latest-changes');
    await expect.poll(() => screen.queryByTestId('dashboard-conflicts')).toBeNull();
  });

  it('warns on the Reports screen that a conflict is open and names whose (later) version a report uses', async () => {
    const { lead, data } = await conflictedMission();
    await renderWithServices(<ReportsScreen data={data} />, fakeBridge(null), lead);
    const notice = await screen.findByTestId('report-conflicts');
    await waitFor(() =>
      expect(notice.textContent).toContain(
        '1 conflict is open Until they are resolved, a report uses the later version of each text.' +
          'Finding by Jürgen Weber on “R1”: the report uses the later version, by Jürgen Weber on Jürgen’s laptop',
      ),
    );
  });
});
