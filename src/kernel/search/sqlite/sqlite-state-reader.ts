/**
 * Reads the SQLite engine's in-memory search state (facet columns, vocabulary) from where it is stored: the
 * snapshot row (one read; its arrays become the columns as views), the tables at once, or the tables
 * gradually, page by page on a second connection while the server answers (ADR 0005).
 */
import Database from 'better-sqlite3';
import type BetterSqlite3 from 'better-sqlite3';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FacetIndex } from '../facet-index.ts';
import type { Vocabulary } from '../vocabulary.ts';

/**
 * What a load from the tables reads: every document's facets, and the terms in the vocabulary's packed order
 * (length, then code units), so that they are packed as they come instead of held as strings and sorted.
 */
export const TABLE_READS = {
  docs: 'SELECT seq, date, facets, payload FROM search_docs ORDER BY seq',
  terms: 'SELECT term, df, word FROM search_terms WHERE df > 0 ORDER BY length(term), term',
};

type DocRow = [number, number, string, string | null];
type TermRow = [string, number, string | null];

export interface GradualOptions {
  /** Documents per turn of the event loop (terms: a hundred times as many). */
  pageSize?: number;
  /** Gives the turn between pages (default: setImmediate; tests pass a gate to hold the load). */
  pace?: () => Promise<unknown>;
}

export class StateReader {
  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly facets: FacetIndex,
    private readonly vocab: Vocabulary,
  ) {}

  /** Loads the snapshot when it is of `generation`; false when there is none or it is of another one. */
  snapshot(generation: number): boolean {
    // The generation first: a snapshot of another one is not worth reading (some 130 MB at a million cases).
    const gen = this.db.prepare<[], number>('SELECT generation FROM search_snapshot WHERE id = 1').pluck().get();
    if (gen === undefined || gen !== generation) return false;
    const snap = this.db
      .prepare<[], { facets: Buffer; vocabulary: Buffer | string }>(
        'SELECT facets, vocabulary FROM search_snapshot WHERE id = 1',
      )
      .get();
    if (!snap || !this.facets.deserialize(snap.facets)) return false;
    // A buffer since the packed vocabulary; JSON triples in a snapshot saved before.
    if (typeof snap.vocabulary === 'string') this.vocab.replace(JSON.parse(snap.vocabulary));
    else if (!this.vocab.deserialize(snap.vocabulary)) return false;
    return true;
  }

  /** Loads the tables at once (every document's facets parsed). */
  tables(): void {
    this.facets.clear();
    for (const row of this.db.prepare<[], DocRow>(TABLE_READS.docs).raw().iterate()) this.upsert(row);
    this.vocab.replace(this.db.prepare<[], TermRow>(TABLE_READS.terms).raw().iterate());
  }

  /** True when the database is a file another connection can read (`gradually` needs one). */
  get canReadGradually(): boolean {
    return !this.db.memory && this.db.name !== '' && this.db.name !== ':memory:';
  }

  /**
   * Loads the tables without holding the process: a second, read-only connection reads them in one transaction
   * (the state of one moment) a page at a time, giving the event loop a turn after each page. `started` is
   * called once that moment is fixed: every commit after it is missing from what this reads.
   */
  async gradually(started: () => void, signal?: AbortSignal, options: GradualOptions = {}): Promise<void> {
    const { pageSize = 500, pace = () => nextTurn() } = options;
    const reader = new Database(this.db.name, { readonly: true, fileMustExist: true });
    const open: Iterator<unknown>[] = [];
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM search_docs').pluck().get(); // the first read fixes the moment
      started();
      this.facets.clear();
      const turn = () => abortable(pace(), signal);
      // Iterators on the reader's own connection stay open across the turns without blocking the main one.
      const docs = reader.prepare<[], DocRow>(TABLE_READS.docs).raw().iterate();
      open.push(docs);
      while (take(docs, pageSize, (row) => this.upsert(row))) await turn();
      const vocab = this.vocab.replacement();
      const terms = reader.prepare<[], TermRow>(TABLE_READS.terms).raw().iterate();
      open.push(terms);
      while (take(terms, pageSize * 100, (t) => vocab.add(t[0], t[1], t[2]))) await turn();
      vocab.finish();
      reader.exec('COMMIT');
    } finally {
      for (const it of open) it.return?.(); // an iterator left open keeps its connection busy
      reader.close();
    }
  }

  private upsert(row: DocRow): void {
    const payload = row[3] === null ? undefined : JSON.parse(row[3]);
    this.facets.upsert({ seq: row[0], date: row[1], values: JSON.parse(row[2]), payload });
  }
}

/** Up to n items of an iterator, each given to fn; false when it ran out. */
function take<T>(it: Iterator<T>, n: number, fn: (item: T) => void): boolean {
  for (let k = 0; k < n; k++) {
    const next = it.next();
    if (next.done) return false;
    fn(next.value);
  }
  return true;
}

/** `p`, or a rejection as soon as `signal` aborts (a load waiting for its turn stops at once on close). */
function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', stop);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(e);
      },
    );
  });
}
