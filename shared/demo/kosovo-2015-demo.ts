import type { Assessment, Finding, Recommendation, StatisticEvidence } from '../schemas/finding';
import type { Member, Mission, SiteVisit } from '../schemas/mission';
import { MIGRATION_REQUIREMENTS } from './kosovo-2015-findings-migration';
import { SECURITY_REQUIREMENTS } from './kosovo-2015-findings-security';
import { DEMO_SOURCES, type ExpertKey, type RequirementSpec, type SiteKey } from './kosovo-2015-spec';

/**
 * A complete demonstration mission: the July 2015 assessment mission behind the Commission's
 * third report on Kosovo's visa liberalisation roadmap, rebuilt as the data an evaluation team
 * would have entered — one lead, six Member State experts, the sites they visited, at least one
 * finding per requirement, the lead's 95 assessments and the report's 8 recommendations.
 *
 * Every id starts with "demo-" and is fixed, so loading the demo twice is recognisable.
 * Names of team members are invented.
 */
export interface DemoMission {
  mission: Mission;
  members: Member[];
  sites: SiteVisit[];
  findings: Finding[];
  evidence: StatisticEvidence[];
  assessments: Assessment[];
  recommendations: Recommendation[];
}

export const DEMO_ID_PREFIX = 'demo-';
export const DEMO_MISSION_ID = 'demo-mission-kosovo-2015';
export const DEMO_LEAD_ID = 'demo-member-lead';

/** True for the ids the demo mission uses, so an app can tell demo data from real data. */
export function isDemoId(id: string): boolean {
  return id.startsWith(DEMO_ID_PREFIX);
}

export const memberId = (expert: ExpertKey): string => `demo-member-${expert}`;
export const deviceId = (expert: ExpertKey): string => `demo-device-${expert}`;
export const siteId = (site: SiteKey): string => `demo-site-${site}`;
export const findingId = (requirementId: string, expert: ExpertKey): string => `demo-finding-${requirementId}-${expert}`;
export const assessmentId = (requirementId: string): string => `demo-assessment-${requirementId}`;
export const statisticId = (key: string): string => `demo-stat-${key}`;

/** Every requirement of the roadmap, in template order. */
export const KOSOVO_2015_REQUIREMENTS: readonly RequirementSpec[] = [...MIGRATION_REQUIREMENTS, ...SECURITY_REQUIREMENTS];

interface ExpertSpec {
  name: string;
  organisation: string;
  areaIds: readonly string[];
}

const EXPERTS: Record<ExpertKey, ExpertSpec> = {
  slovenia: {
    name: 'Mojca Žagar',
    organisation: 'Slovenia — Police, Border Police Division',
    areaIds: ['border-management', 'migration-management', 'law-enforcement-cooperation'],
  },
  germany: {
    name: 'Jürgen Weiß',
    organisation: 'Germany — Federal Ministry of the Interior',
    areaIds: ['readmission', 'reintegration', 'border-management'],
  },
  france: {
    name: 'Hélène Lefèvre',
    organisation: 'France — Ministry of the Interior',
    areaIds: ['document-security', 'data-protection', 'fundamental-rights'],
  },
  austria: {
    name: 'Florian Pölzl',
    organisation: 'Austria — Federal Ministry of the Interior',
    areaIds: ['organised-crime', 'law-enforcement-cooperation'],
  },
  czechia: {
    name: 'Tomáš Dvořák',
    organisation: 'Czech Republic — Ministry of the Interior',
    areaIds: ['reintegration', 'migration-management', 'asylum', 'fundamental-rights'],
  },
  croatia: {
    name: 'Ivana Kovačević',
    organisation: 'Croatia — Ministry of Justice',
    areaIds: ['organised-crime', 'judicial-cooperation', 'data-protection'],
  },
};

const EXPERT_ORDER: readonly ExpertKey[] = ['slovenia', 'germany', 'france', 'austria', 'czechia', 'croatia'];

