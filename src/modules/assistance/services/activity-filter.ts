/** Filters over activities (the API's list, the IATI export and the pages share them). */
import { z } from 'zod';
import { ACTIVITY_STATUS, ACTIVITY_TYPES, codesOf, THEMES } from '../domain/codelists.ts';
import type { Activity } from '../domain/schemas.ts';
import { countriesOf, regionsOf, yearOf } from '../search/activity-facets.ts';

export const ActivityFilter = z.strictObject({
  country: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code such as RWA')
    .optional(),
  region: z
    .string()
    .regex(/^\d{3}$/, 'a UN M49 region code such as 002')
    .optional(),
  type: z.enum(ACTIVITY_TYPES).optional(),
  theme: z.enum(THEMES).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/, 'a year such as 2012')
    .optional(),
  activity_status: z.enum(codesOf(ACTIVITY_STATUS)).optional(),
  parent: z.string().max(63).optional(),
});
export type ActivityFilter = z.output<typeof ActivityFilter>;

export function matches(a: Activity, f: ActivityFilter): boolean {
  if (f.country && !countriesOf(a).includes(f.country) && !a.venueCountries.includes(f.country)) return false;
  if (f.region && !regionsOf(a).includes(f.region)) return false;
  if (f.type && a.type !== f.type) return false;
  if (f.theme && !a.themes.includes(f.theme)) return false;
  if (f.year && yearOf(a) !== f.year) return false;
  if (f.activity_status && a.activityStatus !== f.activity_status) return false;
  if (f.parent && a.parentId !== f.parent) return false;
  return true;
}
