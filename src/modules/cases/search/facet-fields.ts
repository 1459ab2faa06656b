/** The facets of a search, and how each is read off a case record. */
import type { CaseRecord } from '../domain/case-schema.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { decisionSortKey } from '../domain/case-record.ts';

export const FACET_FIELDS = [
  'jurisdiction',
  'region',
  'year',
  'courtLevel',
  'verdict',
  'acts',
  'means',
  'purposes',
  'forms',
  'sectors',
  'offences',
  'victimGender',
  'childVictims',
  'victimNationality',
  'defendantNationality',
  'language',
] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/** One value of a facet and how many documents have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** Primary language subtag: 'pt-BR' counts as 'pt'. */
export const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

export function facetValuesOf(rec: CaseRecord): Record<FacetField, string[]> {
  const year = rec.decisionDate ? rec.decisionDate.slice(0, 4) : null;
  const verdicts = rec.defendants.flatMap((d) =>
    d.charges.map((c) => c.verdict).filter((v): v is NonNullable<typeof v> => !!v),
  );
  const child = rec.victims.flatMap((v): string[] => (v.child === true ? ['yes'] : v.child === false ? ['no'] : []));
  return {
    jurisdiction: [rec.jurisdiction],
    region: countryByCode(rec.jurisdiction)?.regions.map((r) => r.code) ?? [],
    year: year ? [year] : [],
    courtLevel: rec.courtLevel ? [rec.courtLevel] : [],
    verdict: verdicts,
    acts: rec.tags.acts,
    means: rec.tags.means,
    purposes: rec.tags.purposes,
    forms: rec.tags.forms,
    sectors: rec.tags.sectors,
    offences: rec.tags.offences,
    victimGender: rec.victims.map((v) => v.gender).filter((g): g is NonNullable<typeof g> => !!g),
    childVictims: child,
    victimNationality: rec.victims.flatMap((v) => v.nationalities),
    defendantNationality: rec.defendants.flatMap((d) => d.nationalities),
    language: [...new Set(Object.keys(rec.narratives).map(primaryLanguage))],
  };
}

/** The decision date as a number yyyymmdd (unknown parts 00); 0 when unknown. */
export function dateNumber(rec: Pick<CaseRecord, 'decisionDate'>): number {
  const key = decisionSortKey(rec.decisionDate);
  return key ? Number(key.replace(/-/g, '')) : 0;
}
