import { describe, expect, it } from 'vitest';
import { buildKosovoDemo, DEMO_LEAD_ID, DEMO_MISSION_ID } from '../../../shared/demo/kosovo-2015-demo';
import { HybridLogicalClock } from '../../../shared/hlc';
import { CREATED_FIELD, DELETED_FIELD, ChangeSchema, type Change, type EntityName, type JsonValue } from '../../../shared/schemas/change';
import { materializeMission, type MaterializeMissionResult } from '../../../shared/sync/materialize-mission';

const START = Date.UTC(2015, 6, 6, 8, 0, 0);

/** A device that writes changes the way the app's repository does, stamped by its own clock. */
function device(name: string, member: string | null = null, start = START) {
  let now = start;
  const clock = new HybridLogicalClock(name, () => now++);
  const change = (entity: EntityName, id: string, missionId: string, field: string, value: JsonValue, base: string | null = null): Change =>
    ChangeSchema.parse({ entity, id, missionId, field, value, hlc: clock.tick(), device: name, member, base });
  return {
    change,
    create<T extends { id: string; missionId?: string }>(entity: EntityName, row: T): Change {
      const { id, ...fields } = row;
      return change(entity, id, entity === 'mission' ? id : (row.missionId ?? ''), CREATED_FIELD, JSON.parse(JSON.stringify(fields)) as JsonValue);
    },
  };
}

/** The whole Kosovo demo mission as the creation changes of one device. */
function demoChanges(writer = device('laptop-lead', DEMO_LEAD_ID)): Change[] {
  const demo = buildKosovoDemo();
  return [
    writer.create('mission', demo.mission),
    ...demo.members.map((row) => writer.create('member', row)),
    ...demo.sites.map((row) => writer.create('site', row)),
    ...demo.findings.map((row) => writer.create('finding', row)),
    ...demo.evidence.map((row) => writer.create('evidence', row)),
    ...demo.assessments.map((row) => writer.create('assessment', row)),
    ...demo.recommendations.map((row) => writer.create('recommendation', row)),
  ];
}

