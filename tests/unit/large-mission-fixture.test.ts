import { describe, expect, it } from 'vitest';
import { MissionFileSchema, type MissionFile } from '../../shared/schemas/mission-file';
import { generateLargeMission } from '../fixtures/large-mission';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;

// Generated and parsed once: the big file is the expensive part of this suite.
const large = generateLargeMission();
const parsed = MissionFileSchema.safeParse(large);

function requirementsOf(file: MissionFile): string[] {
  return file.template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((r) => r.id)));
}

function areasOf(file: MissionFile): string[] {
  return file.template.blocks.flatMap((block) => block.areas.map((area) => area.id));
}

function expectUnique(ids: readonly string[], what: string): void {
  expect(new Set(ids).size, `${what} ids are unique`).toBe(ids.length);
}

/** Every cross-reference in the file points at something that exists. */
function expectIntegrity(file: MissionFile): void {
  const requirementIds = requirementsOf(file);
  const areaIds = areasOf(file);
  const blockIds = file.template.blocks.map((block) => block.id);
  const levelIds = file.template.scale.levels.map((level) => level.id);
  expectUnique(blockIds, 'block');
  expectUnique(areaIds, 'area');
  expectUnique(requirementIds, 'requirement');
  expectUnique(levelIds, 'level');
  expectUnique(file.members.map((m) => m.id), 'member');
  expectUnique(file.sites.map((s) => s.id), 'site');
  expectUnique(file.findings.map((f) => f.id), 'finding');
  expectUnique(file.evidence.map((e) => e.id), 'evidence');
  expectUnique(file.assessments.map((a) => a.id), 'assessment');
  expectUnique(file.recommendations.map((r) => r.id), 'recommendation');
  expectUnique(file.assessments.map((a) => a.requirementId), 'assessed requirement');

  const requirements = new Set(requirementIds);
  const areas = new Set(areaIds);
  const levels = new Set(levelIds);
  const members = new Map(file.members.map((m, index) => [m.id, index]));
  const sites = new Set(file.sites.map((s) => s.id));
  const findings = new Set(file.findings.map((f) => f.id));

  // Collect problems rather than asserting per item: 20,000 expect() calls would dominate the run.
  const problems: string[] = [];
  const pairs = new Set<string>();
  for (const member of file.members) {
    if (member.missionId !== file.mission.id) problems.push(`member ${member.id}: mission`);
    for (const area of member.areaIds) if (!areas.has(area)) problems.push(`member ${member.id}: area ${area}`);
  }
  for (const site of file.sites) {
    if (site.date < file.mission.startDate || site.date > file.mission.endDate) problems.push(`site ${site.id}: date`);
    for (const member of site.memberIds) if (!members.has(member)) problems.push(`site ${site.id}: member ${member}`);
  }
  for (const finding of file.findings) {
    if (finding.missionId !== file.mission.id) problems.push(`finding ${finding.id}: mission`);
    if (!requirements.has(finding.requirementId)) problems.push(`finding ${finding.id}: requirement`);
    const author = members.get(finding.authorId);
    if (author === undefined) problems.push(`finding ${finding.id}: author`);
    else if (finding.deviceId !== `device-${author + 1}`) problems.push(`finding ${finding.id}: device`);
    if (finding.rating !== null && !levels.has(finding.rating)) problems.push(`finding ${finding.id}: rating`);
    for (const site of finding.siteIds) if (!sites.has(site)) problems.push(`finding ${finding.id}: site ${site}`);
    if (finding.siteIds.length > 3) problems.push(`finding ${finding.id}: too many sites`);
    if (finding.narrative.length < 100 || finding.narrative.length > 1200) problems.push(`finding ${finding.id}: narrative length`);
    const pair = `${finding.requirementId} ${finding.authorId}`;
    if (pairs.has(pair)) problems.push(`finding ${finding.id}: second finding by the same author`);
    pairs.add(pair);
  }
  for (const item of file.evidence) {
    if (!findings.has(item.findingId)) problems.push(`evidence ${item.id}: finding`);
    if (item.kind === 'statistic' && item.ofTotal !== undefined && item.value > item.ofTotal) problems.push(`evidence ${item.id}: value`);
  }
  for (const assessment of file.assessments) {
    if (!requirements.has(assessment.requirementId)) problems.push(`assessment ${assessment.id}: requirement`);
    if (assessment.rating !== null && !levels.has(assessment.rating)) problems.push(`assessment ${assessment.id}: rating`);
    for (const source of assessment.sourceFindingIds) if (!findings.has(source)) problems.push(`assessment ${assessment.id}: finding ${source}`);
  }
  for (const recommendation of file.recommendations) {
    for (const requirement of recommendation.requirementIds) {
      if (!requirements.has(requirement)) problems.push(`recommendation ${recommendation.id}: requirement ${requirement}`);
    }
  }
  expect(problems.slice(0, 20)).toEqual([]);
  expect(file.mission.templateId).toBe(file.template.id);
  expect(file.mission.templateVersion).toBe(file.template.version);
}

