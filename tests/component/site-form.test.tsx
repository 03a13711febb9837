import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SitesScreen } from '../../renderer/src/mission/SitesScreen';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';
import { MissionKitDatabase } from '../../renderer/src/db/database';
import { Repository } from '../../renderer/src/db/repository';
import { fakeBridge, renderWithServices, startTestApp } from './render-app';

const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
if (!template) throw new Error('roadmap template missing');
const roadmap = template;

describe('the site-visit form and changes from elsewhere', () => {
  it('shows a host changed elsewhere while the name is an unsaved draft, and keeps it when the name is fixed', async () => {
    const user = userEvent.setup();
    const services = await startTestApp(fakeBridge(null), new MissionKitDatabase(`sites-${Math.random().toString(36).slice(2)}`));
    const { repository, db } = services;
    const created = await repository.createMission(roadmap, { title: 'M', territory: { name: 'Kosovo' }, framework: 'F', startDate: '2015-07-06', endDate: '2015-07-10', classification: '', reportVersion: '1.0' });
    const expert = await repository.addMember({ missionId: created.id, name: 'Mojca', organisation: 'SI', role: 'expert', areaIds: [] });
    await repository.setIdentity(created.id, expert.id);
    await repository.save('site', { id: 'site-1', missionId: created.id, type: 'land-crossing', name: 'Merdare', date: '2015-07-07', host: 'Border police', memberIds: [], notes: '' });
    const read = await services.reads.mission(created.id);
    if (!read?.me) throw new Error('seeding failed');
    const data = { ...read, template: roadmap, me: read.me };
    await renderWithServices(<SitesScreen data={data} />, fakeBridge(null), services);

    await user.click(screen.getByRole('button', { name: 'Edit Merdare' }));
    await user.clear(await screen.findByLabelText('Name'));
    await waitFor(async () => expect(await db.drafts.count()).toBe(1));

    // Another device changes the host; a bundle brings it.
    const remoteDb = new MissionKitDatabase(`remote-${Math.random().toString(36).slice(2)}`);
    const remote = await Repository.open(remoteDb);
    await remote.importTemplate(roadmap);
    await remote.applyChanges(await db.changes.toArray());
    await remote.patch('site', 'site-1', { host: 'Kosovo Police' });
    const known = new Set((await db.changes.toArray()).map((change) => change.hlc));
    await repository.applyChanges((await remoteDb.changes.toArray()).filter((change) => !known.has(change.hlc)));
    remoteDb.close();

    await waitFor(() => expect((screen.getByLabelText('Host institution') as HTMLInputElement).value).toBe('Kosovo Police'));
    await user.type(screen.getByLabelText('Name'), 'Merdare/Merdarë');
    await waitFor(async () => expect((await db.sites.get('site-1'))?.name).toBe('Merdare/Merdarë'));
    expect((await db.sites.get('site-1'))?.host).toBe('Kosovo Police');
    expect(await db.drafts.count()).toBe(0);
    const hosts = (await db.changes.toArray()).filter((change) => change.entity === 'site' && change.field === 'host');
    expect(hosts.map((change) => change.value)).toEqual(['Kosovo Police']);
  });
});
