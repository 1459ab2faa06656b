/**
 * The PostgreSQL search engine: a GIN-indexed weighted tsvector for matching and ts_rank for
 * ranking, the shared in-memory facet columns for filters and disjunctive counts, the index's own
 * vocabulary for spelling correction, snippets for the returned page only. Searches go to a read
 * replica when one is configured and has this process's writes (see ReplicaRouter), else to the primary.
 * The query logic mirrors the SQLite engine step by step, so that both answer alike.
 */
import type pg from 'pg';
import { foldIdentifier } from '../../domain/case-record.ts';
import type { WriteHook } from '../../store/case-store.ts';
import type { PostgresStore } from '../../store/postgres/postgres-store.ts';
import type { SearchSource } from '../../../../kernel/search/search-source.ts';
import { facetNames, KIND_FACET } from '../../../../kernel/search/facet-registry.ts';
import { FacetIndex } from '../facet-index.ts';
import { StatsColumns } from '../stats-columns.ts';
import type { QueryNode } from '../query-ast.ts';
import { formatQuery } from '../query-parser.ts';
import type { FacetField } from '../facet-fields.ts';
import { titleKey } from '../../../../kernel/search/title-key.ts';
import type {
  AggregateRequest,
  CaseAggregates,
  SearchEngine,
  SearchHit,
  SearchRequest,
  SearchResult,
  SimilarCase,
} from '../search-engine.ts';
import { mergeSelection } from '../selection.ts';
import { topK } from '../../../../kernel/search/top-k.ts';
import { aggregateMatches, candidatesOf, everyCandidate, hitOrder, hydrate } from '../hit-order.ts';
import { MatchCache, type Matches } from '../../../../kernel/search/match-cache.ts';
import { plainWords } from '../sqlite/fts-compiler.ts';
import { positiveWords, rewrite } from '../sqlite/sqlite-search.ts';
import { findSimilar } from '../sqlite/sqlite-similar.ts';
import { TsqueryCompiler, quoteLexeme } from './tsquery-compiler.ts';
import { PostgresIndex, RANK_WEIGHTS } from './postgres-index.ts';

const RARE = 2;
const TIMES = 10;

/** What one search reads from: a pool, and whether its answers may be cached. */
interface Reader {
  db: pg.Pool;
  cache: boolean;
}

export class PostgresSearch implements SearchEngine {
  readonly name = 'postgres-tsvector';
  readonly index: PostgresIndex;
  readonly cache: MatchCache;
  private readonly similarCache = new Map<string, SimilarCase[]>();
  private readonly sources: Map<string, SearchSource>;

  constructor(
    private readonly store: PostgresStore,
    sources: readonly SearchSource[],
    cacheEntries = 256,
  ) {
    this.sources = new Map(sources.map((src) => [src.kind, src]));
    this.cache = new MatchCache(cacheEntries);
    const fields = facetNames([...sources.map((src) => src.facets), [KIND_FACET]]);
    this.index = new PostgresIndex(store.pool, new FacetIndex(fields, () => new StatsColumns()));
  }

  kinds(): string[] {
    return [...this.sources.keys()];
  }

  private source(kind: string): SearchSource {
    const src = this.sources.get(kind);
    if (!src) throw new Error(`no search source of kind '${kind}'`);
    return src;
  }

