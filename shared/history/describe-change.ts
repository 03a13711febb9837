import { CREATED_FIELD, DELETED_FIELD, type Change, type EntityName, type JsonValue } from '../schemas/change';
import { MemberRoleSchema, SiteTypeSchema } from '../schemas/mission';
import { YES_NO_PARTLY } from '../schemas/question';
import { phrase, type Phrase, type PhraseParam } from './phrase';

/**
 * Change records in words, for the change history that is also the lead's audit trail:
 * "Jürgen changed the rating of Border checks 3 from Not fulfilled to Fulfilled". Every entity
 * kind and field has its sentence; a field this code does not know (a newer version's, a
 * hostile file's) falls back to "edited the finding on …", so no raw field name ever reaches
 * the screen. Output is translation keys and parameters (see phrase.ts), rendered by i18next.
 */

/** What a record is about, as the history names it; read from the record, tombstones included. */
export type HistorySubject =
  | { entity: 'mission'; title: string }
  | { entity: 'member'; name: string }
  | { entity: 'site'; name: string }
  | { entity: 'finding'; requirementId: string }
  | { entity: 'evidence'; kind: 'attachment'; fileName: string; findingId: string }
  | { entity: 'evidence'; kind: 'statistic'; label: string; findingId: string }
  | { entity: 'assessment'; requirementId: string }
  | { entity: 'recommendation'; text: string };

export interface HistoryQuestion {
  text: string;
  /** Choice labels by option id. */
  options: ReadonlyMap<string, string>;
}

/** Names from the mission and its template; null when unknown (the sentence then says "a requirement"). */
export interface HistoryNames {
  /** "Border checks 3": area and number, as the checklist shows a requirement. */
  requirement(requirementId: string): string | null;
  member(memberId: string): string | null;
  site(siteId: string): string | null;
  level(levelId: string): string | null;
  area(areaId: string): string | null;
  /** Question ids are unique within a requirement only. */
  question(requirementId: string, questionId: string): HistoryQuestion | null;
  subject(entity: EntityName, id: string): HistorySubject | null;
}

/** A change to describe, with the value its field had before when that is known. */
export interface ChangeInContext {
  change: Pick<Change, 'entity' | 'id' | 'field' | 'value' | 'member'>;
  /** null: the earlier value is not known (outside the history read), so no "from" is said. */
  previous: { value: JsonValue } | null;
}

type ValueKind =
  | 'level'
  | 'text'
  | 'long'
  | 'number'
  | 'date'
  | 'sites'
  | 'members'
  | 'requirements'
  | 'areas'
  | 'sources'
  | 'flags'
  | 'answers'
  | 'role'
  | 'siteType'
  | 'findings'
  | 'territory'
  | 'keyPriority';

/** Evidence splits by kind: a statistic's fields and an attachment's are different things. */
type FieldGroup = Exclude<EntityName, 'evidence'> | 'statistic' | 'attachment';

/**
 * The fields the history speaks of, each with a `history.field.<group>.<field>` phrase ("the
 * rating of {{subject}}"). Ids and bookkeeping (requirementId, sha256, size…) are not listed:
 * the generic sentence covers them.
 */
const FIELDS: Readonly<Record<FieldGroup, Readonly<Record<string, ValueKind>>>> = {
  mission: { title: 'text', territory: 'territory', framework: 'text', startDate: 'date', endDate: 'date', classification: 'text', reportVersion: 'text', templateVersion: 'number' },
  member: { name: 'text', organisation: 'text', role: 'role', areaIds: 'areas' },
  site: { type: 'siteType', name: 'text', date: 'date', host: 'text', memberIds: 'members', notes: 'long' },
  finding: { rating: 'level', narrative: 'long', siteIds: 'sites', sources: 'sources', flags: 'flags', answers: 'answers' },
  statistic: { label: 'text', value: 'number', ofTotal: 'number', unit: 'text', period: 'text', source: 'text' },
  attachment: { fileName: 'text', caption: 'text', date: 'date' },
  assessment: { rating: 'level', narrative: 'long', sourceFindingIds: 'findings' },
  recommendation: { text: 'long', requirementIds: 'requirements', keyPriority: 'keyPriority', order: 'long' },
};

const FLAGS = ['goodPractice', 'seriousDeficiency'] as const;
const SHORT_TEXT = 80;

