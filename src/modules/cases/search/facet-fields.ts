/**
 * The facets of the case search, declared once each (see kernel/search/facet-registry.ts): how each
 * is read off a case record, its URL parameter and value schema, its query-language filter, its
 * label key and English label, and its place on the search page. The index columns, the selection
 * merge, the parser's filter tables, the HTTP schema, the pages and the labels all read this list.
 */
import { z } from 'zod';
import type { CaseRecord } from '../domain/case-schema.ts';
import { countryCode } from '../domain/case-schema.ts';
import { codes, TAXONOMY, type Vocabulary } from '../domain/taxonomy.ts';
import { englishLabel as labelOf } from '../i18n/english.ts';
import { countryByCode, REGIONS } from '../../../kernel/geo/countries.ts';
import { decisionSortKey } from '../domain/case-record.ts';
import type { FacetDef, FilterValues } from '../../../kernel/search/facet-registry.ts';

/** Primary language subtag: 'pt-BR' counts as 'pt'. */
export { primaryLanguage } from '../../../kernel/search/selection.ts';
import { primaryLanguage } from '../../../kernel/search/selection.ts';

const REGION_NAMES = new Map(REGIONS.map((r) => [r.code, r.name]));
const regionCodes = REGIONS.map((r) => r.code) as [string, ...string[]];
const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const countryName = (v: string) => countryByCode(v)?.name ?? v;

const vocabEnum = (vocab: Vocabulary, what: string) => {
  const allowed = codes(TAXONOMY[vocab]) as [string, ...string[]];
  return z.enum(allowed, { error: (iss) => `unknown ${what} '${String(iss.input)}'; allowed: ${allowed.join(', ')}` });
};

const query = <const K extends string, const V extends FilterValues>(
  key: K,
  order: number,
  values: V,
  ...names: string[]
) => ({ key, order, values, names });

/** A facet over a taxonomy vocabulary. */
function vocabFacet<const N extends string, const K extends string>(d: {
  name: N;
  param: string;
  vocab: Vocabulary;
  what: string;
  label: string;
  sidebar: number;
  query: { key: K; order: number; values: 'code'; names: string[] };
  values: (rec: CaseRecord) => readonly string[];
}) {
  return {
    name: d.name,
    param: d.param,
    schema: vocabEnum(d.vocab, d.what),
    query: { ...d.query, codes: codes(TAXONOMY[d.vocab]) },
    labelKey: `cases.facet.${d.name}`,
    label: d.label,
    sidebar: d.sidebar,
    valueLabel: (v: string) => labelOf(d.vocab, v),
    values: d.values,
  } satisfies FacetDef<CaseRecord>;
}

const verdictsOf = (rec: CaseRecord) =>
  rec.defendants.flatMap((d) => d.charges.map((c) => c.verdict).filter((v): v is NonNullable<typeof v> => !!v));

