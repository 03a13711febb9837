import type { SecretBox } from './hub-service';

/** The part of Electron's `safeStorage` used here. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  getSelectedStorageBackend?(): string;
}

/**
 * The OS keychain as a SecretBox, or undefined when there is none worth the name. Call it after
 * 'ready': before, Linux always answers "unavailable".
 *
 * On Linux without a keyring (no GNOME Keyring or KWallet, as on many minimal desktops) Electron
 * still reports encryption as available, using its "basic_text" store, whose key is a constant
 * built into Chromium: anyone who copies the file can decrypt it. That counts as no keychain.
 */
export function keychainSecretBox(safeStorage: SafeStorageLike, platform: NodeJS.Platform): SecretBox | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
  }
  return { encrypt: (text) => safeStorage.encryptString(text), decrypt: (data) => safeStorage.decryptString(data) };
}
