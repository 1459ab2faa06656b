/**
 * Demo content: the metadata of real UNODC publications on trafficking in persons (titles and years
 * as published; abstracts in our own words; links to UNODC's pages). No file is included (they are
 * not ours to redistribute), so each language version points to the publisher's page. ISBNs, sales
 * numbers and symbols are left empty: fill them in from the publications themselves.
 */
import { SYSTEM } from '../../platform/index.ts';
import type { ResourceInput } from '../domain/resource.ts';
import type { LibraryServices } from '../services/library-services.ts';
import { scanResources } from '../store/resource-repo.ts';

const PUBLICATIONS = 'https://www.unodc.org/unodc/en/human-trafficking/publications.html';
const GLOTIP = 'https://www.unodc.org/unodc/en/data-and-analysis/glotip.html';
const UNODC = 'United Nations Office on Drugs and Crime';

type Demo = Pick<ResourceInput, 'id' | 'type' | 'title' | 'date' | 'abstract' | 'topics'> & { url: string };

const d = (x: Demo): ResourceInput => ({
  ...x,
  corporateAuthors: [UNODC],
  publisher: UNODC,
  publisherPlace: 'Vienna',
  url: x.url,
  languages: [{ language: 'en', url: x.url }],
});

const glotip = (year: number, published: string, abstract: string): ResourceInput =>
  d({
    id: `global-report-on-trafficking-in-persons-${year}`,
    type: 'report',
    title: `Global Report on Trafficking in Persons ${year}`,
    date: published,
    url: GLOTIP,
    topics: ['data_and_research'],
    abstract,
  });