export function describeChange({ change, previous }: ChangeInContext, names: HistoryNames): Phrase {
  const who = whoPhrase(change.member, names);
  const subject = names.subject(change.entity, change.id) ?? (change.field === CREATED_FIELD ? subjectFromValue(change.entity, change.value) : null);
  const object = objectPhrase(change.entity, subject, names);
  if (change.field === CREATED_FIELD) return phrase(change.entity === 'mission' ? 'history.createdMission' : 'history.created', { who, object });
  if (change.field === DELETED_FIELD) return phrase(change.value === false ? 'history.restored' : 'history.deleted', { who, object });

  const group = fieldGroup(change.entity, subject);
  const kind = group ? FIELDS[group][change.field] : undefined;
  if (!group || !kind) return phrase('history.edited', { who, what: object });
  const what = phrase(`history.field.${group}.${change.field}`, { subject: ofPhrase(change.entity, subject, object, names) });

  if (kind === 'long') return phrase('history.edited', { who, what });
  if (kind === 'answers') return describeAnswers(change.value, previous, who, subject, names) ?? phrase('history.edited', { who, what });
  if (kind === 'keyPriority' && typeof change.value === 'boolean') return phrase(change.value ? 'history.keyPriorityOn' : 'history.keyPriorityOff', { who, object });

  const to = valuePhrase(kind, change.value, names);
  if (to === null) return phrase('history.edited', { who, what });
  const from = previous ? valuePhrase(kind, previous.value, names) : null;
  if (isEmpty(change.value) && previous && !isEmpty(previous.value)) return phrase('history.cleared', { who, what });
  if (from !== null && !sameJson(previous?.value ?? null, change.value)) return phrase('history.changed', { who, what, from, to });
  return phrase('history.set', { who, what, to });
}

/** Who did it: the member's name, "Someone" for a change signed by nobody. */
export function whoPhrase(memberId: string | null, names: Pick<HistoryNames, 'member'>): PhraseParam {
  if (memberId === null) return phrase('history.someone');
  return names.member(memberId) ?? phrase('history.unknownMember');
}

/** A creation carries the whole record: enough to name it when the record itself is gone. */
export function subjectFromValue(entity: EntityName, value: JsonValue): HistorySubject | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const text = (key: string): string | null => (typeof value[key] === 'string' && value[key] !== '' ? value[key] : null);
  switch (entity) {
    case 'mission': {
      const title = text('title');
      return title === null ? null : { entity, title };
    }
    case 'member':
    case 'site': {
      const name = text('name');
      return name === null ? null : { entity, name };
    }
    case 'finding':
    case 'assessment': {
      const requirementId = text('requirementId');
      return requirementId === null ? null : { entity, requirementId };
    }
    case 'evidence': {
      const findingId = text('findingId');
      const fileName = text('fileName');
      const label = text('label');
      if (findingId === null) return null;
      if (value['kind'] === 'attachment' && fileName !== null) return { entity, kind: 'attachment', fileName, findingId };
      if (value['kind'] === 'statistic' && label !== null) return { entity, kind: 'statistic', label, findingId };
      return null;
    }
    case 'recommendation': {
      const recommendation = text('text');
      return recommendation === null ? null : { entity, text: recommendation };
    }
  }
}

function fieldGroup(entity: EntityName, subject: HistorySubject | null): FieldGroup | null {
  if (entity !== 'evidence') return entity;
  return subject?.entity === 'evidence' ? subject.kind : null;
}

function requirementPhrase(requirementId: string, names: HistoryNames): PhraseParam {
  return names.requirement(requirementId) ?? phrase('history.someRequirement');
}

/** The record as the object of "added", "removed", "restored": "the statistic “Refusals” on Border checks 3". */
function objectPhrase(entity: EntityName, subject: HistorySubject | null, names: HistoryNames): Phrase {
  if (!subject || subject.entity !== entity) return phrase(`history.some.${entity}`);
  switch (subject.entity) {
    case 'mission':
      return phrase('history.object.mission', { title: shorten(subject.title) });
    case 'member':
      return phrase('history.object.member', { name: subject.name });
    case 'site':
      return phrase('history.object.site', { name: subject.name });
    case 'finding':
      return phrase('history.object.finding', { requirement: requirementPhrase(subject.requirementId, names) });
    case 'assessment':
      return phrase('history.object.assessment', { requirement: requirementPhrase(subject.requirementId, names) });
    case 'recommendation':
      return phrase('history.object.recommendation', { text: shorten(subject.text) });
    case 'evidence': {
      const finding = names.subject('finding', subject.findingId);
      const requirement = finding?.entity === 'finding' ? requirementPhrase(finding.requirementId, names) : phrase('history.someRequirement');
      return subject.kind === 'statistic'
        ? phrase('history.object.statistic', { label: shorten(subject.label), requirement })
        : phrase('history.object.attachment', { file: shorten(subject.fileName), requirement });
    }
  }
}

/** What "the rating of …" is of: a finding's or assessment's requirement, a member's name, else the object phrase. */
function ofPhrase(entity: EntityName, subject: HistorySubject | null, object: Phrase, names: HistoryNames): PhraseParam {
  if (subject?.entity === 'finding' || subject?.entity === 'assessment') return requirementPhrase(subject.requirementId, names);
  if (subject?.entity === 'member') return subject.name;
  if (!subject && (entity === 'finding' || entity === 'assessment')) return phrase('history.someRequirement');
  return object;
}

