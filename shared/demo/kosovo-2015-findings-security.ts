import type { RequirementSpec } from './kosovo-2015-spec';

/**
 * Findings and consolidated assessments for block 3 (organised crime, corruption and terrorism;
 * law enforcement cooperation; judicial cooperation in criminal matters; data protection) and
 * block 4 (fundamental rights related to the freedom of movement), drawn from the Commission's
 * third report on Kosovo's progress in the visa liberalisation dialogue (2015).
 */
export const SECURITY_REQUIREMENTS: readonly RequirementSpec[] = [
  // ── Block 3, organised crime, corruption and terrorism: twelve of fifteen fulfilled ──────
  {
    requirementId: 'organised-crime-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        sites: ['ministry'],
        paragraphs: [
          'In June 2015, the Assembly adopted amendments to the four core laws that underpin Kosovo’s criminal justice system.',
          'The 2013 law on extended powers for confiscation of assets is in place and should be fully utilised.',
        ],
        statistics: [
          {
            key: 'core-criminal-justice-laws-amended',
            label: 'Core criminal justice laws amended by the Assembly',
            value: 4,
            unit: 'laws',
            period: 'June 2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        paragraphs: [
          'Kosovo’s response to trafficking in human beings and migrant smuggling is acceptable. The police has a sufficient number of staff to investigate crimes related to trafficking in human beings and migrant smuggling.',
          'The law on crime victim compensations is being implemented, and Kosovo has stepped up its efforts to rehabilitate victims and prevent trafficking in human beings.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        sources: ['government', 'mission', 'europol'],
        paragraphs: [
          'Kosovo has made some progress in combatting drug trafficking. It seized increasing amounts of marijuana, heroin and cocaine in 2013 and 2014. Kosovo has concluded a set of memoranda of understanding with core partners and participates, through its international law enforcement cooperation unit (ILECU), in the Europol-led “Western Balkan route” and “Joint Investigation Team Balkans” against drug trafficking.',
          'Most organised crime cases investigated by the police concern drug trafficking, even if final convictions in cases related to drug trafficking remain low.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'The government’s 2014 strategy to prevent money laundering and terrorism financing has been implemented.',
          'In 2014, the Kosovo Judicial Council adopted a strategy to reduce the backlog of court cases, which seeks to enforce, by the end of 2016, the majority of rulings in administrative disputes.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        paragraphs: [
          'The government’s 2014 strategy to prevent money laundering and terrorism financing has been implemented, but convictions for money-laundering remain low.',
          'Kosovo has made some progress in freezing and seizing illicitly obtained assets, but only a small fraction of such assets has been confiscated. In the absence of a sufficient number of confiscation orders, the Agency for the Management of Sequestrated and Confiscated Assets (AMSCA) is compelled to manage indefinitely the assets seized by law enforcement.',
          'The 2013 law on extended powers for confiscation of assets should be fully utilised.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        paragraphs: [
          'Kosovo considerably strengthened intelligence-led policing in 2015, which should be sustained. The Kosovo police has access to a range of databases necessary for its work.',
          'Work to establish an electronic criminal records database is under way, but data still need to be fully entered into the system.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-7',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'croatia',
        sites: ['basic-court'],
        paragraphs: [
          'The June 2015 amendments to the core laws harmonised the criteria for appointing judges and dismissing judges and prosecutors, reinforcing their independence by granting them the power to propose their own budgets. Vacancies are currently being filled at both the Kosovo Judicial Council (KJC) and Kosovo Prosecutorial Council (KPC).',
          'In October 2015, the KJC transferred three judges to the serious crime department of the Basic Court of Pristina, bringing the total number of judges to 14. This welcome development should be extended to all serious crime departments across courts in Kosovo.',
          'Further boosting the human resources of basic courts’ serious crime departments, including qualified judges and support staff with an appropriate budget, should become a priority for Kosovo.',
        ],
        statistics: [
          {
            key: 'serious-crime-judges-pristina',
            label: 'Judges in the serious crime department of the Basic Court of Pristina',
            value: 14,
            unit: 'judges',
            period: 'October 2015',
            source: 'Kosovo Judicial Council',
          },
          {
            key: 'serious-crime-judges-transferred',
            label: 'Judges transferred to the serious crime department of the Basic Court of Pristina',
            value: 3,
            ofTotal: 14,
            unit: 'judges',
            period: 'October 2015',
            source: 'Kosovo Judicial Council',
          },
        ],
      },
      {
        author: 'austria',
        sites: ['basic-court', 'special-prosecution'],
        paragraphs: [
          'Capacity problems affecting the judiciary are a main reason why the track record in serious organised crime and corruption cases remains weak.',
          'The KJC should prioritise scarce resources in such a way that judges in serious crime departments, with appropriate support staff, may focus on adjudicating serious organised crime and corruption cases.',
        ],
      },
    ],
    assessment: [
      'In October 2015, the KJC transferred three judges to the serious crime department of the Basic Court of Pristina, bringing the total number of judges to 14. This welcome development should be extended to all serious crime departments across courts in Kosovo. Further boosting the human resources of basic courts’ serious crime departments, including qualified judges and support staff with an appropriate budget, should become a priority for Kosovo.',
      'The KJC should now prioritise scarce resources in such a way that judges in serious crime departments, with appropriate support staff, may focus on adjudicating serious organised crime and corruption cases.',
    ],
  },
  {
    requirementId: 'organised-crime-8',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['special-prosecution'],
        seriousDeficiency: true,
        paragraphs: [
          'Kosovo’s track record in adjudicating serious organised crime and corruption cases remains weak, owing partly to capacity problems affecting the judiciary. To rectify this, the chief prosecutor appointed in October 2015 the acting head of the special prosecution as the central coordinator to select and target high-profile serious organised crime and corruption cases.',
          'Kosovo should now consider endowing the central coordinator’s office with the mandate and resources to lead multidisciplinary teams, made up of special prosecutors, police officers, customs and tax officials, to conduct financial investigations and monitor the judicial follow-up of high-profile organised crime and corruption cases, including asset freezing and seizure, the enforcement of confiscation orders and returning illicitly gained assets to society.',
          'Only a small fraction of frozen and seized assets has been confiscated.',
        ],
      },
      {
        author: 'croatia',
        sites: ['special-prosecution', 'basic-court'],
        paragraphs: [
          'Kosovo is working to develop an integrated case management system allowing the tracking of cases from the intelligence and investigative phase, through prosecution and final convictions to asset recovery. The central coordinator’s office should take steps to reinforce the operational and IT links between law enforcement and the prosecution; preparatory work is under way.',
          'Until a track record of investigations, final court rulings and confiscations has been built up, the requirement is not fulfilled.',
        ],
      },
    ],
    assessment: [
      'Kosovo’s track record in adjudicating serious organised crime and corruption cases remains weak, owing partly to capacity problems affecting the judiciary. To rectify this, the chief prosecutor appointed in October 2015 the acting head of the special prosecution as the central coordinator to select and target high-profile serious organised crime and corruption cases.',
      'Kosovo should now consider endowing the central coordinator’s office with the mandate and resources to lead multidisciplinary teams, made up of special prosecutors, police officers, customs and tax officials, to conduct financial investigations and monitor the judicial follow-up of high-profile organised crime and corruption cases. Kosovo is working to develop an integrated case management system allowing the tracking of cases from the intelligence and investigative phase, through prosecution and final convictions to asset recovery.',
    ],
  },
  {
    requirementId: 'organised-crime-9',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'austria',
        seriousDeficiency: true,
        paragraphs: [
          'Public procurement remains a major source of corruption in Kosovo. The Assembly adopted an amended law on public procurement on 14 December 2015, which among other issues created a platform for electronic procurement and sought to regularise the status of members of the Public Procurement Regulatory Commission, which manages public procurement in Kosovo, and the Public Procurement Review Body (PPRB), which reviews decisions made by the commission. These amendments are due to enter into force in January 2016.',
          'With allegations of collusion between the PPRB and the judiciary, as well as corruption allegations against the head of the PPRB, it is key that Kosovo puts in place appropriate safeguards to guarantee the operational independence of the PPRB.',
        ],
      },
      {
        author: 'croatia',
        sources: ['government', 'mission', 'euOffice'],
        paragraphs: [
          'Strict integrity plans should be implemented to protect the independence of both the Public Procurement Review Body and the Public Procurement Regulatory Commission. Until the operational independence of the Public Procurement Review Body is ensured, the requirement is not fulfilled.',
        ],
      },
    ],
    assessment: [
      'Public procurement remains a major source of corruption in Kosovo. The Assembly adopted an amended law on public procurement on 14 December 2015, which among other issues created a platform for electronic procurement and sought to regularise the status of members of the Public Procurement Regulatory Commission and the Public Procurement Review Body (PPRB). These amendments are due to enter into force in January 2016.',
      'With allegations of collusion between the PPRB and the judiciary, as well as corruption allegations against the head of the PPRB, it is key that Kosovo puts in place appropriate safeguards to guarantee the operational independence of the PPRB. Strict integrity plans should be implemented to protect the independence of both bodies.',
    ],
  },
  {
    requirementId: 'organised-crime-10',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'The Anti-Corruption Agency and National Anti-Corruption Council, led by the President of Kosovo, have stepped up their cooperation. The Anti-Corruption Agency is appropriately resourced and continues to review asset declarations and monitor conflicts of interest in the public sector.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-11',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'Kosovo’s law on financing of political parties was put to use in the 2014 electoral campaign. The Central Electoral Commission (CEC) is now appropriately staffed.',
          'During that campaign, all political parties submitted to CEC their financial reports, with some receiving fines for the late submission of their reports.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-12',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        paragraphs: [
          'Kosovo’s law on interception was adopted in May 2015. It makes a clear distinction, from a legal, procedural and technical point of view, between lawful interception for the purposes of criminal justice and protecting Kosovo’s security.',
          'This piece of legislation also regulates data retention. The implementation of this core piece of legislation is under way.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-13',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        goodPractice: true,
        paragraphs: [
          'Witness protection is now functional in Kosovo. The witness protection directorate of the police is sufficiently staffed, with an appropriate budget. A number of relocation agreements have been concluded with third countries.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-14',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        paragraphs: [
          'Kosovo is addressing arms trafficking, but the rate of destruction of small arms remains low.',
          'To enhance the effectiveness of its efforts against firearms trafficking, Kosovo should give priority to implementing all actions agreed in the Action Plan on illicit trafficking in firearms between the EU and the South East Europe region.',
        ],
      },
    ],
  },
  {
    requirementId: 'organised-crime-15',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        paragraphs: [
          'Kosovo’s counter-terrorist effort remains functional. Foreign fighters remain a concern, with Kosovo authorities having collected ample information about Kosovan fighters in Syria. A 2015 law on banning participation in armed conflicts is being implemented.',
          'The government has considerably stepped up its efforts to counter violent extremism and radicalisation in Kosovo, notably by enlisting the support of Islamic leaders.',
        ],
      },
    ],
  },

  // ── Block 3, law enforcement cooperation: all eleven fulfilled ───────────────────────────
  {
    requirementId: 'law-enforcement-cooperation-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        paragraphs: ['Kosovo has concluded 55 memoranda of understanding on law enforcement cooperation with 16 countries and EULEX.'],
        statistics: [
          {
            key: 'law-enforcement-memoranda',
            label: 'Memoranda of understanding on law enforcement cooperation',
            value: 55,
            unit: 'memoranda',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
          {
            key: 'law-enforcement-memoranda-countries',
            label: 'Countries with which memoranda of understanding on law enforcement cooperation were concluded',
            value: 16,
            unit: 'countries',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        paragraphs: ['Kosovo has despatched 7 liaison officers to core partners, such as Turkey, Germany, Austria and France.'],
        statistics: [
          {
            key: 'liaison-officers',
            label: 'Liaison officers despatched to core partners',
            value: 7,
            unit: 'liaison officers',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['police-hq'],
        sources: ['government', 'mission', 'eulex'],
        paragraphs: [
          'Law enforcement cooperation takes place either on a bilateral basis, or in connection to Europol via EULEX, or in connection to Interpol through the contact point embedded in the United Nations Interim Administration Mission in Kosovo (UNMIK). The latter two also facilitate law enforcement information exchange with Serbia.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sources: ['government', 'mission', 'eulex'],
        paragraphs: [
          'Information is exchanged with EULEX, through which relations with Europol have considerably improved.',
          'The memoranda of understanding concluded by the Civil Registration Agency with the Kosovo Police, the Tax Administration and Kosovo Customs ensure interoperability between their databases, most of which have now been interlinked.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['police-hq'],
        paragraphs: [
          'Information is exchanged with Member States on a bilateral basis, through Europol via EULEX or through the Interpol contact point in UNMIK. Liaison officers have been despatched to core partners such as Germany, Austria and France.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sources: ['government', 'mission', 'europol'],
        paragraphs: [
          'Through its international law enforcement cooperation unit (ILECU), Kosovo participates in the Europol-led “Western Balkan route” and “Joint Investigation Team Balkans” against drug trafficking.',
          'Kosovo has strengthened law enforcement cooperation with Serbia, Hungary and Austria.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        sites: ['police-hq'],
        goodPractice: true,
        paragraphs: [
          'Kosovo considerably strengthened intelligence-led policing in 2015, which should be sustained. The Kosovo police has access to a range of databases necessary for its work.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-8',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sites: ['police-hq'],
        paragraphs: [
          'Law enforcement statistics are available. Statistics on potentially ethnically motivated crimes, however, are not collected in a harmonised way by the Kosovo police.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-9',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        sources: ['government', 'mission', 'eulex'],
        paragraphs: ['Relations with Europol through EULEX have considerably improved.'],
      },
      {
        author: 'austria',
        sites: ['police-hq'],
        sources: ['government', 'mission', 'europol'],
        paragraphs: [
          'Cooperation with Europol takes place via EULEX and has considerably improved; ILECU takes part in Europol-led operations against drug trafficking.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-10',
    rating: 'fulfilled',
    findings: [
      {
        author: 'austria',
        paragraphs: [
          'Cooperation with Interpol through the contact point in UNMIK has considerably improved. In August 2015, Kosovo submitted its application to join Interpol.',
        ],
      },
    ],
  },
  {
    requirementId: 'law-enforcement-cooperation-11',
    rating: 'fulfilled',
    findings: [
      {
        author: 'slovenia',
        paragraphs: ['The Kosovo police has access to seminars organised by the European Police College (CEPOL).'],
      },
    ],
  },

  // ── Block 3, judicial cooperation in criminal matters: all seven fulfilled ───────────────
  {
    requirementId: 'judicial-cooperation-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: ['The appropriate organ is sufficiently staffed to handle incoming and outgoing requests for mutual legal assistance.'],
      },
    ],
  },
  {
    requirementId: 'judicial-cooperation-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'Kosovo has concluded mutual legal assistance agreements with Belgium, Croatia, the former Yugoslav Republic of Macedonia, Germany, Italy, Switzerland and Turkey.',
          'Negotiations are under way with Montenegro, Slovenia and the United States.',
        ],
        statistics: [
          {
            key: 'mutual-legal-assistance-agreements',
            label: 'Mutual legal assistance agreements concluded',
            value: 7,
            unit: 'agreements',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
          {
            key: 'mutual-legal-assistance-negotiations',
            label: 'Mutual legal assistance agreements under negotiation',
            value: 3,
            unit: 'agreements',
            period: '2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'judicial-cooperation-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'Judicial cooperation in criminal matters functions with EU Member States either through bilateral arrangements or the European Union Special Representative (EUSR).',
          'Cooperation with Serbia, through the EUSR, has considerably improved.',
        ],
      },
    ],
  },
  {
    requirementId: 'judicial-cooperation-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        sources: ['government', 'mission', 'eulex'],
        paragraphs: ['Kosovo authorities have shown effective cooperation with EULEX, including in discharging its executive mandate.'],
      },
    ],
  },
  {
    requirementId: 'judicial-cooperation-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'Judicial cooperation in criminal matters functions with EU Member States either through bilateral arrangements or the EUSR.',
        ],
      },
    ],
  },
  {
    requirementId: 'judicial-cooperation-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: [
          'Incoming and outgoing requests for mutual legal assistance are handled by a sufficiently staffed organ. No shortcomings were identified as regards statistics.',
        ],
      },
    ],
  },
  {
    requirementId: 'judicial-cooperation-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        paragraphs: ['Kosovo has explored modalities of cooperation with Eurojust.'],
      },
    ],
  },

  // ── Block 3, data protection: all three fulfilled ────────────────────────────────────────
  {
    requirementId: 'data-protection-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['data-protection-agency'],
        paragraphs: [
          'The law on protection of personal data is in line with the EU acquis, although upcoming amendments to the EU’s data protection framework should be integrated into Kosovo’s legal structure.',
          'The data protection agency has adopted secondary legislation on data security.',
        ],
      },
    ],
  },
  {
    requirementId: 'data-protection-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['data-protection-agency'],
        goodPractice: true,
        paragraphs: [
          'The data protection agency is now systematically consulted on draft laws submitted to the Assembly—a power it has used to influence the content of several pieces of draft legislation.',
          'The agency’s budget should be maintained.',
        ],
      },
      {
        author: 'croatia',
        sites: ['data-protection-agency'],
        paragraphs: [
          'The agency has held a number of awareness-raising events, and data protection officers have now been appointed at the local level. Its budget should be maintained.',
        ],
      },
    ],
    assessment: [
      'The data protection agency is now systematically consulted on draft laws submitted to the Assembly—a power it has used to influence the content of several pieces of draft legislation. The agency has also held a number of awareness-raising events, and data protection officers have now been appointed at the local level. The agency’s budget should be maintained.',
    ],
  },
  {
    requirementId: 'data-protection-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'croatia',
        sites: ['data-protection-agency'],
        paragraphs: [
          'The data protection agency has held a number of awareness-raising events. No shortcomings were identified as regards anti-corruption training and a code of ethics.',
        ],
      },
    ],
  },

  // ── Block 4, fundamental rights: seven of eight fulfilled ────────────────────────────────
  {
    requirementId: 'fundamental-rights-1',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['civil-registration'],
        paragraphs: [
          'Citizens are issued a unique Personal Identification Number, linked to their biometric data, when requesting a civil status document.',
          'The law on protection from discrimination puts into effect the principle of equal treatment of all persons before the law, and the law on gender equality enshrined full respect for women’s rights in accordance with international standards.',
        ],
      },
    ],
  },
  {
    requirementId: 'fundamental-rights-2',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'Vulnerable returnees benefit from the whole range of reintegration services regardless of their date of departure from Kosovo, and those who left after the cut-off date of July 2010 can also benefit, upon return, from emergency services such as transport, shelter and medical assistance.',
        ],
      },
    ],
  },
  {
    requirementId: 'fundamental-rights-3',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        paragraphs: [
          'The fundamental rights framework remains sound and has been strengthened with the adoption in May 2015 of the law on protection from discrimination, the law on gender equality and the law on the ombudsperson. The laws were adopted as one legislative package (Human Rights Law Package) and entered into force in June 2015.',
          'Implementation of these laws will require the adoption of eight bylaws by end of 2015.',
        ],
        statistics: [
          {
            key: 'human-rights-package-bylaws',
            label: 'Bylaws required to implement the Human Rights Law Package',
            value: 8,
            unit: 'bylaws',
            period: 'by end of 2015',
            source: 'Kosovo government progress report, 2015',
          },
        ],
      },
    ],
  },
  {
    requirementId: 'fundamental-rights-4',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        paragraphs: [
          'The law on protection from discrimination includes provisions to prevent and combat discrimination, to promote effective equality and to put into effect the principle of equal treatment of all persons before the law.',
          'The law on gender equality enshrined full respect for women’s rights in accordance with international standards.',
        ],
      },
    ],
  },
  {
    requirementId: 'fundamental-rights-5',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: ['No shortcomings were identified in the application of the law on citizenship.'],
      },
    ],
  },
  {
    requirementId: 'fundamental-rights-6',
    rating: 'fulfilled',
    findings: [
      {
        author: 'france',
        paragraphs: [
          'A strict application of Article 147 of the criminal code would not cover all ethnically motivated incidents, as this article does not cover intentions behind a crime. The exclusive use of this article would mean that the registration of incidents may not take account of their potential ethnic motivation.',
          'This gap could be addressed by employing Article 74.2.12 of the criminal code, which takes account of whether a crime is ethnically motivated.',
        ],
      },
      {
        author: 'czechia',
        paragraphs: [
          'In 2014, Kosovo Police recorded 19 potentially ethnically-motivated cases. In the last quarter of 2014, 26 potentially ethnically-motivated cases were reported.',
          'A tracking mechanism has been operational since 2014. However, the number of potentially ethnically motivated crimes remains unclear, as statistics are not collected in a harmonised way by the Kosovo police.',
        ],
        statistics: [
          {
            key: 'ethnically-motivated-cases-2014',
            label: 'Potentially ethnically motivated cases recorded by Kosovo Police',
            value: 19,
            unit: 'cases',
            period: '2014',
            source: 'Kosovo Police',
          },
          {
            key: 'ethnically-motivated-cases-q4-2014',
            label: 'Potentially ethnically motivated cases reported',
            value: 26,
            unit: 'cases',
            period: 'last quarter of 2014',
            source: 'Kosovo Police',
          },
        ],
      },
    ],
    assessment: [
      'A strict application of Article 147 of the criminal code would not cover all ethnically motivated incidents, as this article does not cover intentions behind a crime. This gap could be addressed by employing Article 74.2.12 of the criminal code, which takes account of whether a crime is ethnically motivated.',
      'In 2014, Kosovo Police recorded 19 potentially ethnically-motivated cases. In the last quarter of 2014, 26 potentially ethnically-motivated cases were reported. A tracking mechanism has been operational since 2014. However, the number of potentially ethnically motivated crimes remains unclear, as statistics are not collected in a harmonised way by the Kosovo police.',
    ],
  },
  {
    requirementId: 'fundamental-rights-7',
    rating: 'fulfilled',
    findings: [
      {
        author: 'czechia',
        paragraphs: [
          'The government has continued implementing the strategy and action plan for integration of Roma, Ashkali and Egyptian communities. Further funding was allocated and spent at local level, to benefit different undertakings targeting the Roma, Ashkali and Egyptian minorities.',
          'There are now regulations in place that make it possible to avoid overlaps between the mandates of municipal community safety councils and municipal assemblies. A manual for the councils was published in January 2015.',
        ],
      },
    ],
  },
  {
    requirementId: 'fundamental-rights-8',
    rating: 'not-fulfilled',
    findings: [
      {
        author: 'france',
        sites: ['ombudsperson'],
        seriousDeficiency: true,
        paragraphs: [
          'The new ombudsperson law improved legislation on the ombudsperson institution, extending its mandate and boosting provisions for its independence and impartiality. Its implementation needs to increase the capacity and resources of the institution to deal with its broadened mandate.',
          'As the country’s main equal treatment body and national preventive mechanism, the institution needs more staff, appropriate premises and the appropriate budget to fulfil its new role. Initial measures taken by the government go against the spirit of the new law.',
        ],
      },
      {
        author: 'czechia',
        sites: ['ombudsperson'],
        paragraphs: [
          'The government should allocate adequate premises for and ensure the full budgetary independence of the ombudsperson. Until it does, the requirement is not fulfilled.',
          'The regional ombudspersons’ offices ensure that citizens have access to information on the institution’s mandate and tasks.',
        ],
      },
    ],
    assessment: [
      'The new ombudsperson law improved legislation on the ombudsperson institution, extending its mandate and boosting provisions for its independence and impartiality. Implementation of the ombudsperson law in particular needs to increase the capacity and resources of the institution to deal with its broadened mandate.',
      'As the country’s main equal treatment body and national preventive mechanism, it needs more staff, appropriate premises and the appropriate budget to fulfil its new role. Initial measures taken by the government go against the spirit of the new law. The government should allocate adequate premises for and ensure the full budgetary independence of the ombudsperson.',
    ],
  },
];
