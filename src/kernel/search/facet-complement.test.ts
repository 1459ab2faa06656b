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

const FIELDS = ['country', 'form', 'year'];
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
        else index.upsert({ seq, date: 20200101, values: { country: pick(9), form: pick(4), year: pick(3) } });
      }
      const live = [...index.allSlots()].sort(() => r() - 0.5);
      const slots = Uint32Array.from(live.slice(0, Math.floor(live.length * (0.2 + r() * 0.8))));
      const want = new Map<string, Map<string, number>>(FIELDS.map((f) => [f, new Map()]));
      for (const slot of slots)
        for (const f of FIELDS)
          for (const v of index.valuesOf(slot, f)) want.get(f)!.set(v, (want.get(f)!.get(v) ?? 0) + 1);
      const got = index.evaluate(slots, {}, true);
      expect([...got.passing]).toEqual([...slots.keys()]);
      expect(sorted(got.counts)).toEqual(
        sorted(new Map([...want].map(([f, m]) => [f, [...m].map(([value, count]) => ({ value, count }))]))),
      );
    }
  });
});
