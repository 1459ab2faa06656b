/**
 * Demo laws: real statutes, a few key provisions each, summarised in our own words with their
 * citations and links to official texts; and assessments of a few core elements with reasoning.
 * Only what the public texts settle is stated; dates not verified are left empty, and an element the
 * sources we checked do not settle is "unclear".
 */
import type { AssessmentInput } from '../domain/assessment.ts';

type Json = Record<string, unknown>;
const USC = (s: number) =>
  `https://uscode.house.gov/view.xhtml?req=granuleid:USC-prelim-title18-section${s}&num=0&edition=prelim`;
const UK = (s: number) => `https://www.legislation.gov.uk/ukpga/2015/30/section/${s}`;
const RA9208 = 'https://www.officialgazette.gov.ph/2003/05/26/republic-act-no-9208/';
const RA10364 = 'https://www.officialgazette.gov.ph/2013/02/06/republic-act-no-10364/';
const AR26364 = 'http://servicios.infoleg.gob.ar/infolegInternet/anexos/140000-144999/140100/norma.htm';
const AR26842 = 'http://servicios.infoleg.gob.ar/infolegInternet/anexos/205000-209999/206554/norma.htm';
const NGA =
  'https://sherloc.unodc.org/cld/en/v3/sherloc/legdb/legislationCollection.html?country=%22NGA%22&lng=en&title=' +
  '%22The+Trafficking+in+Persons+%28Prohibition%29%2C+Enforcement+and+Administration+Act%22&tmpl=%22sherloc%22';
const THA_WS = 'https://en.wikisource.org/wiki/Translation:Anti-Human_Trafficking_Act,_BE_2551_(2008)';
const THA_PAGES: Record<number, string> = {
  1: 'introduction-sections-1-5',
  6: 'general-provision-sections-6-14',
  52: 'penalties-sections-52-57',
};
const THA = (s: number) => `https://library.siam-legal.com/thai-law/anti-trafficking-persons-act-${THA_PAGES[s]}/`;
const FIVE = ['sexual_exploitation', 'forced_labour', 'slavery', 'servitude', 'organ_removal'];
const ALL_ACTS = ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'];
const ALL_MEANS = [
  'threat_force_coercion',
  'abduction',
  'fraud',
  'deception',
  'abuse_of_power_or_vulnerability',
  'payments_or_benefits',
];

