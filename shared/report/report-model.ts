import type { Assessment, Finding } from '../schemas/finding';
import { fulfilmentSentence } from './fulfilment-sentence';
import { narrativeParagraphs } from './narrative-paragraphs';
import { countNoun } from './number-words';
import { listPunctuation, numberRecommendations, recommendationHeading, recommendationText, type NumberedRecommendation } from './recommendation-numbering';
import { questionnaireAnnex, requirementStatusAnnex, sitesAnnex, teamAnnex } from './report-annexes';
import { formatDate, formatDateRange } from './report-dates';
import type { ReportInput, ReportOptions } from './report-input';
import { buildIntroduction } from './report-introduction';
import type { Annex, AreaCounts, AreaSection, BlockSection, BulletList, Conclusion, MissionReportModel } from './report-model-types';
import { countOutcomes, requirementOutcome, totalOf } from './requirement-outcome';

/**
 * The whole mission report as data, in the structure of the Commission's 2015 report on Kosovo:
 * 1. Introduction; one numbered section per block (with numbered subsections when a block has
 * several areas), each area opening with its computed fulfilment sentence, then the consolidated
 * narrative, then its numbered recommendations; a conclusion with the totals, the key
 * priorities and the other outstanding recommendations; annexes.
 */
export function buildMissionReport(input: ReportInput, options: ReportOptions = {}): MissionReportModel {
  const { template, mission } = input;
  const territory = mission.territory.name;
  const warnings: string[] = [];

  const requirementIds = new Set(template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement) => requirement.id))));
  const assessments = new Map<string, Assessment>();
  for (const assessment of input.assessments) {
    if (!requirementIds.has(assessment.requirementId)) {
      warnings.push(`An assessment refers to requirement “${assessment.requirementId}”, which is not in this template version; it is left out.`);
    } else if (assessments.has(assessment.requirementId)) {
      warnings.push(`Requirement “${assessment.requirementId}” has more than one assessment; the first is used.`);
    } else {
      assessments.set(assessment.requirementId, assessment);
    }
  }
  const findingsByRequirement = new Map<string, Finding[]>();
  for (const finding of input.findings) {
    const list = findingsByRequirement.get(finding.requirementId) ?? [];
    list.push(finding);
    findingsByRequirement.set(finding.requirementId, list);
  }

  const numbering = numberRecommendations(template, input.recommendations);
  for (const item of numbering.unplaced) {
    warnings.push(`Recommendation No. ${item.number} is linked to no requirement of this template version; it is listed in the conclusion only.`);
  }
  const recommended = new Set(numbering.ordered.flatMap((item) => item.recommendation.requirementIds));

  // Section 1 is the introduction; blocks follow from 2, as in the seed.
  const areaLabels = new Map<string, string>();
  const areaCounts: AreaCounts[] = [];
  const sections: BlockSection[] = template.blocks.map((block, blockIndex): BlockSection => {
    const number = `${blockIndex + 2}.`;
    const single = block.areas.length === 1;
    const areas = block.areas.map((area, areaIndex): AreaSection => {
      const outcomes = area.requirements.map((requirement) => requirementOutcome(assessments.get(requirement.id), template.scale));
      area.requirements.forEach((requirement, index) => {
        if (outcomes[index] === 'not-fulfilled' && !recommended.has(requirement.id)) {
          warnings.push(`Requirement “${requirement.id}” (${area.title}) is not fulfilled but has no recommendation.`);
        }
      });
      const outcomeCounts = countOutcomes(outcomes);
      const counts: AreaCounts = { areaId: area.id, title: area.title, ...outcomeCounts, total: totalOf(outcomeCounts) };
      areaCounts.push(counts);
      const areaNumber = single ? null : `${number.slice(0, -1)}.${areaIndex + 1}.`;
      areaLabels.set(area.id, areaNumber ? `${areaNumber} ${area.title}` : `${number} ${area.title}`);
      const items = numbering.byArea.get(area.id) ?? [];
      let recommendations: AreaSection['recommendations'] = null;
      if (items.length > 0) {
        const numbers = items.map((item) => item.number);
        const text = recommendationText(territory, area, items.map((item) => item.recommendation.text));
        recommendations = { numbers, heading: recommendationHeading(numbers), intro: text.intro, bullets: text.bullets };
      }
      return {
        areaId: area.id,
        number: areaNumber,
        heading: single ? null : area.title,
        sentence: fulfilmentSentence(territory, area.phrase, outcomeCounts),
        counts,
        paragraphs: area.requirements.flatMap((requirement) => narrativeParagraphs(assessments.get(requirement.id)?.narrative ?? '')),
        recommendations,
      };
    });
    return { blockId: block.id, number, heading: block.title.toUpperCase(), areas };
  });

  const totals = countOutcomes(
    template.blocks.flatMap((block) => block.areas.flatMap((area) => area.requirements.map((requirement) => requirementOutcome(assessments.get(requirement.id), template.scale)))),
  );

  const annexes: Annex[] = [];
  const letter = (): string => String.fromCharCode(65 + annexes.length);
  annexes.push(requirementStatusAnnex(letter(), template, assessments, numbering.ordered, areaLabels));
  const sites = input.sites.length > 0 ? sitesAnnex(letter(), input.sites) : null;
  if (sites) annexes.push(sites);
  if (input.members.length > 0) annexes.push(teamAnnex(letter(), input.members));
  if (options.includeQuestionnaireAnnex ?? true) {
    const annex = questionnaireAnnex(letter(), template, findingsByRequirement, input.sites, areaLabels);
    if (annex) annexes.push(annex);
  }

  const introduction = buildIntroduction({
    mission,
    template,
    members: input.members,
    sites: input.sites,
    findings: input.findings,
    annexes: annexes.map((annex) => ({ letter: annex.letter, subject: annex.subject })),
    sitesAnnex: sites?.letter ?? null,
  });

  const conclusion = buildConclusion(territory, `${template.blocks.length + 2}.`, numbering.ordered, totals);

  return {
    titlePage: {
      classification: mission.classification,
      kind: 'Mission report',
      title: mission.title,
      framework: mission.framework,
      template: `${template.title}, version ${template.version}`,
      dates: `Mission carried out ${formatDateRange(mission.startDate, mission.endDate)}`,
      version: `Report version ${mission.reportVersion}, generated on ${formatDate(options.generatedAt ?? new Date().toISOString())}`,
    },
    header: mission.classification.trim(),
    footer: ['Page ', { field: 'page' }, ' of ', { field: 'pages' }],
    footnotes: introduction.footnotes,
    introduction: { number: '1.', heading: 'INTRODUCTION', body: introduction.paragraphs },
    sections,
    conclusion,
    annexes,
    counts: {
      ...totals,
      total: totalOf(totals),
      outstanding: totals.notFulfilled,
      recommendations: numbering.ordered.length,
      keyPriorities: numbering.ordered.filter((item) => item.recommendation.keyPriority).length,
      areas: areaCounts,
    },
    recommendations: numbering.ordered,
    warnings,
  };
}