/** Every id anywhere in the file, for the id alphabet check. */
function allIds(file: MissionFile): string[] {
  return [
    file.template.id,
    file.template.scale.id,
    ...file.template.scale.levels.map((level) => level.id),
    ...file.template.blocks.map((block) => block.id),
    ...areasOf(file),
    ...requirementsOf(file),
    file.mission.id,
    ...file.members.map((m) => m.id),
    ...file.sites.map((s) => s.id),
    ...file.findings.flatMap((f) => [f.id, f.deviceId]),
    ...file.evidence.map((e) => e.id),
    ...file.assessments.map((a) => a.id),
    ...file.recommendations.map((r) => r.id),
  ];
}

describe('generateLargeMission (default size)', () => {
  it('is a valid mission file, already in parsed form', () => {
    expect(parsed.error?.issues.slice(0, 5)).toBeUndefined();
    // Every default is filled in, so parsing changes nothing.
    expect(parsed.data).toEqual(large);
  });

  it('has 1,000 requirements, 20 members, 40 sites and 20,000 findings', () => {
    expect(requirementsOf(large)).toHaveLength(1000);
    expect(large.template.blocks).toHaveLength(10);
    for (const block of large.template.blocks) {
      expect(block.areas).toHaveLength(10);
      for (const area of block.areas) expect(area.requirements).toHaveLength(10);
    }
    expect(large.template.title).toBe('Large test template (1,000 requirements)');
    expect(large.members).toHaveLength(20);
    expect(large.members.filter((m) => m.role === 'lead')).toHaveLength(1);
    expect(large.sites).toHaveLength(40);
    expect(large.findings).toHaveLength(20000);
    expect(large.evidence).toHaveLength(2000);
    expect(large.assessments).toHaveLength(500);
    expect(large.recommendations.length).toBeGreaterThan(0);
    expect(large.recommendations.length).toBeLessThanOrEqual(50);
    expect(large.changes).toEqual([]);
  });

  it('keeps every reference intact and every id in the id alphabet', () => {
    expectIntegrity(large);
    expect(allIds(large).filter((id) => !ID_PATTERN.test(id))).toEqual([]);
  });

  it('has realistic content', () => {
    const texts = large.template.blocks.flatMap((b) => b.areas.flatMap((a) => a.requirements.map((r) => r.text.length)));
    expect(Math.min(...texts)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...texts)).toBeLessThanOrEqual(200);
    const rated = large.findings.filter((f) => f.rating !== null).length / large.findings.length;
    expect(rated).toBeGreaterThan(0.75);
    expect(rated).toBeLessThan(0.85);
    expect(large.findings.some((f) => f.narrative.split('\n\n').length === 3)).toBe(true);
    expect(large.sites.some((s) => /[\u0080-\uffff]/.test(s.name) && s.name.includes('/'))).toBe(true);
    const notFulfilled = new Set(large.template.scale.levels.filter((l) => l.counts === 'not-fulfilled').map((l) => l.id));
    for (const recommendation of large.recommendations) {
      const assessment = large.assessments.find((a) => a.requirementId === recommendation.requirementIds[0]);
      expect(notFulfilled.has(assessment?.rating ?? '')).toBe(true);
    }
  });
});

describe('generateLargeMission (options)', () => {
  const small = { requirements: 7, members: 3, findings: 10, sites: 4 } as const;

  it('is deterministic for a seed and varies with it', () => {
    const first = generateLargeMission({ ...small, seed: 42 });
    expect(generateLargeMission({ ...small, seed: 42 })).toEqual(first);
    const other = generateLargeMission({ ...small, seed: 43 });
    expect(other.findings.map((f) => f.narrative)).not.toEqual(first.findings.map((f) => f.narrative));
  });

  it('works for small sizes', () => {
    const file = generateLargeMission({ requirements: 7, members: 3, findings: 10 });
    expect(MissionFileSchema.parse(file)).toEqual(file);
    expect(requirementsOf(file)).toHaveLength(7);
    expect(file.template.title).toBe('Large test template (7 requirements)');
    expect(file.members).toHaveLength(3);
    expect(file.findings).toHaveLength(10);
    expectIntegrity(file);
  });

  it('fills every requirement with every member at the maximum, and handles one requirement', () => {
    const full = generateLargeMission({ requirements: 13, members: 4, findings: 52, sites: 0 });
    expect(MissionFileSchema.safeParse(full).success).toBe(true);
    expectIntegrity(full);
    expect(full.findings).toHaveLength(52);
    const one = generateLargeMission({ requirements: 1, members: 1, findings: 1, sites: 1 });
    expect(MissionFileSchema.safeParse(one).success).toBe(true);
    expect(requirementsOf(one)).toHaveLength(1);
  });

  it('refuses more findings than one per member and requirement', () => {
    expect(() => generateLargeMission({ requirements: 7, members: 3, findings: 22 })).toThrow(
      /cannot generate 22 findings: 7 requirements × 3 members allow at most 21/,
    );
    expect(() => generateLargeMission({ requirements: 0 })).toThrow(/requirements must be an integer of at least 1/);
  });
});
