import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addTerms, entryFromMatches, hitsAfter, unionOf, updatedEntry, type Bm25Context } from './phrase-entry.ts';
import { idf, phraseTerm } from './fts5-bm25.ts';

const lengths = Uint32Array.from({ length: 200 }, (_, i) => 20 + (i % 37));
const avgdl = 38.25;
/** The matches FTS5 would give for rows holding the phrase with frequencies f. */
const matchesOf = (rows: Map<number, number>, c: Bm25Context) => {
  const seqs = Uint32Array.from([...rows.keys()].sort((a, b) => a - b));
  return { seqs, scores: Float64Array.from(seqs, (s) => -phraseTerm(c.idf, rows.get(s)!, lengths[s]!, avgdl)) };
};

describe('phrase entries', () => {
  it('brought up to date, equal an entry built afresh (random rows, writes and deletions)', () => {
    const rows = fc.dictionary(fc.integer({ min: 1, max: 199 }).map(String), fc.integer({ min: 1, max: 30 }), {
      maxKeys: 120,
    });
    // Each write: a row, and its new frequency (0: the row no longer holds the phrase, or is gone).
    const writes = fc.array(fc.tuple(fc.integer({ min: 1, max: 199 }), fc.integer({ min: 0, max: 30 })), {
      minLength: 1,
      maxLength: 12,
    });
    fc.assert(
      fc.property(rows, writes, (start, changes) => {
        const before = new Map(Object.entries(start).map(([s, f]) => [Number(s), f]));
        const c0 = { idf: idf(200, before.size, Math.log), lengths, avgdl };
        const e = entryFromMatches(matchesOf(before, c0), c0, 0)!;
        const after = new Map(before);
        const dirty = new Set<number>();
        for (const [s, f] of changes) {
          dirty.add(s);
          if (f === 0) after.delete(s);
          else after.set(s, f);
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
      }),
    );
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
    const list = fc
      .uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 40 })
      .map((xs) => Uint32Array.from(xs).sort());
    fc.assert(
      fc.property(fc.array(list, { minLength: 1, maxLength: 4 }), (lists) => {
        expect([...unionOf(lists)]).toEqual([...new Set(lists.flatMap((l) => [...l]))].sort((a, b) => a - b));
      }),
    );
  });
});
