import { describe, it, expect } from 'vitest';
import Database from 'better-sqlite3';
import { firstVarint, frequencyOf, idf, phraseTerm, varintSum } from './fts5-bm25.ts';

describe('FTS5 bm25 arithmetic', () => {
  it('reads SQLite varints (1, 2 and 9 bytes)', () => {
    expect(varintSum(Uint8Array.from([0x05, 0x81, 0x3c, 0x00, 0x04]))).toBe(5 + 188 + 0 + 4);
    expect(firstVarint(Uint8Array.from([0x81, 0x3c, 0x07]))).toEqual({ value: 188, next: 2 });
    expect(varintSum(Uint8Array.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]))).toBe(2 ** 57 + 1);
  });

  it('recovers the weighted frequency of a one-phrase score, and refuses a score no integer gives', () => {
    const ln = Math.log;
    for (const [f, d] of [
      [1, 10],
      [17, 300],
      [250, 4000],
    ] as const) {
      const w = idf(1000, 40, ln);
      expect(frequencyOf(-phraseTerm(w, f, d, 320.5), w, d, 320.5)).toBe(f);
    }
    const w = idf(1000, 40, ln);
    expect(frequencyOf(-phraseTerm(w, 2.5, 100, 320.5), w, 100, 320.5)).toBeNaN();
    expect(idf(10, 9, ln)).toBe(1e-6); // a phrase in most rows: FTS5's floor
  });

  it('gives the bm25() of a real FTS5 table bit for bit', () => {
    const db = new Database(':memory:');
    db.exec("CREATE VIRTUAL TABLE t USING fts5(a, b, tokenize='ascii')");
    const rows = ['x y x', 'y z', 'x x x z z', 'z', 'y y x'];
    rows.forEach((r, i) => db.prepare('INSERT INTO t(rowid, a, b) VALUES (?, ?, ?)').run(i + 1, r, i % 2 ? r : 'q'));
    const got = db.prepare("SELECT rowid, bm25(t, 3, 1) FROM t WHERE t MATCH 'x' ORDER BY rowid").raw().all();
    const ln = (x: number) => db.prepare('SELECT ln(?)').pluck().get(x) as number;
    const lengths = [0, 4, 4, 6, 2, 4];
    const avgdl = lengths.reduce((s, x) => s + x, 0) / 5;
    const w = idf(5, 3, ln);
    // x in a (weight 3) and, on odd rows, b (weight 1): row 1: 2*3, row 3: 3*3, row 5: 1*3
    const want = [
      [1, 6],
      [3, 9],
      [5, 3],
    ].map(([r, f]) => [r, -1.0 * (0 + phraseTerm(w, f!, lengths[r!]!, avgdl))]);
    expect(got).toEqual(want);
  });
});
