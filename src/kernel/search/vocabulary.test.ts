import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { editDistance, Vocabulary } from './vocabulary.ts';

function naive(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

describe('vocabulary', () => {
  it('edit distance counts transpositions as one edit and agrees with a naive table (property)', () => {
    expect(editDistance('rantsev', 'rantsve', 2)).toBe(1);
    expect(editDistance('siliadin', 'siliadn', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
    fc.assert(
      fc.property(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), (a, b) => {
        const exact = naive(a, b);
        expect(editDistance(a, b, 2)).toBe(exact <= 2 ? exact : 3);
      }),
    );
  });

  it('suggests close indexed words, nearer and more frequent first, never removed ones', () => {
    const v = new Vocabulary();
    v.apply(
      new Map([
        ['rantsev', 2],
        ['ranting', 1],
        ['siliadin', 1],
        ['bondag', 40],
        ['bandag', 1],
      ]),
    );
    expect(v.closeTo('rantsve').map((c) => c.term)).toEqual(['rantsev']);
    expect(v.closeTo('bondeg').map((c) => c.term)).toEqual(['bondag', 'bandag']);
    expect(v.closeTo('xx')).toEqual([]);
    v.apply(new Map([['rantsev', -2]]));
    expect(v.closeTo('rantsve').map((c) => c.term)).toEqual([]);
    expect(v.docFreq('rantsev')).toBe(0);
    expect(v.docFreq('bondag')).toBe(40);
  });

  it('finds exactly what a scan of every term with the first-two-letters rule finds (property)', () => {
    const word = fc.stringMatching(/^[abce]{1,9}$/);
    const scan = (terms: Map<string, number>, token: string, minDf: number) => {
      const max = token.length <= 5 ? 1 : 2;
      const [c0, c1] = [token[0], token[1]];
      return [...terms]
        .filter(([t]) => t !== token && (t[0] === c0 || t[1] === c1 || (t[0] === c1 && t[1] === c0)))
        .map(([term, df]) => ({ term, df, distance: editDistance(token, term, max) }))
        .filter((c) => c.distance <= max && c.df >= minDf)
        .sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1))
        .slice(0, 5);
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(word, fc.integer({ min: 1, max: 9 })), { maxLength: 60 }),
        word,
        fc.integer({ min: 1, max: 5 }),
        (entries, token, minDf) => {
          const terms = new Map(entries);
          const v = new Vocabulary();
          v.apply(terms);
          const expected = token.length < 3 ? [] : scan(terms, token, minDf);
          expect(v.closeTo(token, minDf, 5)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Built three ways: every term added one by one (a Map), packed at once (replace: a start or a rebuild), and
  // packed then changed (terms added, removed and re-added since the start). All must answer alike.
  // Latin-1 only (packed one byte a code unit) or with Cyrillic (two).
  const word = fc.oneof(fc.stringMatching(/^[abce1]{1,9}$/), fc.stringMatching(/^[abдж1]{1,9}$/));
  const entriesArb = fc.uniqueArray(fc.tuple(word, fc.integer({ min: 1, max: 9 })), {
    maxLength: 60,
    selector: ([t]) => t,
  });
  function threeWays(entries: [string, number][], changes: [string, number][]) {
    const byMap = new Vocabulary();
    byMap.apply(new Map(entries));
    byMap.apply(new Map(changes));
    const packed = new Vocabulary();
    packed.replace(entries.map(([t, d]) => [t, d, null] as const));
    packed.apply(new Map(changes));
    const reloaded = new Vocabulary();
    expect(reloaded.deserialize(packed.serialize())).toBe(true);
    return [byMap, packed, reloaded];
  }

  it('answers document frequencies, sizes and close spellings alike, packed or not (property)', () => {
    fc.assert(
      fc.property(
        entriesArb,
        fc.array(fc.tuple(word, fc.integer({ min: -9, max: 9 })), { maxLength: 20 }),
        word,
        fc.integer({ min: 1, max: 5 }),
        (entries, changes, token, minDf) => {
          const [a, b, c] = threeWays(entries, changes);
          for (const v of [b!, c!]) {
            expect(v.size).toBe(a!.size);
            expect(new Map(v.entries())).toEqual(new Map(a!.entries()));
            for (const [t] of [...entries, ...changes, [token, 0] as const]) expect(v.docFreq(t)).toBe(a!.docFreq(t));
            expect(v.closeTo(token, minDf, 5)).toEqual(a!.closeTo(token, minDf, 5));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('finds close spellings in the Latin-1 and the two-byte lists through each of the three runs', () => {
    const v = new Vocabulary();
    v.replace([
      ['abcd', 4, null],
      ['xbcd', 3, null],
      ['жбдг', 5, null],
      ['гбдж', 3, null],
      ['бждж', 2, null],
    ]);
    // Same first letter; same second letter only; the first two swapped.
    expect(v.closeTo('жбдж', 1, 5).map((c) => c.term)).toEqual(['жбдг', 'гбдж', 'бждж']);
    expect(v.closeTo('ybcd', 1, 5).map((c) => c.term)).toEqual(['abcd', 'xbcd']);
    expect(v.closeTo('bacd', 1, 5).map((c) => c.term)).toEqual(['abcd']);
  });

  it('keeps written forms through a snapshot, drops them with their term, and refuses a foreign buffer', () => {
    const v = new Vocabulary();
    v.replace([
      ['marri', 3, 'married'],
      ['2019cr44', 1, null],
    ]);
    expect(v.wordFor('marri')).toBe('married');
    const w = new Vocabulary();
    expect(w.deserialize(v.serialize())).toBe(true);
    expect(w.wordFor('marri')).toBe('married');
    expect(w.docFreq('2019cr44')).toBe(1);
    w.apply(new Map([['marri', -3]]));
    expect(w.docFreq('marri')).toBe(0);
    expect(w.wordFor('marri')).toBe('marri');
    expect(w.size).toBe(1);
    expect(w.deserialize(Buffer.from('[["x",1,null]]'))).toBe(false);
    expect(w.docFreq('2019cr44')).toBe(1);
  });

  it('loads a snapshot at any byte offset and one of the earlier layout (6-byte magic, lists unpadded)', () => {
    const v = new Vocabulary();
    v.replace([
      ['marri', 3, 'married'],
      ['abc', 2, null],
      ['жбдг', 5, null],
    ]);
    const snap = v.serialize();
    const odd = Buffer.concat([Buffer.alloc(1), snap]).subarray(1);
    // The earlier layout, rebuilt from this one: 'PVOC3\n', and each packed list without its padding.
    const list = (b: Buffer) =>
      b.subarray(0, 12 + (b.readUInt32LE(0) * 2 + 1) * 4 + b.readUInt32LE(4) * b.readUInt32LE(8));
    const packed = snap.subarray(12, 12 + snap.readUInt32LE(8));
    const narrow = list(packed.subarray(4));
    const wide = list(packed.subarray(4 + packed.readUInt32LE(0)));
    const inner = Buffer.concat([Buffer.alloc(4), narrow, wide]);
    inner.writeUInt32LE(narrow.length);
    const head = Buffer.concat([Buffer.from('PVOC3\n'), Buffer.alloc(4)]);
    head.writeUInt32LE(inner.length, 6);
    const old = Buffer.concat([head, inner, snap.subarray(12 + packed.length)]);
    for (const buf of [odd, old]) {
      const w = new Vocabulary();
      expect(w.deserialize(buf)).toBe(true);
      expect([...w.entries()].sort()).toEqual([...v.entries()].sort());
      expect(w.wordFor('marri')).toBe('married');
      expect(w.closeTo('жбдж', 1, 5).map((c) => c.term)).toEqual(['жбдг']);
    }
  });
});
