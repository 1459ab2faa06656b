/**
 * The PostgreSQL search engine: a GIN-indexed weighted tsvector for matching and ts_rank for
 * ranking; the rest is the shared engine core (engine-core.ts), so both engines answer alike.
 * Searches go to a read replica when one is configured and has this process's writes (see
 * ReplicaRouter), else to the primary.
 */
import type pg from 'pg';
import type { QueryExecutorProvider } from 'kysely';
import type { ReplicaRouter } from '../../db/postgres/replica-router.ts';
import type { IndexWriteHook, SearchSource } from '../search-source.ts';
import { facetNames, KIND_FACET } from '../facet-registry.ts';
import { FacetIndex } from '../facet-index.ts';
import type { QueryNode } from '../query-ast.ts';
import { EngineCore } from '../engine-core.ts';
import { MatchCache, type Matches } from '../match-cache.ts';
import { TsqueryCompiler, quoteLexeme } from './tsquery-compiler.ts';
import { PostgresIndex, RANK_WEIGHTS } from './postgres-index.ts';

/** What one search reads from: a pool, and whether its answers may be cached. */
interface Reader {
  db: pg.Pool;
  cache: boolean;
}

/** What the PostgreSQL engine needs of the store: its pools, its write lock and write transactions. */
export interface PostgresEngineStore {
  /** The primary. */
  readonly pool: pg.Pool;
  /** Where reads go (the primary or a replica that has caught up). */
  readonly router: Pick<ReplicaRouter, 'wrote' | 'readPool'>;
  /** Runs fn holding the store's write lock (one writer per process). */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T>;
  /** Write transactions on the primary (`trx` is handed to the sources). */
  readonly db: { transaction(): { execute<T>(fn: (trx: QueryExecutorProvider) => Promise<T>): Promise<T> } };
}

/**
 * The query a match is ranked by: its words joined by OR. ts_rank scores an AND query by how close
 * together the words stand, which says little for a few remembered words from different parts of a
 * summary (a case naming a defendant nine times near "Indonesia" outranked the case with his name in
 * its title); over OR it sums each word's weighted occurrences, like BM25 on SQLite. Matching stays
 * the AND query; phrases keep their <-> inside; a query with a negation is ranked as it is.
 */
export function rankingQuery(query: string): string {
  return query.includes('!') ? query : query.replace(/ & /g, ' | ');
}

/**
 * `tsv @@ query`, with the query behind a sub-select: the planner then cannot read the query's lexemes in its
 * statistics. For a frequent word it would estimate most rows and scan the table, which reads and decompresses
 * every document's tsvector to test the match; through the GIN index only the matches are read. At 100,000
 * cases ("victim", 81,510 matches, with ts_rank): 0.82-1.0 s by the scan, 0.49-0.67 s by the index; rare words
 * take the index either way (ADR 0002).
 */
function matches(param: string): string {
  return `tsv @@ (SELECT CAST(${param} AS tsquery))`;
}

export class PostgresSearch extends EngineCore<Reader> {
  readonly name = 'postgres-tsvector';
  readonly index: PostgresIndex;
  readonly cache: MatchCache;

  constructor(
    private readonly store: PostgresEngineStore,
    sources: readonly SearchSource[],
    cacheEntries = 256,
  ) {
    super(sources);
    this.cache = new MatchCache(cacheEntries);
    const fields = facetNames([...sources.map((src) => src.facets), [KIND_FACET]]);
    this.index = new PostgresIndex(store.pool, new FacetIndex(fields, EngineCore.slotColumnsOf(sources)));
  }

  /** The write hook of a source's store (other processes and this one follow the index by generation). */
  writeHookFor(kind: string): IndexWriteHook {
    return this.index.hook(this.source(kind));
  }

