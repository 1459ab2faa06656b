/**
 * A SearchSource is what a module contributes to the one search: a kind of record ('case'; later
 * 'provision', 'resource', 'activity'), how such a record becomes a generic document (the
 * projection), which of them the public index holds, how hits are hydrated for the public, the
 * store access the engines need (scan for a rebuild, attached full text, identifier lookup), the
 * snippet of a hit and the kind's facets, declared once (facet-registry.ts).
 *
 * Index rows are keyed by (kind, id). Each document gets a number of the engine's own (stable per
 * (kind, id), allocated on the first write the engine hears of, so numbers follow creation order)
 * which breaks score and date ties, as the store's sequence did before.
 *
 * Extensions: a source may carry an opaque per-document `payload` (the cases carry their
 * statistics figures). The engine stores it with the document and hands it to the source's
 * `slotColumns` so that aggregates are computed by the module over the same slots the facet counts
 * use; the kernel never reads it.
 */
import type { FacetDef } from './facet-registry.ts';
import type { FacetIndex, SlotColumns } from './facet-index.ts';
import type { ParsedQuery } from './query-ast.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Values selected per facet name (a union within a facet, facets intersect), and the year bounds. */
export type Selection = { readonly [facet: string]: readonly string[] | number | undefined } & {
  yearFrom?: number;
  yearTo?: number;
};

/** Text of one field as parts, each with the language whose analyser applies. */
export type TextParts = readonly (readonly [string | null | undefined, string])[];

/**
 * The generic document: the fields keep their BM25 weights (title 10, citation 8, summary 5,
 * authority 3, body 2, place 2, full text 1) and their query-language names (title:, facts: for the
 * summary, reasoning: for the body, court: for the authority, citation:).
 */
export interface SourceDocument {
  title: TextParts;
  summary: TextParts;
  body: TextParts;
  authority: TextParts;
  citation: TextParts;
  place: TextParts;
  /** Language of the attached full text (and fields that carry none). */
  language: string;
  /** Folded title for known-item lookup (kernel/search/title-key.ts). */
  titleKey: string;
  /** yyyymmdd, unknown parts 00; 0 when unknown. */
  date: number;
  /** Facet values, by facet name (empty lists may be left out). */
  facets: Readonly<Record<string, readonly string[]>>;
  /** Opaque to the kernel (see the module comment). */
  payload?: unknown;
}

/** Tokens to highlight in snippets. */
export interface MatchTerms {
  /** Analysed tokens of the positive query words and phrases. */
  stems: Set<string>;
  /** Folded prefixes of `word*` terms. */
  prefixes: string[];
}

export interface Snippet {
  /** The part of the record the text is from (cases: title, facts, reasoning, commentary, crossCutting, fulltext). */
  field: string;
  language: string | null;
  /** Plain text (never HTML). */
  text: string;
  /** [start, end) UTF-16 offsets in `text` of the matched words. */
  highlights: [number, number][];
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source has its own record type
export interface SearchSource<R = any> {
  readonly kind: string;
  /** The kind's facets (the `kind` facet is added by the engine). */
  readonly facets: readonly FacetDef<R>[];
  /** The record's id. */
  idOf(rec: R): string;
  /** Whether the public index holds it (published records only). */
  indexable(rec: R): boolean;
  /** The generic document of an indexable record and its attached full text. */
  document(rec: R, fulltext?: string): SourceDocument;
  /** Every record (the engine keeps the indexable ones), inside the rebuild's transaction `tx`. */
  scan(tx: unknown): AsyncIterable<R>;
  /**
   * Attached full text by id, read through `db`: the writing transaction when indexing, the
   * connection the search reads from when cutting snippets.
   */
  fulltext(ids: readonly string[], db: unknown): Promise<Map<string, string>>;
  /**
   * Optional: ids of records holding this folded identifier, for identifiers the document does not
   * carry. Identifiers given as `citation` parts need none: the index holds their keys (identifier.ts).
   */
  identified?(folded: string, db: unknown): Promise<string[]>;
  /** The records as the public may see them (published only; others are left out), by id. */
  hydrate(ids: readonly string[]): Promise<Map<string, R>>;
  /** The best passage of a hit for the matched words. */
  snippet(rec: R, terms: MatchTerms | null, fulltext: () => string | undefined): Snippet | null;

  // ---- optional extensions (the cases: statistics and similar cases) ----

  /** Columns kept beside the facet columns, fed each document's `payload` (one source at most). */
  slotColumns?(): SlotColumns;
  /** Figures over the documents a search matches (`slots`), computed by the module. */
  aggregate?(req: AggregateQuery, slots: Uint32Array, facets: FacetIndex): unknown;
  /** Records like the one with this id, best first (undefined when it is not indexed). */
  similar?(index: SimilarIndex, id: string, limit: number): Promise<unknown[] | undefined>;
}

/** The documents to aggregate: the query and selection of a search (a module may add options). */
export interface AggregateQuery {
  query: ParsedQuery;
  selection: Selection;
}

/** What an engine lends a source's `similar` hook: its index, read-only. */
export interface SimilarIndex {
  facets: FacetIndex;
  vocabulary: Vocabulary;
  /** The document number of an id of the source's kind. */
  seqOf(id: string): Promise<number | undefined>;
  /** The ids of document numbers (those still indexed). */
  idsOf(seqs: number[]): Promise<string[]>;
  /** The best `k` documents holding any of the tokens, with scores (higher is better). */
  top(tokens: string[], k: number): Promise<[number, number][]>;
}

/** Keeps derived data (the index) in step with a store: called inside the store's write transaction. */
export interface IndexWriteHook {
  onWrite(tx: unknown, change: { id: string; before: unknown; after: unknown }): Promise<void>;
  /** Once per transaction, inside it, after the last write (to flush batched derived data). */
  beforeCommit?(tx: unknown): Promise<void>;
  /** When the transaction rolled back (to drop state gathered by onWrite). */
  afterRollback?(): void;
  /** Once the transaction has committed (to refresh in-memory state). */
  afterCommit?(changedIds: readonly string[]): void;
}

/** A record change of one kind, as the engines index it. */
export interface SourceChange<R = unknown> {
  id: string;
  before: R | undefined;
  after: R | undefined;
}