  /** The write hook of a source's store (other processes and this one follow the index by generation). */
  writeHookFor(kind: string): WriteHook {
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

  private async reader(): Promise<Reader> {
    const db = await this.store.router.readPool();
    await this.sync(db);
    return { db, cache: true };
  }

  /** Every document matching a tsquery with its rank (higher is better), cached. */
  private run(r: Reader, query: string): Promise<Matches> {
    const compute = async () => {
      const res = await r.db.query({
        text: `SELECT seq, ts_rank('${RANK_WEIGHTS}', tsv, q, 1) FROM search_docs, CAST($1 AS tsquery) AS q WHERE tsv @@ q`,
        values: [query],
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

  private async ids(r: Reader, query: string): Promise<Set<number>> {
    return new Set((await this.run(r, query)).seqs);
  }

  private corrections(text: QueryNode | null) {
    const vocab = this.index.vocabulary;
    const expansions = new Map<string, string[]>();
    const corrections: { word: string; alternatives: string[] }[] = [];
    const replace = new Map<string, string>();
    for (const w of plainWords(text)) {
      const df = Math.max(...w.tokens.map((t) => vocab.docFreq(t)));
      if (df > RARE) continue;
      const minDf = df === 0 ? 1 : Math.max(5, df * TIMES);
      const close = w.tokens
        .flatMap((t) => vocab.closeTo(t, minDf, 3))
        .sort((a, b) => a.distance - b.distance || b.df - a.df);
      const alternatives = [...new Set(close.map((c) => c.term))].slice(0, 3);
      if (!alternatives.length) continue;
      expansions.set(w.text, alternatives);
      corrections.push({ word: w.text, alternatives });
      replace.set(w.text, vocab.wordFor(alternatives[0]!));
    }
    return { expansions, corrections, replace };
  }

  /** Known items: a title or an identifier typed in full ranks first. */
  private async knownItems(r: Reader, text: QueryNode | null): Promise<Set<number>> {
    const words = positiveWords(text);
    if (!words || words.length > 16) return new Set();
    const joined = words.join(' ');
    const key = titleKey(joined) || null;
    const ident = foldIdentifier(joined);
    const byTitle = r.db.query({
      text: 'SELECT seq FROM search_docs WHERE title_key = $1',
      values: [key],
      rowMode: 'array',
    });
    const byIdent = ident.length >= 3 ? this.identified(r, ident) : Promise.resolve([]);
    const [titled, identified] = await Promise.all([byTitle, byIdent]);
    return new Set([...(titled.rows as [number][]).map((row) => Number(row[0])), ...identified]);
  }

  /** Documents of every source holding this folded identifier. */
  private async identified(r: Reader, ident: string): Promise<number[]> {
    const out: number[] = [];
    for (const src of this.sources.values()) {
      const ids = await src.identified(ident, r.db);
      if (!ids.length) continue;
      const res = await r.db.query({
        text: 'SELECT seq FROM search_docs WHERE kind = $1 AND id = ANY($2::text[])',
        values: [src.kind, ids],
        rowMode: 'array',
      });
      for (const [seq] of res.rows as [number][]) out.push(Number(seq));
    }
    return out;
  }

  private async candidates(r: Reader, req: SearchRequest, expansions: Map<string, string[]>) {
    const facets = this.index.facets;
    const compiled = new TsqueryCompiler(expansions).compile(req.query.text);
    const negative = compiled.negative ? await this.ids(r, compiled.negative) : null;
    if (!compiled.positive) return { c: everyCandidate(facets, negative), compiled, relaxed: false };
    let rows = await this.run(r, compiled.positive);
    let tierOf: (seq: number) => number;
    let relaxed = false;
    const parts = rows.seqs.length === 0 ? this.relaxable(req.query.text, expansions) : null;
    if (parts) {
      relaxed = true;
      rows = await this.run(r, parts.map((p) => `(${p})`).join(' | '));
      const coverage = new Map<number, number>();
      for (const p of parts) for (const seq of await this.ids(r, p)) coverage.set(seq, (coverage.get(seq) ?? 0) + 1);
      tierOf = (seq) => Math.min(coverage.get(seq) ?? 0, 200);
    } else {
      const exactQuery = new TsqueryCompiler().compile(req.query.text).positive;
      const exact = expansions.size ? (exactQuery ? await this.ids(r, exactQuery) : new Set<number>()) : null;
      tierOf = (seq) => (!exact || exact.has(seq) ? 1 : 0);
    }
    const known = await this.knownItems(r, req.query.text);
    return { c: candidatesOf(facets, rows, known, negative, tierOf), compiled, relaxed };
  }

  private relaxable(text: QueryNode | null, expansions: Map<string, string[]>): string[] | null {
    if (!text || text.type !== 'and') return null;
    const positives = text.children.filter((c) => c.type !== 'not');
    if (positives.length < 2) return null;
    const parts = positives
      .map((p) => new TsqueryCompiler(expansions).compile(p).positive)
      .filter((p): p is string => !!p);
    return parts.length >= 2 ? parts : null;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const r = await this.reader();
    const facets = this.index.facets;
    const { expansions, corrections, replace } = this.corrections(req.query.text);
    const { c, compiled, relaxed } = await this.candidates(r, req, expansions);
    const selection = mergeSelection(req.selection, req.query.filters);
    const { passing, counts } = facets.evaluate(c.slots, selection, req.facets);
    const order = hitOrder(req, c, facets);
    const page = topK(passing, req.limit + 1, order.before, order.isAfter);
    const more = page.length > req.limit;
    const shown = page.slice(0, req.limit);
    const keys = await this.keysOf(
      r.db,
      shown.map((k) => facets.seqOf(c.slots[k]!)),
    );
    const hits = await hydrate(this.sources, keys, shown, c, compiled.terms, (src, ids) => src.fulltext(ids, r.db));
    const last = shown[shown.length - 1];
    return {
      total: passing.length,
      hits,
      nextKey: more && last !== undefined ? order.key(last) : null,
      facets: req.facets
        ? (Object.fromEntries(counts) as Partial<Record<FacetField, { value: string; count: number }[]>>)
        : {},
      didYouMean: replace.size ? formatQuery({ ...req.query, text: rewrite(req.query.text, replace) }) : null,
      corrections,
      relaxed,
    };
  }

  /** The same figures as the SQLite engine: the shared facet and statistics columns over the matches. */
  async aggregate(req: AggregateRequest): Promise<CaseAggregates> {
    const r = await this.reader();
    const facets = this.index.facets;
    const { expansions } = this.corrections(req.query.text);
    const { c } = await this.candidates(r, { ...req, sort: 'date_desc', limit: 0, facets: false }, expansions);
    return aggregateMatches(req, c.slots, facets);
  }

  /** (kind, id) of document numbers, in the same order (undefined where the document is gone). */
  private async keysOf(db: pg.Pool, seqs: number[]): Promise<({ kind: string; id: string } | undefined)[]> {
    if (!seqs.length) return [];
    const res = await db.query({
      text: 'SELECT seq, kind, id FROM search_docs WHERE seq = ANY($1::bigint[])',
      values: [seqs],
      rowMode: 'array',
    });
    const byseq = new Map((res.rows as [number, string, string][]).map(([s, kind, id]) => [Number(s), { kind, id }]));
    return seqs.map((s) => byseq.get(s));
  }

  async similar(id: string, limit: number): Promise<SimilarCase[] | undefined> {
    const r = await this.reader();
    const key = `${id}\u0000${limit}`;
    const cached = this.similarCache.get(key);
    if (cached) return cached;
    const found = await findSimilar(
      {
        seqOf: async (i) => {
          const res = await r.db.query({
            text: "SELECT seq FROM search_docs WHERE kind = 'case' AND id = $1",
            values: [i],
            rowMode: 'array',
          });
          return (res.rows as [number][])[0]?.[0];
        },
        idsOf: async (seqs) => (await this.keysOf(r.db, seqs)).flatMap((x) => (x ? [x.id] : [])),
        store: this.store,
        index: this.index,
        top: async (tokens, k) => {
          const q = tokens.map(quoteLexeme).join(' | ');
          const res = await r.db.query({
            text: `SELECT seq, ts_rank('${RANK_WEIGHTS}', tsv, q, 1) AS s FROM search_docs, CAST($1 AS tsquery) AS q WHERE tsv @@ q ORDER BY s DESC, seq LIMIT $2`,
            values: [q, k],
            rowMode: 'array',
          });
          return res.rows as [number, number][];
        },
      },
      id,
      limit,
    );
    if (found) {
      if (this.similarCache.size >= 2000) this.similarCache.clear();
      this.similarCache.set(key, found);
    }
    return found;
  }
}