type Attendee = ExpertKey | 'lead';

interface SiteSpec {
  key: SiteKey;
  type: SiteVisit['type'];
  name: string;
  date: string;
  host: string;
  attendees: readonly Attendee[];
  notes: string;
}

const SITES: readonly SiteSpec[] = [
  {
    key: 'ministry',
    type: 'ministry',
    name: 'Ministry of Internal Affairs',
    date: '2015-07-06',
    host: 'Ministry of Internal Affairs',
    attendees: ['lead', ...EXPERT_ORDER],
    notes: 'Opening meeting with the Kosovo authorities; presentations on readmission, reintegration, migration and the visa roadmap.',
  },
  {
    key: 'civil-registration',
    type: 'civil-registry',
    name: 'Civil Registration Agency',
    date: '2015-07-06',
    host: 'Civil Registration Agency',
    attendees: ['france'],
    notes: 'Civil status registration system (new version launched in July 2015), verification of personal data, name changes.',
  },
  {
    key: 'merdare',
    type: 'land-crossing',
    name: 'Merdare/Merdarë crossing point',
    date: '2015-07-07',
    host: 'Kosovo Border Police',
    attendees: ['slovenia', 'germany'],
    notes: 'A common IBM crossing point is being established; not yet equipped for first- and second-line checks.',
  },
  {
    key: 'ibm-centre',
    type: 'police',
    name: 'Integrated border management (IBM) centre',
    date: '2015-07-07',
    host: 'IBM centre, staffed by all border agencies',
    attendees: ['slovenia', 'germany'],
    notes: 'Strategic and operational risk analysis at central level, information exchange and data protection.',
  },
  {
    key: 'asylum-centre',
    type: 'asylum-centre',
    name: 'Asylum centre',
    date: '2015-07-07',
    host: 'Department of Citizenship, Asylum and Migration',
    attendees: ['czechia'],
    notes: 'Reception of asylum-seekers; Kosovo’s own list of interpreters and remote interpretation through UNHCR.',
  },
  {
    key: 'vermica',
    type: 'land-crossing',
    name: 'Vërmica/Vrbnica crossing point',
    date: '2015-07-08',
    host: 'Kosovo Border Police',
    attendees: ['slovenia', 'germany'],
    notes: 'Main border/boundary-crossing point with Albania (Morinë on the Albanian side); no exit checks at the time of the visit.',
  },
  {
    key: 'airport',
    type: 'air-crossing',
    name: 'Pristina International Airport',
    date: '2015-07-08',
    host: 'Kosovo Border Police',
    attendees: ['slovenia', 'germany'],
    notes: 'First- and second-line checks; arrival of returnees.',
  },
  {
    key: 'airport-detention',
    type: 'detention-centre',
    name: 'Pristina airport temporary detention facility',
    date: '2015-07-08',
    host: 'Kosovo Border Police',
    attendees: ['slovenia', 'czechia'],
    notes: 'Temporary detention in line with the Return Directive; no leaflet on procedural safeguards.',
  },
  {
    key: 'police-hq',
    type: 'police',
    name: 'Kosovo Police headquarters',
    date: '2015-07-08',
    host: 'Kosovo Police',
    attendees: ['austria', 'slovenia'],
    notes: 'International law enforcement cooperation unit (ILECU), witness protection directorate, intelligence-led policing.',
  },
  {
    key: 'unhcr',
    type: 'ngo-or-international-organisation',
    name: 'UNHCR office, Pristina',
    date: '2015-07-08',
    host: 'UNHCR',
    attendees: ['czechia', 'france'],
    notes: 'Asylum figures for 2013 and 2014; cooperation on remote interpretation.',
  },
  {
    key: 'vranidoll',
    type: 'detention-centre',
    name: 'Vranidoll detention facility',
    date: '2015-07-09',
    host: 'Ministry of Internal Affairs',
    attendees: ['czechia'],
    notes: 'Permanent detention facility run in line with the Return Directive.',
  },
  {
    key: 'basic-court',
    type: 'court',
    name: 'Basic Court of Pristina',
    date: '2015-07-09',
    host: 'Basic Court of Pristina, serious crime department',
    attendees: ['lead', 'croatia', 'austria'],
    notes: 'Staffing of the serious crime department; backlog of court cases.',
  },
  {
    key: 'special-prosecution',
    type: 'prosecutor',
    name: 'Special Prosecution Office',
    date: '2015-07-09',
    host: 'Special Prosecution Office',
    attendees: ['austria', 'croatia'],
    notes: 'High-profile organised crime and corruption cases; freezing, seizure and confiscation of assets.',
  },
  {
    key: 'ombudsperson',
    type: 'other',
    name: 'Ombudsperson Institution',
    date: '2015-07-10',
    host: 'Ombudsperson Institution',
    attendees: ['lead', 'france', 'czechia'],
    notes: 'Broadened mandate under the 2015 law on the ombudsperson; premises, staff and budget.',
  },
  {
    key: 'data-protection-agency',
    type: 'other',
    name: 'Data protection agency',
    date: '2015-07-10',
    host: 'Data protection agency',
    attendees: ['france', 'croatia'],
    notes: 'Consultation on draft laws, secondary legislation on data security, local data protection officers.',
  },
];

