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
});
