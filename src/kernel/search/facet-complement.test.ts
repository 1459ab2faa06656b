import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FacetIndex, type FacetCount } from './facet-index.ts';

const FIELDS = ['country', 'form', 'year', 'kind'];
const sorted = (m: Map<string, FacetCount[]>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort((a, b) => a.value.localeCompare(b.value))]));

describe('facet counts of a large match without a filter (by complement)', () => {
  it('equal counting every matched document, as documents come, change and go', () => {
    const values = (n: number) =>
      fc.uniqueArray(
        fc.integer({ min: 0, max: n - 1 }).map((v) => `v${v}`),
        { maxLength: 2 },
      );
    const doc = fc.record({ country: values(9), form: values(4), year: values(3) });
    // A step: a document written (seq and values) or removed (values null); then which live slots match.
    const step = fc.tuple(fc.integer({ min: 1, max: 60 }), fc.option(doc, { freq: 6 }));
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 20, maxLength: 80, size: 'max' }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (steps, picks) => {
          const index = new FacetIndex(FIELDS);
          steps.forEach(([seq, v], i) => {
            if (v) index.upsert({ seq, date: 20200101, values: { ...v, kind: ['case'] } });
            else index.remove(seq);
            const live = [...index.allSlots()];
            // From a fifth of the live documents to all of them, in another order.
            const share = 0.2 + 0.8 * picks[i % picks.length]!;
            const slots = Uint32Array.from(live.reverse().slice(0, Math.ceil(live.length * share)));
            const want = new Map<string, Map<string, number>>(FIELDS.map((f) => [f, new Map()]));
            for (const slot of slots)
              for (const f of FIELDS)
                for (const x of index.valuesOf(slot, f)) want.get(f)!.set(x, (want.get(f)!.get(x) ?? 0) + 1);
            const expected = sorted(
              new Map([...want].map(([f, m]) => [f, [...m].map(([value, count]) => ({ value, count }))])),
            );
            // No filter, and a filter every document passes (as the case search's own kind = case): the same counts.
            for (const sel of [{}, { kind: ['case'] }]) {
              const got = index.evaluate(slots, sel, true);
              expect([...got.passing]).toEqual([...slots.keys()]);
              expect(sorted(got.counts)).toEqual(expected);
            }
          });
        },
      ),
    );
  });

  it('filters again once a document fails a filter all documents passed, and stops when it goes', () => {
    const index = new FacetIndex(FIELDS);
    for (let seq = 1; seq <= 10; seq++) index.upsert({ seq, date: 0, values: { country: ['PHL'], kind: ['case'] } });
    const sel = { kind: ['case'] };
    expect(index.evaluate(index.allSlots(), sel, true).passing).toHaveLength(10);
    index.upsert({ seq: 11, date: 0, values: { country: ['PHL'], kind: ['provision'] } });
    const got = index.evaluate(index.allSlots(), sel, true);
    expect(got.passing).toHaveLength(10);
    expect(sorted(got.counts).kind).toEqual([
      { value: 'case', count: 10 },
      { value: 'provision', count: 1 },
    ]);
    expect(sorted(got.counts).country).toEqual([{ value: 'PHL', count: 10 }]);
    index.remove(11);
    expect(sorted(index.evaluate(index.allSlots(), sel, true).counts).country).toEqual([{ value: 'PHL', count: 10 }]);
    expect(index.evaluate(index.allSlots(), sel, true).passing).toHaveLength(10);
  });
});
