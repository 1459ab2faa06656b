/**
 * Demo content: the technical assistance, partnerships and campaign of the 2012 report of the UN
 * Secretariat to the Conference of the Parties to the UN Convention against Transnational Organized
 * Crime on UNODC's activities under the Trafficking in Persons Protocol (29 June 2012). Only what the
 * report says, in our own words; every figure it does not give (participants, budgets, percentages)
 * is left empty. Each record cites its paragraph. The statuses are as the report stood in June 2012.
 */
import type { z } from 'zod';
import type { ActivityInput, AgreementInput, CampaignInput, OrganisationInput } from '../domain/schemas.ts';

const SOURCE =
  'Report of the Secretariat, "Activities of the United Nations Office on Drugs and Crime to promote and ' +
  'support the implementation of the Trafficking in Persons Protocol", Conference of the Parties to the ' +
  'United Nations Convention against Transnational Organized Crime, sixth session, 29 June 2012';
// Our copy of the report does not carry its document symbol, so the link is the UN Official Document
// System, where the report is found by its title; a symbol remembered but not checked is not cited.
const URL = 'https://documents.un.org/';
const from = (...paragraphs: string[]) => ({ source: SOURCE, url: URL, paragraphs });

type Org = z.input<typeof OrganisationInput>;
type Act = z.input<typeof ActivityInput>;

export const SEED_ORGANISATIONS: Org[] = [
  {
    id: 'unodc',
    name: 'United Nations Office on Drugs and Crime',
    acronym: 'UNODC',
    kind: 'un_entity',
    provenance: from('1'),
  },
  {
    id: 'iom',
    name: 'International Organization for Migration',
    acronym: 'IOM',
    kind: 'intergovernmental',
    provenance: from('10'),
  },
  { id: 'unwto', name: 'World Tourism Organization', acronym: 'UNWTO', kind: 'un_entity', provenance: from('12') },
  {
    id: 'frontex',
    name:
      'European Agency for the Management of Operational Cooperation at the External Borders of the Member ' +
      'States of the European Union',
    acronym: 'Frontex',
    kind: 'intergovernmental',
    provenance: from('12'),
  },
  {
    id: 'un-women',
    name: 'United Nations Entity for Gender Equality and the Empowerment of Women',
    acronym: 'UN-Women',
    kind: 'un_entity',
    provenance: from('17'),
  },
];

const unodc = (role: '1' | '2' | '3' | '4' = '4') => ({ orgId: 'unodc', role });
const iom = { orgId: 'iom', role: '4' as const };

