import { describe, expect, it } from 'vitest';
import { buildKosovoDemo, DEMO_MISSION_ID, isDemoId } from '../../shared/demo/kosovo-2015-demo';
import {
  AssessmentSchema,
  FindingSchema,
  RecommendationSchema,
  StatisticEvidenceSchema,
} from '../../shared/schemas/finding';
import { MemberSchema, MissionSchema, SiteVisitSchema } from '../../shared/schemas/mission';
import type { Question } from '../../shared/schemas/question';
import { answerKey, appliesToSite, isRelevant, parseAnswer, splitAnswerKey } from '../../shared/questionnaire';
import type { Template } from '../../shared/schemas/template';
import { findBuiltinTemplate } from '../../shared/templates/builtin-templates';

function roadmap(): Template {
  const template = findBuiltinTemplate('visa-roadmap-kosovo-2012');
  if (!template) throw new Error('the roadmap template is not built in');
  return template;
}

const template = roadmap();
const demo = buildKosovoDemo();

/** requirement id → area id, in template order. */
const areaOf = new Map<string, string>();
for (const block of template.blocks) {
  for (const area of block.areas) {
    for (const requirement of area.requirements) areaOf.set(requirement.id, area.id);
  }
}
const requirementIds = [...areaOf.keys()];
/** requirement id → its guiding questions. */
const questionsOf = new Map<string, readonly Question[]>(
  template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement) => [requirement.id, requirement.questions] as const))),
);
const levelCounts = new Map(template.scale.levels.map((level) => [level.id, level.counts]));

/** The seed report's "Kosovo fulfils N of the M requirements" per area, as not-fulfilled counts. */
const NOT_FULFILLED_PER_AREA: Record<string, number> = {
  readmission: 0,
  reintegration: 1,
  'document-security': 1,
  'border-management': 1,
  'migration-management': 0,
  asylum: 1,
  'organised-crime': 3,
  'law-enforcement-cooperation': 0,
  'judicial-cooperation': 0,
  'data-protection': 0,
  'fundamental-rights': 1,
};

function expectParses(schema: { safeParse: (value: unknown) => { success: boolean; error?: unknown } }, value: { id: string }): void {
  const result = schema.safeParse(value);
  expect(result.success, `${value.id}: ${String(result.error)}`).toBe(true);
}

