/**
 * One declaration per facet. A facet is read off a record (`values`), selected by a URL parameter
 * (`param`, each value checked by `schema`), written in the query language (`query.names`: the
 * canonical name first, then aliases), labelled (`labelKey` in the owning module's message catalog,
 * `label` its English text, `valueLabel` for each value) and counted disjunctively by the engines.
 * Everything that used to list the facets (index columns, selection merge, parser tables, HTTP
 * schema, pages, labels) reads these declarations, so adding a facet is one declaration.
 *
 * A range facet (the decision year) is selected by two bounds (`range.from`, `range.to`) instead of
 * a list of values. The `kind` facet (which source a document comes from) is declared here, in the
 * kernel, because every source has it.
 */
import { z } from 'zod';

/** How the query language reads the values of a filter (the normalisation lives with the parser). */
export type FilterValues = 'code' | 'country' | 'region' | 'language' | 'flag' | 'year';

export interface FacetDef<R = never> {
  /** Its name in the index and in the API's facet counts. */
  readonly name: string;
  /** The URL parameter selecting values (API and pages), repeatable or comma-separated. */
  readonly param: string;
  /** One value of the parameter. */
  readonly schema: z.ZodType<string>;
  /** A range facet: two bounds instead of values (the year). */
  readonly range?: { readonly from: string; readonly to: string };
  /** The query language's filter: `key` names it in the parsed Filters; `names` as written (canonical first). */
  readonly query?: {
    readonly key: string;
    readonly names: readonly string[];
    readonly values: FilterValues;
    /** Where formatQuery writes it among the filters (ascending). */
    readonly order: number;
    /** The accepted codes, for `values: 'code'`. */
    readonly codes?: readonly string[];
  };
  /** Message key of the facet's label (`<module>.facet.<name>`), and its English text. */
  readonly labelKey: string;
  readonly label: string;
  /** Position in the search page's filter list; absent when the page does not list it as checkboxes. */
  readonly sidebar?: number;
  /** The human label of one value (English). */
  readonly valueLabel: (value: string) => string;
  /** The facet's values for a record. */
  readonly values: (rec: R) => readonly string[];
}

/** Every document's kind, declared once for all sources. */
export const KIND_FACET: FacetDef<{ kind: string }> = {
  name: 'kind',
  param: 'kind',
  schema: z.string().regex(/^[a-z][a-z0-9_]*$/, 'kind must be a kind name such as case'),
  labelKey: 'kernel.facet.kind',
  label: 'Kind',
  valueLabel: (v) => v,
  values: (doc) => [doc.kind],
};

/** The facets of every source, once each by name (the first declaration of a shared name wins). */
export function facetNames(lists: readonly (readonly FacetDef<never>[])[]): string[] {
  const out: string[] = [];
  for (const list of lists) for (const f of list) if (!out.includes(f.name)) out.push(f.name);
  return out;
}

/** A selection of facet values: values per facet (union within, intersection across) and year bounds. */
export type Selection<F extends string = string> = Partial<Record<F, readonly string[]>> & {
  yearFrom?: number;
  yearTo?: number;
};