export const DEMO_LAWS: { law: Json; amendments?: Json[] }[] = [
  {
    law: {
      id: 'usa-tvpa-2000',
      country: 'USA',
      title: 'Trafficking Victims Protection Act of 2000',
      type: 'act',
      number: 'Pub. L. 106-386',
      adopted: '2000-10-28',
      link: 'https://www.congress.gov/bill/106th-congress/house-bill/3244',
      status: 'published',
      provisions: [
        {
          eid: 'sec_1589',
          citation: '18 U.S.C. § 1589',
          heading: 'Forced labor',
          summary:
            'Makes it a federal crime to obtain the labour or services of a person through serious harm or threats ' +
            'of it, physical restraint or threats of it, abuse of the law or legal process, or a scheme meant to ' +
            'make ' +
            'the person believe that they or another would suffer such harm. Added to title 18 by the 2000 Act.',
          link: USC(1589),
          tags: { articles: ['tip.5.1'], means: ['threat_force_coercion'], purposes: ['forced_labour'] },
        },
        {
          eid: 'sec_1590',
          citation: '18 U.S.C. § 1590',
          heading: 'Trafficking with respect to peonage, slavery, involuntary servitude, or forced labor',
          summary:
            'Punishes whoever knowingly recruits, harbours, transports, provides or obtains a person for labour or ' +
            'services in violation of the chapter on peonage, slavery and trafficking.',
          link: USC(1590),
          tags: {
            articles: ['tip.3.a', 'tip.5.1'],
            acts: ['recruitment', 'harbouring', 'transportation'],
            purposes: ['forced_labour', 'slavery', 'servitude'],
          },
        },
        {
          eid: 'sec_1591',
          citation: '18 U.S.C. § 1591',
          heading: 'Sex trafficking of children or by force, fraud, or coercion',
          summary:
            'Punishes recruiting, enticing, harbouring, transporting, providing or obtaining a person knowing that ' +
            'force, fraud or coercion will be used to cause the person to engage in a commercial sex act, or that ' +
            'the person is under 18: for a child no force, fraud or coercion needs to be shown.',
          link: USC(1591),
          tags: {
            articles: ['tip.3.a', 'tip.3.c', 'tip.3.d', 'tip.5.1'],
            offences: ['trafficking_adults', 'trafficking_children'],
            acts: ['recruitment', 'harbouring', 'transportation'],
            means: ['threat_force_coercion', 'fraud'],
            purposes: ['sexual_exploitation'],
          },
        },
      ],
    },
  },
  {
    law: {
      id: 'gbr-modern-slavery-act-2015',
      country: 'GBR',
      title: 'Modern Slavery Act 2015',
      type: 'act',
      number: '2015 c. 30',
      link: 'https://www.legislation.gov.uk/ukpga/2015/30',
      status: 'published',
      provisions: [
        {
          eid: 'sec_1',
          citation: 's. 1',
          heading: 'Slavery, servitude and forced or compulsory labour',
          summary:
            'Makes it an offence to hold a person in slavery or servitude or to require a person to perform forced ' +
            'or compulsory labour, read in line with Article 4 of the European Convention on Human Rights ' +
            '(England and Wales).',
          link: UK(1),
          tags: { purposes: ['slavery', 'servitude', 'forced_labour'] },
        },
        {
          eid: 'sec_2',
          citation: 's. 2',
          heading: 'Human trafficking',
          summary:
            'A person commits an offence by arranging or facilitating the travel of another person with a view to ' +
            'that person being exploited. It is irrelevant whether the person consents to the travel, adult or ' +
            'child. Arranging or facilitating travel includes recruiting, transporting, transferring, harbouring ' +
            'or receiving the person. No means (force, deception...) is an element of the offence.',
          link: UK(2),
          tags: {
            articles: ['tip.3.a', 'tip.3.b', 'tip.5.1'],
            offences: ['trafficking_adults', 'trafficking_children'],
            acts: ALL_ACTS,
          },
        },
        {
          eid: 'sec_3',
          citation: 's. 3',
          heading: 'Meaning of exploitation',
          summary:
            'For the trafficking offence a person is exploited only in the forms the section lists: slavery, ' +
            'servitude and forced or compulsory labour; sexual exploitation; removal of organs; securing services ' +
            'by force, threats or deception; and securing services from children and vulnerable persons.',
          link: UK(3),
          tags: { articles: ['tip.3.a'], purposes: FIVE, purposeList: 'closed' },
        },
        {
          eid: 'sec_45',
          citation: 's. 45',
          heading: 'Defence for slavery or trafficking victims who commit an offence',
          summary:
            'Gives victims of slavery or trafficking a defence to offences they were compelled to commit, or ' +
            'committed as children as a direct consequence of their exploitation; serious offences listed in ' +
            'Schedule 4 are excluded.',
          link: UK(45),
          tags: {},
        },
      ],
    },
  },
  {
    law: {
      id: 'phl-ra-9208',
      country: 'PHL',
      title: 'Anti-Trafficking in Persons Act of 2003',
      type: 'act',
      number: 'Republic Act No. 9208',
      adopted: '2003-05-26',
      link: RA9208,
      status: 'published',
      provisions: [
        {
          eid: 'sec_3__para_a',
          citation: 'Sec. 3(a)',
          heading: 'Trafficking in persons (definition)',
          summary:
            'Defines trafficking as the recruitment, transportation, transfer, harbouring or receipt of persons, ' +
            "with or without the victim's consent or knowledge, by threat or use of force or other coercion, " +
            'abduction, fraud, deception, abuse of power or of position, taking advantage of vulnerability, or ' +
            'payments or benefits to a person having control, for exploitation that includes at a minimum ' +
            'prostitution or other sexual exploitation, forced labour or services, slavery, servitude and removal ' +
            'or sale of organs. The same acts against a child for exploitation are trafficking without any means.',
          link: RA9208,
          tags: {
            articles: ['tip.3.a', 'tip.3.b', 'tip.3.c'],
            offences: ['trafficking_adults', 'trafficking_children'],
            acts: ALL_ACTS,
            means: ALL_MEANS,
            purposes: FIVE,
            purposeList: 'open',
          },
        },
        {
          eid: 'sec_3__para_b',
          citation: 'Sec. 3(b)',
          heading: 'Child',
          summary:
            'A child is a person below eighteen years of age (or older but unable to fully take care of or ' +
            'protect themselves).',
          link: RA9208,
          tags: { articles: ['tip.3.d'], offences: ['trafficking_children'] },
        },
        {
          eid: 'sec_17',
          citation: 'Sec. 17',
          heading: 'Legal protection to trafficked persons',
          summary:
            'Trafficked persons are recognised as victims and are not to be penalised for crimes directly related ' +
            'to the acts of trafficking or done under the orders of the traffickers.',
          link: RA9208,
          tags: {},
        },
      ],
    },
    amendments: [
      {
        by: 'Republic Act No. 10364 (Expanded Anti-Trafficking in Persons Act of 2012)',
        date: '2013-02-06',
        provisions: [
          {
            eid: 'sec_3__para_a',
            citation: 'Sec. 3(a), as amended by RA 10364',
            heading: 'Trafficking in persons (definition)',
            summary:
              'As amended, the acts also include obtaining, hiring, providing, offering and maintaining persons; the ' +
              'means and the open list of exploitation ("at a minimum") are kept, with or without consent, and for a ' +
              'child no means is needed, adoption of a child for exploitation included.',
            link: RA10364,
            tags: {
              articles: ['tip.3.a', 'tip.3.b', 'tip.3.c'],
              offences: ['trafficking_adults', 'trafficking_children'],
              acts: ALL_ACTS,
              means: ALL_MEANS,
              purposes: FIVE,
              purposeList: 'open',
            },
          },
        ],
      },
    ],
  },
  {
    law: {
      id: 'nga-tip-act-2015',
      country: 'NGA',
      title: 'Trafficking in Persons (Prohibition) Enforcement and Administration Act, 2015',
      type: 'act',
      link: NGA,
      status: 'published',
      provisions: [
        {
          eid: 'sec_13',
          citation: 's. 13 (Part III)',
          heading: 'Prohibition of trafficking in persons',
          summary:
            'The provision of Part III (Prohibition of Trafficking in Persons) that UNODC SHERLOC highlights as the ' +
            'trafficking offence of the Act; its elements are to be read in the official text.',
          link: NGA,
          tags: { articles: ['tip.5.1'] },
        },
      ],
    },
  },
  {
    law: {
      id: 'arg-ley-26364',
      country: 'ARG',
      title: 'Ley 26.364 de prevención y sanción de la trata de personas y asistencia a sus víctimas',
      type: 'act',
      number: 'Ley 26.364',
      adopted: '2008-04-09',
      link: AR26364,
      expressions: [{ date: '2008-04-09', language: 'es', kind: 'original' }],
      status: 'published',
      provisions: [
        {
          eid: 'art_2',
          citation: 'art. 2',
          heading: 'Trata de mayores de 18 años',
          summary:
            'In its 2008 wording, defined trafficking of persons over 18 as their recruitment, transport or transfer ' +
            '(within the country or to or from abroad), harbouring or receipt for exploitation, where deception, ' +
            'fraud, violence, threats or other intimidation or coercion, abuse of authority or of a situation of ' +
            'vulnerability, or payments or benefits to a person with authority over the victim were used, even with ' +
            "the victim's assent. Persons under 18 were dealt with separately in article 3.",
          link: AR26364,
          tags: {
            articles: ['tip.3.a', 'tip.3.b'],
            offences: ['trafficking_adults'],
            acts: ALL_ACTS,
            means: ALL_MEANS.filter((m) => m !== 'abduction'),
          },
        },
      ],
    },
    amendments: [
      {
        by: 'Ley 26.842',
        date: '2012-12-19',
        provisions: [
          {
            eid: 'art_2',
            citation: 'art. 2, as replaced by Ley 26.842',
            heading: 'Trata de personas',
            summary:
              'Since Ley 26.842, trafficking is the offering, recruitment, transfer, receipt or harbouring of ' +
              'persons for exploitation, within the country or to or from other countries, for adults and ' +
              "children alike and without any means; the victim's consent never exempts the perpetrators " +
              'from criminal, civil or administrative liability.',
            link: AR26842,
            tags: {
              articles: ['tip.3.a', 'tip.3.b', 'tip.3.c'],
              offences: ['trafficking_adults', 'trafficking_children'],
              acts: ALL_ACTS,
            },
          },
        ],
      },
    ],
  },
  {
    law: {
      id: 'tha-anti-trafficking-act-2008',
      country: 'THA',
      title: 'Anti-Trafficking in Persons Act B.E. 2551 (2008)',
      type: 'act',
      adopted: '2008-01-30',
      link: THA_WS,
      expressions: [
        { date: '2008-01-30', language: 'th', kind: 'original' },
        { date: '2008-01-30', language: 'en', kind: 'unofficial_translation' },
      ],
      status: 'published',
      provisions: [
        {
          eid: 'sec_4',
          citation: 's. 4',
          heading: 'Exploitation (definition)',
          summary:
            'Exploitation means seeking benefit from prostitution, pornography or other sexual exploitation, ' +
            'slavery, forced begging, forced labour or services, coerced removal of organs for trade, or any other ' +
            "similar practice, whatever the person's consent. Servitude is not named. (Unofficial English " +
            'translation linked; the Thai text is the authentic one.)',
          link: THA(1),
          tags: {
            articles: ['tip.3.a', 'tip.3.b'],
            purposes: ['sexual_exploitation', 'slavery', 'forced_begging', 'forced_labour', 'organ_removal', 'other'],
            purposeList: 'open',
          },
        },
        {
          eid: 'sec_6',
          citation: 's. 6',
          heading: 'Trafficking in persons',
          summary:
            'Trafficking is, for exploitation, procuring, buying, selling, bringing in or sending out, detaining or ' +
            'confining, harbouring or receiving a person by threat or use of force, abduction, fraud, deception, ' +
            'abuse of power, or money or benefits given to a person in control; for a child the same acts are ' +
            'trafficking without any of these means.',
          link: THA(6),
          tags: {
            articles: ['tip.3.a', 'tip.3.c', 'tip.5.1'],
            offences: ['trafficking_adults', 'trafficking_children'],
            acts: ['recruitment', 'buying_selling', 'transportation', 'harbouring', 'receipt'],
            means: ['threat_force_coercion', 'abduction', 'fraud', 'deception', 'payments_or_benefits'],
          },
        },
        {
          eid: 'sec_52',
          citation: 's. 52',
          heading: 'Penalty for trafficking in persons',
          summary:
            'Imprisonment of four to ten years and a fine; higher ranges where the victim is a child over fifteen ' +
            'and under eighteen, and higher again for a child of fifteen or under.',
          link: THA(52),
          tags: { articles: ['untoc.11.1'] },
        },
        {
          eid: 'sec_53',
          citation: 's. 53',
          heading: 'Juristic persons',
          summary:
            'A juristic person that commits trafficking is liable to a fine; the managers whose order, act or ' +
            'omission caused the offence are liable to imprisonment and a fine.',
          link: THA(52),
          tags: { articles: ['untoc.10'] },
        },
      ],
    },
  },
];

