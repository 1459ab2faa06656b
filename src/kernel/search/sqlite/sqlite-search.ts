/**
 * The embedded search engine: SQLite FTS5 for matching and BM25 ranking; the rest is the shared
 * engine core (engine-core.ts): in-memory facet columns for filters and disjunctive counts, the
 * index's own vocabulary for spelling correction, snippets for the returned page only.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { AppError } from '../../errors.ts';
import type { IndexWriteHook, SearchSource } from '../search-source.ts';
import { facetNames, KIND_FACET } from '../facet-registry.ts';
import { FacetIndex } from '../facet-index.ts';
import type { QueryNode } from '../query-ast.ts';
import { EngineCore } from '../engine-core.ts';
import { FtsCompiler } from './fts-compiler.ts';
import { BM25_WEIGHTS, SqliteIndex, type IndexLimits } from './sqlite-index.ts';
import { MatchCache, type Matches } from '../match-cache.ts';
import { prepareCollect, prepareCollectIds } from './fts-collect.ts';
import { ftsPhrases } from './fts-phrases.ts';
import { PhraseStats } from './phrase-stats.ts';

/** Bytes the phrase statistics may hold (some 5 per row of a phrase): at 1,000,000 cases some eight frequent words. */
const PHRASE_BUDGET = 32 * 2 ** 20;

export { positiveWords, rewrite } from '../engine-core.ts';

/** What the SQLite engine needs of the store it shares a connection with: one write transaction. */
export interface SqliteEngineStore {
  /** Runs fn in one write transaction on the engine's connection (`tx` is handed to the sources). */
  transaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T>;
}

export class SqliteSearch extends EngineCore<null> {
  readonly name = 'sqlite-fts5';
  readonly index: SqliteIndex;
  private readonly stmt;
  readonly cache: MatchCache;
  /** BM25 of frequent phrases without FTS5 scoring every match; off when the match cache is (cacheEntries 0). */
  readonly phrases: PhraseStats;

  constructor(
    db: BetterSqlite3.Database,
    private readonly store: SqliteEngineStore,
    sources: readonly SearchSource[],
    cacheEntries = 256,
    /** Changes and terms in one transaction past which in-memory state is reloaded lazily (bulk imports). */
    limits?: IndexLimits,
  ) {
    super(sources);
    this.cache = new MatchCache(cacheEntries);
    const fields = facetNames([...sources.map((src) => src.facets), [KIND_FACET]]);
    this.index = new SqliteIndex(db, new FacetIndex(fields, EngineCore.slotColumnsOf(sources)), limits);
    const bm25 = `bm25(search_fts, ${BM25_WEIGHTS.join(', ')})`;
    const match = prepareCollect(db);
    this.phrases = new PhraseStats(db, match, cacheEntries === 0 ? 0 : PHRASE_BUDGET, (t) =>
      this.index.vocabulary.docFreq(t),
    );
    this.index.onCommit = (seqs) => this.phrases.noteWrites(seqs);
    this.stmt = {
      match,
      matchIds: prepareCollectIds(db),
      top: db
        .prepare<[string, number], [number, number]>(
          `SELECT rowid, ${bm25} AS s FROM search_fts WHERE search_fts MATCH ? ORDER BY s LIMIT ?`,
        )
        .raw(),
      keyOfSeq: db.prepare<[number], { kind: string; id: string }>('SELECT kind, id FROM search_docs WHERE seq = ?'),
      seqOf: db.prepare<[string, string], { seq: number }>('SELECT seq FROM search_docs WHERE kind = ? AND id = ?'),
    };
  }