interface RecommendationSpec {
  key: string;
  requirementId: string;
  text: string;
  keyPriority: boolean;
  order: number;
}

/** The report's eight recommendations, in report order, each for one outstanding requirement. */
const RECOMMENDATIONS: readonly RecommendationSpec[] = [
  {
    key: 'reintegration-fund',
    requirementId: 'reintegration-1',
    text: 'The Reintegration Fund should be fully disbursed, with a focus on offering assistance with employment, the establishment of small businesses, vocational training and linguistic training for children.',
    keyPriority: false,
    order: 0,
  },
  {
    key: 'name-changes',
    requirementId: 'document-security-8',
    text: 'Kosovo should demonstrate that it has implemented its amended secondary legislation on name changes.',
    keyPriority: true,
    order: 0,
  },
  {
    key: 'montenegro-delineation',
    requirementId: 'border-management-4',
    text: 'Kosovo should ratify the border/boundary delineation agreement with Montenegro before visa-free status is granted to Kosovo citizens.',
    keyPriority: false,
    order: 0,
  },
  {
    key: 'asylum-recognition-rate',
    requirementId: 'asylum-2',
    text: 'Kosovo should monitor the reasons for its low recognition rate for asylum-seekers.',
    keyPriority: false,
    order: 0,
  },
  {
    key: 'serious-crime-judges',
    requirementId: 'organised-crime-7',
    text: 'Transfer a sufficient number of judges, with appropriate support staff, to serious crime departments across courts in Kosovo.',
    keyPriority: true,
    order: 0,
  },
  {
    key: 'track-record',
    requirementId: 'organised-crime-8',
    text: 'Build up a track record of investigations, final court rulings and confiscations in serious organised crime and corruption cases, notably by endowing the central coordinator for serious organised crime and corruption cases with the mandate and resources to lead multidisciplinary teams of financial investigations and to monitor the judicial follow-up of such cases.',
    keyPriority: true,
    order: 1,
  },
  {
    key: 'pprb-independence',
    requirementId: 'organised-crime-9',
    text: 'Ensure the operational independence of the Public Procurement Review Body. Strict integrity plans should be implemented to protect the independence of this body and the Public Procurement Regulatory Commission.',
    keyPriority: true,
    order: 2,
  },
  {
    key: 'ombudsperson',
    requirementId: 'fundamental-rights-8',
    text: 'Kosovo should provide appropriate premises for and ensure the full budgetary independence of the ombudsperson.',
    keyPriority: false,
    order: 0,
  },
];