export const SEED_ACTIVITIES: Act[] = [
  {
    id: 'rwa-unodc-iom-joint-programme',
    type: 'joint_programme',
    title: 'UNODC-IOM joint programme against human trafficking in Rwanda',
    description:
      'A joint national technical assistance programme launched by UNODC with IOM in Rwanda in November 2011, ' +
      'one of the joint programmes under the Global Initiative to Fight Human Trafficking (UN.GIFT).',
    objectives: [
      'Increase knowledge and understanding of human trafficking among key stakeholders from the Government and ' +
        'civil society.',
      'Build the capacity of law enforcement officials and immigration officers to identify and respond to cases ' +
        'of human trafficking.',
      'Raise awareness among the Rwandan public and local leaders of the forms of human trafficking and their risks.',
      'Establish victim referral and assistance mechanisms through training and support.',
    ],
    actualStart: '2011-11',
    activityStatus: '2',
    recipientCountries: [{ code: 'RWA' }],
    themes: ['criminal_justice', 'prevention_awareness', 'victim_protection'],
    participatingOrgs: [unodc(), iom],
    provenance: from('10'),
  },
  ...(
    [
      ['bol', 'Bolivia (Plurinational State of)', [{ code: 'BOL' }], []],
      ['egy', 'Egypt', [{ code: 'EGY' }], []],
      ['pak', 'Pakistan', [{ code: 'PAK' }], []],
      ['srb', 'Serbia', [{ code: 'SRB' }], []],
      ['central-asia', 'Central Asia', [], [{ code: '619' }]],
    ] as const
  ).map(
    ([id, place, countries, regions]): Act => ({
      id: `${id}-joint-programme`,
      type: 'joint_programme',
      title: `Joint technical assistance programme against human trafficking: ${place}`,
      description:
        `A joint programme for technical assistance against trafficking in persons in ${place}, developed and/or ` +
        'implemented during the reporting period (October 2010 to mid-2012) within UN.GIFT, like the Rwanda programme.',
      activityStatus: '2',
      recipientCountries: [...countries],
      recipientRegions: [...regions],
      participatingOrgs: [unodc()],
      provenance: {
        ...from('10'),
        note: 'The report says "developed and/or implemented"; partners and dates are not given.',
      },
    }),
  ),
  {
    id: 'central-asia-legal-assessments',
    type: 'legal_assessment',
    title: 'National legal assessments in Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan',
    description:
      'National assessments of the compliance of legislation against trafficking in persons with the domestic ' +
      'legal framework, completed in January 2011, to target legal assistance including capacity-building for ' +
      'legislative drafting.',
    actualEnd: '2011-01',
    activityStatus: '4',
    recipientCountries: ['KAZ', 'KGZ', 'TJK', 'TKM', 'UZB'].map((code) => ({ code })),
    themes: ['legislative_assistance'],
    sectors: [{ code: '15130' }],
    participatingOrgs: [unodc()],
    provenance: from('16'),
  },
  {
    id: 'south-asia-legal-policy-review',
    type: 'study',
    title: 'Responses to Human Trafficking in Bangladesh, India, Nepal and Sri Lanka: regional legal and policy review',
    description:
      'A regional legal and policy review commissioned by UNODC and UN-Women under UN.GIFT, published as a report ' +
      'in April 2011: it examines national laws, identifies and analyses key legislative and policy gaps and ' +
      'recommends a more effective response to human trafficking.',
    actualEnd: '2011-04',
    activityStatus: '4',
    recipientCountries: ['BGD', 'IND', 'NPL', 'LKA'].map((code) => ({ code })),
    themes: ['legislative_assistance', 'data_research'],
    participatingOrgs: [unodc('2'), { orgId: 'un-women', role: '2' }],
    provenance: from('17'),
  },
  {
    id: 'cpv-2012-legislative-drafting-workshop',
    type: 'legislative_drafting',
    title: 'Regional workshop on drafting legislation against trafficking in persons (Cabo Verde, March 2012)',
    description:
      'A regional workshop held in Cabo Verde in March 2012 to support actors from Benin, Guinea and Togo in ' +
      'drafting legislation to counter trafficking in persons.',
    actualStart: '2012-03',
    actualEnd: '2012-03',
    activityStatus: '4',
    recipientCountries: [{ code: 'BEN' }, { code: 'GIN' }, { code: 'TGO' }],
    venueCountries: ['CPV'],
    participantCountries: ['BEN', 'GIN', 'TGO'],
    themes: ['legislative_assistance'],
    sectors: [{ code: '15130' }],
    participatingOrgs: [unodc()],
    provenance: from('18'),
  },
  {
    id: 'global-training-initiative-2011',
    type: 'train_the_trainer',
    title: 'Global training initiative: training for practitioners from Fiji, Mali, Portugal and Ukraine (2011)',
    description:
      'Training under the UNODC global training initiative of the Global Programme against Trafficking in Human ' +
      'Beings, using the curriculum to train future trainers based on the Anti-Human Trafficking Manual for ' +
      'Criminal Justice Practitioners, given in 2011 to practitioners from Fiji, Mali, Portugal and Ukraine.',
    actualStart: '2011',
    actualEnd: '2011',
    activityStatus: '4',
    recipientCountries: [{ code: 'FJI' }, { code: 'MLI' }, { code: 'PRT' }, { code: 'UKR' }],
    participantCountries: ['FJI', 'MLI', 'PRT', 'UKR'],
    themes: ['criminal_justice'],
    participatingOrgs: [unodc()],
    provenance: from('23'),
  },
  {
    id: 'ven-2012-train-the-trainer',
    type: 'train_the_trainer',
    title: 'Train-the-trainer workshop in Venezuela (Bolivarian Republic of), February 2012',
    description:
      'A train-the-trainer workshop organised by UNODC in the Bolivarian Republic of Venezuela in February 2012 ' +
      'under the global training initiative.',
    actualStart: '2012-02',
    actualEnd: '2012-02',
    activityStatus: '4',
    recipientCountries: [{ code: 'VEN' }],
    venueCountries: ['VEN'],
    themes: ['criminal_justice'],
    participatingOrgs: [unodc()],
    provenance: from('23'),
  },
  {
    id: 'alb-2011-consular-officials-workshop',
    type: 'training_workshop',
    title: 'UNODC-IOM workshop for consular officials and liaison officers in Albania, December 2011',
    description:
      'A joint UNODC-IOM workshop in Albania for Albanian consular officials and liaison officers working in ' +
      'neighbouring countries and European Union member States, and foreign consular officials working in ' +
      'Albania, on a multidimensional, coordinated approach to trafficking in persons (prevention and victim ' +
      'support), migration and trafficking in the context of visa liberalization, and cooperation among origin, ' +
      'transit and destination countries.',
    actualStart: '2011-12',
    actualEnd: '2011-12',
    activityStatus: '4',
    recipientCountries: [{ code: 'ALB' }],
    venueCountries: ['ALB'],
    themes: ['prevention_awareness', 'victim_protection', 'criminal_justice'],
    participatingOrgs: [unodc(), iom],
    provenance: from('38'),
  },
  {
    id: 'unwto-2012-tourism-event',
    type: 'awareness_event',
    title: 'Building better responses: human trafficking in the context of tourism (April 2012)',
    description:
      'An event for Member States hosted by UNODC and UNWTO in April 2012 to raise awareness of trafficking in ' +
      'persons in the sex tourism sector and to mark their commitment to combat it together.',
    actualStart: '2012-04',
    actualEnd: '2012-04',
    activityStatus: '4',
    themes: ['prevention_awareness'],
    participatingOrgs: [unodc(), { orgId: 'unwto', role: '4' }],
    provenance: from('34'),
  },
];