function buildConclusion(territory: string, number: string, ordered: readonly NumberedRecommendation[], totals: ReturnType<typeof countOutcomes>): Conclusion {
  const outstanding = totals.notFulfilled;
  let setOut: string;
  if (ordered.length > 0) {
    setOut = `The current report has set out ${countNoun(ordered.length, 'recommendation')} corresponding to ${countNoun(outstanding, 'outstanding requirement')}.`;
  } else if (outstanding > 0) {
    setOut = `The current report sets out no recommendations, although ${countNoun(outstanding, 'requirement')} ${outstanding === 1 ? 'is' : 'are'} outstanding.`;
  } else {
    setOut = 'The current report sets out no recommendations.';
  }
  // In a list of things to do, "Kosovo should demonstrate …" reads as "Demonstrate …", like the others.
  const subject = `${territory} should `;
  const item = (text: string): string => {
    const trimmed = text.trim();
    return trimmed.startsWith(subject) ? trimmed.charAt(subject.length).toUpperCase() + trimmed.slice(subject.length + 1) : trimmed;
  };
  const key = ordered.filter((entry) => entry.recommendation.keyPriority).map((entry) => item(entry.recommendation.text));
  const other = ordered.filter((entry) => !entry.recommendation.keyPriority).map((entry) => item(entry.recommendation.text));
  const keyPriorities: BulletList | null =
    key.length > 0 ? { intro: 'Progress in implementing reforms in the following areas remains a key priority:', bullets: listPunctuation(key) } : null;
  const others: BulletList | null =
    other.length > 0
      ? {
          intro: key.length > 0 ? `${territory} should also address the other outstanding recommendations:` : `${territory} should address the following outstanding recommendations:`,
          bullets: listPunctuation(other),
        }
      : null;
  return {
    number,
    heading: 'CONCLUSION',
    body: [setOut, fulfilmentSentence(territory, null, totals)],
    keyPriorities,
    others,
  };
}
