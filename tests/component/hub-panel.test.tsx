import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Bridge } from '../../shared/ipc-contract';
import { fail, ok } from '../../shared/result';
import { HubPanel } from '../../renderer/src/sync/HubPanel';
import { renderWithServices } from './render-app';

/** A desktop bridge whose hub answers like main's HubService, recording what it was asked. */
function desktopBridge(calls: { channel: string; request: unknown }[]): Bridge {
  let hosting = false;
  let lan = false;
  let code = 'KSVM2345';
  const status = () =>
    hosting
      ? {
          hosting,
          urls: [lan ? 'http://192.168.1.20:7421/' : 'http://127.0.0.1:7421/'],
          pairingCode: code,
          listening: lan ? { address: '0.0.0.0', port: 7421, reach: 'network' as const } : { address: '127.0.0.1', port: 7421, reach: 'this-machine' as const },
        }
      : { hosting, urls: [], pairingCode: null };
  return {
    host: 'electron',
    invoke: async (channel, request) => {
      calls.push({ channel, request });
      switch (channel) {
        case 'hub:status':
          return ok(status()) as never;
        case 'hub:host':
          hosting = true;
          lan = (request as { host?: string }).host === '0.0.0.0';
          return ok(status()) as never;
        case 'hub:newCode':
          code = 'NEWC2345';
          return ok(status()) as never;
        case 'hub:pair':
          return ((request as { code: string }).code === 'KSVM2345' ? ok({ paired: true }) : fail('hub-error', 'Pairing with the hub failed: wrong code')) as never;
        case 'hub:exchange':
          return ok({ pushed: 0, pulled: [], hubVector: {}, attachments: [] }) as never;
        default:
          return fail('unsupported', channel) as never;
      }
    },
  };
}

