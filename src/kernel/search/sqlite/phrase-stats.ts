/**
 * BM25 without FTS5 scoring every match (ADR 0002, addendum of 2026-12-05). FTS5's bm25() costs about 0.45 µs
 * per matching row (its instances and the row's size, read from `search_fts_docsize`): most of a common word's
 * time. Its result depends only on, per phrase, the rows holding it and their weighted frequency f, on each row's
 * length D, and on the table's row count and average length. This class keeps the first per phrase (phrase-entry.ts:
 * built once from FTS5's bm25() of the phrase alone, f recovered exactly), and D for every row; the row count and
 * average length are read from FTS5's own record at each use. Scores come out as FTS5's, to the last bit.
 *
 * Unlike the match cache, the phrases survive writes: a commit notes the rows it wrote (noteWrites), and a phrase
 * brings only those rows up to date on its next use (one ranged FTS5 pass over their span), so a frequent word
 * stays cheap on a server that is being written to. A costly phrase is built on its second request, a cheap one
 * at once; a server reads the row lengths in the background after start (warmUp). A commit too large to follow,
 * a rebuild, or a change made by another process (the index generation moved) empties everything.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { Collect } from './fts-collect.ts';
import type { FtsPhrases } from './fts-phrases.ts';
import { firstVarint, idf, varintSum } from './fts5-bm25.ts';
import { RowLengths } from './row-lengths.ts';
import {
  addTerms,
  entryBytes,
  entryFromMatches,
  hitsAfter,
  unionOf,
  updatedEntry,
  type PhraseEntry,
} from './phrase-entry.ts';

/** Matches below this are ranked by FTS5 directly (a few hundred microseconds). */
const MIN_MATCHES = 1000;
/** Written rows remembered; phrases not brought up to date within this many are dropped. */
const LOG_LIMIT = 8192;
/** Phrases remembered as asked for once; past this the memory starts again. */
const ASKED_LIMIT = 10_000;
/** A one-word phrase in at most this many rows is built at its first request (about a millisecond). */
const CHEAP = 2000;

/** The token of a phrase of one word without a column or prefix mark (`"victim"`), whose size the vocabulary knows. */
const oneWord = (phrase: string) => /^"([^" ]+)"$/.exec(phrase)?.[1];

