import { beforeEach, describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { restoreFullBackup, restoreSnapshot } from '../../../renderer/src/backups/backup-service';
import { FULL_BACKUP_MANIFEST } from '../../../renderer/src/backups/full-backup-format';
import { importMissionFile } from '../../../renderer/src/files/mission-file-io';
import { syncWithHub } from '../../../renderer/src/sync/hub-sync';
import { importBundle } from '../../../renderer/src/sync/sync-service';
import type { Bridge, BridgeRequests, BridgeResponses, IpcChannel } from '../../../shared/ipc-contract';
import { formatStamp, parseStamp } from '../../../shared/hlc';
import { fail, ok, type Result } from '../../../shared/result';
import type { Change } from '../../../shared/schemas/change';
import type { Assessment, Finding } from '../../../shared/schemas/finding';
import { writeBundle } from '../../../shared/sync/bundle';
import { vectorOf } from '../../../shared/sync/version-vector';
import { allChanges, device, tinyTemplate } from './device-kit';
import { databaseHash } from './database-hash';

/**
 * Every way into the database × every kind of bad delivery: the delivery is refused with a
 * message that names the problem, and the database — every table, meta and attachment bytes
 * included — is byte for byte what it was.
 */

type Kit = Awaited<ReturnType<typeof scene>>;
type Refusal = 'bad reference' | 'unknown key' | 'duplicate' | 'other mission' | 'future clock' | 'truncated' | 'wrong passphrase';

const PHOTO = strToU8('the photo of booth 3 at Merdare '.repeat(20));
const PHOTO_SHA = createHash('sha256').update(PHOTO).digest('hex');
const FIVE_YEARS_THREE_DAYS = (5 * 365 + 3) * 24 * 3600_000 + 12 * 3600_000;

/** A lead with a mission (member, site, finding with a photo, assessment) that the receiver already holds. */
async function scene() {
  const lead = await device();
  await lead.repo.importTemplate(tinyTemplate);
  const mission = await lead.repo.createMission(tinyTemplate, { title: 'Tiny mission', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const member = await lead.repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'Slovenia', role: 'lead', areaIds: ['a'] });
  lead.repo.actAs(member.id);
  const site = await lead.repo.save('site', { id: 'site-1', missionId: mission.id, type: 'land-crossing', name: 'Merdare', date: '2026-03-03', host: '', memberIds: [member.id], notes: '' });
  const finding: Finding = { id: 'finding-1', missionId: mission.id, requirementId: 'r1', authorId: member.id, deviceId: lead.repo.deviceId, rating: 'yes', narrative: 'Seen.', siteIds: [site.id], sources: [], flags: { goodPractice: false, seriousDeficiency: false }, answers: {} };
  await lead.repo.save('finding', finding);
  await lead.repo.addAttachment({ id: 'photo-1', missionId: mission.id, findingId: finding.id, kind: 'attachment', fileName: 'booth.jpg', mediaType: 'image/jpeg', size: PHOTO.length, sha256: PHOTO_SHA, caption: '' }, new Blob([PHOTO]));
  await lead.repo.save('assessment', { id: 'assessment-1', missionId: mission.id, requirementId: 'r1', rating: 'yes', narrative: 'Fulfilled.', sourceFindingIds: [finding.id] });
  const changes = await allChanges(lead.db);
  const receiver = await device();
  const first = await importBundle(receiver.db, receiver.repo, await bundleOf(mission.id, changes, 'everything'), {});
  if (!first.ok) throw new Error(first.error.message);
  const last = parseStamp(changes[changes.length - 1]?.hlc ?? '');
  let counter = 0;
  /** A stamp of the lead's device just after its last change: not ahead of anyone's clock. */
  const stamp = (node = lead.repo.deviceId, millis = last.millis + 1): string => formatStamp(millis, ++counter, node);
  return { lead, receiver, missionId: mission.id, memberId: member.id, finding, changes, stamp };
}

function creation(kit: Kit, entity: Change['entity'], id: string, value: Record<string, unknown>, hlc = kit.stamp()): Change {
  return { entity, id, missionId: kit.missionId, field: '*', value: value as Change['value'], hlc, device: kit.lead.repo.deviceId, member: kit.memberId, base: null };
}

/** The bad change each refusal class adds to an otherwise good delivery, and what the message must say. */
function badChange(kit: Kit, refusal: Refusal): { change: Change; message: RegExp } {
  const { finding, missionId } = kit;
  const { id: _id, ...fields } = finding;
  switch (refusal) {
    case 'bad reference':
      return {
        change: creation(kit, 'finding', 'finding-2', { ...fields, rating: 'yess' }),
        message: /changes\[\d+\]\.value\.rating: level "yess" is not in the scale \(yes, no\)/,
      };
    case 'unknown key':
      return {
        change: creation(kit, 'finding', 'finding-2', { ...fields, ratting: 'yes' }),
        message: /changes\[\d+\]\.value: unknown key "ratting" — did you mean "rating"\?/,
      };
    case 'duplicate': {
      const { id: _a, ...second }: Assessment = { id: 'assessment-2', missionId, requirementId: 'r1', rating: 'no', narrative: 'Not fulfilled.', sourceFindingIds: [] };
      return { change: creation(kit, 'assessment', 'assessment-2', second), message: /a second assessment of requirement "r1" \(assessment "assessment-1" is the first\)/ };
    }
    case 'other mission':
      // Over the hub, a change that names another mission; in files, see otherMissionBundle.
      return {
        change: { ...creation(kit, 'finding', 'finding-2', { ...fields, missionId: 'other-mission' }), missionId: 'other-mission' },
        message: /changes\[\d+\]\.missionId: belongs to mission "other-mission", not to "[^"]+"/,
      };
    case 'future clock': {
      const wall = parseStamp(kit.changes[kit.changes.length - 1]?.hlc ?? '').millis;
      const change: Change = { entity: 'finding', id: finding.id, missionId, field: 'narrative', value: 'Written in 2031.', hlc: kit.stamp('dev-future', wall + FIVE_YEARS_THREE_DAYS), device: 'dev-future', member: kit.memberId, base: null };
      return { change, message: /device dev-future is 5 years, 3 days ahead of this computer's clock; nothing was received/ };
    }
    default:
      throw new Error(`${refusal} is not a change`);
  }
}

const OTHER_MISSION = 'mission-2';

/**
 * A bundle of another mission that reuses the id of a finding this device holds in the kit's
 * mission: stored, it would move that finding into the other mission.
 */
async function otherMissionBundle(kit: Kit): Promise<Uint8Array> {
  const missionCreation = kit.changes.find((change) => change.entity === 'mission');
  const memberCreation = kit.changes.find((change) => change.entity === 'member');
  if (!missionCreation || !memberCreation) throw new Error('the kit has a mission and a member');
  const move = (change: Change, id: string): Change => ({ ...change, id, missionId: OTHER_MISSION, hlc: kit.stamp(), value: change.entity === 'mission' ? change.value : { ...(change.value as Record<string, Change['value']>), missionId: OTHER_MISSION } });
  const { id: _id, ...fields } = kit.finding;
  const changes = [
    move(missionCreation, OTHER_MISSION),
    move(memberCreation, kit.memberId),
    { ...creation(kit, 'finding', kit.finding.id, { ...fields, missionId: OTHER_MISSION, siteIds: [] }), missionId: OTHER_MISSION },
  ];
  // The member keeps its id too: the first of the two collisions is the one named.
  return bundleOf(OTHER_MISSION, changes, 'everything');
}

const OTHER_MISSION_MESSAGE = /changes\[1\]\.id: member "[^"]+" belongs to mission "[^"]+" on this device, not to "mission-2"/;

async function bundleOf(missionId: string, changes: readonly Change[], scope: 'since' | 'everything', passphrase?: string): Promise<Uint8Array> {
  return writeBundle(
    {
      manifest: { missionId, missionTitle: 'Tiny mission', templateId: tinyTemplate.id, templateVersion: tinyTemplate.version, createdAt: '2026-03-04T10:00:00Z', device: 'dev-sender', member: null, scope, senderVector: vectorOf(changes), deviceNames: { 'dev-sender': 'Sender laptop' } },
      changes,
      template: tinyTemplate,
      attachments: new Map([[PHOTO_SHA, PHOTO]]),
    },
    passphrase ? { passphrase, iterations: 600_000 } : {},
  );
}

const HUB_URL = 'http://hub.local:7420';
/** The changes each kit's hub holds. */
const hubs = new WeakMap<Kit, Change[]>();

/** The hub through the bridge, in memory: stores what is pushed, returns what the device has not seen. */
function hubBridge(kit: Kit): Bridge {
  const hub = hubs.get(kit) ?? [...kit.changes];
  hubs.set(kit, hub);
  return bridgeOf({
    'hub:exchange': (request) => {
      const known = new Set(hub.map((change) => change.hlc));
      hub.push(...(request.changes as Change[]).filter((change) => !known.has(change.hlc)));
      const pulled = hub.filter((change) => change.hlc > (request.vector[change.device] ?? ''));
      return ok({ pushed: 0, pulled, hubVector: vectorOf(hub), attachments: [] });
    },
  });
}

function bridgeOf(handlers: Partial<{ [C in IpcChannel]: (request: BridgeRequests[C]) => Result<BridgeResponses[C]> }>): Bridge {
  return {
    host: 'electron',
    invoke: (channel, request) => {
      const handler = handlers[channel] as ((request: unknown) => Result<never>) | undefined;
      return Promise.resolve(handler ? handler(request) : fail('unsupported', channel));
    },
  };
}

/**
 * Each way in: feeds it a delivery of the kit's changes plus a bad change (or damaged bytes) and
 * returns the refusal message. `prepare` runs before the database is hashed.
 */
const PATHS: Record<string, { refusals: Refusal[]; prepare?: (kit: Kit) => Promise<void>; run: (kit: Kit, refusal: Refusal) => Promise<string> }> = {
  'bundle import': {
    refusals: ['bad reference', 'unknown key', 'duplicate', 'other mission', 'future clock', 'truncated', 'wrong passphrase'],
    run: async (kit, refusal) => {
      let bytes: Uint8Array;
      if (refusal === 'truncated') bytes = (await bundleOf(kit.missionId, kit.changes, 'since')).slice(0, 900);
      else if (refusal === 'wrong passphrase') bytes = await bundleOf(kit.missionId, kit.changes, 'since', 'correct horse');
      else if (refusal === 'other mission') bytes = await otherMissionBundle(kit);
      else bytes = await bundleOf(kit.missionId, [...kit.changes, badChange(kit, refusal).change], 'since');
      const result = await importBundle(kit.receiver.db, kit.receiver.repo, bytes, refusal === 'wrong passphrase' ? { passphrase: 'wrong horse' } : {});
      return result.ok ? 'accepted' : result.error.message;
    },
  },
  'hub pull': {
    refusals: ['bad reference', 'unknown key', 'duplicate', 'other mission', 'future clock'],
    // A first exchange: afterwards the receiver and the hub hold the same, so the next one sends nothing.
    prepare: async (kit) => {
      const first = await syncWithHub(kit.receiver.db, kit.receiver.repo, hubBridge(kit), HUB_URL, kit.missionId);
      if (!first.ok) throw new Error(first.error.message);
    },
    run: async (kit, refusal) => {
      hubs.get(kit)?.push(badChange(kit, refusal).change);
      const result = await syncWithHub(kit.receiver.db, kit.receiver.repo, hubBridge(kit), HUB_URL, kit.missionId);
      return result.ok ? 'accepted' : result.error.message;
    },
  },
  'snapshot restore': {
    refusals: ['bad reference', 'unknown key', 'duplicate', 'other mission', 'future clock', 'truncated'],
    run: async (kit, refusal) => {
      const good = await bundleOf(kit.missionId, kit.changes, 'everything');
      const bytes =
        refusal === 'truncated'
          ? good.slice(0, good.length - 40)
          : refusal === 'other mission'
            ? await otherMissionBundle(kit) // a snapshot file of another mission under this mission's name
            : await bundleOf(kit.missionId, [...kit.changes, badChange(kit, refusal).change], 'everything');
      const bridge = bridgeOf({
        'backup:read': () => ok({ data: bytes }),
        'backup:write': ({ missionId, missionTitle, reason, data }) => ok({ id: 'before.mkbundle', missionId, missionTitle, createdAt: '2026-03-04T10:00:00Z', reason, bytes: data.byteLength }),
      });
      const result = await restoreSnapshot({ db: kit.receiver.db, repository: kit.receiver.repo, bridge }, { missionId: kit.missionId, id: 'snapshot.mkbundle' });
      return result.ok ? 'accepted' : result.error.message;
    },
  },
  'full-backup restore': {
    refusals: ['bad reference', 'unknown key', 'duplicate', 'other mission', 'future clock', 'truncated'],
    run: async (kit, refusal) => {
      const other = refusal === 'other mission';
      const bundle = refusal === 'truncated' ? await bundleOf(kit.missionId, kit.changes, 'everything') : other ? await otherMissionBundle(kit) : await bundleOf(kit.missionId, [...kit.changes, badChange(kit, refusal).change], 'everything');
      const manifest = { format: 'mission-kit/full-backup', formatVersion: 1, createdAt: '2026-03-04T10:00:00Z', missions: [{ missionId: other ? OTHER_MISSION : kit.missionId, missionTitle: 'Tiny mission', file: 'missions/1.mkbundle' }] };
      const zip = zipSync({ 'missions/1.mkbundle': [bundle, { level: 0 }], [FULL_BACKUP_MANIFEST]: strToU8(JSON.stringify(manifest)) });
      const bytes = refusal === 'truncated' ? zip.slice(0, zip.length - 30) : zip;
      const result = await restoreFullBackup({ repository: kit.receiver.repo }, bytes);
      return result.ok ? 'accepted' : result.error.message;
    },
  },
  'mission-file import': {
    refusals: ['bad reference', 'unknown key', 'duplicate', 'other mission', 'truncated'],
    run: async (kit, refusal) => {
      const missionId = 'mission-from-file';
      const member = { id: 'member-file', missionId, name: 'Ana', organisation: 'Slovenia', role: 'lead', areaIds: [] };
      const finding = { ...kit.finding, id: 'finding-file', missionId, authorId: member.id, siteIds: [] };
      const assessment = { id: 'assessment-file', missionId, requirementId: 'r1', rating: 'yes', narrative: '', sourceFindingIds: [] };
      const file = {
        format: 'mission-kit/mission',
        formatVersion: 1,
        exportedAt: '2026-03-04T10:00:00Z',
        template: tinyTemplate,
        mission: { id: missionId, templateId: tinyTemplate.id, templateVersion: 1, title: 'From a file', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0', createdAt: '2026-03-01T08:00:00Z' },
        members: [member],
        sites: [],
        findings: [
          refusal === 'bad reference' ? { ...finding, rating: 'yess' } : refusal === 'unknown key' ? { ...finding, ratting: 'yes' } : refusal === 'other mission' ? { ...finding, missionId: 'other-mission' } : finding,
        ],
        evidence: [],
        assessments: refusal === 'duplicate' ? [assessment, { ...assessment, id: 'assessment-file-2', rating: 'no' }] : [assessment],
        recommendations: [],
        changes: [],
      };
      const text = JSON.stringify(file);
      const data = strToU8(refusal === 'truncated' ? text.slice(0, text.length - 20) : text) as Uint8Array<ArrayBuffer>;
      const bridge = bridgeOf({ 'file:open': () => ok({ canceled: false as const, fileName: 'from-a-file.mission.json', data }) });
      const outcome = await importMissionFile(bridge, kit.receiver.repo);
      if (outcome.kind === 'imported') return 'accepted';
      if (outcome.kind === 'invalid') return outcome.problems.map((problem) => `${problem.path}: ${problem.message}`).join('\n');
      return outcome.kind === 'failed' ? outcome.message : outcome.kind;
    },
  },
};

/** What each class's message must say, where it does not come from badChange (or says it differently). */
function expectedMessage(kit: Kit, path: string, refusal: Refusal): RegExp {
  if (path === 'mission-file import') {
    return {
      'bad reference': /findings\[0\]\.rating: level "yess" is not in the scale \(yes, no\)/,
      'unknown key': /findings\[0\]: unknown key "ratting" — did you mean "rating"\?/,
      duplicate: /assessments\[1\]\.requirementId: a second assessment of requirement "r1"/,
      'other mission': /findings\[0\]\.missionId: "other-mission" is not the file's mission "mission-from-file"/,
      truncated: /\(root\): not valid JSON/,
      'future clock': /never/,
      'wrong passphrase': /never/,
    }[refusal];
  }
  if (refusal === 'other mission' && (path === 'bundle import' || path === 'full-backup restore')) return OTHER_MISSION_MESSAGE;
  if (refusal === 'other mission' && path === 'snapshot restore') return /The backup snapshot\.mkbundle is damaged: This bundle belongs to the mission "Tiny mission" \(mission-2\), not to the open mission/;
  if (refusal === 'truncated') return path === 'full-backup restore' ? /not a readable full backup|damaged|incomplete|cut short/i : /incomplete|cut short|truncated|damaged/i;
  if (refusal === 'wrong passphrase') return /passphrase/i;
  return badChange(kit, refusal).message;
}

describe('every way in refuses a bad delivery whole and leaves the database as it was', () => {
  let kit: Kit;
  beforeEach(async () => {
    kit = await scene();
  });

  const cases = Object.entries(PATHS).flatMap(([path, { refusals }]) => refusals.map((refusal) => [path, refusal] as const));
  it.each(cases)('%s × %s', async (path, refusal) => {
    await PATHS[path]?.prepare?.(kit);
    const before = await databaseHash(kit.receiver.db);
    const message = await PATHS[path]?.run(kit, refusal);
    expect(message).not.toBe('accepted');
    expect(message).toMatch(expectedMessage(kit, path, refusal));
    expect(await databaseHash(kit.receiver.db)).toBe(before);
  });

  it('refuses a mission file that reuses the id of a record of another mission here', async () => {
    const before = await databaseHash(kit.receiver.db);
    const missionId = 'mission-from-file';
    const { finding } = kit;
    const file = {
      format: 'mission-kit/mission',
      formatVersion: 1,
      exportedAt: '2026-03-04T10:00:00Z',
      template: tinyTemplate,
      mission: { id: missionId, templateId: tinyTemplate.id, templateVersion: 1, title: 'From a file', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0', createdAt: '2026-03-01T08:00:00Z' },
      members: [{ id: 'member-file', missionId, name: 'Ana', organisation: 'Slovenia', role: 'lead', areaIds: [] }],
      sites: [],
      // The same id as the finding the receiver holds in the kit's mission.
      findings: [{ ...finding, missionId, authorId: 'member-file', siteIds: [] }],
      evidence: [],
      assessments: [],
      recommendations: [],
      changes: [],
    };
    const bridge = bridgeOf({ 'file:open': () => ok({ canceled: false as const, fileName: 'clash.mission.json', data: strToU8(JSON.stringify(file)) as Uint8Array<ArrayBuffer> }) });
    const outcome = await importMissionFile(bridge, kit.receiver.repo);
    expect(outcome).toEqual({ kind: 'failed', message: 'Some of its records are already on this device (an id used twice, or by another mission); nothing was imported.' });
    expect(await databaseHash(kit.receiver.db)).toBe(before);
    expect((await kit.receiver.db.findings.get(finding.id))?.missionId).toBe(kit.missionId);
  });

  it('leaves no template behind when it refuses a bundle on a device that had none', async () => {
    const stranger = await device();
    const before = await databaseHash(stranger.db);
    const bytes = await bundleOf(kit.missionId, [...kit.changes, badChange(kit, 'bad reference').change], 'everything');
    const result = await importBundle(stranger.db, stranger.repo, bytes, {});
    expect(result.ok).toBe(false);
    const late = await bundleOf(kit.missionId, [...kit.changes, badChange(kit, 'duplicate').change], 'since');
    expect((await importBundle(stranger.db, stranger.repo, late, {})).ok).toBe(false);
    expect(await stranger.db.templates.count()).toBe(0);
    expect(await databaseHash(stranger.db)).toBe(before);
  });

  it('accepts the same deliveries without the bad change (so the refusals above are about that change)', async () => {
    const since = await importBundle(kit.receiver.db, kit.receiver.repo, await bundleOf(kit.missionId, kit.changes, 'since'), {});
    expect(since).toMatchObject({ ok: true, value: { summary: { applied: 0 } } });
    const { id: _id, ...fields } = kit.finding;
    const good = creation(kit, 'finding', 'finding-2', { ...fields, rating: 'no' });
    const before = await databaseHash(kit.receiver.db);
    const result = await importBundle(kit.receiver.db, kit.receiver.repo, await bundleOf(kit.missionId, [...kit.changes, good], 'since'), {});
    expect(result).toMatchObject({ ok: true, value: { summary: { applied: 1, created: 1 } } });
    expect(await databaseHash(kit.receiver.db)).not.toBe(before);
    expect((await kit.receiver.db.findings.get('finding-2'))?.rating).toBe('no');
  });
});
