/**
 * FTS5's bm25() as SQLite computes it (ext/fts5/fts5_aux.c, fts5Bm25Function), operation for operation, so that
 * the same doubles come out: per phrase i, idf_i * (f * (k1 + 1)) / (f + k1 * (1 - b + b * D / avgdl)), summed
 * over the phrases in order and negated; f is the sum of the column weights over the phrase's instances in the
 * row, D the row's tokens (all columns), avgdl the table's tokens over its rows. The idf's logarithm is
 * SQLite's own `ln()` (the C library's log, as in FTS5), passed in by the caller.
 */
export const K1 = 1.2;
export const B = 0.75;

/** FTS5's idf for a phrase found in `hits` of `rows` rows (its floor is 1e-6), from `ln`. */
export function idf(rows: number, hits: number, ln: (x: number) => number): number {
  const v = ln((rows - hits + 0.5) / (hits + 0.5));
  return v <= 0.0 ? 1e-6 : v;
}

/** One phrase's term of the sum for a row. */
export function phraseTerm(idfOfPhrase: number, f: number, length: number, avgdl: number): number {
  return idfOfPhrase * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * length) / avgdl)));
}

/**
 * The weighted frequency f of a one-phrase bm25() score: the inverse of phraseTerm. f is a sum of integer
 * weights, so the nearest integer is it; NaN when the score does not come from an integer f (the caller's
 * statistics are not those FTS5 used).
 */
export function frequencyOf(score: number, idfOfPhrase: number, length: number, avgdl: number): number {
  const a = -score / (idfOfPhrase * (K1 + 1.0));
  const k = K1 * (1 - B + (B * length) / avgdl);
  const f = (k * a) / (1 - a);
  const n = Math.round(f);
  return n >= 1 && Math.abs(f - n) < 1e-6 * n ? n : Number.NaN;
}

/** SQLite's varints (as FTS5 writes its averages record and each row's sizes), summed. */
export function varintSum(buf: Uint8Array): number {
  let sum = 0;
  let i = 0;
  while (i < buf.length) {
    let v = 0;
    for (let n = 1; ; n++) {
      const b = buf[i++]!;
      if (n === 9) {
        v = v * 256 + b;
        break;
      }
      v = v * 128 + (b & 0x7f);
      if (!(b & 0x80)) break;
    }
    sum += v;
  }
  return sum;
}

/** The first varint of a buffer (the averages record starts with the row count). */
export function firstVarint(buf: Uint8Array): { value: number; next: number } {
  let v = 0;
  let i = 0;
  for (let n = 1; ; n++) {
    const b = buf[i++]!;
    if (n === 9) return { value: v * 256 + b, next: i };
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) return { value: v, next: i };
  }
}
