import type { RequirementSpec } from './kosovo-2015-spec';

/**
 * Findings and consolidated assessments for readmission, reintegration, block 1 (document
 * security) and block 2 (border/boundary management, migration management, asylum), drawn from
 * the Commission's third report on Kosovo's progress in the visa liberalisation dialogue (2015).
 * Figures are kept as the report gives them.
 */
export const MIGRATION_REQUIREMENTS: readonly RequirementSpec[] = [
  // ── Readmission: all seven fulfilled ─────────────────────────────────────────────────────
  {
    requirementId: 'readmission-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['ministry'],
        paragraphs: [
          'Kosovo’s legal framework on readmission is in place. Readmission agreements have been concluded with 17 EU Member States, 3 Schengen Associated States and 2 Western Balkan countries.',
          'The readmission of Kosovo citizens functions well, including that of vulnerable persons.',
        ],
      },
    ],
    assessment: ['Kosovo’s legal framework on readmission is in place, and the readmission of Kosovo citizens functions well.'],
  },
  {
    requirementId: 'readmission-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sources: ['government', 'mission', 'euOffice'],
        paragraphs: ['Kosovo has concluded readmission agreements with 17 EU Member States and 3 Schengen Associated States.'],
        statistics: [
          {
            key: 'readmission-agreements-eu',
            label: 'Readmission agreements concluded with EU Member States',
            value: 17,
            unit: 'EU Member States',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
          {
            key: 'readmission-agreements-schengen-associated',
            label: 'Readmission agreements concluded with Schengen Associated States',
            value: 3,
            unit: 'Schengen Associated States',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'readmission-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        paragraphs: [
          'Kosovo has concluded readmission agreements with 2 Western Balkan countries. It signed a readmission agreement with Turkey on 15 December 2015 and launched negotiations with other states.',
        ],
        statistics: [
          {
            key: 'readmission-agreements-western-balkans',
            label: 'Readmission agreements concluded with Western Balkan countries',
            value: 2,
            unit: 'countries',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'readmission-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['airport'],
        sources: ['government', 'mission', 'euOffice'],
        paragraphs: [
          'The readmission of Kosovo citizens functions well. Kosovo has improved the processing of requests.',
        ],
      },
    ],
    assessment: ['The readmission of Kosovo citizens functions well.'],
  },
  {
    requirementId: 'readmission-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['airport'],
        goodPractice: true,
        paragraphs: [
          'The readmission of vulnerable persons functions well.',
          'Vulnerable individuals benefit from the whole range of services financed by the Reintegration Fund, regardless of their date of departure from Kosovo.',
        ],
      },
    ],
  },
  {
    requirementId: 'readmission-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['ministry'],
        paragraphs: ['Kosovo has improved the processing of readmission requests; pending cases are no longer a concern.'],
      },
    ],
  },
  {
    requirementId: 'readmission-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        paragraphs: [
          'There is no data about the readmission of third-country nationals and stateless persons.',
          'This does not call the requirement into question, as the legal framework on readmission is in place and readmission functions well; figures should be recorded as soon as such cases arise.',
        ],
      },
    ],
    assessment: ['There is no data about the readmission of third-country nationals and stateless persons.'],
  },

  // ── Reintegration: two of three fulfilled ────────────────────────────────────────────────
  {
    requirementId: 'reintegration-1',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['ministry'],
        paragraphs: [
          'The Kosovo budget allocated EUR 3.2 million to the Reintegration Fund in 2015, including EUR 1 million for the construction of accommodation for returnees. Only 20 % of this was spent in the first half of the year.',
          'The Reintegration Fund should be fully disbursed, with a focus on offering assistance with employment, the establishment of small businesses, vocational training and linguistic training for children.',
        ],
        statistics: [
          {
            key: 'reintegration-fund-allocation',
            label: 'Budget allocated to the Reintegration Fund',
            value: 3.2,
            unit: 'EUR million',
            period: '2015',
            source: 'Kosovo budget 2015',
          },
          {
            key: 'reintegration-fund-accommodation',
            label: 'Part of the Reintegration Fund for the construction of accommodation for returnees',
            value: 1,
            ofTotal: 3.2,
            unit: 'EUR million',
            period: '2015',
            source: 'Kosovo budget 2015',
          },
          {
            key: 'reintegration-fund-spent',
            label: 'Share of the Reintegration Fund spent',
            value: 20,
            unit: '%',
            period: 'first half of 2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
      {
        author: 'czechia',
        sites: ['ministry'],
        paragraphs: [
          'Disbursement of the Reintegration Fund is slow: 20 % of the EUR 3.2 million allocated for 2015 was spent in the first half of the year, and only 256 of the 2,744 returnees registered in the case management system benefited from ‘sustainable’ reintegration services.',
          'Until the fund is fully disbursed, with a focus on employment, the establishment of small businesses, vocational training and linguistic training for children, this requirement is not fulfilled.',
        ],
      },
    ],
    assessment: [
      'The Kosovo budget allocated EUR 3.2 million to the Reintegration Fund in 2015, including EUR 1 million for the construction of accommodation for returnees. 20 % of this was spent in the first half of this year.',
      'The Reintegration Fund should be fully disbursed, with a focus on offering assistance with employment, the establishment of small businesses, vocational training and linguistic training for children.',
    ],
  },
  {
    requirementId: 'reintegration-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['ministry'],
        paragraphs: [
          'A case management system has now been established, which facilitates returnees’ access to reintegration services. In the first half of 2015, 2,744 returnees were registered in it.',
          'The cut-off date for eligibility remains July 2010, but those who left Kosovo thereafter can also benefit, upon return, from a host of emergency services, such as transport, shelter and medical assistance.',
        ],
        statistics: [
          {
            key: 'returnees-registered',
            label: 'Returnees registered in the case management system',
            value: 2744,
            unit: 'returnees',
            period: 'first half of 2015',
            source: 'Case management system for returnees (Kosovo government data)',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'reintegration-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['airport'],
        paragraphs: [
          'In the first half of 2015, 1,542 of the 2,744 returnees registered in the case management system (56 %) received, upon return to Kosovo, immediate assistance, such as transport, shelter, food and medical assistance; 256 persons of those registered in the system (9 %) benefited from ‘sustainable’ reintegration services, such as jobseekers’ allowance and support for business plans.',
          'Vulnerable individuals benefit from the whole range of services financed by the Reintegration Fund, regardless of their date of departure from Kosovo.',
        ],
        statistics: [
          {
            key: 'returnees-immediate-assistance',
            label: 'Registered returnees who received immediate assistance upon return',
            value: 1542,
            ofTotal: 2744,
            unit: 'returnees',
            period: 'first half of 2015',
            source: 'Case management system for returnees (Kosovo government data)',
          },
          {
            key: 'returnees-sustainable-reintegration',
            label: 'Registered returnees who benefited from sustainable reintegration services',
            value: 256,
            ofTotal: 2744,
            unit: 'returnees',
            period: 'first half of 2015',
            source: 'Case management system for returnees (Kosovo government data)',
          },
        ],
      },
      {
        author: 'czechia',
        paragraphs: [
          'Immediate assistance upon return and the services for vulnerable persons are in place. Training programmes for skilled returnees and the reintegration of children into the school system, notably through linguistic training, should be further developed.',
        ],
      },
    ],
    assessment: [
      'In the first half of 2015, 1,542 of the 2,744 returnees registered in the case management system (56 %) received, upon return to Kosovo, immediate assistance, such as transport, shelter, food and medical assistance; 256 persons of those registered in the system (9 %) benefited from ‘sustainable’ reintegration services, such as jobseekers’ allowance and support for business plans.',
      'Training programmes for skilled returnees and the reintegration of children into the school system, notably through linguistic training, should be further developed.',
    ],
  },

  // ── Block 1, document security: eight of nine fulfilled ─────────────────────────────────
  {
    requirementId: 'document-security-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        goodPractice: true,
        paragraphs: [
          'The security features of personal travel documents, identity cards and breeder documents are satisfactory. These documents comply with International Civil Aviation Organisation and EU document security standards.',
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        answers: {
          'verified-share': 86,
        },
        paragraphs: [
          'Kosovo’s civil status registration system (CSRS) has greatly improved. Ongoing work aims at creating a single central database that merges data from existing databases while verifying the integrity and quality of the underlying data.',
          'Citizens are issued a unique Personal Identification Number, linked to their biometric data, when requesting a civil status document. This method has allowed the Civil Registration Agency to verify the personal data of 1,602,453 citizens, or 86 % of the population.',
        ],
        statistics: [
          {
            key: 'citizens-verified',
            label: 'Citizens whose personal data the Civil Registration Agency has verified',
            value: 1602453,
            unit: 'citizens',
            period: '2015',
            source: 'Civil Registration Agency',
          },
          {
            key: 'population-verified-share',
            label: 'Share of the population whose personal data has been verified',
            value: 86,
            unit: '%',
            period: '2015',
            source: 'Civil Registration Agency',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        paragraphs: [
          'The security features of passports and identity cards are satisfactory and comply with International Civil Aviation Organisation and EU document security standards.',
          'Citizens are issued a unique Personal Identification Number, linked to their biometric data, when requesting a civil status document.',
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        goodPractice: true,
        answers: {
          'csrs-new-version@demo-site-civil-registration': 'yes',
        },
        paragraphs: [
          'With appropriate training, a new version of the civil status registration system was launched in July 2015, which requires robust verification each time a new civil status certificate is issued.',
          'The security features of breeder documents are satisfactory.',
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sources: ['government', 'mission', 'eulex'],
        paragraphs: [
          'Kosovo exchanges law enforcement information with Interpol through the contact point embedded in the United Nations Interim Administration Mission in Kosovo (UNMIK); cooperation through this contact point has considerably improved. In August 2015, Kosovo submitted its application to join Interpol.',
          'No shortcomings in the reporting of lost and stolen travel documents were identified during the mission.',
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        paragraphs: [
          'The Civil Registration Agency leads the work on a single central civil status database and has verified the personal data of 86 % of the population. Its staff were trained for the new version of the civil status registration system launched in July 2015.',
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        paragraphs: [
          'Staff of the Civil Registration Agency received appropriate training before the new version of the civil status registration system was launched. The system requires robust verification each time a civil status certificate is issued.',
          'No shortcomings were identified as regards anti-corruption training and a code of ethics for staff dealing with documents.',
        ],
      },
    ],
  },
  {
    requirementId: 'document-security-8',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        seriousDeficiency: true,
        answers: {
          'name-change-verification': 'partly',
        },
        paragraphs: [
          'The changing of names and surnames is regulated by secondary legislation adopted in May 2015 and amended in November 2015. Subject to a criminal background check and establishing that the applicant is not under criminal investigation, requests must be approved by the police and the judiciary and can only be made once every five years.',
          'Amendments adopted in November 2015 established a special committee in the Civil Registration Agency to verify requests for name changes on the basis of extracts from the civil status registration system. In future, this committee is expected to advise local municipalities whether to approve requests.',
          'This amended piece of legislation should now be fully implemented. Until Kosovo demonstrates that it has implemented it, the requirement is not fulfilled.',
        ],
      },
    ],
    assessment: [
      'The changing of names and surnames is regulated by secondary legislation adopted in May 2015 and amended in November 2015. Requests must be approved by the police and the judiciary and can only be made once every five years. Amendments adopted in November 2015 established a special committee in the Civil Registration Agency to verify requests for name changes on the basis of extracts from the civil status registration system.',
      'This amended piece of legislation should now be fully implemented.',
    ],
  },
  {
    requirementId: 'document-security-9',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        answers: {
          'interoperability-agreements': ['prosecutorial-council', 'judicial-council', 'police', 'financial-intelligence-unit', 'tax-administration', 'customs'],
        },
        paragraphs: [
          'In 2014, the Civil Registration Agency concluded memoranda of understanding with the Kosovo Prosecutorial Council, the Kosovo Judicial Council, the Kosovo Police, the Financial Intelligence Unit, the Tax Administration and Kosovo Customs to ensure interoperability between their respective databases. Most of these databases have now been interlinked.',
        ],
        statistics: [
          {
            key: 'civil-registration-memoranda',
            label: 'Institutions with which the Civil Registration Agency concluded memoranda of understanding on database interoperability',
            value: 6,
            unit: 'institutions',
            period: '2014',
            source: 'Civil Registration Agency',
          },
        ],
      },
    ],
  },

  // ── Block 2, border/boundary management: fourteen of fifteen fulfilled ───────────────────
  {
    requirementId: 'border-management-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['ministry', 'ibm-centre'],
        paragraphs: [
          'Kosovo’s legislation is largely in line with the Schengen acquis, and checks are performed in line with EU standards.',
          'Inter-agency cooperation works: the IBM centre is composed of staff from all relevant authorities.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        paragraphs: [
          'Cooperation with neighbouring countries has improved. The border/boundary delineation agreement with Montenegro, which remains to be ratified, is addressed under the requirement on demarcation with Montenegro.',
        ],
      },
    ],
    assessment: ['Cooperation with neighbouring countries has improved.'],
  },
  {
    requirementId: 'border-management-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['merdare'],
        sources: ['government', 'mission', 'eulex'],
        paragraphs: [
          'The conclusions of the dialogue on integrated border/boundary management are being implemented: at Merdare/Merdarë, a common IBM crossing point is currently being established.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-4',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'slovenia',
        seriousDeficiency: true,
        answers: {
          'delineation-ratified': 'no',
        },
        paragraphs: [
          'Cooperation with neighbouring countries has improved, but the border/boundary delineation agreement with Montenegro has not been ratified by Kosovo.',
          'Kosovo should ratify the border/boundary delineation agreement with Montenegro before visa-free status is granted to Kosovo citizens.',
        ],
      },
      {
        author: 'germany',
        sources: ['government', 'mission', 'euOffice'],
        answers: {
          'delineation-ratified': 'no',
        },
        paragraphs: [
          'The border/boundary delineation agreement with Montenegro remains to be ratified by Kosovo. Ratification should take place before visa-free status is granted to Kosovo citizens.',
        ],
      },
    ],
    assessment: [
      'The border/boundary delineation agreement with Montenegro should be ratified by Kosovo before visa-free status is granted to Kosovo citizens.',
    ],
  },
  {
    requirementId: 'border-management-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['ibm-centre'],
        paragraphs: [
          'Integrated border management is being implemented: the IBM centre is fully operational and carries out strategic and operational risk analyses at central level. No shortcomings were identified as regards the strategy and action plan.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['vermica', 'merdare', 'airport'],
        answers: {
          'second-line-equipped@demo-site-vermica': 'yes',
          'second-line-equipped@demo-site-merdare': 'partly',
          'second-line-missing@demo-site-merdare': ['document-examination-kit', 'database-access'],
          'second-line-equipped@demo-site-airport': 'yes',
          'exit-checks@demo-site-vermica': 'no',
          'exit-checks@demo-site-merdare': 'yes',
        },
        paragraphs: [
          'Checks are performed in line with EU standards. Risk analysis is used to monitor high-risk areas, but detections remain low.',
          'At the main border/boundary-crossing point with Albania, no exit checks were performed at the time of the visit; the team recommended reintroducing them. Kosovo authorities reintroduced exit checks there in mid-November 2015.',
        ],
      },
    ],
    assessment: [
      'Checks are performed in line with EU standards; risk analysis is used to monitor high-risk areas, but detections remain low. In line with the recommendations of the expert mission in July 2015, Kosovo authorities reintroduced in mid-November 2015 exit checks at the main border/boundary-crossing point with Albania.',
    ],
  },
  {
    requirementId: 'border-management-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['merdare'],
        paragraphs: [
          'A common IBM crossing point is currently being established at Merdare/Merdarë. The relevant authorities are sufficiently equipped to complete border surveillance, and risk analysis is used to monitor high-risk areas.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-8',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['ibm-centre'],
        paragraphs: [
          'All relevant authorities have situational awareness of border/boundary-related crimes, although the number of detected and investigated cases of facilitated irregular migration, trafficking in human beings and drug trafficking remains low.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-9',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['airport'],
        paragraphs: [
          'Carriers’ responsibility is covered by Kosovo’s border legislation, which is largely in line with the Schengen acquis. No shortcomings were identified at Pristina International Airport.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-10',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['merdare', 'vermica', 'airport'],
        paragraphs: [
          'Border/boundary-crossing points are sufficiently equipped to complete first and second-line checks, with the exception of Merdare/Merdarë, where a common IBM crossing point is currently being established.',
        ],
      },
      {
        author: 'germany',
        sites: ['merdare', 'airport'],
        paragraphs: [
          'Pristina International Airport is sufficiently equipped for first- and second-line checks. Merdare/Merdarë is not, but the common IBM crossing point being established there will remedy this.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-11',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['merdare', 'vermica', 'airport'],
        paragraphs: ['The relevant authorities have adequate personnel to control traffic flows and passenger movements.'],
      },
    ],
  },
  {
    requirementId: 'border-management-12',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['vermica'],
        paragraphs: [
          'The relevant authorities are sufficiently equipped to complete border surveillance; risk analysis is used to monitor high-risk areas, but detections remain low.',
          'The Food and Veterinary Agency has internet access.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-13',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['ibm-centre'],
        goodPractice: true,
        answers: {
          'ibm-centre-operational': 'yes',
        },
        paragraphs: [
          'Kosovo’s IBM centre is fully operational. It is composed of staff from all relevant authorities and is responsible for strategic and operational risk analyses at central level, information exchange and data protection.',
          'At the local level, risk analysis is carried out at crossing points.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-14',
    rating: 'fulfilled',
    findings: [
      {
        author: 'germany',
        sites: ['merdare', 'vermica'],
        paragraphs: [
          'Cooperation with neighbouring countries has improved, notably at Merdare/Merdarë, where a common IBM crossing point is currently being established.',
        ],
      },
    ],
  },
  {
    requirementId: 'border-management-15',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sources: ['government', 'mission', 'frontex'],
        paragraphs: ['Kosovo’s cooperation with FRONTEX has considerably improved.'],
      },
    ],
  },

  // ── Block 2, migration management: all ten fulfilled ─────────────────────────────────────
  {
    requirementId: 'migration-management-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['ministry'],
        answers: {
          'residence-permits': 77,
        },
        paragraphs: [
          'Kosovo’s legislation in the area of migration management is in line with the EU acquis. In 2014, Kosovo delivered 77 residence permits to foreigners.',
          'As the integration of foreigners is still in its infancy, Kosovo should employ in this field the experience it has obtained in running its reintegration programme.',
        ],
        statistics: [
          {
            key: 'residence-permits',
            label: 'Residence permits delivered to foreigners',
            value: 77,
            unit: 'residence permits',
            period: '2014',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['ministry'],
        paragraphs: [
          'Kosovo’s legislation in the area of migration management is in line with the EU acquis.',
          'In line with the Schengen Borders Code, visas are only issued at Kosovo’s borders in exceptional circumstances.',
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['ministry'],
        paragraphs: [
          'No shortcomings were identified as regards the migration strategy and action plan. The integration of foreigners is still in its infancy; Kosovo should employ in this field the experience it has obtained in running its reintegration programme.',
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['ministry'],
        answers: {
          'kvis-missions': 15,
        },
        paragraphs: [
          'Kosovo’s visa information system (KVIS) has been deployed at 15 of Kosovo’s 30 diplomatic or consular missions abroad. The remaining 15 missions not linked to KVIS are typically located in EU Member States or Schengen Associated States where at least one consular post, typically the one in the capital, has already been linked to this system.',
          'Owing to Kosovo’s limited diplomatic representation worldwide, KVIS is only available in a few American, African or Asian capitals. Kosovo authorities have begun outsourcing the handling of visa applications to external service providers while retaining control over visa decisions; this process should continue.',
          'The various databases in law enforcement and migration are currently being interlinked.',
        ],
        statistics: [
          {
            key: 'kvis-missions',
            label: 'Diplomatic or consular missions where the visa information system (KVIS) is deployed',
            value: 15,
            ofTotal: 30,
            unit: 'missions',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'Kosovo’s extended migration profile is well-developed. It could be further refined by incorporating information about Kosovo’s diaspora.',
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['police-hq'],
        paragraphs: [
          'Following the extraordinary migration crisis from Kosovo in late 2014 and early 2015, Kosovo tightened control of bus companies that typically facilitated migrant smuggling.',
          'The police has a sufficient number of staff to investigate crimes related to trafficking in human beings and migrant smuggling.',
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['airport-detention', 'vranidoll'],
        answers: {
          'safeguards-leaflet@demo-site-airport-detention': 'no',
          'safeguards-leaflet@demo-site-vranidoll': 'no',
        },
        paragraphs: [
          'Kosovo operates its detention facilities—a temporary one at Pristina airport and a permanent one in Vranidoll—in line with the EU Return Directive. Returnees have appropriate procedural safeguards and access to services, as required by the Return Directive.',
          'A leaflet describing procedural safeguards for returnees should be made available at both facilities.',
        ],
      },
      {
        author: 'slovenia',
        sites: ['airport-detention'],
        answers: {
          'safeguards-leaflet@demo-site-airport-detention': 'no',
        },
        paragraphs: [
          'The temporary detention facility at Pristina airport is operated in line with the EU Return Directive, with appropriate procedural safeguards. No leaflet describing these safeguards was available to the persons held there.',
        ],
      },
    ],
    assessment: [
      'Kosovo operates its detention facilities—a temporary one at Pristina airport and a permanent one in Vranidoll—in line with the EU Return Directive. Returnees have appropriate procedural safeguards and access to services, as required by the Return Directive. A leaflet describing procedural safeguards for returnees should be made available at both facilities.',
    ],
  },
  {
    requirementId: 'migration-management-8',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'No shortcomings were identified as regards anti-corruption training and a code of ethics for staff dealing with migration.',
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-9',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sources: ['government', 'mission', 'eurostat'],
        paragraphs: [
          'Kosovo provides migration statistics, such as the number of residence permits delivered to foreigners (77 in 2014). The extended migration profile is well-developed.',
        ],
      },
    ],
  },
  {
    requirementId: 'migration-management-10',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'While the Western Balkan migration route has so far bypassed Kosovo, it has strengthened law enforcement cooperation with Serbia, Hungary and Austria.',
        ],
      },
    ],
  },

  // ── Block 2, asylum: six of seven fulfilled ──────────────────────────────────────────────
  {
    requirementId: 'asylum-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['asylum-centre'],
        answers: {
          'first-instance-authority': 'Department of Citizenship, Asylum and Migration, Ministry of Internal Affairs',
        },
        paragraphs: [
          'Kosovo’s legislation is in line with the EU acquis, and it has the necessary institutional structure and resources in place to offer international protection to asylum-seekers.',
        ],
      },
    ],
  },
  {
    requirementId: 'asylum-2',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['asylum-centre', 'unhcr'],
        sources: ['government', 'mission', 'unhcr'],
        answers: {
          'applications-last-year': 98,
          'recognition-monitoring': 'UNHCR figures: 62 applications in 2013 and 98 in 2014; subsidiary protection granted to four applicants in 2013 and one in 2014. No analysis of the reasons for the low recognition rate was presented; the team recommends that Kosovo monitor them.',
        },
        paragraphs: [
          'According to UNHCR, 62 and 98 persons sought asylum in Kosovo respectively in 2013 and 2014—four applicants received subsidiary protection in 2013; one in 2014.',
          'While the Western Balkan migration route has so far bypassed it, Kosovo should make use of its facilities to grant international protection to those who merit it, and monitor the reasons for its low recognition rate for asylum-seekers.',
        ],
        statistics: [
          {
            key: 'asylum-seekers-2013',
            label: 'Persons who sought asylum in Kosovo',
            value: 62,
            unit: 'persons',
            period: '2013',
            source: 'UNHCR',
          },
          {
            key: 'asylum-seekers-2014',
            label: 'Persons who sought asylum in Kosovo',
            value: 98,
            unit: 'persons',
            period: '2014',
            source: 'UNHCR',
          },
          {
            key: 'subsidiary-protection-2013',
            label: 'Applicants granted subsidiary protection',
            value: 4,
            unit: 'persons',
            period: '2013',
            source: 'UNHCR',
          },
          {
            key: 'subsidiary-protection-2014',
            label: 'Applicants granted subsidiary protection',
            value: 1,
            unit: 'persons',
            period: '2014',
            source: 'UNHCR',
          },
        ],
      },
    ],
    assessment: [
      'According to UNHCR, 62 and 98 persons sought asylum in Kosovo respectively in 2013 and 2014—four applicants received subsidiary protection in 2013; one in 2014. While the Western Balkan migration route has so far bypassed it, Kosovo should make use of its facilities to grant international protection to those who merit it.',
    ],
  },
  {
    requirementId: 'asylum-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['asylum-centre'],
        goodPractice: true,
        answers: {
          interpretation: 'both',
        },
        paragraphs: [
          'Kosovo has the necessary institutional structure and resources in place to offer international protection to asylum-seekers.',
          'It has drawn up its own list of interpreters and has concluded an agreement with UNHCR to make use of its remote interpretation resource for languages that Kosovo’s pool does not cover.',
        ],
      },
    ],
  },
  {
    requirementId: 'asylum-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'Kosovo’s asylum legislation is in line with the EU acquis. No shortcomings were identified as regards the independence and capacity of the supervisory authorities.',
        ],
      },
    ],
  },
  {
    requirementId: 'asylum-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'No shortcomings were identified as regards anti-corruption training and a code of ethics for staff dealing with asylum.',
        ],
      },
    ],
  },
  {
    requirementId: 'asylum-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['unhcr'],
        sources: ['government', 'mission', 'unhcr'],
        paragraphs: [
          'Asylum statistics are available. According to UNHCR, 62 persons sought asylum in Kosovo in 2013 and 98 in 2014.',
        ],
      },
    ],
  },
  {
    requirementId: 'asylum-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        sites: ['unhcr'],
        sources: ['government', 'mission', 'unhcr'],
        paragraphs: [
          'Kosovo stepped up its cooperation with UNHCR in 2015, notably in the field of remote interpretation.',
        ],
      },
    ],
  },
];