export const SEED_AGREEMENTS: z.input<typeof AgreementInput>[] = [
  {
    id: 'unodc-unwto-mou-2012',
    kind: 'mou',
    title: 'Memorandum of understanding between UNODC and UNWTO',
    parties: [{ orgId: 'unodc' }, { orgId: 'unwto' }],
    signed: '2012-04',
    scope:
      'Covers trafficking in persons among other areas: the parties join efforts against trafficking in persons ' +
      'within the travel and tourism industry.',
    agreementStatus: 'signed',
    provenance: from('12'),
  },
  {
    id: 'unodc-frontex-working-arrangement-2012',
    kind: 'working_arrangement',
    title: 'Working arrangement between UNODC and Frontex',
    parties: [{ orgId: 'unodc' }, { orgId: 'frontex' }],
    signed: '2012-04',
    scope: 'Strengthening cooperation in crime prevention and human security.',
    agreementStatus: 'signed',
    provenance: from('12'),
  },
  {
    id: 'unodc-iom-agreement-2012',
    kind: 'cooperation_agreement',
    title: 'Agreement between UNODC and IOM',
    parties: [{ orgId: 'unodc' }, { orgId: 'iom' }],
    signed: '2012-04',
    scope:
      'Closer cooperation to tackle trafficking in persons and smuggling of migrants and to improve border management.',
    agreementStatus: 'signed',
    provenance: from('12'),
  },
];

export const SEED_CAMPAIGNS: z.input<typeof CampaignInput>[] = [
  {
    id: 'blue-heart-campaign',
    name: 'Blue Heart Campaign',
    description:
      'The UNODC awareness-raising campaign against trafficking in persons, adopted by an increasing number of ' +
      'States as their national awareness-raising initiative, and used internationally to support the call for ' +
      'contributions to the United Nations Voluntary Trust Fund for Victims of Trafficking in Persons, Especially ' +
      'Women and Children. The report names no adopting State, so none is listed.',
    adopters: [],
    provenance: from('32'),
  },
];
