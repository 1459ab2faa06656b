/**
 * The embedded search engine: SQLite FTS5 for matching and BM25 ranking, in-memory facet columns
 * for filters and disjunctive counts, the index's own vocabulary for spelling correction, and
 * snippets computed for the returned page only.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../../../kernel/errors.ts';
import { foldIdentifier } from '../../domain/case-record.ts';
import type { CaseStore, WriteHook } from '../../store/case-store.ts';
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
import { FtsCompiler, plainWords } from './fts-compiler.ts';
import { BM25_WEIGHTS, SqliteIndex } from './sqlite-index.ts';
import { findSimilar } from './sqlite-similar.ts';
import { MatchCache, type Matches } from '../../../../kernel/search/match-cache.ts';

/**
 * A word found in no document is also matched by close spellings; so is a word found in at most
 * RARE documents when a close spelling is at least TIMES as frequent (a likely typo of a common word).
 */
const RARE = 2;
const TIMES = 10;

export class SqliteSearch implements SearchEngine {
  readonly name = 'sqlite-fts5';
  readonly index: SqliteIndex;
  private readonly stmt;
  readonly cache: MatchCache;
  /** Similar-case lists by case id; emptied by any committed index write, like the match cache. */
  private readonly similarCache = new Map<string, SimilarCase[]>();
  private readonly sources: Map<string, SearchSource>;

  constructor(
    db: BetterSqlite3.Database,
    private readonly store: CaseStore,
    sources: readonly SearchSource[],
    cacheEntries = 256,
    /** Changes in one transaction past which in-memory state is reloaded lazily (bulk imports). */
    pendingLimit?: number,
  ) {
    this.sources = new Map(sources.map((src) => [src.kind, src]));
    this.cache = new MatchCache(cacheEntries);
    const fields = facetNames([...sources.map((src) => src.facets), [KIND_FACET]]);
    this.index = new SqliteIndex(db, new FacetIndex(fields, () => new StatsColumns()), pendingLimit);
    this.stmt = {
      match: prepareCollect(db),
      top: db
        .prepare<[string, number], [number, number]>(
          `SELECT rowid, bm25(search_fts, ${BM25_WEIGHTS.join(', ')}) AS s FROM search_fts WHERE search_fts MATCH ? ORDER BY s LIMIT ?`,
        )
        .raw(),
      keyOfSeq: db.prepare<[number], { kind: string; id: string }>('SELECT kind, id FROM search_docs WHERE seq = ?'),
      seqOf: db.prepare<[string, string], { seq: number }>('SELECT seq FROM search_docs WHERE kind = ? AND id = ?'),
      byTitleKey: db.prepare<[string], [number]>('SELECT seq FROM search_docs WHERE title_key = ?').raw(),
    };
  }

  /** The write hook of a source's store; any committed change to the index invalidates cached matches. */
  writeHookFor(kind: string): WriteHook {
    const hook = this.index.hook(this.source(kind));
    return {
      ...hook,
      afterCommit: (changes) => {
        hook.afterCommit?.(changes);
        this.invalidate();
      },
    };
  }

  private invalidate(): void {
    this.cache.clear();
    this.similarCache.clear();
  }

  kinds(): string[] {
    return [...this.sources.keys()];
  }

  private source(kind: string): SearchSource {
    const src = this.sources.get(kind);
    if (!src) throw new Error(`no search source of kind '${kind}'`);
    return src;
  }

  /** Indexes changes of a source whose store has no write hook (one transaction of its own). */
  async apply<R>(kind: string, changes: readonly { id: string; before: R | undefined; after: R | undefined }[]) {
    const src = this.source(kind) as SearchSource<R>;
    await this.store.transaction(async (tx) => {
      for (const c of changes)
        await this.index.write(src, c.id, c.before, c.after, async () => (await src.fulltext([c.id], tx)).get(c.id));
      this.index.flush();
    });
    this.index.commit();
    this.invalidate();
  }

  async open(): Promise<void> {
    if (this.index.needsBuild()) await this.reindex();
    else this.index.load();
  }

  async close(): Promise<void> {
    this.index.saveSnapshot();
  }

  stats() {
    return {
      documents: this.index.facets.size,
      facetBytes: this.index.facets.bytes(),
      vocabulary: this.index.vocabulary.size,
    };
  }

