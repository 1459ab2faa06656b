/**
 * The register's reports over published activities: countries assisted; activities and participants
 * by year, region, theme and type; participants by profession and gender. Each is a table with
 * column keys (the pages label them from the catalog) that the API serves as JSON and CSV.
 */
import { stringify } from 'csv-stringify/sync';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { Activity } from '../domain/schemas.ts';
import { countriesOf, regionName, regionsOf, yearOf } from '../search/activity-facets.ts';

export const REPORTS = [
  'countries',
  'by-year',
  'by-region',
  'by-theme',
  'by-type',
  'participants-by-profession',
  'participants-by-gender',
] as const;
export type ReportName = (typeof REPORTS)[number];

export interface ReportTable {
  name: ReportName;
  columns: string[];
  rows: Record<string, string | number>[];
}

/** The participants of an activity: the total given, else the larger of the two breakdowns. */
export function participantsOf(a: Activity): number {
  const p = a.participants;
  if (!p) return 0;
  const sum = (xs: readonly { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);
  return p.total ?? Math.max(sum(p.byGender), sum(p.byProfession));
}

function grouped(
  activities: readonly Activity[],
  keysOf: (a: Activity) => readonly string[],
): Map<string, { activities: number; participants: number }> {
  const out = new Map<string, { activities: number; participants: number }>();
  for (const a of activities)
    for (const k of new Set(keysOf(a))) {
      const g = out.get(k) ?? { activities: 0, participants: 0 };
      g.activities += 1;
      g.participants += participantsOf(a);
      out.set(k, g);
    }
  return new Map([...out].sort(([x], [y]) => x.localeCompare(y)));
}

function counted(activities: readonly Activity[], pick: (a: Activity) => readonly { key: string; count: number }[]) {
  const out = new Map<string, number>();
  for (const a of activities) for (const x of pick(a)) out.set(x.key, (out.get(x.key) ?? 0) + x.count);
  return [...out].sort(([x], [y]) => x.localeCompare(y));
}

export function report(name: ReportName, activities: readonly Activity[]): ReportTable {
  const table = (
    key: string,
    extra: (k: string) => Record<string, string>,
    keysOf: (a: Activity) => readonly string[],
  ) => ({
    name,
    columns: [key, ...Object.keys(extra('')), 'activities', 'participants'],
    rows: [...grouped(activities, keysOf)].map(([k, g]) => ({ [key]: k, ...extra(k), ...g })),
  });
  switch (name) {
    case 'countries':
      return table('country', (k) => ({ name: countryByCode(k)?.name ?? k }), countriesOf);
    case 'by-year':
      return table(
        'year',
        () => ({}),
        (a) => (yearOf(a) ? [yearOf(a)!] : []),
      );
    case 'by-region':
      return table('region', (k) => ({ name: regionName(k) }), regionsOf);
    case 'by-theme':
      return table(
        'theme',
        () => ({}),
        (a) => a.themes,
      );
    case 'by-type':
      return table(
        'type',
        () => ({}),
        (a) => [a.type],
      );
    case 'participants-by-profession':
      return {
        name,
        columns: ['profession', 'participants'],
        rows: counted(activities, (a) =>
          (a.participants?.byProfession ?? []).map((x) => ({ key: x.profession, count: x.count })),
        ).map(([profession, participants]) => ({ profession, participants })),
      };
    case 'participants-by-gender':
      return {
        name,
        columns: ['gender', 'participants'],
        rows: counted(activities, (a) =>
          (a.participants?.byGender ?? []).map((x) => ({ key: x.gender, count: x.count })),
        ).map(([gender, participants]) => ({ gender, participants })),
      };
  }
}

export function reportCsv(t: ReportTable): string {
  return stringify([t.columns, ...t.rows.map((r) => t.columns.map((c) => r[c] ?? ''))]);
}
