import { beforeEach, describe, expect, it, vi } from 'vitest';
import { attachNavigationGuard } from '../../../main/navigation-guard';
import { BrowserWindow, resetElectronMock } from '../../mocks/electron';

function guardedContents() {
  const openExternal = vi.fn((_url: string) => Promise.resolve());
  const { webContents } = new BrowserWindow();
  attachNavigationGuard(webContents, openExternal);
  return { webContents, openExternal };
}

describe('attachNavigationGuard', () => {
  beforeEach(() => resetElectronMock());

  it('prevents navigation to another origin', () => {
    const { webContents, openExternal } = guardedContents();
    expect(webContents.navigate('will-navigate', 'https://evil.example/').prevented).toBe(true);
    expect(webContents.navigate('will-navigate', 'file:///etc/passwd').prevented).toBe(true);
    expect(webContents.navigate('will-navigate', 'app://mission-kit.evil/index.html').prevented).toBe(true);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('allows navigation within app://mission-kit', () => {
    const { webContents } = guardedContents();
    expect(webContents.navigate('will-navigate', 'app://mission-kit/index.html').prevented).toBe(false);
    expect(webContents.navigate('will-navigate', 'app://mission-kit/index.html#/missions/42').prevented).toBe(false);
  });

  it('opens an allow-listed link clicked in the page in the system browser instead', () => {
    const { webContents, openExternal } = guardedContents();
    expect(webContents.navigate('will-navigate', 'https://ec.europa.eu/').prevented).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://ec.europa.eu/');
  });

  it('prevents redirects away from our origin without opening them', () => {
    const { webContents, openExternal } = guardedContents();
    expect(webContents.navigate('will-redirect', 'https://ec.europa.eu/').prevented).toBe(true);
    expect(webContents.navigate('will-redirect', 'app://mission-kit/index.html').prevented).toBe(false);
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window, even for our own origin', () => {
    const { webContents } = guardedContents();
    expect(webContents.openWindow('app://mission-kit/index.html')).toEqual({ action: 'deny' });
    expect(webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
  });

  it('opens an allow-listed window.open target externally, and nothing else', () => {
    const { webContents, openExternal } = guardedContents();
    expect(webContents.openWindow('https://eur-lex.europa.eu/eli/reg/2018/1806/oj')).toEqual({ action: 'deny' });
    expect(webContents.openWindow('https://evil.example/')).toEqual({ action: 'deny' });
    expect(webContents.openWindow('http://ec.europa.eu/')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://eur-lex.europa.eu/eli/reg/2018/1806/oj']]);
  });

  it('survives a failing system browser', async () => {
    const { webContents, openExternal } = guardedContents();
    openExternal.mockRejectedValueOnce(new Error('no browser'));
    expect(webContents.openWindow('https://ec.europa.eu/')).toEqual({ action: 'deny' });
    await Promise.resolve();
  });
});