const attendeeId = (attendee: Attendee): string => (attendee === 'lead' ? DEMO_LEAD_ID : memberId(attendee));

/**
 * Builds the demo mission. Each call returns fresh objects, so a caller may change them freely.
 */
export function buildKosovoDemo(): DemoMission {
  const missionId = DEMO_MISSION_ID;

  const mission: Mission = {
    id: missionId,
    templateId: 'visa-roadmap-kosovo-2012',
    templateVersion: 1,
    title: 'Kosovo — visa roadmap assessment mission, July 2015',
    territory: {
      name: 'Kosovo',
      footnote:
        'This designation is without prejudice to positions on status, and is in line with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.',
    },
    framework: 'EU visa liberalisation dialogue',
    startDate: '2015-07-06',
    endDate: '2015-07-10',
    classification: 'LIMITED',
    reportVersion: '1.0',
    createdAt: '2015-06-29T09:00:00+02:00',
  };

  const members: Member[] = [
    {
      id: DEMO_LEAD_ID,
      missionId,
      name: 'Małgorzata Wiśniewska',
      organisation: 'European Commission — Directorate-General for Migration and Home Affairs',
      role: 'lead',
      areaIds: [],
    },
    ...EXPERT_ORDER.map((key): Member => {
      const expert = EXPERTS[key];
      return {
        id: memberId(key),
        missionId,
        name: expert.name,
        organisation: expert.organisation,
        role: 'expert',
        areaIds: [...expert.areaIds],
      };
    }),
  ];

  const sites: SiteVisit[] = SITES.map((site) => ({
    id: siteId(site.key),
    missionId,
    type: site.type,
    name: site.name,
    date: site.date,
    host: site.host,
    memberIds: site.attendees.map(attendeeId),
    notes: site.notes,
  }));

  const findings: Finding[] = [];
  const evidence: StatisticEvidence[] = [];
  const assessments: Assessment[] = [];

  for (const requirement of KOSOVO_2015_REQUIREMENTS) {
    const ids: string[] = [];
    for (const spec of requirement.findings) {
      const id = findingId(requirement.requirementId, spec.author);
      ids.push(id);
      findings.push({
        id,
        missionId,
        requirementId: requirement.requirementId,
        authorId: memberId(spec.author),
        deviceId: deviceId(spec.author),
        rating: requirement.rating,
        narrative: spec.paragraphs.join('\n\n'),
        siteIds: (spec.sites ?? []).map(siteId),
        sources: (spec.sources ?? ['government', 'mission']).map((key) => ({ ...DEMO_SOURCES[key] })),
        flags: { goodPractice: spec.goodPractice ?? false, seriousDeficiency: spec.seriousDeficiency ?? false },
        answers: { ...(spec.answers ?? {}) },
      });
      for (const statistic of spec.statistics ?? []) {
        const item: StatisticEvidence = {
          id: statisticId(statistic.key),
          missionId,
          findingId: id,
          kind: 'statistic',
          label: statistic.label,
          value: statistic.value,
          unit: statistic.unit,
          period: statistic.period,
          source: statistic.source,
        };
        if (statistic.ofTotal !== undefined) item.ofTotal = statistic.ofTotal;
        evidence.push(item);
      }
    }
    const first = requirement.findings[0];
    assessments.push({
      id: assessmentId(requirement.requirementId),
      missionId,
      requirementId: requirement.requirementId,
      rating: requirement.rating,
      narrative: (requirement.assessment ?? first?.paragraphs ?? []).join('\n\n'),
      sourceFindingIds: ids,
    });
  }

  const recommendations: Recommendation[] = RECOMMENDATIONS.map((spec) => ({
    id: `demo-recommendation-${spec.key}`,
    missionId,
    text: spec.text,
    requirementIds: [spec.requirementId],
    keyPriority: spec.keyPriority,
    order: spec.order,
  }));

  return { mission, members, sites, findings, evidence, assessments, recommendations };
}
