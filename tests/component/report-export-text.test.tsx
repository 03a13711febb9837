import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Bridge, SaveFileRequest } from '../../shared/ipc-contract';
import { ReportsScreen } from '../../renderer/src/reports/ReportsScreen';
import { tinyTemplate as template } from '../unit/sync/device-kit';
import { openDocx, packageProblems } from '../unit/report/docx-reading';
import { forbiddenCharacters, headerText } from '../unit/report/hostile-text';
import { renderWithServices, startTestApp } from './render-app';

/**
 * The sanitiser can be switched off for one test, to show what the app does when the check
 * after writing refuses a document: the model then reaches the document as it is, as it would
 * if a string bypassed the sanitiser.
 */
const sanitiser = vi.hoisted(() => ({ off: false }));
vi.mock('../../shared/report/xml-safe-text', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../shared/report/xml-safe-text')>();
  return { ...real, xmlSafeModel: <Model,>(model: Model): Model => (sanitiser.off ? model : real.xmlSafeModel(model)) };
});

/** A bridge that keeps what the app asks to save. */
function savingBridge(): Bridge & { saved: SaveFileRequest[] } {
  const saved: SaveFileRequest[] = [];
  return {
    host: 'web',
    saved,
    invoke: async (channel, request) => {
      if (channel !== 'file:save') throw new Error(`unexpected channel ${channel}`);
      const save = request as SaveFileRequest;
      saved.push(save);
      return { ok: true, value: { canceled: false, fileName: save.suggestedName } } as never;
    },
  };
}

/** A mission whose classification carries the U+FFFF of the issue. */
async function hostileMission(bridge: Bridge) {
  const services = await startTestApp(bridge);
  await services.repository.importTemplate(template);
  const mission = await services.repository.createMission(template, {
    title: 'Border mission',
    territory: { name: 'R' },
    framework: 'F',
    startDate: '2026-03-02',
    endDate: '2026-03-06',
    classification: 'RESTRICTED\uFFFF',
    reportVersion: '1.0',
  });
  const lead = await services.repository.addMember({ missionId: mission.id, name: 'Ana\uFFFE Lead', organisation: 'EU', role: 'lead', areaIds: [] });
  await services.repository.setIdentity(mission.id, lead.id);
  const data = await services.reads.mission(mission.id);
  if (!data?.template) throw new Error('the mission did not load');
  return { services, data: { ...data, template: data.template } };
}

describe('exporting a report with U+FFFF in the mission', () => {
  it('saves a report whose every XML part parses, without the U+FFFF', async () => {
    sanitiser.off = false;
    const bridge = savingBridge();
    const { services, data } = await hostileMission(bridge);
    await renderWithServices(<ReportsScreen data={data} />, bridge, services);
    await userEvent.click(screen.getByRole('button', { name: 'Export the mission report (.docx)' }));
    expect((await screen.findByTestId('report-outcome', {}, { timeout: 20_000 })).textContent).toBe('Saved border-mission-report.docx.');
    expect(bridge.saved).toHaveLength(1);
    const pkg = openDocx(bridge.saved[0]?.data ?? new Uint8Array());
    expect(forbiddenCharacters(pkg)).toEqual([]);
    expect(packageProblems(pkg)).toEqual([]);
    expect(headerText(pkg)).toBe('RESTRICTED');
  }, 30_000);

  it('shows which part the check refused, and saves nothing', async () => {
    sanitiser.off = true;
    try {
      const bridge = savingBridge();
      const { services, data } = await hostileMission(bridge);
      await renderWithServices(<ReportsScreen data={data} />, bridge, services);
      await userEvent.click(screen.getByRole('button', { name: 'Export the expert report (.docx)' }));
      const alert = await screen.findByRole('alert', {}, { timeout: 20_000 });
      expect(alert.textContent).toMatch(
        /^The report was not saved: its part word\/document\.xml is not well-formed XML \(line \d+, column \d+: disallowed character U\+FFFE\)\. This is a fault in Mission Kit; please report it\.$/,
      );
      expect(bridge.saved).toEqual([]);
    } finally {
      sanitiser.off = false;
    }
  }, 30_000);
});
