import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { allChanges, device, tinyTemplate as template } from './device-kit';
import type { MissionKitDatabase } from '../../../renderer/src/db/database';
import { ReadModels } from '../../../renderer/src/db/read-models';
import type { Repository } from '../../../renderer/src/db/repository';
import { DELETED_FIELD, type EntityName } from '../../../shared/schemas/change';
import { materializeEntity } from '../../../shared/sync/materialize';

type Device = { db: MissionKitDatabase; repo: Repository };

const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5, 6, 7, 8]);
const PHOTO_SHA = createHash('sha256').update(PHOTO).digest('hex');

/** A mission holding one of every removable kind, each linked the way the app links them. */
async function fullMission(lead: Device) {
  await lead.repo.importTemplate(template);
  const mission = await lead.repo.createMission(template, { title: 'M', territory: { name: 'Ruritania' }, framework: 'F', startDate: '2026-03-02', endDate: '2026-03-06', classification: '', reportVersion: '1.0' });
  const ana = await lead.repo.addMember({ missionId: mission.id, name: 'Ana', organisation: 'Slovenia', role: 'expert', areaIds: ['a'] });
  const bo = await lead.repo.addMember({ missionId: mission.id, name: 'Bo', organisation: 'Sweden', role: 'observer', areaIds: [] });
  await lead.repo.save('site', { id: 'site-1', missionId: mission.id, type: 'land-crossing', name: 'Merdare/Merdarë', date: '2026-03-03', host: 'Border police', memberIds: [ana.id, bo.id], notes: 'Night shift.' });
  await lead.repo.save('finding', {
    id: 'finding-1',
    missionId: mission.id,
    requirementId: 'r1',
    authorId: ana.id,
    deviceId: lead.repo.deviceId,
    rating: 'no',
    narrative: 'Exit checks are not performed.',
    siteIds: ['site-1'],
    sources: [{ kind: 'member-state-expert', text: 'Shift leader' }],
    flags: { goodPractice: false, seriousDeficiency: true },
    answers: {},
  });
  await lead.repo.save('evidence', { id: 'stat-1', missionId: mission.id, findingId: 'finding-1', kind: 'statistic', label: 'Refusals', value: 12, ofTotal: 40, unit: 'persons', period: '2025', source: 'Border police' });
  await lead.repo.addAttachment(
    { id: 'photo-1', missionId: mission.id, findingId: 'finding-1', kind: 'attachment', fileName: 'booth.png', mediaType: 'image/png', size: PHOTO.length, sha256: PHOTO_SHA, caption: 'The booth' },
    new Blob([PHOTO], { type: 'image/png' }),
  );
  await lead.repo.save('recommendation', { id: 'rec-1', missionId: mission.id, text: 'Perform exit checks.', requirementIds: ['r1'], keyPriority: true, order: 0 });
  await lead.repo.save('recommendation', { id: 'rec-2', missionId: mission.id, text: 'Train the staff.', requirementIds: ['r1'], keyPriority: false, order: 1 });
  return { missionId: mission.id, ana, bo };
}

/** Everything a screen can read of the mission, attachment bytes included. */
async function readModel(db: MissionKitDatabase, missionId: string) {
  const reads = new ReadModels(db);
  const data = await reads.mission(missionId);
  const findings = await reads.findings(missionId);
  const evidence = await reads.evidenceOf(findings.map((finding) => finding.id));
  const attachments = await Promise.all(findings.map((finding) => reads.attachmentsOf(finding.id)));
  const bytes = await Promise.all(
    attachments.flat().map(async (attachment) => {
      const blob = await reads.attachmentBytes(attachment.sha256, 'blob');
      return blob ? [...new Uint8Array(await blob.arrayBuffer())] : null;
    }),
  );
  return { members: data?.members, sites: data?.sites.map(({ _stamps: _s, ...site }) => site), findings, evidence, attachments, bytes, recommendations: await reads.recommendations(missionId) };
}

const KINDS: { entity: EntityName; id: string; what: string }[] = [
  { entity: 'member', id: '', what: 'a team member' },
  { entity: 'site', id: 'site-1', what: 'a site visit, with the findings that link to it' },
  { entity: 'finding', id: 'finding-1', what: 'a finding, with its site links, sources and evidence' },
  { entity: 'evidence', id: 'stat-1', what: 'a statistic' },
  { entity: 'evidence', id: 'photo-1', what: 'an attachment, with its bytes and metadata' },
  { entity: 'recommendation', id: 'rec-1', what: 'a recommendation, with its requirement links and order' },
];

describe('undo of a removal', () => {
  for (const kind of KINDS) {
    it(`restores ${kind.what} exactly, as a new change that another device applies too`, async () => {
      const lead = await device();
      const expert = await device();
      const { missionId, bo } = await fullMission(lead);
      const id = kind.id || bo.id;
      const attachments = new Map([[PHOTO_SHA, new Blob([PHOTO], { type: 'image/png' })]]);
      await expert.repo.importTemplate(template);
      await expert.repo.applyChanges(await allChanges(lead.db), attachments);
      const original = await readModel(lead.db, missionId);
      expect(await readModel(expert.db, missionId)).toEqual(original);

      await lead.repo.remove(kind.entity, id);
      const removed = await readModel(lead.db, missionId);
      expect(removed).not.toEqual(original);
      // The other device learns of the removal before the undo, as it would over a hub.
      await expert.repo.applyChanges(await allChanges(lead.db));
      expect(await readModel(expert.db, missionId)).toEqual(removed);

      const logBefore = await allChanges(lead.db);
      await lead.repo.restore(kind.entity, id);
      expect(await readModel(lead.db, missionId)).toEqual(original);

      // The undo adds one change and rewrites none: the tombstone is still in the log.
      const logAfter = await allChanges(lead.db);
      expect(logAfter.slice(0, logBefore.length)).toEqual(logBefore);
      const undo = logAfter.slice(logBefore.length);
      expect(undo).toEqual([expect.objectContaining({ entity: kind.entity, id, field: DELETED_FIELD, value: false })]);

      const summary = await expert.repo.applyChanges(logAfter);
      expect(summary.applied).toBe(1);
      expect(await readModel(expert.db, missionId)).toEqual(original);
    });
  }

  it('is a no-op for an entity that is not deleted, and refuses one that does not exist', async () => {
    const lead = await device();
    const { missionId } = await fullMission(lead);
    const count = await lead.db.changes.count();
    await lead.repo.restore('site', 'site-1');
    expect(await lead.db.changes.count()).toBe(count);
    await expect(lead.repo.restore('site', 'no-such-site')).rejects.toThrow(/No site with id no-such-site/);
    expect((await readModel(lead.db, missionId)).sites).toHaveLength(1);
  });

  it('a removal after an undo deletes again, and the newest of deletion and restore wins whatever the arrival order', async () => {
    const lead = await device();
    await fullMission(lead);
    await lead.repo.remove('site', 'site-1');
    await lead.repo.restore('site', 'site-1');
    await lead.repo.remove('site', 'site-1');
    expect((await lead.db.sites.get('site-1'))?._deleted).toBe(true);
    const history = (await allChanges(lead.db)).filter((change) => change.entity === 'site');
    expect(materializeEntity([...history].reverse())?.deleted).toBe(true);
    expect(materializeEntity(history.slice(0, -1).reverse())?.deleted).toBe(false);
  });
});