describe('LAN hub panel', () => {
  it('hosts a hub on the chosen port and interface, and shows its address and pairing code', async () => {
    const user = userEvent.setup();
    const calls: { channel: string; request: unknown }[] = [];
    await renderWithServices(<HubPanel missionId="m1" />, desktopBridge(calls));
    await user.clear(await screen.findByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '80');
    await user.click(screen.getByRole('button', { name: 'Host a hub' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Choose a port between 1024 and 65535.');
    await user.clear(screen.getByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '7421');
    await user.click(screen.getByLabelText('the local network (every interface)'));
    await user.click(screen.getByRole('button', { name: 'Host a hub' }));
    expect(await screen.findByTestId('hub-code')).toHaveProperty('textContent', 'KSVM2345');
    expect(screen.getByText('http://192.168.1.20:7421/')).toBeTruthy();
    expect(screen.getByTestId('hub-listening').textContent).toBe('Listening on 0.0.0.0:7421: reachable from the local network.');
    expect(calls.find((call) => call.channel === 'hub:host')?.request).toEqual({ port: 7421, host: '0.0.0.0' });
  });

  it('hosts on this computer only unless the local network is chosen, and says so', async () => {
    const user = userEvent.setup();
    const calls: { channel: string; request: unknown }[] = [];
    await renderWithServices(<HubPanel missionId="m1" />, desktopBridge(calls));
    expect(await screen.findByLabelText('this computer only')).toHaveProperty('checked', true);
    expect(screen.getByLabelText('the local network (every interface)')).toHaveProperty('checked', false);
    await user.clear(screen.getByLabelText('Port'));
    await user.type(screen.getByLabelText('Port'), '7421');
    await user.click(screen.getByRole('button', { name: 'Host a hub' }));
    expect((await screen.findByTestId('hub-listening')).textContent).toBe(
      'Listening on 127.0.0.1:7421: this computer only. Devices on the network cannot reach it; host it on the local network for them.',
    );
    expect(calls.find((call) => call.channel === 'hub:host')?.request).toEqual({ port: 7421, host: '127.0.0.1' });
  });

  it('issues a new pairing code without stopping the hub', async () => {
    const user = userEvent.setup();
    const calls: { channel: string; request: unknown }[] = [];
    await renderWithServices(<HubPanel missionId="m1" />, desktopBridge(calls));
    await user.click(await screen.findByRole('button', { name: 'Host a hub' }));
    expect(await screen.findByTestId('hub-code')).toHaveProperty('textContent', 'KSVM2345');
    await user.click(screen.getByRole('button', { name: 'New pairing code' }));
    await waitFor(() => expect(screen.getByTestId('hub-code').textContent).toBe('NEWC2345'));
    expect(screen.getByTestId('hub-outcome').textContent).toBe('New pairing code issued: the old one no longer works. Devices already paired keep syncing.');
    expect(calls.filter((call) => call.channel === 'hub:newCode')).toEqual([{ channel: 'hub:newCode', request: {} }]);
    expect(calls.some((call) => call.channel === 'hub:stop')).toBe(false);
  });

  it('pairs with a hub, says so when the code is wrong, and syncs with it', async () => {
    const user = userEvent.setup();
    const calls: { channel: string; request: unknown }[] = [];
    const { services } = await renderWithServices(<HubPanel missionId="m1" />, desktopBridge(calls));
    await user.type(await screen.findByLabelText('Hub address'), 'http://192.168.1.20:7420/');
    await user.type(screen.getByLabelText('Pairing code'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Pair' }));
    expect((await screen.findByRole('alert')).textContent).toContain('wrong code');
    await user.clear(screen.getByLabelText('Pairing code'));
    await user.type(screen.getByLabelText('Pairing code'), 'ksvm2345');
    await user.click(screen.getByRole('button', { name: 'Pair' }));
    expect((await screen.findByTestId('hub-outcome')).textContent).toContain('Paired with the hub');
    expect(calls.find((call) => call.channel === 'hub:pair' && (call.request as { code: string }).code === 'KSVM2345')?.request).toMatchObject({ device: services.repository.deviceId });

    await user.click(await screen.findByRole('button', { name: 'Sync now' }));
    await waitFor(() => expect(screen.getByTestId('hub-outcome').textContent).toContain('Synced: 0 changes sent'));
    expect(calls.some((call) => call.channel === 'hub:exchange')).toBe(true);
  });

  it('says when pairings last only until the app closes, and words main’s refusals', async () => {
    const user = userEvent.setup();
    const refusals = [
      ['hub-not-local', 'Mission Kit connects only to hubs on the local network'],
      ['hub-redirect', 'Mission Kit does not follow redirects'],
    ] as const;
    let attempt = 0;
    const bridge: Bridge = {
      host: 'electron',
      invoke: async (channel) => {
        if (channel === 'hub:status') return ok({ hosting: false, urls: [], pairingCode: null, pairingsKept: 'until-quit' }) as never;
        if (channel === 'hub:pair') return fail(refusals[attempt++ % refusals.length]?.[0] ?? 'hub-error', 'Pairing with http://93.184.216.34:7420/ refused: in English') as never;
        return fail('unsupported', channel) as never;
      },
    };
    await renderWithServices(<HubPanel missionId="m1" />, bridge);
    expect((await screen.findByTestId('hub-pairings-kept')).textContent).toContain('pairings last until Mission Kit is closed');

    await user.type(screen.getByLabelText('Hub address'), 'http://93.184.216.34:7420/');
    await user.type(screen.getByLabelText('Pairing code'), 'KSVM2345');
    for (const [, text] of refusals) {
      await user.click(screen.getByRole('button', { name: 'Pair' }));
      await waitFor(() => expect(screen.getByRole('alert').textContent).toContain(text));
    }
  });

  it('says nothing about keeping pairings where the keychain keeps them', async () => {
    const bridge: Bridge = {
      host: 'electron',
      invoke: async (channel) =>
        (channel === 'hub:status'
          ? ok({ hosting: true, urls: ['http://192.168.1.20:7420/'], pairingCode: 'KSVM2345', pairingsKept: 'encrypted' })
          : fail('unsupported', channel)) as never,
    };
    await renderWithServices(<HubPanel missionId="m1" />, bridge);
    // The code shows once the status has arrived: the note would have come with it.
    await screen.findByTestId('hub-code');
    expect(screen.queryByTestId('hub-pairings-kept')).toBeNull();
  });

  it('says the hub needs the desktop app in the browser build', async () => {
    await renderWithServices(<HubPanel missionId="m1" />, { host: 'web', invoke: async () => fail('unsupported', 'no') });
    expect(await screen.findByText(/works in the desktop app/)).toBeTruthy();
  });
});
