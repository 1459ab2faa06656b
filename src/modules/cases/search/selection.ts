/** Merges facet selections from URL parameters with the filters written in the query text. */
import type { Filters } from './query-ast.ts';
import type { FacetSelection } from './facet-index.ts';
import type { FacetField } from './facet-fields.ts';
import { primaryLanguage } from './facet-fields.ts';

const FROM_FILTERS: [keyof Filters, FacetField][] = [
  ['countries', 'jurisdiction'],
  ['regions', 'region'],
  ['acts', 'acts'],
  ['means', 'means'],
  ['purposes', 'purposes'],
  ['forms', 'forms'],
  ['sectors', 'sectors'],
  ['offences', 'offences'],
  ['verdicts', 'verdict'],
  ['courtLevels', 'courtLevel'],
  ['victimGenders', 'victimGender'],
];

/** Values of one kind are a union; kinds intersect; year bounds narrow to the tighter one. */
export function mergeSelection(selection: FacetSelection, filters: Filters): FacetSelection {
  const out: Record<string, unknown> = { ...selection };
  const add = (field: FacetField, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    out[field] = [...new Set([...((out[field] as string[] | undefined) ?? []), ...values])];
  };
  for (const [kind, field] of FROM_FILTERS) add(field, filters[kind] as string[] | undefined);
  add('language', filters.languages?.map(primaryLanguage));
  add(
    'childVictims',
    filters.childVictims?.map((b) => (b ? 'yes' : 'no')),
  );
  const tighter = (a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number) =>
    a === undefined ? b : b === undefined ? a : pick(a, b);
  out.yearFrom = tighter(selection.yearFrom, filters.yearFrom, Math.max);
  out.yearTo = tighter(selection.yearTo, filters.yearTo, Math.min);
  if (out.yearFrom === undefined) delete out.yearFrom;
  if (out.yearTo === undefined) delete out.yearTo;
  return out as FacetSelection;
}