describe('Kosovo 2015 demo mission', () => {
  it('passes every zod schema', () => {
    expectParses(MissionSchema, demo.mission);
    for (const member of demo.members) expectParses(MemberSchema, member);
    for (const site of demo.sites) expectParses(SiteVisitSchema, site);
    for (const finding of demo.findings) expectParses(FindingSchema, finding);
    for (const item of demo.evidence) expectParses(StatisticEvidenceSchema, item);
    for (const assessment of demo.assessments) expectParses(AssessmentSchema, assessment);
    for (const recommendation of demo.recommendations) expectParses(RecommendationSchema, recommendation);
  });

  it('parses to itself: no field relies on a schema default', () => {
    expect(MissionSchema.parse(demo.mission)).toEqual(demo.mission);
    expect(demo.findings.map((finding) => FindingSchema.parse(finding))).toEqual(demo.findings);
    expect(demo.evidence.map((item) => StatisticEvidenceSchema.parse(item))).toEqual(demo.evidence);
  });

  it('uses the roadmap template, July 2015 dates and the designation footnote', () => {
    expect(demo.mission.id).toBe(DEMO_MISSION_ID);
    expect(demo.mission.templateId).toBe(template.id);
    expect(demo.mission.templateVersion).toBe(template.version);
    expect(demo.mission.startDate.startsWith('2015-07')).toBe(true);
    expect(demo.mission.endDate.startsWith('2015-07')).toBe(true);
    expect(demo.mission.territory.footnote).toContain('UNSCR 1244/1999');
  });

  it('gives every object a fixed "demo-" id, unique per collection, in the demo mission', () => {
    const collections = [demo.members, demo.sites, demo.findings, demo.evidence, demo.assessments, demo.recommendations];
    for (const collection of collections) {
      const ids = collection.map((item) => item.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const item of collection) {
        expect(isDemoId(item.id), item.id).toBe(true);
        expect(item.missionId).toBe(DEMO_MISSION_ID);
      }
    }
    expect(buildKosovoDemo()).toEqual(demo);
  });

  it('has one lead and six experts, with every area covered by an expert', () => {
    const leads = demo.members.filter((member) => member.role === 'lead');
    const experts = demo.members.filter((member) => member.role === 'expert');
    expect(leads).toHaveLength(1);
    expect(leads[0]?.organisation).toContain('European Commission');
    expect(experts).toHaveLength(6);
    const areaIds = new Set(template.blocks.flatMap((block) => block.areas.map((area) => area.id)));
    const covered = new Set(experts.flatMap((expert) => expert.areaIds));
    expect([...covered].every((id) => areaIds.has(id))).toBe(true);
    expect([...areaIds].filter((id) => !covered.has(id))).toEqual([]);
  });

  it('links everything to objects that exist', () => {
    const memberIds = new Set(demo.members.map((member) => member.id));
    const siteIds = new Set(demo.sites.map((site) => site.id));
    const findingIds = new Set(demo.findings.map((finding) => finding.id));

    for (const site of demo.sites) {
      expect(site.date >= demo.mission.startDate && site.date <= demo.mission.endDate, site.id).toBe(true);
      for (const id of site.memberIds) expect(memberIds.has(id), `${site.id} → ${id}`).toBe(true);
    }
    for (const finding of demo.findings) {
      expect(areaOf.has(finding.requirementId), finding.id).toBe(true);
      expect(memberIds.has(finding.authorId), finding.id).toBe(true);
      for (const id of finding.siteIds) expect(siteIds.has(id), `${finding.id} → ${id}`).toBe(true);
    }
    for (const item of demo.evidence) expect(findingIds.has(item.findingId), item.id).toBe(true);
    for (const assessment of demo.assessments) {
      expect(areaOf.has(assessment.requirementId), assessment.id).toBe(true);
      for (const id of assessment.sourceFindingIds) expect(findingIds.has(id), `${assessment.id} → ${id}`).toBe(true);
    }
    for (const recommendation of demo.recommendations) {
      for (const id of recommendation.requirementIds) expect(areaOf.has(id), `${recommendation.id} → ${id}`).toBe(true);
    }
  });

  it('has findings only by experts covering the area, on the device of their author', () => {
    const members = new Map(demo.members.map((member) => [member.id, member]));
    for (const finding of demo.findings) {
      const author = members.get(finding.authorId);
      expect(author?.role, finding.id).toBe('expert');
      expect(author?.areaIds, finding.id).toContain(areaOf.get(finding.requirementId));
      expect(finding.deviceId).toBe(finding.authorId.replace('demo-member-', 'demo-device-'));
      expect(finding.narrative.trim(), finding.id).not.toBe('');
      expect(finding.narrative.split('\n\n').length, finding.id).toBeLessThanOrEqual(3);
    }
  });

  it('has at least one finding and exactly one assessment for each of the 95 requirements', () => {
    expect(requirementIds).toHaveLength(95);
    for (const id of requirementIds) {
      expect(demo.findings.some((finding) => finding.requirementId === id), id).toBe(true);
      expect(demo.assessments.filter((assessment) => assessment.requirementId === id), id).toHaveLength(1);
    }
    expect(demo.assessments).toHaveLength(95);
    expect(demo.findings.length).toBeGreaterThan(95);
  });

  it('rates with the template scale, and each assessment agrees with the findings it consolidates', () => {
    for (const finding of demo.findings) {
      expect(['fulfilled', 'not-fulfilled'], finding.id).toContain(finding.rating);
      expect(levelCounts.has(finding.rating ?? ''), finding.id).toBe(true);
    }
    for (const assessment of demo.assessments) {
      const own = demo.findings.filter((finding) => finding.requirementId === assessment.requirementId);
      expect([...assessment.sourceFindingIds].sort()).toEqual(own.map((finding) => finding.id).sort());
      for (const finding of own) expect(finding.rating, finding.id).toBe(assessment.rating);
      expect(assessment.narrative.trim(), assessment.id).not.toBe('');
    }
    const twice = requirementIds.filter((id) => demo.findings.filter((finding) => finding.requirementId === id).length > 1);
    expect(twice.length).toBeGreaterThanOrEqual(5);
  });

  it('reproduces the seed report’s fulfilment counts per area', () => {
    const notFulfilled: Record<string, number> = {};
    let fulfilled = 0;
    for (const assessment of demo.assessments) {
      const counts = levelCounts.get(assessment.rating ?? '');
      const area = areaOf.get(assessment.requirementId) ?? '';
      notFulfilled[area] ??= 0;
      if (counts === 'not-fulfilled') notFulfilled[area] += 1;
      if (counts === 'fulfilled') fulfilled += 1;
    }
    expect(notFulfilled).toEqual(NOT_FULFILLED_PER_AREA);
    expect(fulfilled).toBe(87);
  });

  it('has the 8 recommendations, one per not-fulfilled requirement, 4 of them key priorities', () => {
    const notFulfilled = demo.assessments
      .filter((assessment) => levelCounts.get(assessment.rating ?? '') === 'not-fulfilled')
      .map((assessment) => assessment.requirementId);
    expect(demo.recommendations).toHaveLength(8);
    const linked = demo.recommendations.flatMap((recommendation) => recommendation.requirementIds);
    expect([...linked].sort()).toEqual([...notFulfilled].sort());
    expect(demo.recommendations.filter((recommendation) => recommendation.keyPriority)).toHaveLength(4);
    const organisedCrime = demo.recommendations.filter((recommendation) =>
      recommendation.requirementIds.every((id) => areaOf.get(id) === 'organised-crime'),
    );
    expect(organisedCrime.map((recommendation) => recommendation.order)).toEqual([0, 1, 2]);
    expect(demo.recommendations.map((recommendation) => recommendation.text)).toContain(
      'Kosovo should ratify the border/boundary delineation agreement with Montenegro before visa-free status is granted to Kosovo citizens.',
    );
  });

  it('names the sites the seed report names', () => {
    const names = demo.sites.map((site) => site.name);
    expect(names.some((name) => name.includes('Merdare/Merdarë'))).toBe(true);
    expect(names).toContain('Basic Court of Pristina');
    expect(demo.sites.find((site) => site.name.includes('Merdare'))?.type).toBe('land-crossing');
  });

  it('carries the seed report’s statistics', () => {
    const returnees = demo.evidence.find((item) => item.value === 1542);
    expect(returnees?.ofTotal).toBe(2744);
    expect(Math.round((1542 / 2744) * 100)).toBe(56);
    const figures = demo.evidence.map((item) => item.value);
    for (const figure of [256, 1602453, 86, 15, 77, 62, 98, 4, 1, 14, 55, 16, 7, 19, 3.2, 20, 17]) {
      expect(figures, String(figure)).toContain(figure);
    }
    expect(demo.evidence.find((item) => item.value === 3.2)?.unit).toBe('EUR million');
    expect(demo.evidence.find((item) => item.value === 15 && item.ofTotal === 30)).toBeDefined();
  });

  describe('answers to guiding questions', () => {
    const sites = new Map(demo.sites.map((site) => [site.id, site]));
    const answered = demo.findings.filter((finding) => Object.keys(finding.answers).length > 0);

    /** The answer of the finding by `author` on `requirementId` under `key`. */
    function answer(requirementId: string, author: string, key: string): unknown {
      const finding = demo.findings.find((candidate) => candidate.requirementId === requirementId && candidate.authorId === `demo-member-${author}`);
      if (!finding) throw new Error(`no finding by ${author} on ${requirementId}`);
      return finding.answers[key];
    }

    it('answers questions in each area that has them', () => {
      const areas = new Set(answered.map((finding) => areaOf.get(finding.requirementId)));
      for (const area of ['document-security', 'border-management', 'migration-management', 'asylum']) expect(areas, area).toContain(area);
      const questionCount = [...questionsOf.values()].reduce((sum, questions) => sum + questions.length, 0);
      const answeredQuestions = new Set(answered.flatMap((finding) => Object.keys(finding.answers).map((key) => `${finding.requirementId}/${splitAnswerKey(key).questionId}`)));
      expect(answeredQuestions.size * 2).toBeGreaterThan(questionCount);
    });

    it('keys every answer by a question of the finding’s requirement, at a visited site it applies to', () => {
      for (const finding of answered) {
        const questions = questionsOf.get(finding.requirementId) ?? [];
        for (const key of Object.keys(finding.answers)) {
          const { questionId, siteId } = splitAnswerKey(key);
          const label = `${finding.id} → ${key}`;
          const question = questions.find((candidate) => candidate.id === questionId);
          expect(question, label).toBeDefined();
          if (!question) continue;
          if (siteId === null) {
            expect(question.scope.per, label).toBe('mission');
            continue;
          }
          const site = sites.get(siteId);
          expect(site, label).toBeDefined();
          if (!site) continue;
          expect(appliesToSite(question, site), label).toBe(true);
          expect(finding.siteIds, label).toContain(siteId);
          expect(site.memberIds, label).toContain(finding.authorId);
          expect(answerKey(questionId, siteId)).toBe(key);
        }
      }
    });

    it('gives values that parse as answers to their question, and only answers questions that are shown', () => {
      for (const finding of answered) {
        const questions = questionsOf.get(finding.requirementId) ?? [];
        for (const [key, value] of Object.entries(finding.answers)) {
          const { questionId, siteId } = splitAnswerKey(key);
          const question = questions.find((candidate) => candidate.id === questionId);
          if (!question) throw new Error(`${finding.id}: no question for ${key}`);
          expect(parseAnswer(question, value, 'en'), `${finding.id} → ${key}`).toEqual({ ok: true, value });
          expect(isRelevant(question, questions, finding.answers, siteId), `${finding.id} → ${key}`).toBe(true);
        }
      }
    });

    it('records what the July 2015 mission found at the sites it visited', () => {
      expect(answer('border-management-6', 'slovenia', 'exit-checks@demo-site-vermica')).toBe('no');
      expect(answer('border-management-6', 'slovenia', 'exit-checks@demo-site-merdare')).toBe('yes');
      expect(answer('border-management-6', 'slovenia', 'second-line-equipped@demo-site-merdare')).toBe('partly');
      expect(answer('border-management-6', 'slovenia', 'second-line-equipped@demo-site-vermica')).toBe('yes');
      expect(answer('border-management-6', 'slovenia', 'second-line-equipped@demo-site-airport')).toBe('yes');
      expect(answer('border-management-6', 'slovenia', 'second-line-missing@demo-site-merdare')).toEqual(expect.arrayContaining(['document-examination-kit']));
      expect(answer('migration-management-7', 'czechia', 'safeguards-leaflet@demo-site-airport-detention')).toBe('no');
      expect(answer('migration-management-7', 'czechia', 'safeguards-leaflet@demo-site-vranidoll')).toBe('no');
      expect(answer('migration-management-4', 'slovenia', 'kvis-missions')).toBe(15);
      expect(answer('document-security-2', 'france', 'verified-share')).toBe(86);
      expect(answer('asylum-3', 'czechia', 'interpretation')).toBe('both');
    });
  });
});
