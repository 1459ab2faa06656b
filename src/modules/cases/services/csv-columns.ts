/**
 * The flattened CSV form of a case: one row per case, multi-valued cells joined with "; ".
 * The column list is documented in docs/export-formats.md; keep both in step.
 */
import type { CaseRecord } from '../domain/case-schema.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';

const join = (xs: readonly (string | number | null | undefined)[]) =>
  xs.filter((x) => x !== null && x !== undefined && x !== '').join('; ');

export const CSV_COLUMNS: readonly { name: string; of: (c: CaseRecord) => string | number | null }[] = [
  { name: 'id', of: (c) => c.id },
  { name: 'title', of: (c) => c.title },
  { name: 'database_number', of: (c) => c.databaseNumber },
  { name: 'jurisdiction', of: (c) => c.jurisdiction },
  { name: 'jurisdiction_name', of: (c) => countryByCode(c.jurisdiction)?.name ?? null },
  { name: 'respondent_states', of: (c) => join(c.respondentStates) },
  { name: 'identifiers', of: (c) => join(c.identifiers.map((i) => `${i.type}:${i.value}`)) },
  { name: 'court', of: (c) => c.court },
  { name: 'court_level', of: (c) => c.courtLevel },
  { name: 'legal_system', of: (c) => c.legalSystem },
  { name: 'decision_date', of: (c) => c.decisionDate },
  { name: 'acts', of: (c) => join(c.tags.acts) },
  { name: 'means', of: (c) => join(c.tags.means) },
  { name: 'purposes', of: (c) => join(c.tags.purposes) },
  { name: 'forms', of: (c) => join(c.tags.forms) },
  { name: 'sectors', of: (c) => join(c.tags.sectors) },
  { name: 'offences', of: (c) => join(c.tags.offences) },
  { name: 'victims', of: (c) => c.victims.reduce((n, v) => n + (v.count ?? 1), 0) },
  { name: 'victim_genders', of: (c) => join([...new Set(c.victims.map((v) => v.gender))]) },
  {
    name: 'child_victims',
    of: (c) =>
      c.victims.some((v) => v.child)
        ? 'yes'
        : c.victims.length && c.victims.every((v) => v.child === false)
          ? 'no'
          : null,
  },
  { name: 'victim_nationalities', of: (c) => join([...new Set(c.victims.flatMap((v) => v.nationalities))]) },
  { name: 'defendants', of: (c) => c.defendants.reduce((n, d) => n + (d.count ?? 1), 0) },
  { name: 'defendant_nationalities', of: (c) => join([...new Set(c.defendants.flatMap((d) => d.nationalities))]) },
  { name: 'verdicts', of: (c) => join([...new Set(c.defendants.flatMap((d) => d.charges.map((x) => x.verdict)))]) },
  {
    name: 'max_prison_months',
    of: (c) => {
      const m = c.defendants.flatMap((d) => d.charges.map((x) => x.prisonMonths ?? -1));
      const v = Math.max(-1, ...m);
      return v < 0 ? null : v;
    },
  },
  { name: 'languages', of: (c) => join(Object.keys(c.narratives)) },
  { name: 'facts_en', of: (c) => c.narratives.en?.facts ?? null },
  { name: 'source_urls', of: (c) => join(c.sources.filter((s) => s.kind === 'url').map((s) => s.value)) },
  { name: 'status', of: (c) => c.status },
  { name: 'created_at', of: (c) => c.createdAt },
  { name: 'updated_at', of: (c) => c.updatedAt },
];

export function csvRow(c: CaseRecord): (string | number | null)[] {
  return CSV_COLUMNS.map((col) => col.of(c));
}