/** Every case facet, in index (and API response) order. */
export const CASE_FACETS = [
  {
    name: 'jurisdiction',
    param: 'jurisdiction',
    schema: countryCode,
    query: query('countries', 0, 'country', 'country', 'countries', 'jurisdiction', 'jurisdictions'),
    labelKey: 'cases.facet.jurisdiction',
    label: 'Jurisdiction',
    sidebar: 0,
    valueLabel: countryName,
    values: (rec: CaseRecord) => [rec.jurisdiction],
  },
  {
    name: 'region',
    param: 'region',
    schema: z.enum(regionCodes, {
      error: (iss) =>
        `unknown region '${String(iss.input)}'; expected a UN M49 region code such as 035 ` +
        '(South-eastern Asia); GET /api/v1/countries lists them',
    }),
    query: query('regions', 1, 'region', 'region', 'regions'),
    labelKey: 'cases.facet.region',
    label: 'Region',
    sidebar: 1,
    valueLabel: (v: string) => REGION_NAMES.get(v) ?? v,
    values: (rec: CaseRecord) => countryByCode(rec.jurisdiction)?.regions.map((r) => r.code) ?? [],
  },
  {
    name: 'year',
    param: 'year',
    schema: z.string(),
    range: { from: 'year_from', to: 'year_to' },
    query: query('years', 2, 'year', 'year', 'years'),
    labelKey: 'cases.facet.year',
    label: 'Decision year',
    valueLabel: (v: string) => v,
    values: (rec: CaseRecord) => (rec.decisionDate ? [rec.decisionDate.slice(0, 4)] : []),
  },
  vocabFacet({
    name: 'courtLevel',
    param: 'court_level',
    vocab: 'courtLevels',
    what: 'court level',
    label: 'Court level',
    sidebar: 8,
    query: query('courtLevels', 11, 'code', 'court_level', 'court_levels'),
    values: (rec) => (rec.courtLevel ? [rec.courtLevel] : []),
  }),
  vocabFacet({
    name: 'verdict',
    param: 'verdict',
    vocab: 'verdicts',
    what: 'verdict',
    label: 'Verdict',
    sidebar: 7,
    query: query('verdicts', 10, 'code', 'verdict', 'verdicts'),
    values: verdictsOf,
  }),
  vocabFacet({
    name: 'acts',
    param: 'acts',
    vocab: 'acts',
    what: 'act',
    label: 'Act',
    sidebar: 3,
    query: query('acts', 3, 'code', 'act', 'acts'),
    values: (rec) => rec.tags.acts,
  }),
  vocabFacet({
    name: 'means',
    param: 'means',
    vocab: 'means',
    what: 'means',
    label: 'Means',
    sidebar: 4,
    query: query('means', 4, 'code', 'means'),
    values: (rec) => rec.tags.means,
  }),
  vocabFacet({
    name: 'purposes',
    param: 'purposes',
    vocab: 'purposes',
    what: 'purpose',
    label: 'Purpose of exploitation',
    sidebar: 2,
    query: query('purposes', 5, 'code', 'purpose', 'purposes'),
    values: (rec) => rec.tags.purposes,
  }),
  vocabFacet({
    name: 'forms',
    param: 'forms',
    vocab: 'forms',
    what: 'form',
    label: 'Form',
    sidebar: 5,
    query: query('forms', 6, 'code', 'form', 'forms'),
    values: (rec) => rec.tags.forms,
  }),
  vocabFacet({
    name: 'sectors',
    param: 'sectors',
    vocab: 'sectors',
    what: 'sector',
    label: 'Sector',
    sidebar: 6,
    query: query('sectors', 7, 'code', 'sector', 'sectors'),
    values: (rec) => rec.tags.sectors,
  }),
  vocabFacet({
    name: 'offences',
    param: 'offences',
    vocab: 'offences',
    what: 'offence',
    label: 'Offence',
    sidebar: 9,
    query: query('offences', 8, 'code', 'offence', 'offences', 'offense', 'offenses'),
    values: (rec) => rec.tags.offences,
  }),
  vocabFacet({
    name: 'victimGender',
    param: 'victim_gender',
    vocab: 'genders',
    what: 'gender',
    label: 'Victim gender',
    sidebar: 10,
    query: query('victimGenders', 13, 'code', 'gender', 'genders'),
    values: (rec) => rec.victims.map((v) => v.gender).filter((g): g is NonNullable<typeof g> => !!g),
  }),
  {
    name: 'childVictims',
    param: 'child_victims',
    schema: z.enum(['yes', 'no'], { error: "child_victims must be 'yes' or 'no'" }),
    query: query('childVictims', 14, 'flag', 'child'),
    labelKey: 'cases.facet.childVictims',
    label: 'Child victims',
    sidebar: 11,
    valueLabel: (v: string) => (v === 'yes' ? 'Child victims' : 'Adult victims'),
    values: (rec: CaseRecord) =>
      rec.victims.flatMap((v): string[] => (v.child === true ? ['yes'] : v.child === false ? ['no'] : [])),
  },
  {
    name: 'victimNationality',
    param: 'victim_nationality',
    schema: countryCode,
    labelKey: 'cases.facet.victimNationality',
    label: 'Victim nationality',
    sidebar: 12,
    valueLabel: countryName,
    values: (rec: CaseRecord) => rec.victims.flatMap((v) => v.nationalities),
  },
  {
    name: 'defendantNationality',
    param: 'defendant_nationality',
    schema: countryCode,
    labelKey: 'cases.facet.defendantNationality',
    label: 'Defendant nationality',
    sidebar: 13,
    valueLabel: countryName,
    values: (rec: CaseRecord) => rec.defendants.flatMap((d) => d.nationalities),
  },
  {
    name: 'respondentState',
    param: 'respondent_state',
    schema: countryCode,
    labelKey: 'cases.facet.respondentState',
    label: 'Respondent State',
    sidebar: 15,
    valueLabel: countryName,
    values: (rec: CaseRecord) => rec.respondentStates ?? [],
  },
  {
    name: 'language',
    param: 'language',
    schema: z.string().regex(/^[a-z]{2,3}$/, 'language must be a primary language subtag such as en, es, pt'),
    query: query('languages', 12, 'language', 'lang', 'language', 'languages'),
    labelKey: 'cases.facet.language',
    label: 'Language',
    sidebar: 14,
    valueLabel: (v: string) => {
      try {
        return languageNames.of(v) ?? v;
      } catch {
        return v;
      }
    },
    values: (rec: CaseRecord) => [...new Set(Object.keys(rec.narratives).map(primaryLanguage))],
  },
] as const satisfies readonly FacetDef<CaseRecord>[];

export type FacetField = (typeof CASE_FACETS)[number]['name'];
/** The facets written in the query language. */
export type QueryFacet = Extract<(typeof CASE_FACETS)[number], { query: unknown }>;
export const FACET_FIELDS: readonly FacetField[] = CASE_FACETS.map((f) => f.name);
const BY_NAME = new Map<string, FacetDef<CaseRecord>>(CASE_FACETS.map((f) => [f.name, f]));

/** The declaration of a case facet. */
export function caseFacet(name: string): FacetDef<CaseRecord> | undefined {
  return BY_NAME.get(name);
}

export type { FacetCount } from '../../../kernel/search/facet-index.ts';

export function facetValuesOf(rec: CaseRecord): Record<FacetField, string[]> {
  return Object.fromEntries(CASE_FACETS.map((f) => [f.name, [...f.values(rec)]])) as Record<FacetField, string[]>;
}

/** The English label of a facet value. */
export function facetLabel(field: string, value: string): string {
  return BY_NAME.get(field)?.valueLabel(value) ?? value;
}

/** The decision date as a number yyyymmdd (unknown parts 00); 0 when unknown. */
export function dateNumber(rec: Pick<CaseRecord, 'decisionDate'>): number {
  const key = decisionSortKey(rec.decisionDate);
  return key ? Number(key.replace(/-/g, '')) : 0;
}
