import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { topK } from './top-k.ts';

describe('topK', () => {
  it('equals sorting and slicing (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 30 }),
        (xs, k) => {
          const before = (a: number, b: number) => (xs[a]! !== xs[b]! ? xs[a]! > xs[b]! : a < b);
          const idx = xs.map((_, i) => i);
          const expected = [...idx].sort((a, b) => (before(a, b) ? -1 : 1)).slice(0, k);
          expect(topK(idx, k, before)).toEqual(expected);
          const even = (i: number) => i % 2 === 0;
          expect(topK(idx, k, before, even)).toEqual(
            [...idx]
              .filter(even)
              .sort((a, b) => (before(a, b) ? -1 : 1))
              .slice(0, k),
          );
        },
      ),
    );
  });
});