export const DEMO_RESOURCES: ResourceInput[] = [
  d({
    id: 'model-law-against-trafficking-in-persons',
    type: 'model_law',
    title: 'Model Law against Trafficking in Persons',
    date: '2009',
    url: 'https://www.unodc.org/documents/human-trafficking/UNODC_Model_Law_on_Trafficking_in_Persons.pdf',
    topics: ['legislation'],
    abstract:
      'Draft provisions a State can adapt when it writes or revises its law against trafficking in persons, ' +
      'following the Protocol, with a commentary that separates mandatory from optional provisions and offers ' +
      'alternative wordings for different legal traditions.',
  }),
  d({
    id: 'toolkit-to-combat-trafficking-in-persons',
    type: 'toolkit',
    title: 'Toolkit to Combat Trafficking in Persons',
    date: '2008',
    url: 'https://www.unodc.org/unodc/en/human-trafficking/2008/electronic-toolkit/electronic-toolkit-to-combat-trafficking-in-persons---index.html',
    topics: ['legislation', 'criminal_justice', 'victim_identification', 'victim_assistance', 'prevention'],
    abstract:
      'A collection of practical tools, arranged in ten chapters from the legal framework and problem assessment ' +
      'to victim identification, assistance, return, prevention and evaluation, for policymakers and practitioners.',
  }),
  d({
    id: 'anti-human-trafficking-manual-for-criminal-justice-practitioners',
    type: 'manual',
    title: 'Anti-Human Trafficking Manual for Criminal Justice Practitioners',
    date: '2009',
    url: PUBLICATIONS,
    topics: ['criminal_justice', 'law_enforcement'],
    abstract:
      'Training modules for police, prosecutors and judges on investigating and prosecuting trafficking cases, ' +
      'from the definition and indicators to interviews, victim protection and international cooperation.',
  }),
  d({
    id: 'first-aid-kit-for-use-by-law-enforcement-responders',
    type: 'guideline',
    title: 'First Aid Kit for Use by Law Enforcement Responders in Addressing Human Trafficking',
    date: '2010',
    url: PUBLICATIONS,
    topics: ['law_enforcement', 'victim_identification'],
    abstract:
      'Material for the first officer on the scene: a booklet, contact sheets and leaflets on what to do and not ' +
      'to do when a person may be a victim of trafficking.',
  }),
  d({
    id: 'issue-paper-abuse-of-a-position-of-vulnerability',
    type: 'issue_paper',
    title: 'Abuse of a Position of Vulnerability and Other "Means" within the Definition of Trafficking in Persons',
    date: '2012',
    url: 'https://www.unodc.org/documents/human-trafficking/2012/UNODC_2012_Issue_Paper_-_Abuse_of_a_Position_of_Vulnerability.pdf',
    topics: ['legislation', 'criminal_justice'],
    abstract:
      'A study of how States define and apply the "abuse of a position of vulnerability" means of the Protocol ' +
      'definition in their laws and courts, and of the questions it raises for practitioners.',
  }),
  d({
    id: 'transnational-organized-crime-in-the-fishing-industry',
    type: 'issue_paper',
    title: 'Transnational Organized Crime in the Fishing Industry',
    date: '2011',
    url: PUBLICATIONS,
    topics: ['labour_exploitation', 'supply_chains', 'migrant_smuggling'],
    abstract:
      'An examination of trafficking for forced labour on fishing vessels, of smuggling of migrants and drug ' +
      'trafficking linked to the fishing industry, and of the gaps in law and enforcement at sea.',
  }),
  d({
    id: 'issue-paper-the-role-of-corruption-in-trafficking-in-persons',
    type: 'issue_paper',
    title: 'The Role of Corruption in Trafficking in Persons',
    date: '2011',
    url: PUBLICATIONS,
    topics: ['corruption', 'criminal_justice'],
    abstract:
      'How corruption of officials makes trafficking possible at each stage, and what responses can address it.',
  }),
  d({
    id: 'issue-paper-the-role-of-consent',
    type: 'issue_paper',
    title: 'The Role of "Consent" in the Trafficking in Persons Protocol',
    date: '2014',
    url: PUBLICATIONS,
    topics: ['legislation', 'criminal_justice'],
    abstract:
      "A review of how the irrelevance of the victim's consent, once a means is used, is understood and applied " +
      'in national law and practice.',
  }),
  d({
    id: 'issue-paper-the-concept-of-exploitation',
    type: 'issue_paper',
    title: 'The Concept of "Exploitation" in the Trafficking in Persons Protocol',
    date: '2015',
    url: PUBLICATIONS,
    topics: ['legislation', 'labour_exploitation', 'sexual_exploitation'],
    abstract: 'An analysis of the forms of exploitation named in the Protocol and of how States define them.',
  }),
  d({
    id: 'issue-paper-recruitment-fees-and-abusive-recruitment-practices',
    type: 'issue_paper',
    title:
      'The Role of Recruitment Fees and Abusive and Fraudulent Recruitment Practices of Recruitment Agencies ' +
      'in Trafficking in Persons',
    date: '2015',
    url: PUBLICATIONS,
    topics: ['labour_exploitation', 'prevention', 'supply_chains'],
    abstract:
      'How fees charged to workers and deceptive recruitment lead to trafficking, and how regulation can respond.',
  }),
  d({
    id: 'issue-paper-the-international-legal-definition-of-trafficking-in-persons',
    type: 'issue_paper',
    title:
      'The International Legal Definition of Trafficking in Persons: Consolidation of Research Findings ' +
      'and Reflection on Issues Raised',
    date: '2018',
    url: PUBLICATIONS,
    topics: ['legislation'],
    abstract: 'Brings together the findings of the earlier issue papers on the elements of the definition.',
  }),
  d({
    id: 'international-framework-for-action-to-implement-the-trafficking-in-persons-protocol',
    type: 'guideline',
    title: 'International Framework for Action to Implement the Trafficking in Persons Protocol',
    date: '2009',
    url: PUBLICATIONS,
    topics: ['prevention', 'victim_assistance', 'international_cooperation', 'criminal_justice'],
    abstract:
      'Tables of the measures the Protocol calls for, pillar by pillar, to help States plan its implementation.',
  }),
  d({
    id: 'case-digest-evidential-issues-in-trafficking-in-persons-cases',
    type: 'case_digest',
    title: 'Evidential Issues in Trafficking in Persons Cases: Case Digest',
    date: '2017',
    url: PUBLICATIONS,
    topics: ['criminal_justice'],
    abstract:
      'Court decisions from many countries grouped by the evidential questions they answer in trafficking trials.',
  }),
  d({
    id: 'needs-assessment-toolkit-criminal-justice-response-to-human-trafficking',
    type: 'toolkit',
    title: 'Needs Assessment Toolkit on the Criminal Justice Response to Human Trafficking',
    date: '2010',
    url: PUBLICATIONS,
    topics: ['criminal_justice', 'law_enforcement'],
    abstract: "Questions and checklists for assessing a country's criminal justice response to trafficking.",
  }),
  glotip(
    2009,
    '2009-02',
    'The first global report, on the laws, institutions and recorded cases of a large number of countries.',
  ),
  glotip(
    2012,
    '2012-12',
    'Patterns and flows of trafficking from officially detected cases, with regional and country profiles.',
  ),
  glotip(
    2014,
    '2014-11',
    'Detected victims and offenders by sex, age and form of exploitation, and the main trafficking flows.',
  ),
  glotip(2016, '2016-12', 'Includes a thematic look at the links between armed conflict, migration and trafficking.'),
  glotip(2018, '2019-01', 'Includes a thematic look at trafficking in the context of armed conflict.'),
  glotip(
    2020,
    '2021-02',
    'Includes thematic chapters on the effect of economic need and on trafficking via the internet.',
  ),
  glotip(
    2022,
    '2023-01',
    'Looks at the effect of the COVID-19 pandemic, conflict and climate on detected trafficking.',
  ),
  glotip(2024, '2024-12', 'The latest figures on detected victims and convictions, with regional analysis.'),
];

/** Writes the demo resources into an empty library (published, each with its version and audit entry). */
export async function seedLibrary(library: LibraryServices): Promise<string | null> {
  for await (const _ of scanResources(library.resources.db)) return null;
  for (const r of DEMO_RESOURCES) await library.resources.create(r, SYSTEM, { status: 'published' });
  return `seeded ${DEMO_RESOURCES.length} demo library resources (UNODC publications, metadata only)`;
}
