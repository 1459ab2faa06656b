import { describe, it, expect } from 'vitest';
import { FacetIndex, type FacetCount } from './facet-index.ts';

/** A small deterministic generator (mulberry32). */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELDS = ['country', 'form', 'year', 'kind'];
const sorted = (m: Map<string, FacetCount[]>) =>
  Object.fromEntries([...m].map(([k, v]) => [k, [...v].sort((a, b) => a.value.localeCompare(b.value))]));

describe('facet counts of a large match without a filter (by complement)', () => {
  it('equal counting every matched document, as documents come, change and go', () => {
    const r = random(3);
    const index = new FacetIndex(FIELDS);
    const pick = (n: number) => Array.from({ length: Math.floor(r() * 3) }, () => `v${Math.floor(r() * n)}`);
    let next = 1;
    for (let round = 0; round < 60; round++) {
      for (let i = 0; i < 20; i++) {
        const seq = r() < 0.3 && next > 1 ? 1 + Math.floor(r() * (next - 1)) : next++;
        if (r() < 0.15) index.remove(seq);
        else {
          const values = { country: pick(9), form: pick(4), year: pick(3), kind: ['case'] };
          index.upsert({ seq, date: 20200101, values });
        }
      }
      const live = [...index.allSlots()].sort(() => r() - 0.5);
      const slots = Uint32Array.from(live.slice(0, Math.floor(live.length * (0.2 + r() * 0.8))));
      const want = new Map<string, Map<string, number>>(FIELDS.map((f) => [f, new Map()]));
      for (const slot of slots)
        for (const f of FIELDS)
          for (const v of index.valuesOf(slot, f)) want.get(f)!.set(v, (want.get(f)!.get(v) ?? 0) + 1);
      const expected = sorted(
        new Map([...want].map(([f, m]) => [f, [...m].map(([value, count]) => ({ value, count }))])),
      );
      // No filter, and a filter every document passes (as the case search's own kind = case): the same counts.
      for (const sel of [{}, { kind: ['case'] }]) {
        const got = index.evaluate(slots, sel, true);
        expect([...got.passing]).toEqual([...slots.keys()]);
        expect(sorted(got.counts)).toEqual(expected);
      }
    }
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
