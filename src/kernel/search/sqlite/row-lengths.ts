/**
 * Every FTS5 row's length (its tokens in all columns, from `search_fts_docsize`) by document number, for
 * phrase-stats.ts: read in chunks (a server's warm-up reads one per timer turn) or at once on first need, and
 * kept current by refresh after each commit. At 1,000,000 rows 4 MB.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { varintSum } from './fts5-bm25.ts';

export class RowLengths {
  private lengths: Uint32Array | null = null;
  /** The next document number to read; null when all are read. */
  private from: number | null = 0;
  private readonly stmt;

  constructor(db: BetterSqlite3.Database) {
    this.stmt = {
      from: db
        .prepare<[number, number], [number, Buffer]>(
          'SELECT id, sz FROM search_fts_docsize WHERE id >= ? ORDER BY id LIMIT ?',
        )
        .raw(),
      one: db.prepare<[number], Buffer>('SELECT sz FROM search_fts_docsize WHERE id = ?').pluck(),
    };
  }

  /** True once reading has begun (writes must then be followed). */
  get started(): boolean {
    return this.lengths !== null;
  }

  reset(): void {
    this.lengths = null;
    this.from = 0;
  }

  /** Reads up to `limit` more lengths; true when all are read. */
  read(limit: number): boolean {
    this.lengths ??= new Uint32Array(1024);
    if (this.from === null) return true;
    let n = 0;
    for (const [id, sz] of this.stmt.from.iterate(this.from, limit)) {
      this.set(id, varintSum(sz));
      this.from = id + 1;
      n++;
    }
    if (n < limit) this.from = null;
    return this.from === null;
  }

  /** Every length: the rest read at once when a warm-up has not read them all (100,000 rows: about 0.1 s). */
  all(): Uint32Array {
    while (!this.read(100_000));
    return this.lengths!;
  }

  /** After a commit that wrote the row (0 when it is gone). */
  refresh(seq: number): void {
    if (!this.lengths) return;
    const sz = this.stmt.one.get(seq);
    this.set(seq, sz ? varintSum(sz) : 0);
  }

  private set(seq: number, length: number): void {
    let a = this.lengths!;
    if (seq >= a.length) {
      const grown = new Uint32Array(Math.max(seq + 1, a.length * 2));
      grown.set(a);
      this.lengths = a = grown;
    }
    a[seq] = length;
  }
}
