import { describe, it, expect } from 'vitest';
import { addTerms, entryFromMatches, hitsAfter, unionOf, updatedEntry, type Bm25Context } from './phrase-entry.ts';
import { idf, phraseTerm } from './fts5-bm25.ts';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const lengths = Uint32Array.from({ length: 200 }, (_, i) => 20 + (i % 37));
const avgdl = 38.25;
/** The matches FTS5 would give for rows holding the phrase with frequencies f. */
const matchesOf = (rows: Map<number, number>, c: Bm25Context) => {
  const seqs = Uint32Array.from([...rows.keys()].sort((a, b) => a - b));
  return { seqs, scores: Float64Array.from(seqs, (s) => -phraseTerm(c.idf, rows.get(s)!, lengths[s]!, avgdl)) };
};

describe('phrase entries', () => {
  it('brought up to date, equal an entry built afresh (random rows, writes and deletions)', () => {
    const r = random(7);
    for (let round = 0; round < 200; round++) {
      const before = new Map<number, number>();
      for (let s = 1; s < 200; s++) if (r() < 0.4) before.set(s, 1 + Math.floor(r() * 30));
      const c0 = { idf: idf(200, before.size, Math.log), lengths, avgdl };
      const e = entryFromMatches(matchesOf(before, c0), c0, 0)!;
      const after = new Map(before);
      const dirty = new Set<number>();
      for (let k = 0; k < 1 + r() * 12; k++) {
        const s = 1 + Math.floor(r() * 199);
        dirty.add(s);
        if (r() < 0.4) after.delete(s);
        else after.set(s, 1 + Math.floor(r() * 30));
      }
      const lo = Math.min(...dirty);
      const hi = Math.max(...dirty);
      const span = new Map([...after].filter(([s]) => s >= lo && s <= hi));
      const c = { idf: idf(200, after.size, Math.log), lengths, avgdl };
      expect(hitsAfter(e, dirty, matchesOf(span, c).seqs)).toBe(after.size);
      const got = updatedEntry(e, dirty, matchesOf(span, c), c, 5)!;
      const want = entryFromMatches(matchesOf(after, c), c, 5)!;
      expect([...got.seqs]).toEqual([...want.seqs]);
      expect([...got.freqs]).toEqual([...want.freqs]);
    }
  });

  it('adds each match its term (0 where the phrase is absent) and refuses matches out of order', () => {
    const c = { idf: 1.5, lengths, avgdl };
    const e = entryFromMatches(
      matchesOf(
        new Map([
          [3, 2],
          [9, 5],
        ]),
        c,
      ),
      c,
      0,
    )!;
    const out = new Float64Array(3);
    expect(addTerms(out, Uint32Array.from([3, 4, 9]), e, c)).toBe(true);
    expect([...out]).toEqual([phraseTerm(1.5, 2, lengths[3]!, avgdl), 0, phraseTerm(1.5, 5, lengths[9]!, avgdl)]);
    expect(addTerms(new Float64Array(2), Uint32Array.from([9, 3]), e, c)).toBe(false);
  });

  it('unites ascending lists (each number once)', () => {
    const r = random(11);
    for (let round = 0; round < 100; round++) {
      const lists = Array.from({ length: 1 + Math.floor(r() * 4) }, () =>
        Uint32Array.from(new Set(Array.from({ length: Math.floor(r() * 40) }, () => Math.floor(r() * 100)))).sort(),
      );
      expect([...unionOf(lists)]).toEqual([...new Set(lists.flatMap((l) => [...l]))].sort((a, b) => a - b));
    }
  });
});
