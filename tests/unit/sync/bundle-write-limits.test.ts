/**
 * The writer keeps to the reader's limits: a bundle that every device would refuse (too many
 * attachments, an attachment or entry too large, too much in total) is not written; the error
 * says which limit and what to do instead. Without this, an export or `mission-kit merge`
 * reported success and handed over an unreadable file.
 */
import { createHash } from 'node:crypto';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { formatStamp } from '../../../shared/hlc';
import type { Template } from '../../../shared/schemas/template';
import {
  BundleTooLargeError,
  DEFAULT_MAX_UNPACKED_BYTES,
  MAX_ATTACHMENT_ENTRY_BYTES,
  MAX_BUNDLE_ATTACHMENTS,
  MAX_CHANGES_ENTRY_BYTES,
  MAX_MANIFEST_ENTRY_BYTES,
  MAX_TEMPLATE_ENTRY_BYTES,
  readBundle,
  writeBundle,
  type BundleInput,
} from '../../../shared/sync/bundle';
import { checkEntrySizes } from '../../../shared/sync/bundle-write-limits';
import { BUILTIN_TEMPLATES } from '../../../shared/templates/builtin-templates';

const MISSION = 'mission-1';
const template = BUILTIN_TEMPLATES[BUILTIN_TEMPLATES.length - 1] as Template;
const AFTER = 'Nothing was written; send the changes in several bundles ("since" a device) or sync through a hub.';

function input(attachments: Map<string, Uint8Array>): BundleInput {
  return {
    manifest: {
      missionId: MISSION,
      missionTitle: 'Test mission',
      templateId: template.id,
      templateVersion: template.version,
      createdAt: '2024-05-01T10:00:00Z',
      device: 'device-1',
      member: null,
      scope: 'since',
      senderVector: { 'device-1': formatStamp(1_700_000_000_000, 0, 'device-1') },
    },
    changes: [
      { entity: 'finding', id: 'finding-1', missionId: MISSION, field: 'narrative', value: 'seen', hlc: formatStamp(1_700_000_000_000, 0, 'device-1'), device: 'device-1', member: null, base: null },
    ],
    template,
    attachments,
  };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('writeBundle keeps to the reader limits', () => {
  it('refuses more attachments than a reader takes, before hashing any', async () => {
    // Keys that are not even hashes: the count is checked first, so none is looked at.
    const attachments = new Map<string, Uint8Array>();
    for (let n = 0; n <= MAX_BUNDLE_ATTACHMENTS; n += 1) attachments.set(`a${n}`, new Uint8Array(0));
    const written = writeBundle(input(attachments));
    await expect(written).rejects.toBeInstanceOf(BundleTooLargeError);
    await expect(written).rejects.toThrow(
      `This bundle would be refused by every device that reads it: it would carry 50,001 attachments, more than the limit of 50,000. ${AFTER}`,
    );
  });

  it('refuses an attachment larger than a reader unpacks', async () => {
    const photo = new Uint8Array(MAX_ATTACHMENT_ENTRY_BYTES + 1);
    const hash = sha256(photo);
    await expect(writeBundle(input(new Map([[hash, photo]])))).rejects.toThrow(
      `attachment ${hash} is 52,428,801 bytes, more than the limit of 52,428,800 bytes. ${AFTER}`,
    );
  });

  it('names each entry limit and the total', () => {
    const small = { manifest: 1, changes: 1, template: 1, attachments: [] };
    expect(() => checkEntrySizes({ ...small, changes: MAX_CHANGES_ENTRY_BYTES + 1 })).toThrow('its change log would be');
    expect(() => checkEntrySizes({ ...small, template: MAX_TEMPLATE_ENTRY_BYTES + 1 })).toThrow('its template would be');
    expect(() => checkEntrySizes({ ...small, manifest: MAX_MANIFEST_ENTRY_BYTES + 1 })).toThrow('its manifest would be');
    // Eleven 46 MiB photos: each within its limit, 506 MiB together.
    const photos = Array.from({ length: 11 }, (_, n) => ({ sha256: `${n}`.padStart(64, '0'), size: 46 * 1024 * 1024 }));
    expect(() => checkEntrySizes({ ...small, attachments: photos })).toThrow('it would unpack to 506 MiB, more than the limit of 500 MiB');
    expect(() => checkEntrySizes({ ...small, attachments: photos.slice(0, 10) })).not.toThrow();
    expect(10 * 46 * 1024 * 1024 + 3).toBeLessThan(DEFAULT_MAX_UNPACKED_BYTES);
  });

  it('still writes an ordinary bundle, which the reader takes', async () => {
    const photo = strToU8('a photo');
    const bytes = await writeBundle(input(new Map([[sha256(photo), photo]])));
    await expect(readBundle(bytes)).resolves.toMatchObject({ ok: true });
  });
});