  async reindex(onProgress?: (done: number) => void): Promise<number> {
    let n = 0;
    await this.store.transaction(async (tx) => {
      this.index.clear();
      for (const src of this.sources.values()) {
        for await (const rec of src.scan(tx)) {
          const id = src.idOf(rec);
          await this.index.write(src, id, undefined, rec, async () => (await src.fulltext([id], tx)).get(id));
          if (++n % 1000 === 0) onProgress?.(n);
        }
      }
      this.index.flush();
      this.index.markBuilt();
    });
    this.index.discard();
    this.index.load();
    this.index.saveSnapshot();
    this.invalidate();
    onProgress?.(n);
    return n;
  }

  /** Every document matching an FTS5 expression with its BM25 (lower is better), cached. */
  private run(expr: string): Matches {
    return this.cache.get(expr, () => {
      try {
        return this.stmt.match(expr);
      } catch (e) {
        throw new AppError('INTERNAL', `search expression failed: ${(e as Error).message}`);
      }
    });
  }

  private ids(expr: string): Set<number> {
    return new Set(this.run(expr).seqs);
  }

  /** Close spellings for rare words, from the index's own vocabulary. */
  private corrections(text: QueryNode | null) {
    const expansions = new Map<string, string[]>();
    const corrections: { word: string; alternatives: string[] }[] = [];
    const replace = new Map<string, string>();
    for (const w of plainWords(text)) {
      const df = Math.max(...w.tokens.map((t) => this.index.vocabulary.docFreq(t)));
      if (df > RARE) continue;
      const minDf = df === 0 ? 1 : Math.max(5, df * TIMES);
      const close = w.tokens
        .flatMap((t) => this.index.vocabulary.closeTo(t, minDf, 3))
        .sort((a, b) => a.distance - b.distance || b.df - a.df);
      const alternatives = [...new Set(close.map((c) => c.term))].slice(0, 3);
      if (!alternatives.length) continue;
      expansions.set(w.text, alternatives);
      corrections.push({ word: w.text, alternatives });
      replace.set(w.text, this.index.vocabulary.wordFor(alternatives[0]!));
    }
    return { expansions, corrections, replace };
  }

  /** Known items: a title or an identifier typed in full ranks first. */
  private async knownItems(text: QueryNode | null): Promise<Set<number>> {
    const words = positiveWords(text);
    if (!words || words.length > 16) return new Set();
    const joined = words.join(' ');
    const out = new Set<number>();
    const key = titleKey(joined);
    if (key) for (const [seq] of this.stmt.byTitleKey.all(key)) out.add(seq);
    const ident = foldIdentifier(joined);
    if (ident.length >= 3) {
      for (const src of this.sources.values()) {
        for (const id of await src.identified(ident, null)) {
          const seq = this.stmt.seqOf.get(src.kind, id)?.seq;
          if (seq !== undefined) out.add(seq);
        }
      }
    }
    return out;
  }

  private async candidates(req: SearchRequest, expansions: Map<string, string[]>) {
    const facets = this.index.facets;
    const compiled = new FtsCompiler(expansions).compile(req.query.text);
    const negative = compiled.negative ? this.ids(compiled.negative) : null;
    if (!compiled.positive) return { c: everyCandidate(facets, negative), compiled, relaxed: false };
    let rows = this.run(compiled.positive);
    let tierOf: (seq: number) => number;
    let relaxed = false;
    const parts = rows.seqs.length === 0 ? this.relaxable(req.query.text, expansions) : null;
    if (parts) {
      // No case has every word: take cases with any, ranked by how many of the words they hold.
      relaxed = true;
      rows = this.run(parts.map((p) => `(${p})`).join(' OR '));
      const coverage = new Map<number, number>();
      for (const p of parts) for (const seq of this.ids(p)) coverage.set(seq, (coverage.get(seq) ?? 0) + 1);
      tierOf = (seq) => Math.min(coverage.get(seq) ?? 0, 200);
    } else {
      const exact = expansions.size ? this.ids(new FtsCompiler().compile(req.query.text).positive ?? '""') : null;
      tierOf = (seq) => (!exact || exact.has(seq) ? 1 : 0);
    }
    const known = await this.knownItems(req.query.text);
    return { c: candidatesOf(facets, rows, known, negative, tierOf, (bm25) => -bm25), compiled, relaxed };
  }