  /** The write hook of a source's store; any committed change to the index invalidates cached matches. */
  writeHookFor(kind: string): IndexWriteHook {
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

  /**
   * Loads the in-memory state: from the snapshot when it is current, else from the tables (after a crash or
   * an import). `background`: the tables are read while the server already answers (search and statistics
   * answer UNAVAILABLE until the load ends; it is saved as the next snapshot then). `pace`, `pageSize`: see
   * loadGradually.
   */
  async open(options: { background?: boolean; pace?: () => Promise<unknown>; pageSize?: number } = {}): Promise<void> {
    await this.load(options);
    // A server (background: `palermo serve`) reads the row lengths of the phrase statistics once the state is
    // there; a command does not.
    if (!options.background) return;
    void this.loaded().then(() => {
      if (!this.closing.signal.aborted) void this.phrases.warmUp();
    });
  }

  private async load(options: { background?: boolean; pace?: () => Promise<unknown>; pageSize?: number }) {
    if (this.index.needsBuild()) await this.reindex();
    else if (this.index.loadSnapshot()) return;
    else if (options.background && this.index.canLoadGradually) {
      this.loading = this.index.loadGradually(this.closing.signal, options).then(
        () => {
          this.loading = null;
          this.index.saveSnapshot();
          this.invalidate();
        },
        (e: unknown) => {
          // Closed meanwhile: nothing to keep. Else the next search finds the state stale and loads it at once.
          this.loading = null;
          if (this.closing.signal.aborted) return;
          this.index.markStale();
          this.loadFailure = e;
        },
      );
    } else this.index.loadFromTables();
  }

  /** Aborted by close(): a background load still running stops at its next page. */
  private readonly closing = new AbortController();
  /** The background load of open(), while it runs. */
  private loading: Promise<void> | null = null;
  /** Why the last background load failed, if it did (for the log). */
  loadFailure: unknown = null;

  protected override isLoading(): boolean {
    return this.loading !== null;
  }

  /** Resolves when a background load started by open() has ended (at once if none runs). */
  async loaded(): Promise<void> {
    await this.loading;
  }

  async close(): Promise<void> {
    // A background load still running stops and is not saved half done: the next start reads the tables.
    this.closing.abort();
    this.phrases.stop();
    if (this.loading) return this.loading;
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
    this.phrases.reset();
    this.index.discard();
    this.index.load();
    this.index.saveSnapshot();
    this.invalidate();
    onProgress?.(n);
    return n;
  }

  // ---- the engine core's questions, answered by FTS5 ----

  protected get facets(): FacetIndex {
    return this.index.facets;
  }

  protected get vocabulary() {
    return this.index.vocabulary;
  }

  protected async reader(): Promise<null> {
    return null;
  }

  /** Every document matching an FTS5 expression with its BM25 (lower is better), cached. */
  protected async run(_r: null, expr: string): Promise<Matches> {
    return this.cache.get(expr, () => {
      try {
        return this.ranked(expr);
      } catch (e) {
        throw new AppError('INTERNAL', `search expression failed: ${(e as Error).message}`);
      }
    });
  }

  /** FTS5's matches with their BM25: from the phrase statistics when they pay, else from FTS5's bm25(). */
  private ranked(expr: string): Matches {
    const phrases = ftsPhrases(expr);
    if (phrases && this.phrases.mayScore(phrases)) {
      const seqs = this.phrases.union(phrases) ?? this.stmt.matchIds(expr);
      const scores = this.phrases.score(phrases, seqs);
      if (scores) return { seqs, scores };
    }
    return this.stmt.match(expr);
  }

  /**
   * The documents matching an expression, without scores: a set that only filters (excluded words,
   * exact spellings, keys) needs no BM25, which costs some four times the match itself.
   */
  protected override async ids(_r: null, expr: string): Promise<Set<number>> {
    const scored = this.cache.peek(expr);
    const seqs =
      scored?.seqs ??
      this.cache.get(`\u0000ids\u0000${expr}`, () => {
        try {
          return { seqs: this.stmt.matchIds(expr), scores: new Float64Array(0) };
        } catch (e) {
          throw new AppError('INTERNAL', `search expression failed: ${(e as Error).message}`);
        }
      }).seqs;
    return new Set(seqs);
  }

  protected compile(node: QueryNode | null, expansions?: Map<string, string[]>) {
    return new FtsCompiler(expansions).compile(node);
  }

  protected or(parts: string[]): string {
    return parts.join(' OR ');
  }

  protected score(bm25: number): number {
    return -bm25;
  }

  protected exactIds(r: null, expr: string | null): Promise<Set<number>> {
    return this.ids(r, expr ?? '""');
  }

  protected async byKeys(_r: null, whole: string[], spans: string[]): Promise<Map<number, number>> {
    const any = (tokens: string[]) => tokens.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR ');
    const out = new Map<number, number>();
    if (spans.length) for (const seq of await this.ids(null, any(spans))) out.set(seq, 254);
    if (whole.length) for (const seq of await this.ids(null, any(whole))) out.set(seq, 255);
    return out;
  }

  protected async seqsOf(_r: null, kind: string, ids: string[]): Promise<number[]> {
    return ids.flatMap((id) => {
      const seq = this.stmt.seqOf.get(kind, id)?.seq;
      return seq === undefined ? [] : [seq];
    });
  }

  protected async keysOf(_r: null, seqs: number[]) {
    return seqs.map((seq) => this.stmt.keyOfSeq.get(seq));
  }

  protected db(): unknown {
    return null;
  }

  protected async top(_r: null, tokens: string[], k: number): Promise<[number, number][]> {
    return this.stmt.top
      .all(tokens.map((t) => `"${t}"`).join(' OR '), k)
      .map(([seq, bm25]): [number, number] => [seq, -bm25]);
  }
}
