import { flattenTemplate } from '../../../shared/checklist-filter';
import type { HistoryNames, HistoryQuestion, HistorySubject } from '../../../shared/history/describe-change';
import type { EntityName } from '../../../shared/schemas/change';
import type { Member, SiteVisit } from '../../../shared/schemas/mission';
import type { Template } from '../../../shared/schemas/template';

/** The mission's names for the history's sentences: requirements as the checklist shows them ("Border checks 3"). */
export function historyNames(template: Template, members: readonly Pick<Member, 'id' | 'name'>[], sites: readonly Pick<SiteVisit, 'id' | 'name'>[], subjects: ReadonlyMap<string, HistorySubject>): HistoryNames {
  const requirements = new Map(flattenTemplate(template).map((entry) => [entry.requirementId, `${entry.areaTitle} ${entry.number}`]));
  const areas = new Map(template.blocks.flatMap((block) => block.areas.map((area) => [area.id, area.title] as const)));
  const levels = new Map(template.scale.levels.map((level) => [level.id, level.label]));
  const questions = new Map<string, HistoryQuestion>();
  for (const block of template.blocks) {
    for (const area of block.areas) {
      for (const requirement of area.requirements) {
        for (const question of requirement.questions) questions.set(`${requirement.id}|${question.id}`, { text: question.text, options: new Map((question.options ?? []).map((option) => [option.id, option.label])) });
      }
    }
  }
  const memberNames = new Map(members.map((member) => [member.id, member.name]));
  const siteNames = new Map(sites.map((site) => [site.id, site.name]));
  // A removed member or site visit is still named: the page's records carry their names.
  const fromSubjects = (entity: EntityName, id: string): string | null => {
    const subject = subjects.get(`${entity}|${id}`);
    return subject?.entity === 'member' || subject?.entity === 'site' ? subject.name : null;
  };
  return {
    requirement: (id) => requirements.get(id) ?? null,
    member: (id) => memberNames.get(id) ?? fromSubjects('member', id),
    site: (id) => siteNames.get(id) ?? fromSubjects('site', id),
    level: (id) => levels.get(id) ?? null,
    area: (id) => areas.get(id) ?? null,
    question: (requirementId, id) => questions.get(`${requirementId}|${id}`) ?? null,
    subject: (entity, id) => subjects.get(`${entity}|${id}`) ?? null,
  };
}