/** A field's value in words, or null when it does not have the shape the field has. */
function valuePhrase(kind: ValueKind, value: JsonValue, names: HistoryNames): PhraseParam | null {
  const none = phrase('history.value.none');
  switch (kind) {
    case 'level':
      if (value === null) return phrase('history.value.noRating');
      return typeof value === 'string' ? (names.level(value) ?? phrase('history.value.unknownLevel')) : null;
    case 'text':
      if (value === null || value === '') return phrase('history.value.empty');
      return typeof value === 'string' ? phrase('history.value.quoted', { text: shorten(value) }) : null;
    case 'number':
      if (value === null) return none;
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'date':
      if (value === null || value === '') return none;
      return typeof value === 'string' ? value : null;
    case 'sites':
      return idList(value, (id) => names.site(id) ?? phrase('history.value.unknownSite'));
    case 'members':
      return idList(value, (id) => names.member(id) ?? phrase('history.unknownMember'));
    case 'requirements':
      return idList(value, (id) => requirementPhrase(id, names));
    case 'areas':
      return idList(value, (id) => names.area(id) ?? phrase('history.value.unknownArea'));
    case 'sources':
      return Array.isArray(value) ? (value.length === 0 ? none : phrase('history.value.sources', { count: value.length })) : null;
    case 'findings':
      return Array.isArray(value) ? (value.length === 0 ? none : phrase('history.value.findings', { count: value.length })) : null;
    case 'flags': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
      const set = FLAGS.filter((flag) => value[flag] === true).map((flag) => phrase(`history.value.flag.${flag}`));
      return set.length === 0 ? none : set;
    }
    case 'role': {
      const role = MemberRoleSchema.safeParse(value);
      return role.success ? phrase(`roles.${role.data}`) : null;
    }
    case 'siteType': {
      const type = SiteTypeSchema.safeParse(value);
      return type.success ? phrase(`sites.types.${type.data}`) : null;
    }
    case 'territory':
      if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof value['name'] !== 'string') return null;
      return phrase('history.value.quoted', { text: shorten(value['name']) });
    case 'long':
    case 'answers':
    case 'keyPriority':
      return null;
  }
}

function idList(value: JsonValue, name: (id: string) => PhraseParam): PhraseParam | null {
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) return null;
  return value.length === 0 ? phrase('history.value.none') : value.map(name);
}

/**
 * Answers are one field holding every answer of a finding, keyed by question id (or
 * "question@site"). The sentence names the one question answered when only one changed.
 */
function describeAnswers(value: JsonValue, previous: ChangeInContext['previous'], who: PhraseParam, subject: HistorySubject | null, names: HistoryNames): Phrase | null {
  const next = asRecord(value);
  const before = previous ? asRecord(previous.value) : {};
  if (next === null || before === null) return null;
  const keys = [...new Set([...Object.keys(next), ...Object.keys(before)])].filter((key) => !sameJson(next[key] ?? null, before[key] ?? null));
  const requirementId = subject?.entity === 'finding' ? subject.requirementId : null;
  const requirement = requirementId === null ? phrase('history.someRequirement') : requirementPhrase(requirementId, names);
  const [only] = keys;
  if (keys.length > 1 || only === undefined) return keys.length > 1 ? phrase('history.answeredMany', { who, count: keys.length, requirement }) : null;
  const [questionId = '', siteId] = only.split('@');
  const known = requirementId === null ? null : names.question(requirementId, questionId);
  const text: PhraseParam = known ? phrase('history.value.quoted', { text: shorten(known.text) }) : phrase('history.value.aQuestion');
  const question = siteId ? phrase('history.questionAtSite', { question: text, site: names.site(siteId) ?? phrase('history.value.unknownSite') }) : text;
  const answer = next[only];
  if (answer === undefined || isEmpty(answer)) return phrase('history.answerCleared', { who, question, requirement });
  const words = answerPhrase(answer, known);
  return words === null ? null : phrase('history.answered', { who, question, requirement, answer: words });
}

function answerPhrase(answer: JsonValue, question: HistoryQuestion | null): PhraseParam | null {
  const option = (id: string): PhraseParam => {
    const label = question?.options.get(id);
    if (label !== undefined) return label;
    return (YES_NO_PARTLY as readonly string[]).includes(id) ? phrase(`questions.yesNo.${id}`) : phrase('history.value.quoted', { text: shorten(id) });
  };
  if (typeof answer === 'number') return answer;
  if (typeof answer === 'string') return option(answer);
  if (Array.isArray(answer) && answer.every((item): item is string => typeof item === 'string')) return answer.map(option);
  return null;
}

function asRecord(value: JsonValue): Record<string, JsonValue> | null {
  if (value === null) return {};
  return typeof value === 'object' && !Array.isArray(value) ? value : null;
}

function isEmpty(value: JsonValue): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function sameJson(a: JsonValue, b: JsonValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function shorten(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= SHORT_TEXT ? line : `${line.slice(0, SHORT_TEXT - 1)}…`;
}
