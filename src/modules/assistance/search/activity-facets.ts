/** The facets of activities in the one search (names prefixed: the case facets own `region`, `year`...). */
import { z } from 'zod';
import type { FacetDef } from '../../../kernel/search/facet-registry.ts';
import { countryByCode, REGIONS } from '../../../kernel/geo/countries.ts';
import { ACTIVITY_STATUS, ACTIVITY_TYPES, codesOf, nameOf, REGION, THEMES } from '../domain/codelists.ts';
import type { Activity } from '../domain/schemas.ts';
import type { Stored } from '../store/record-repo.ts';

type Rec = Stored<Activity>;

/** Countries an activity concerns: its recipients and the participants' countries. */
export const countriesOf = (a: Activity): string[] => [
  ...new Set([...a.recipientCountries.map((c) => c.code), ...a.participantCountries]),
];

/** The broad UN M49 regions (Africa, Americas, Asia, Europe, Oceania) of its countries and recipient regions. */
export function regionsOf(a: Activity): string[] {
  const out = new Set<string>();
  for (const c of countriesOf(a)) {
    const r = countryByCode(c)?.regions[0]?.code;
    if (r) out.add(r);
  }
  for (const rr of a.recipientRegions) {
    const m49 = REGION.find((r) => r.code === rr.code)?.m49;
    if (m49) out.add(m49);
  }
  return [...out].sort();
}

/** The year it started (actual, else planned), if known. */
export const yearOf = (a: Activity): string | null => (a.actualStart ?? a.plannedStart)?.slice(0, 4) ?? null;

export const regionName = (code: string) => REGIONS.find((r) => r.code === code)?.name ?? code;

export const ACTIVITY_FACETS: readonly FacetDef<Rec>[] = [
  {
    name: 'activityCountry',
    param: 'activity_country',
    schema: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'),
    labelKey: 'assistance.facet.country',
    label: 'Country',
    valueLabel: (v) => countryByCode(v)?.name ?? v,
    values: (r) => countriesOf(r.record),
  },
  {
    name: 'activityRegion',
    param: 'activity_region',
    schema: z.string().regex(/^\d{3}$/, 'a UN M49 region code such as 002'),
    labelKey: 'assistance.facet.region',
    label: 'Region',
    valueLabel: regionName,
    values: (r) => regionsOf(r.record),
  },
  {
    name: 'activityType',
    param: 'activity_type',
    schema: z.enum(ACTIVITY_TYPES),
    labelKey: 'assistance.facet.type',
    label: 'Type',
    valueLabel: (v) => v.replace(/_/g, ' '),
    values: (r) => [r.record.type],
  },
  {
    name: 'activityTheme',
    param: 'activity_theme',
    schema: z.enum(THEMES),
    labelKey: 'assistance.facet.theme',
    label: 'Thematic area',
    valueLabel: (v) => v.replace(/_/g, ' '),
    values: (r) => r.record.themes,
  },
  {
    name: 'activityYear',
    param: 'activity_year',
    schema: z.string().regex(/^\d{4}$/, 'a year'),
    labelKey: 'assistance.facet.year',
    label: 'Year',
    valueLabel: (v) => v,
    values: (r) => {
      const y = yearOf(r.record);
      return y ? [y] : [];
    },
  },
  {
    name: 'activityStatus',
    param: 'activity_status',
    schema: z.enum(codesOf(ACTIVITY_STATUS)),
    labelKey: 'assistance.facet.status',
    label: 'Status (IATI)',
    valueLabel: (v) => nameOf(ACTIVITY_STATUS, v),
    values: (r) => [r.record.activityStatus],
  },
];