const input = (x: Partial<AssessmentInput> & Pick<AssessmentInput, 'result' | 'reasoning'>) => ({
  evidence: { provisions: [], cases: [] },
  failurePatterns: [],
  assessor: 'Palermo demo content',
  ...x,
});

export const DEMO_ASSESSMENTS: { country: string; element: string; input: Json }[] = [
  {
    country: 'USA',
    element: 'child_no_means',
    input: input({
      result: 'partially',
      reasoning:
        'For sex trafficking (18 U.S.C. § 1591) proof that the person was under 18 replaces force, fraud or ' +
        'coercion. The labour trafficking offences (§§ 1589, 1590) have no such rule for children.',
      evidence: { provisions: ['usa-tvpa-2000/sec_1591', 'usa-tvpa-2000/sec_1590'], cases: [] },
    }),
  },
  {
    country: 'USA',
    element: 'child_under_18',
    input: input({
      result: 'meets',
      reasoning: 'The child rule of § 1591 applies to a person who has not attained 18 years.',
      evidence: { provisions: ['usa-tvpa-2000/sec_1591'], cases: [] },
    }),
  },
  {
    country: 'GBR',
    element: 'consent_irrelevant',
    input: input({
      result: 'meets',
      reasoning: 'Section 2(2) makes the consent of the person to the travel irrelevant, for adults and children.',
      evidence: { provisions: ['gbr-modern-slavery-act-2015/sec_2'], cases: [] },
    }),
  },
  {
    country: 'GBR',
    element: 'child_no_means',
    input: input({
      result: 'meets',
      reasoning: 'The offence in section 2 has no means element at all, so none is needed for a child.',
      evidence: { provisions: ['gbr-modern-slavery-act-2015/sec_2'], cases: [] },
    }),
  },
  {
    country: 'GBR',
    element: 'purposes_open_list',
    input: input({
      result: 'partially',
      reasoning:
        'Section 3 covers the five forms named in the Protocol, and more, but as a closed list: a person is ' +
        'exploited "only if" one of its subsections applies.',
      evidence: { provisions: ['gbr-modern-slavery-act-2015/sec_3'], cases: [] },
      failurePatterns: ['exploitation_list_closed'],
    }),
  },
  {
    country: 'GBR',
    element: 'non_punishment',
    input: input({
      result: 'partially',
      reasoning: 'Section 45 gives victims a statutory defence, but not for the serious offences of Schedule 4.',
      evidence: { provisions: ['gbr-modern-slavery-act-2015/sec_45'], cases: [] },
    }),
  },
  {
    country: 'PHL',
    element: 'child_no_means',
    input: input({
      result: 'meets',
      reasoning: 'Section 3(a) treats the acts against a child for exploitation as trafficking without any means.',
      evidence: { provisions: ['phl-ra-9208/sec_3__para_a'], cases: [] },
    }),
  },
  {
    country: 'PHL',
    element: 'purposes_open_list',
    input: input({
      result: 'meets',
      reasoning: 'Exploitation "includes at a minimum" the five forms of the Protocol: an open list.',
      evidence: { provisions: ['phl-ra-9208/sec_3__para_a'], cases: [] },
    }),
  },
  {
    country: 'PHL',
    element: 'non_punishment',
    input: input({
      result: 'meets',
      reasoning: 'Section 17 says trafficked persons are not penalised for crimes directly related to trafficking.',
      evidence: { provisions: ['phl-ra-9208/sec_17'], cases: [] },
    }),
  },
  {
    country: 'NGA',
    element: 'definition_three_elements',
    input: input({
      result: 'unclear',
      reasoning:
        'The public sources we checked identify section 13 as the trafficking offence but do not settle, in our ' +
        'own reading, how it combines act, means and purpose; to be assessed against the official text.',
      evidence: { provisions: ['nga-tip-act-2015/sec_13'], cases: [] },
    }),
  },
  {
    country: 'ARG',
    element: 'child_no_means',
    input: input({
      result: 'meets',
      reasoning: 'Since Ley 26.842 the definition requires no means for anyone, children included.',
      evidence: { provisions: ['arg-ley-26364/art_2'], cases: [] },
    }),
  },
  {
    country: 'ARG',
    element: 'consent_irrelevant',
    input: input({
      result: 'meets',
      reasoning: "Article 2 as replaced in 2012: the victim's consent never exempts the perpetrators from liability.",
      evidence: { provisions: ['arg-ley-26364/art_2'], cases: [] },
    }),
  },
  {
    country: 'THA',
    element: 'child_no_means',
    input: input({
      result: 'meets',
      reasoning: 'Section 6(2): the listed acts against a child for exploitation are trafficking without any means.',
      evidence: { provisions: ['tha-anti-trafficking-act-2008/sec_6'], cases: [] },
    }),
  },
  {
    country: 'THA',
    element: 'legal_persons_liability',
    input: input({
      result: 'meets',
      reasoning: 'Section 53 makes a juristic person that commits trafficking liable to a fine.',
      evidence: { provisions: ['tha-anti-trafficking-act-2008/sec_53'], cases: [] },
    }),
  },
  {
    country: 'THA',
    element: 'purposes_open_list',
    input: input({
      result: 'unclear',
      reasoning:
        'Section 4 is an open list ("any other similar practice") naming four of the five forms; servitude is ' +
        'not named, and whether the open words cover it is not settled by the texts we read (in translation).',
      evidence: { provisions: ['tha-anti-trafficking-act-2008/sec_4'], cases: [] },
    }),
  },
];
