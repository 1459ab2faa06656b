/**
 * The search port. Services and HTTP depend on this interface only; each engine (SQLite FTS5 here,
 * PostgreSQL later, any other behind the same contract) implements it. Engines index published
 * cases only, so nothing unpublished can reach a hit, a snippet, a facet count or a similar-case list.
 */
import type { FacetDef } from '../../../kernel/search/facet-registry.ts';
import type { ParsedQuery } from '../../../kernel/search/query-ast.ts';
import type { SearchResult } from '../../../kernel/search/search-engine.ts';
import type { FacetSelection } from './facet-index.ts';
import type { Snippet } from '../../../kernel/search/search-source.ts';
import type { WriteHook } from '../store/case-store.ts';
import type { CaseRecord } from '../domain/case-schema.ts';
import type { AggregatePart, CaseAggregates } from './aggregates.ts';

import type { SearchRequest as AnySearchRequest } from '../../../kernel/search/search-engine.ts';

export type { SearchSort, SearchHit, SearchResult } from '../../../kernel/search/search-engine.ts';
export type { FacetSelection, CaseAggregates, Snippet };

/** A search of the case search: the selection is typed by the case facets. */
export type SearchRequest = AnySearchRequest<FacetSelection>;

/** The cases of a search to aggregate: the same query and selection as a SearchRequest. */
export interface AggregateRequest {
  query: ParsedQuery;
  selection: FacetSelection;
  /** What to compute (default: everything); see AGGREGATE_PARTS. */
  parts?: readonly AggregatePart[];
}

/** Why a case is similar: the article 3 profile codes it shares, or the distinctive words of the facts. */
export type SameKind = 'same_purpose' | 'same_means' | 'same_sector' | 'same_act' | 'same_form';
export type SimilarReason = { kind: SameKind; values: string[] } | { kind: 'shared_words'; words: string[] };

export interface SimilarCase {
  id: string;
  score: number;
  /** Structured; no reason means "close in wording". */
  reasons: SimilarReason[];
  record: CaseRecord;
}

export interface SearchEngine {
  readonly name: string;
  /** The kinds of its sources. */
  kinds(): string[];
  /** Every source's facet declarations, once by name. */
  facetDeclarations(): readonly FacetDef<never>[];
  /** Keeps the index in step with a source's store (by kind), inside the store's write transaction. */
  writeHookFor(kind: string): WriteHook;
  /** Indexes changes of a source whose store has no write hook, in one transaction of their own. */
  apply<R>(
    kind: string,
    changes: readonly { id: string; before: R | undefined; after: R | undefined }[],
  ): Promise<void>;
  /**
   * Loads in-memory state (facet columns, vocabulary) from the database. `background`: when it must be read
   * from the tables (no current snapshot), the engine may read them while the server answers; until then
   * `ready()` is false and search and statistics answer UNAVAILABLE.
   */
  open(options?: { background?: boolean; pace?: () => Promise<unknown>; pageSize?: number }): Promise<void>;
  /** False while open() loads the state in the background. */
  ready(): boolean;
  search(req: SearchRequest): Promise<SearchResult>;
  similar(id: string, limit: number): Promise<SimilarCase[] | undefined>;
  /**
   * Figures over every published case the same request would find (total equal to `search`'s):
   * conjunctive facet counts, persons, verdict, victim and prison measures, flows. The definitions
   * are in aggregates.ts; the statistics service builds every table and chart from this one call.
   */
  aggregate(req: AggregateRequest): Promise<CaseAggregates>;
  /** Saves what makes the next start fast (a snapshot of in-memory state); call before closing the store. */
  close(): Promise<void>;
  /** Rebuilds the whole index from the store. */
  reindex(onProgress?: (done: number) => void): Promise<number>;
  stats(): { documents: number; facetBytes: number; vocabulary: number };
}