  /** Indexes changes of a source whose store has no write hook (one transaction of its own). */
  async apply<R>(kind: string, changes: readonly { id: string; before: R | undefined; after: R | undefined }[]) {
    const src = this.source(kind) as SearchSource<R>;
    await this.store.withWriteLock(() =>
      this.store.db.transaction().execute(async (trx) => {
        try {
          for (const c of changes) await this.index.write(trx, src, c.id, c.before, c.after);
          await this.index.flush(trx);
        } finally {
          this.index.discard();
        }
      }),
    );
    await this.store.router.wrote();
    await this.sync(this.store.pool);
  }

  async open(): Promise<void> {
    const rebuild = await this.index.ensureSchema();
    if (rebuild) await this.reindex();
    else await this.sync(this.store.pool);
  }

  async close(): Promise<void> {}

  stats() {
    return {
      documents: this.index.facets.size,
      facetBytes: this.index.facets.bytes(),
      vocabulary: this.index.vocabulary.size,
    };
  }

  async reindex(onProgress?: (done: number) => void): Promise<number> {
    let n = 0;
    await this.store.withWriteLock(() =>
      this.store.db.transaction().execute(async (trx) => {
        try {
          await this.index.clear(trx);
          for (const src of this.sources.values()) {
            for await (const rec of src.scan(trx)) {
              await this.index.write(trx, src, src.idOf(rec), undefined, rec);
              if (++n % 1000 === 0) onProgress?.(n);
            }
          }
          await this.index.flush(trx);
        } finally {
          this.index.discard();
        }
      }),
    );
    await this.store.router.wrote();
    await this.sync(this.store.pool);
    onProgress?.(n);
    return n;
  }

  /** Follows the database the search reads from; answers whether results from it may be cached. */
  private async sync(db: pg.Pool): Promise<boolean> {
    const before = this.index.generation;
    await this.index.refresh(db);
    if (this.index.generation !== before) {
      this.cache.clear();
      this.similarCache.clear();
    }
    return true;
  }

  protected async reader(): Promise<Reader> {
    const db = await this.store.router.readPool();
    await this.sync(db);
    return { db, cache: true };
  }

  /** Every document matching a tsquery with its rank (higher is better), cached. */
  protected run(r: Reader, query: string): Promise<Matches> {
    const compute = async () => {
      const res = await r.db.query({
        text: `SELECT seq, ts_rank('${RANK_WEIGHTS}', tsv, CAST($2 AS tsquery), 1) FROM search_docs
               WHERE ${matches('$1')}`,
        values: [query, rankingQuery(query)],
        rowMode: 'array',
      });
      const rows = res.rows as [number, number][];
      const seqs = new Uint32Array(rows.length);
      const scores = new Float64Array(rows.length);
      rows.forEach(([seq, s], i) => {
        seqs[i] = seq;
        scores[i] = s;
      });
      return { seqs, scores };
    };
    return r.cache ? this.cache.getAsync(query, compute) : compute();
  }

  /**
   * The readings of a corrected word in one statement (one round trip instead of one a reading): each
   * document's best ts_rank among the readings it matches (GREATEST skips the NULLs of the others).
   */
  protected override bestOf(r: Reader, exprs: string[]): Promise<Matches> {
    if (exprs.length < 2) return super.bestOf(r, exprs);
    const n = exprs.length;
    const q = (i: number) => `CAST($${i} AS tsquery)`;
    const rank = (i: number) => `ts_rank('${RANK_WEIGHTS}', tsv, ${q(n + i + 1)}, 1)`;
    const ranks = exprs.map((_, i) => `CASE WHEN tsv @@ ${q(i + 1)} THEN ${rank(i)} END`);
    const any = exprs.map((_, i) => q(i + 1)).join(' || ');
    const compute = async () => {
      const res = await r.db.query({
        text: `SELECT seq, GREATEST(${ranks.join(', ')}) FROM search_docs WHERE ${matches(any)}`,
        values: [...exprs, ...exprs.map(rankingQuery)],
        rowMode: 'array',
      });
      const rows = res.rows as [number, number][];
      return {
        seqs: Uint32Array.from(rows, (row) => Number(row[0])),
        scores: Float64Array.from(rows, (row) => row[1]),
      };
    };
    const key = `\u0000best\u0000${exprs.join('\u0000')}`;
    return r.cache ? this.cache.getAsync(key, compute) : compute();
  }