  /** The positive parts of a plain AND query (two or more words or phrases), each compiled alone. */
  private relaxable(text: QueryNode | null, expansions: Map<string, string[]>): string[] | null {
    if (!text || text.type !== 'and') return null;
    const positives = text.children.filter((c) => c.type !== 'not');
    if (positives.length < 2) return null;
    const parts = positives.map((p) => new FtsCompiler(expansions).compile(p).positive).filter((p): p is string => !!p);
    return parts.length >= 2 ? parts : null;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    const facets = this.index.facets;
    const { expansions, corrections, replace } = this.corrections(req.query.text);
    const { c, compiled, relaxed } = await this.candidates(req, expansions);
    const selection = mergeSelection(req.selection, req.query.filters);
    const { passing, counts } = facets.evaluate(c.slots, selection, req.facets);
    const order = hitOrder(req, c, facets);
    const page = topK(passing, req.limit + 1, order.before, order.isAfter);
    const more = page.length > req.limit;
    const shown = page.slice(0, req.limit);
    const keys = shown.map((k) => this.stmt.keyOfSeq.get(facets.seqOf(c.slots[k]!))!);
    const hits = await hydrate(this.sources, keys, shown, c, compiled.terms, (src, ids) => src.fulltext(ids, null));
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

  async aggregate(req: AggregateRequest): Promise<CaseAggregates> {
    const facets = this.index.facets;
    const { expansions } = this.corrections(req.query.text);
    const { c } = await this.candidates({ ...req, sort: 'date_desc', limit: 0, facets: false }, expansions);
    return aggregateMatches(req, c.slots, facets);
  }

  async similar(id: string, limit: number): Promise<SimilarCase[] | undefined> {
    const key = `${id}\u0000${limit}`;
    const cached = this.similarCache.get(key);
    if (cached) return cached;
    const top = (tokens: string[], k: number) =>
      this.stmt.top
        .all(tokens.map((t) => `"${t}"`).join(' OR '), k)
        .map(([seq, bm25]): [number, number] => [seq, -bm25]);
    const found = await findSimilar(
      {
        seqOf: (i) => this.stmt.seqOf.get('case', i)?.seq,
        idsOf: (seqs) => seqs.map((seq) => this.stmt.keyOfSeq.get(seq)!.id),
        store: this.store,
        index: this.index,
        top,
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

/**
 * Every match with its BM25, collected by an aggregate function straight into typed arrays:
 * materialising one JavaScript row per match cost about twice as much as the ranking itself.
 */
function prepareCollect(db: BetterSqlite3.Database): (expr: string) => Matches {
  let seqs = new Uint32Array(1024);
  let scores = new Float64Array(1024);
  let n = 0;
  db.aggregate('palermo_collect', {
    start: 0,
    step: ((_acc: number, seq: number, score: number) => {
      if (n === seqs.length) {
        const s2 = new Uint32Array(n * 2);
        s2.set(seqs);
        seqs = s2;
        const c2 = new Float64Array(n * 2);
        c2.set(scores);
        scores = c2;
      }
      seqs[n] = seq;
      scores[n] = score;
      n++;
      return 0;
    }) as unknown as (total: number, next: number) => number,
  });
  const stmt = db.prepare(
    `SELECT palermo_collect(r, s) FROM (SELECT rowid AS r, bm25(search_fts, ${BM25_WEIGHTS.join(', ')}) AS s FROM search_fts WHERE search_fts MATCH ? LIMIT -1)`,
  );
  return (expr) => {
    n = 0;
    stmt.get(expr);
    return { seqs: seqs.slice(0, n), scores: scores.slice(0, n) };
  };
}

/** The words of a query that is only an AND of positive words and phrases (for known-item lookup). */
export function positiveWords(node: QueryNode | null): string[] | null {
  if (!node) return null;
  if (
    node.type === 'term' &&
    !node.prefix &&
    (node.field === 'any' || node.field === 'title' || node.field === 'citation')
  )
    return [node.text];
  if (node.type === 'phrase' && node.field !== 'court') return [node.text];
  if (node.type === 'and') {
    const parts = node.children.map(positiveWords);
    return parts.every((p) => p) ? (parts.flat() as string[]) : null;
  }
  return null;
}

/** The tree with corrected words, for "did you mean". */
export function rewrite(node: QueryNode | null, replace: Map<string, string>): QueryNode | null {
  if (!node) return null;
  switch (node.type) {
    case 'term':
      return replace.has(node.text) ? { ...node, text: replace.get(node.text)! } : node;
    case 'phrase':
      return node;
    case 'not':
      return { ...node, child: rewrite(node.child, replace)! };
    default:
      return { ...node, children: node.children.map((c) => rewrite(c, replace)!) };
  }
}
