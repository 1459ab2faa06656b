/** Merges facet selections from URL parameters with the filters written in the query text. */
import type { Filters } from './query-ast.ts';
import type { FacetDef } from './facet-registry.ts';
import type { Selection } from './search-engine.ts';

/** The primary subtag of a language tag, as language facets hold it ('pt-BR' -> 'pt'). */
export const primaryLanguage = (tag: string) => tag.split('-')[0]!.toLowerCase();

/** The selection values of one filter as the parser leaves them (flags are booleans, languages full tags). */
const selectionValues: Record<string, (values: readonly unknown[]) => string[]> = {
  language: (values) => (values as string[]).map(primaryLanguage),
  flag: (values) => (values as boolean[]).map((b) => (b ? 'yes' : 'no')),
};

/**
 * Values of one kind are a union; kinds intersect; year bounds narrow to the tighter one. `facets`
 * are the declarations of the sources: each query facet's filter adds to the facet's selection.
 */
export function mergeSelection<S extends Selection>(
  selection: S,
  filters: Filters,
  facets: readonly FacetDef<never>[],
): S {
  const out: Record<string, unknown> = { ...selection };
  for (const f of facets) {
    if (!f.query || f.query.values === 'year') continue;
    const values = (filters as Record<string, unknown[] | undefined>)[f.query.key];
    if (!values?.length) continue;
    const add = selectionValues[f.query.values]?.(values) ?? (values as string[]);
    out[f.name] = [...new Set([...((out[f.name] as string[] | undefined) ?? []), ...add])];
  }
  const tighter = (a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number) =>
    a === undefined ? b : b === undefined ? a : pick(a, b);
  out.yearFrom = tighter(selection.yearFrom, filters.yearFrom, Math.max);
  out.yearTo = tighter(selection.yearTo, filters.yearTo, Math.min);
  if (out.yearFrom === undefined) delete out.yearFrom;
  if (out.yearTo === undefined) delete out.yearTo;
  return out as S;
}