  /**
   * The documents matching a tsquery, without ts_rank: a set that only filters (excluded words,
   * exact spellings) needs no rank, and ranking reads every matching document's whole tsvector.
   */
  protected override async ids(r: Reader, query: string): Promise<Set<number>> {
    const scored = r.cache ? this.cache.peek(query) : undefined;
    if (scored) return new Set(scored.seqs);
    const compute = async () => {
      const res = await r.db.query({
        text: `SELECT seq FROM search_docs WHERE ${matches('$1')}`,
        values: [query],
        rowMode: 'array',
      });
      return { seqs: Uint32Array.from(res.rows as [number][], (row) => Number(row[0])), scores: new Float64Array(0) };
    };
    const key = `\u0000ids\u0000${query}`;
    return new Set((r.cache ? await this.cache.getAsync(key, compute) : await compute()).seqs);
  }

  // ---- the engine core's questions, answered by PostgreSQL ----

  protected get facets(): FacetIndex {
    return this.index.facets;
  }

  protected get vocabulary() {
    return this.index.vocabulary;
  }

  protected compile(node: QueryNode | null, expansions?: Map<string, string[]>) {
    return new TsqueryCompiler(expansions).compile(node);
  }

  protected or(parts: string[]): string {
    return parts.join(' | ');
  }

  protected score(rank: number): number {
    return rank;
  }

  protected async exactIds(r: Reader, expr: string | null): Promise<Set<number>> {
    return expr ? this.ids(r, expr) : new Set<number>();
  }

  /** One round trip: the documents holding any key, each flagged when it holds a whole-query key. */
  protected async byKeys(r: Reader, whole: string[], spans: string[]): Promise<Map<number, number>> {
    const any = (tokens: string[]) => tokens.map(quoteLexeme).join(' | ');
    const res = await r.db.query({
      text: `SELECT seq, $2::text IS NOT NULL AND tsv @@ CAST($2 AS tsquery) FROM search_docs
             WHERE ${matches('$1')}`,
      values: [any([...whole, ...spans]), whole.length ? any(whole) : null],
      rowMode: 'array',
    });
    return new Map((res.rows as [number, boolean][]).map(([seq, w]) => [Number(seq), w ? 255 : 254]));
  }

  protected async seqsOf(r: Reader, kind: string, ids: string[]): Promise<number[]> {
    const res = await r.db.query({
      text: 'SELECT seq FROM search_docs WHERE kind = $1 AND id = ANY($2::text[])',
      values: [kind, ids],
      rowMode: 'array',
    });
    return (res.rows as [number][]).map((row) => Number(row[0]));
  }

  /** (kind, id) of document numbers, in the same order (undefined where the document is gone). */
  protected async keysOf(r: Reader, seqs: number[]): Promise<({ kind: string; id: string } | undefined)[]> {
    if (!seqs.length) return [];
    const res = await r.db.query({
      text: 'SELECT seq, kind, id FROM search_docs WHERE seq = ANY($1::bigint[])',
      values: [seqs],
      rowMode: 'array',
    });
    const byseq = new Map((res.rows as [number, string, string][]).map(([s, kind, id]) => [Number(s), { kind, id }]));
    return seqs.map((s) => byseq.get(s));
  }

  protected db(r: Reader): unknown {
    return r.db;
  }

  protected async top(r: Reader, tokens: string[], k: number): Promise<[number, number][]> {
    const res = await r.db.query({
      text: `SELECT seq, ts_rank('${RANK_WEIGHTS}', tsv, CAST($1 AS tsquery), 1) AS s FROM search_docs
             WHERE ${matches('$1')} ORDER BY s DESC, seq LIMIT $2`,
      values: [tokens.map(quoteLexeme).join(' | '), k],
      rowMode: 'array',
    });
    return res.rows as [number, number][];
  }
}