export class PhraseStats {
  private readonly entries = new Map<string, PhraseEntry>();
  private readonly lengths: RowLengths;
  private bytes = 0;
  /** Rows written, from write number `base` on; an entry is current up to a write number. */
  private log: number[] = [];
  private base = 0;
  /** Phrases asked for once and not built (see mayScore). */
  private readonly asked = new Set<string>();
  private generation: number | null = null;
  private warming: NodeJS.Timeout | null = null;
  private readonly stmt;
  /** Uses of the path, phrases built and brought up to date (for tests and the benchmark). */
  readonly counts = { scored: 0, built: 0, updated: 0 };
  /** Matches below this are ranked by FTS5 directly (tests lower it to use the path on a small corpus). */
  minMatches = MIN_MATCHES;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly collect: Collect,
    /** Bytes the phrases may hold (5 per row of a phrase, most of them); 0 turns the path off. */
    private readonly budget: number,
    /** Documents holding an index token (the vocabulary), to judge whether building a phrase pays. */
    private readonly docFreq: (token: string) => number,
  ) {
    this.lengths = new RowLengths(db);
    this.stmt = {
      averages: db.prepare<[], Buffer>('SELECT block FROM search_fts_data WHERE id = 1').pluck(),
      ln: db.prepare<[number], number>('SELECT ln(?)').pluck(),
      generation: db.prepare<[], string>("SELECT value FROM meta WHERE key = 'search_generation'").pluck(),
    };
  }

  private get end(): number {
    return this.base + this.log.length;
  }

  /** Forgets the phrases (the benchmark's cold runs); the row lengths stay, as they follow every commit. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
    this.asked.clear();
  }

  /** Forgets everything (a rebuild, a commit too large to follow, another process's write). */
  reset(): void {
    this.clear();
    this.log = [];
    this.lengths.reset();
    this.generation = null;
  }

  /** Stops the background warm-up (on close). */
  stop(): void {
    if (this.warming) clearTimeout(this.warming);
    this.warming = null;
    this.stopped();
  }

  /** Resolves the promise of a warm-up that runs. */
  private stopped: () => void = () => {};

  /** After a commit: the rows it wrote (inserted, changed or removed), or 'all' when they were too many. */
  noteWrites(seqs: readonly number[] | 'all'): void {
    if (!this.entries.size && !this.lengths.started) return;
    if (seqs === 'all') return this.reset();
    this.generation = this.currentGeneration();
    for (const seq of seqs) {
      this.log.push(seq);
      this.lengths.refresh(seq);
    }
    if (this.log.length > LOG_LIMIT) {
      const keep = LOG_LIMIT / 2;
      this.base += this.log.length - keep;
      this.log = this.log.slice(-keep);
      for (const [p, e] of this.entries) if (e.at < this.base) this.drop(p);
    }
  }

  /**
   * False when the phrases are not scored here whatever the matches (the caller then skips reading them): the
   * path is off, a phrase of unknown size is missing from an expression that is not an OR, or a costly phrase
   * is asked for the first time. Building a phrase costs about what FTS5's ranking of it costs, so such a
   * phrase is built on its second request only (then kept across writes): a query asked once costs what it did.
   */
  mayScore({ phrases, union }: FtsPhrases): boolean {
    if (this.budget === 0) return false;
    // One-word phrases holding together fewer than minMatches rows cannot make minMatches matches: FTS5 ranks.
    let rows = 0;
    for (const p of phrases) {
      const token = oneWord(p);
      rows += token === undefined ? Number.POSITIVE_INFINITY : this.docFreq(token);
    }
    if (rows < this.minMatches) return false;
    let firstTime = false;
    for (const p of phrases) {
      if (this.entries.has(p)) continue;
      const token = oneWord(p);
      if (!union && token === undefined) return false;
      if (token !== undefined && this.docFreq(token) <= CHEAP) continue;
      if (!this.asked.has(p)) {
        if (this.asked.size >= ASKED_LIMIT) this.asked.clear();
        this.asked.add(p);
        firstTime = true;
      }
    }
    return !firstTime;
  }

  /**
   * The matches of an OR of phrases that are all held, as the union of their rows (no FTS5 pass), brought up to
   * date first; null otherwise (the caller asks FTS5).
   */
  union({ phrases, union }: FtsPhrases): Uint32Array | null {
    if (!union || this.budget === 0 || this.db.inTransaction || !phrases.every((p) => this.entries.has(p))) return null;
    this.checkGeneration();
    const { rows, avgdl } = this.totals();
    const lists: Uint32Array[] = [];
    for (const p of phrases) {
      const e = this.current(p, rows, avgdl);
      if (!e) return null;
      lists.push(e.seqs);
    }
    return unionOf(lists);
  }

  /**
   * The scores FTS5's bm25() gives the rows `seqs` (the matches of the expression whose phrases these are, in
   * ascending order), or null when this path does not pay or cannot answer (FTS5 then ranks).
   */
  score({ phrases, union }: FtsPhrases, seqs: Uint32Array): Float64Array | null {
    if (this.budget === 0 || seqs.length < this.minMatches || this.db.inTransaction) return null;
    if (!this.affordable(phrases, union, seqs.length)) return null;
    this.checkGeneration();
    const { rows, avgdl } = this.totals();
    const lengths = this.lengths.all();
    const entries: PhraseEntry[] = [];
    for (const p of phrases) {
      const e = this.current(p, rows, avgdl);
      if (!e) return null;
      entries.push(e);
    }
    const out = new Float64Array(seqs.length);
    for (const e of entries) {
      if (!addTerms(out, seqs, e, { idf: idf(rows, e.seqs.length, this.ln), lengths, avgdl })) return null;
    }
    for (let k = 0; k < out.length; k++) out[k] = -1.0 * out[k]!;
    this.counts.scored++;
    return out;
  }

  /**
   * Reads the row lengths in the background (a server, after start), so that the first frequent word does not wait
   * for all of them (at 1,000,000 cases 1.4 s): 2,000 rows per event-loop turn, some 3 ms, as a request in flight
   * meets one turn per step it awaits (10,000 a turn added some 30 ms to the median request over HTTP at 1,000,000
   * cases while it ran). Resolves when all are read, or at once when they are or the path is off; stop() ends it.
   */
  warmUp(): Promise<void> {
    if (this.budget === 0 || this.warming) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.stopped = resolve;
      const turn = () => {
        // A write open on the connection would show rows not committed yet: later.
        const done = !this.db.inTransaction && this.lengths.read(2_000);
        this.warming = done ? null : setTimeout(turn, 0);
        if (done) resolve();
      };
      turn();
    });
  }

  /**
   * Building the phrases not held pays when they hold (together) at most about twice the matches: always for an
   * OR of phrases (each phrase's rows are among the matches), else by the document frequency of one-word phrases
   * (the size of a prefix, of several words or of a column is not known before reading it: for an OR, at most the
   * matches). And they must fit in a quarter of the memory, so that one query does not push out every other.
   */
  private affordable(phrases: readonly string[], union: boolean, matches: number): boolean {
    let missing = 0;
    for (const p of phrases) {
      if (this.entries.has(p)) continue;
      const token = oneWord(p);
      if (token !== undefined) missing += Math.min(this.docFreq(token), union ? matches : Number.POSITIVE_INFINITY);
      else if (union) missing += matches;
      else return false;
    }
    if (!union && missing > 2 * matches + this.minMatches) return false;
    return missing * 5 <= this.budget / 4;
  }

  private readonly ln = (x: number) => this.stmt.ln.get(x)!;

  private currentGeneration(): number {
    return Number(this.stmt.generation.get() ?? 0);
  }

  /** Another process changed the index (its generation moved without our commit): start again. */
  private checkGeneration(): void {
    const gen = this.currentGeneration();
    if (this.generation !== null && gen !== this.generation) this.reset();
    this.generation = gen;
  }

  /** FTS5's row count and average row length, from its averages record. */
  private totals(): { rows: number; avgdl: number } {
    const block = this.stmt.averages.get();
    if (!block) return { rows: 0, avgdl: 0 };
    const { value: rows, next } = firstVarint(block);
    return { rows, avgdl: varintSum(block.subarray(next)) / rows };
  }

  /** The phrase's entry, built or brought up to date; null when f cannot be recovered (FTS5 then ranks). */
  private current(phrase: string, rows: number, avgdl: number): PhraseEntry | null {
    const had = this.entries.get(phrase);
    if (had) this.drop(phrase);
    const e = had && had.at === this.end ? had : ((had && this.update(phrase, had, rows, avgdl)) ?? null);
    const kept = e ?? this.build(phrase, rows, avgdl);
    if (!kept) return null;
    this.entries.set(phrase, kept); // most recently used last
    this.bytes += entryBytes(kept);
    for (const p of this.entries.keys()) {
      if (this.bytes <= this.budget) break;
      if (p !== phrase) this.drop(p);
    }
    return kept;
  }

  private drop(phrase: string): void {
    const e = this.entries.get(phrase);
    if (!e) return;
    this.entries.delete(phrase);
    this.bytes -= entryBytes(e);
  }

  private build(phrase: string, rows: number, avgdl: number): PhraseEntry | null {
    const m = this.collect(phrase);
    const c = { idf: idf(rows, m.seqs.length, this.ln), lengths: this.lengths.all(), avgdl };
    const e = entryFromMatches(m, c, this.end);
    if (e) this.counts.built++;
    return e;
  }

  /** The entry with the rows written since it was current read again (one FTS5 pass over their span). */
  private update(phrase: string, e: PhraseEntry, rows: number, avgdl: number): PhraseEntry | null {
    const written = this.log.slice(e.at - this.base);
    const dirty = new Set(written);
    const found = this.collect(phrase, [Math.min(...dirty), Math.max(...dirty)]);
    const c = { idf: idf(rows, hitsAfter(e, dirty, found.seqs), this.ln), lengths: this.lengths.all(), avgdl };
    const updated = updatedEntry(e, dirty, found, c, this.end);
    if (updated) this.counts.updated++;
    return updated;
  }
}