function expectOk(result: MaterializeMissionResult): Extract<MaterializeMissionResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a mission, got problems:\n${result.problems.map((p) => `${p.path}: ${p.message}`).join('\n')}`);
  return result;
}

function expectProblems(result: MaterializeMissionResult): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected problems, got a mission');
  return result.problems;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

describe('materializeMission', () => {
  it('rebuilds the whole demo mission from its creation changes', () => {
    const demo = buildKosovoDemo();
    const state = expectOk(materializeMission(demoChanges()));
    expect(state.mission).toEqual(demo.mission);
    expect(state.assessments).toHaveLength(95);
    expect(state.recommendations).toHaveLength(8);
    // Rows come sorted by id, as the app's database lists them.
    expect(state.members).toEqual([...demo.members].sort(byId));
    expect(state.sites).toEqual([...demo.sites].sort(byId));
    expect(state.findings).toEqual([...demo.findings].sort(byId));
    expect(state.evidence).toEqual([...demo.evidence].sort(byId));
    expect(state.assessments).toEqual([...demo.assessments].sort(byId));
    expect(state.recommendations).toEqual([...demo.recommendations].sort(byId));
    expect(state.conflicts).toEqual([]);
  });

  it('does not depend on the order of the changes or on duplicates', () => {
    const changes = demoChanges();
    const expected = materializeMission(changes);
    const shuffled = [...changes].reverse();
    const duplicated = [...structuredClone(changes.slice(0, 40)), ...shuffled];
    expect(materializeMission(shuffled)).toEqual(expected);
    expect(materializeMission(duplicated)).toEqual(expected);
  });

  it('applies edits, leaves out deleted entities and keeps narrative conflicts', () => {
    const lead = device('laptop-lead', DEMO_LEAD_ID);
    const changes = demoChanges(lead);
    const demo = buildKosovoDemo();
    const assessment = demo.assessments[0];
    const recommendation = demo.recommendations[0];
    if (!assessment || !recommendation) throw new Error('the demo has no assessment or recommendation');
    const created = changes.find((change) => change.id === assessment.id && change.field === CREATED_FIELD);
    if (!created) throw new Error('no creation of the assessment');

    // Two devices edit the same narrative from the same base: a conflict. Later stamps win the rating.
    const expert = device('laptop-expert', 'demo-member-slovenia', START + 10_000_000);
    const mine = lead.change('assessment', assessment.id, DEMO_MISSION_ID, 'narrative', 'The lead rewrote this.', created.hlc);
    const theirs = expert.change('assessment', assessment.id, DEMO_MISSION_ID, 'narrative', 'The expert rewrote this.', created.hlc);
    const rating = expert.change('assessment', assessment.id, DEMO_MISSION_ID, 'rating', null, created.hlc);
    const deletion = lead.change('recommendation', recommendation.id, DEMO_MISSION_ID, DELETED_FIELD, true);

    const state = expectOk(materializeMission([...changes, mine, theirs, rating, deletion]));
    expect(state.recommendations).toHaveLength(7);
    expect(state.recommendations.map((row) => row.id)).not.toContain(recommendation.id);
    const row = state.assessments.find((candidate) => candidate.id === assessment.id);
    expect(row).toMatchObject({ narrative: 'The expert rewrote this.', rating: null });
    expect(state.conflicts).toEqual([
      {
        entity: 'assessment',
        id: assessment.id,
        field: 'narrative',
        versions: [
          { hlc: mine.hlc, value: 'The lead rewrote this.', device: 'laptop-lead', member: DEMO_LEAD_ID },
          { hlc: theirs.hlc, value: 'The expert rewrote this.', device: 'laptop-expert', member: 'demo-member-slovenia' },
        ],
      },
    ]);
  });

  it('names the entity whose creation is missing from an incomplete log', () => {
    const lead = device('laptop-lead', DEMO_LEAD_ID);
    const changes = demoChanges(lead);
    const edit = lead.change('finding', 'demo-finding-nowhere', DEMO_MISSION_ID, 'narrative', 'An edit of a finding this log never created.', null);
    const problems = expectProblems(materializeMission([...changes, edit]));
    expect(problems).toEqual([
      {
        path: 'finding[demo-finding-nowhere]',
        message: 'the change log holds an edit of this finding but not its creation (its "*" change is missing)',
      },
    ]);
  });

  it('refuses a log of edits alone: no mission, every entity named', () => {
    const expert = device('laptop-expert', 'demo-member-slovenia');
    const edits = [
      expert.change('assessment', 'demo-assessment-x', DEMO_MISSION_ID, 'narrative', 'new text'),
      expert.change('assessment', 'demo-assessment-x', DEMO_MISSION_ID, 'rating', 'met'),
      expert.change('member', 'demo-member-slovenia', DEMO_MISSION_ID, 'name', 'Mojca'),
    ];
    const problems = expectProblems(materializeMission(edits));
    expect(problems.map((problem) => problem.path)).toEqual(['(root)', 'member[demo-member-slovenia]', 'assessment[demo-assessment-x]']);
    expect(problems[0]?.message).toMatch(/no mission/);
    expect(problems[2]?.message).toMatch(/2 edits of this assessment but not its creation/);
    expect(expectProblems(materializeMission([]))).toEqual([{ path: '(root)', message: expect.stringMatching(/no mission/) }]);
  });

  it('validates every row with its schema and names the entity, id and field', () => {
    const lead = device('laptop-lead', DEMO_LEAD_ID);
    const changes = demoChanges(lead);
    const broken = lead.change('recommendation', 'demo-recommendation-broken', DEMO_MISSION_ID, CREATED_FIELD, {
      missionId: DEMO_MISSION_ID,
      text: '',
      requirementIds: [],
    });
    const problems = expectProblems(materializeMission([...changes, broken]));
    expect(problems).toEqual([
      { path: 'recommendation[demo-recommendation-broken].text', message: 'must not be empty' },
      { path: 'recommendation[demo-recommendation-broken].requirementIds', message: 'must be linked to at least one requirement' },
    ]);
  });

  it('requires exactly one live mission, and every row in it', () => {
    const lead = device('laptop-lead', DEMO_LEAD_ID);
    const changes = demoChanges(lead);
    const demo = buildKosovoDemo();
    const other = lead.create('mission', { ...demo.mission, id: 'mission-other', title: 'Another mission' });
    const two = expectProblems(materializeMission([...changes, other]));
    expect(two).toEqual([{ path: '(root)', message: `the changes hold 2 missions (${DEMO_MISSION_ID}, mission-other); a mission's changes hold exactly one` }]);

    const stray = lead.create('member', { ...demo.members[0], id: 'member-stray', missionId: 'mission-other' });
    expect(expectProblems(materializeMission([...changes, stray]))).toEqual([
      { path: 'member[member-stray].missionId', message: `belongs to mission "mission-other", not to "${DEMO_MISSION_ID}"` },
    ]);

    const deleted = lead.change('mission', DEMO_MISSION_ID, DEMO_MISSION_ID, DELETED_FIELD, true);
    expect(expectProblems(materializeMission([...changes, deleted]))[0]).toEqual({ path: '(root)', message: expect.stringMatching(/no mission/) });
  });
});
