/**
 * The generic part of the search port: a request (parsed query, facet selection, sort, page) and
 * its result (hits of any kind, facet counts, corrections). A module's engine port adds what its
 * sources extend the search with (the cases: similar cases and statistics).
 */
import type { ParsedQuery } from './query-ast.ts';
import type { FacetCount } from './facet-index.ts';
import type { Selection, Snippet } from './search-source.ts';

export type SearchSort = 'relevance' | 'date_desc' | 'date_asc';

export type { Selection };

export interface SearchRequest<S = Selection> {
  query: ParsedQuery;
  selection: S;
  sort: SearchSort;
  limit: number;
  /** Sort key of the last hit of the previous page (decoded from the cursor). */
  after?: (string | number)[];
  facets: boolean;
}

export interface SearchHit {
  /** The source of the hit ('case', ...). */
  kind: string;
  id: string;
  score: number;
  /** True when the hit matched only through a corrected spelling. */
  fuzzy: boolean;
  snippet: Snippet | null;
  /** The record as its source hydrated it (a CaseRecord for kind 'case'). */
  record: unknown;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** The sort key of the last hit when more follow. */
  nextKey: (string | number)[] | null;
  /** Counts by facet name (every source's facets and `kind`). */
  facets: Partial<Record<string, FacetCount[]>>;
  /** A corrected query when some words were unknown and close spellings exist. */
  didYouMean: string | null;
  /** Words that were expanded to close spellings, with what they matched. */
  corrections: { word: string; alternatives: string[] }[];
  /** True when no document had every word, so documents with some of them are shown, most words first. */
  relaxed: boolean;
}
