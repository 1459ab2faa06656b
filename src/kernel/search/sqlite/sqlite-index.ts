/**
 * The SQLite search index: an FTS5 table of pre-analysed tokens (contentless: the text lives once,
 * in the sources' tables), a `search_docs` table keyed by (kind, id) (facet values, date, title key,
 * the source's payload), `search_keys` (the document number of every (kind, id) the index has heard
 * of, in first-write order: it breaks ties) and `search_terms` (document frequencies). Writes run
 * inside the store's transaction on the same connection, so the index
 * commits with the case or not at all; in-memory state (facet columns, vocabulary) is updated only
 * after commit.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { FacetIndex } from '../facet-index.ts';
import { Vocabulary } from '../vocabulary.ts';
import { analyseDocument, type SearchDocument } from '../search-document.ts';
import type { IndexWriteHook, SearchSource } from '../search-source.ts';
import { FTS_COLUMNS } from './fts-compiler.ts';
import { StateReader, type GradualOptions } from './sqlite-state-reader.ts';

/** Bump to rebuild every index on the next start (analysis or schema changed). 7: identifier keys. */
export const INDEX_VERSION = '7';
/**
 * Field weights of BM25, in FTS_COLUMNS order: title > facts > reasoning/commentary > full text;
 * identifiers high (a citation typed is a known item), court and jurisdiction names low.
 */
export const BM25_WEIGHTS = [10, 5, 2, 1, 3, 8, 2];

const SCHEMA = [
  `CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(${FTS_COLUMNS.join(', ')}, content='',
     contentless_delete=1, tokenize="ascii", detail=full)`,
  `CREATE TABLE IF NOT EXISTS search_docs (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, id TEXT NOT NULL,
     date INTEGER NOT NULL, title_key TEXT NOT NULL, facets TEXT NOT NULL, payload TEXT, UNIQUE (kind, id))`,
  `CREATE TABLE IF NOT EXISTS search_keys (seq INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, id TEXT NOT NULL,
     UNIQUE (kind, id))`,
  `CREATE INDEX IF NOT EXISTS search_docs_title_key ON search_docs(title_key)`,
  `CREATE TABLE IF NOT EXISTS search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, word TEXT) WITHOUT ROWID`,
  `CREATE TABLE IF NOT EXISTS search_snapshot (id INTEGER PRIMARY KEY CHECK (id = 1), generation INTEGER NOT NULL,
     facets BLOB NOT NULL, vocabulary TEXT NOT NULL)`,
];
const DROP = [
  'DROP TABLE IF EXISTS search_fts',
  'DROP TABLE IF EXISTS search_docs',
  'DROP TABLE IF EXISTS search_terms',
  'DROP TABLE IF EXISTS search_snapshot',
  'DROP TABLE IF EXISTS search_keys',
];

interface Pending {
  seq: number;
  facets: { date: number; values: SearchDocument['facets']; payload: unknown } | null;
}

/** Past this many changes in one transaction, facets are reloaded from the table after commit. */
const PENDING_LIMIT = 20_000;
/**
 * Past this many distinct terms with document-frequency changes in one transaction, the changes are written to
 * search_terms and the map starts again (and the vocabulary is reloaded after commit, as past PENDING_LIMIT): a
 * bulk import's memory then does not grow with its vocabulary (2.2 million terms at 1,000,000 generated cases).
 */
const TERM_LIMIT = 100_000;

/** How much one transaction's changes may hold in memory before they go to the tables (tests lower them). */
export interface IndexLimits {
  pending?: number;
  terms?: number;
}

export class SqliteIndex {
  private readonly vocab = new Vocabulary();
  /**
   * True after a transaction too large to follow change by change (a bulk import): the in-memory
   * state is reloaded from the tables on first use, not at once, so an import process never holds
   * it (its peak memory stays that of the import).
   */
  private stale = false;
  private deltas = new Map<string, number>();
  private surfaces = new Map<string, string>();
  /** True when a term change written in this transaction was a decrease (terms at 0 are then pruned). */
  private decreased = false;
  private pending = new Map<string, Pending>();
  /** More changes than PENDING_LIMIT: reload after commit rather than hold them all. */
  private overflow = false;
  /**
   * While the state loads in the background (loadGradually): the changes committed since its read began,
   * applied when it ends; null when no load runs; 'reload' when they were too many to hold.
   */
  private backlog:
    | { pending: Pending[]; deltas: Map<string, number>; surfaces: Map<string, string> }[]
    | 'reload'
    | null = null;
  private readonly stmt;
  private readonly reader: StateReader;
  private readonly pendingLimit: number;
  private readonly termLimit: number;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly facetIndex: FacetIndex,
    limits: IndexLimits = {},
  ) {
    this.pendingLimit = limits.pending ?? PENDING_LIMIT;
    this.termLimit = limits.terms ?? TERM_LIMIT;
    this.ensureSchema();
    this.reader = new StateReader(db, facetIndex, this.vocab);
    this.stmt = {
      keyAdd: db.prepare<[string, string]>('INSERT OR IGNORE INTO search_keys(kind, id) VALUES (?, ?)'),
      keyOf: db.prepare<[string, string], { seq: number }>('SELECT seq FROM search_keys WHERE kind = ? AND id = ?'),
      keyDelete: db.prepare<[string, string]>('DELETE FROM search_keys WHERE kind = ? AND id = ?'),
      indexedSeq: db.prepare<[string, string], { seq: number }>(
        'SELECT seq FROM search_docs WHERE kind = ? AND id = ?',
      ),
      ftsInsert: db.prepare(`INSERT INTO search_fts(rowid, ${FTS_COLUMNS.join(', ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
      ftsDelete: db.prepare('DELETE FROM search_fts WHERE rowid = ?'),
      docUpsert: db.prepare(
        'INSERT INTO search_docs(seq, kind, id, date, title_key, facets, payload) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      docDelete: db.prepare('DELETE FROM search_docs WHERE seq = ?'),
      termAdd: db.prepare(
        'INSERT INTO search_terms(term, df, word) VALUES (?, ?, ?) ON CONFLICT(term) ' +
          'DO UPDATE SET df = df + excluded.df, word = coalesce(word, excluded.word)',
      ),
      termPrune: db.prepare('DELETE FROM search_terms WHERE df <= 0'),
    };
  }

  private ensureSchema(): void {
    const version = this.db
      .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'search_index_version'")
      .get();
    if (version && version.value !== INDEX_VERSION) for (const s of DROP) this.db.exec(s);
    for (const s of SCHEMA) this.db.exec(s);
  }

  /** True when the index was (re)created empty while the store holds cases: a reindex is due. */
  needsBuild(): boolean {
    const version = this.db
      .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'search_index_version'")
      .get();
    return version?.value !== INDEX_VERSION;
  }

  markBuilt(): void {
    this.db
      .prepare(
        "INSERT INTO meta(key, value) VALUES ('search_index_version', ?) " +
          'ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(INDEX_VERSION);
  }

  /** The index's generation: bumped by every transaction that changes it. */
  private generation(): number {
    return Number(
      this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'search_generation'").get()?.value ??
        0,
    );
  }

  private bumpGeneration(): void {
    this.db
      .prepare(
        "INSERT INTO meta(key, value) VALUES ('search_generation', '1') " +
          'ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1',
      )
      .run();
  }

  /** The facet columns, loaded first if a bulk transaction left them stale. */
  get facets(): FacetIndex {
    this.ensureLoaded();
    return this.facetIndex;
  }

  get vocabulary(): Vocabulary {
    this.ensureLoaded();
    return this.vocab;
  }

  private ensureLoaded(): void {
    if (!this.stale) return;
    this.stale = false;
    this.reader.tables();
  }

  /**
   * Saves the in-memory state for the next start (on shutdown and after a rebuild). State never
   * loaded since a bulk write is not loaded just to be saved: the snapshot is dropped instead, and
   * the next start reads the tables.
   */
  saveSnapshot(): void {
    if (this.stale) {
      this.db.prepare('DELETE FROM search_snapshot').run();
      return;
    }
    this.db
      .prepare('INSERT OR REPLACE INTO search_snapshot(id, generation, facets, vocabulary) VALUES (1, ?, ?, ?)')
      .run(this.generation(), this.facetIndex.serialize(), this.vocab.serialize());
  }

  /** How the last start loaded its state, for tests and the benchmark. */
  lastLoad: 'snapshot' | 'tables' | null = null;

  /** Loads the state: from the snapshot when it is of the current generation (one read), else from the tables. */
  load(): 'snapshot' | 'tables' {
    if (!this.loadSnapshot()) this.loadFromTables();
    return this.lastLoad!;
  }

  /** Loads the state from the tables at once (every document's facets parsed). */
  loadFromTables(): void {
    this.stale = false;
    this.reader.tables();
    this.lastLoad = 'tables';
  }

  /** Loads the snapshot when it is of the current generation; false (nothing loaded) when it is not. */
  loadSnapshot(): boolean {
    this.stale = false;
    if (!this.reader.snapshot(this.generation())) return false;
    this.lastLoad = 'snapshot';
    return true;
  }

  /** The state is reloaded from the tables on first use. */
  markStale(): void {
    this.stale = true;
  }

  /** True when the database is a file another connection can read (loadGradually needs one). */
  get canLoadGradually(): boolean {
    return this.reader.canReadGradually;
  }

  /**
   * Loads the state from the tables while the server answers (StateReader.gradually: at a million cases about
   * half a minute). Changes committed meanwhile are kept and applied at its end. The caller must not use the
   * state before the promise resolves.
   */
  async loadGradually(signal?: AbortSignal, options?: GradualOptions): Promise<void> {
    try {
      await this.reader.gradually(
        () => {
          this.backlog = [];
          this.stale = false;
        },
        signal,
        options,
      );
    } catch (e) {
      this.backlog = null;
      this.stale = true;
      throw e;
    }
    this.catchUp();
    this.lastLoad = 'tables';
  }

  /** Applies what was committed during loadGradually (or reloads on first use, when that was too much). */
  private catchUp(): void {
    const backlog = this.backlog;
    this.backlog = null;
    if (backlog === 'reload') {
      this.stale = true;
      return;
    }
    for (const b of backlog ?? []) this.applyChanges(b.pending, b.deltas, b.surfaces);
  }

  private addDelta(tokens: Set<string>, sign: 1 | -1): void {
    for (const t of tokens) this.deltas.set(t, (this.deltas.get(t) ?? 0) + sign);
  }

  /**
   * Indexes (or unindexes) one record of a source; runs inside the caller's transaction. `fulltext`
   * is read only when the record is indexable.
   */
  async write<R>(
    source: SearchSource<R>,
    id: string,
    before: R | undefined,
    after: R | undefined,
    fulltext: () => Promise<string | undefined>,
  ): Promise<void> {
    const kind = source.kind;
    const key = `${kind}\u0000${id}`;
    const indexed = this.stmt.indexedSeq.get(kind, id);
    if (indexed) {
      this.stmt.ftsDelete.run(indexed.seq);
      this.stmt.docDelete.run(indexed.seq);
      if (before) this.addDelta(analyseDocument(source.document(before)).tokens, -1);
      this.remember(key, { seq: indexed.seq, facets: null });
    }
    if (!after) {
      this.stmt.keyDelete.run(kind, id);
      return;
    }
    // Every record gets its number at its first write, published or not: numbers follow creation order.
    this.stmt.keyAdd.run(kind, id);
    if (!source.indexable(after)) return;
    const seq = this.stmt.keyOf.get(kind, id)!.seq;
    const doc = analyseDocument(source.document(after), await fulltext());
    const c = doc.columns;
    const values = { ...doc.facets, kind: [kind] };
    this.stmt.ftsInsert.run(seq, c.title, c.facts, c.reasoning, c.fulltext, c.court, c.citation, c.place);
    const payload = doc.payload === undefined ? null : JSON.stringify(doc.payload);
    this.stmt.docUpsert.run(seq, kind, id, doc.date, doc.titleKey, JSON.stringify(values), payload);
    this.addDelta(doc.tokens, 1);
    for (const [t, w] of doc.surfaces) if (!this.surfaces.has(t)) this.surfaces.set(t, w);
    this.remember(key, { seq, facets: { date: doc.date, values, payload: doc.payload } });
    if (this.deltas.size > this.termLimit) this.spill();
  }

  /** Writes the term changes held so far and starts again; the in-memory state then reloads after commit. */
  private spill(): void {
    this.writeDeltas();
    this.deltas = new Map();
    this.surfaces = new Map();
    this.stopFollowing();
  }

  /** Too much in one transaction to follow change by change: drop the pending changes, reload after commit. */
  private stopFollowing(): void {
    this.overflow = true;
    this.pending = new Map();
  }

  private writeDeltas(): void {
    for (const [term, d] of this.deltas) {
      if (d !== 0) this.stmt.termAdd.run(term, d, this.surfaces.get(term) ?? null);
      if (d < 0) this.decreased = true;
    }
  }

  private remember(id: string, p: Pending): void {
    if (this.overflow) return;
    this.pending.set(id, p);
    if (this.pending.size > this.pendingLimit) this.stopFollowing();
  }

  /** Writes the batched document-frequency changes; inside the transaction. */
  flush(): void {
    this.bumpGeneration();
    this.writeDeltas();
    if (this.decreased) this.stmt.termPrune.run();
  }

  /** Told after each commit which document numbers it wrote ('all': too many to list). */
  onCommit: ((seqs: number[] | 'all') => void) | null = null;

  /** After commit: the in-memory state follows the database. */
  commit(): void {
    this.onCommit?.(this.overflow ? 'all' : [...this.pending.values()].map((p) => p.seq));
    if (this.backlog) {
      // A background load runs: keep the changes for its end (or reload then, if they are too many).
      if (this.overflow || this.backlog === 'reload') this.backlog = 'reload';
      else this.backlog.push({ pending: [...this.pending.values()], deltas: this.deltas, surfaces: this.surfaces });
      this.discard();
      return;
    }
    // Too many changes to apply one by one, or state already waiting for a reload (which will
    // include this transaction): reload from the tables on first use.
    if (this.overflow || this.stale) {
      this.discard();
      this.stale = true;
      return;
    }
    this.applyChanges(this.pending.values(), this.deltas, this.surfaces);
    this.discard();
  }

  private applyChanges(pending: Iterable<Pending>, deltas: Map<string, number>, surfaces: Map<string, string>): void {
    for (const p of pending) {
      if (p.facets)
        this.facetIndex.upsert({ seq: p.seq, date: p.facets.date, values: p.facets.values, payload: p.facets.payload });
      else this.facetIndex.remove(p.seq);
    }
    this.vocab.apply(deltas, surfaces);
  }

  discard(): void {
    this.pending = new Map();
    this.overflow = false;
    this.deltas = new Map();
    this.surfaces = new Map();
    this.decreased = false;
  }

  /** Empties the index (inside a transaction, before a rebuild). */
  clear(): void {
    this.db.exec(
      "INSERT INTO search_fts(search_fts) VALUES('delete-all'); DELETE FROM search_docs; DELETE FROM search_terms;",
    );
    this.discard();
  }

  /** The write hook of one source's store: its changes reach the index inside the store's transactions. */
  hook<R>(source: SearchSource<R>): IndexWriteHook {
    return {
      onWrite: async (tx, change) => {
        const c = change as unknown as { id: string; before: R | undefined; after: R | undefined };
        await this.write(source, c.id, c.before, c.after, async () => (await source.fulltext([c.id], tx)).get(c.id));
      },
      beforeCommit: async () => this.flush(),
      afterRollback: () => this.discard(),
      afterCommit: () => this.commit(),
    };
  }
}
