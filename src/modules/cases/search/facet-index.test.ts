import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import type { FacetIndex, FacetDoc, FacetSelection } from './facet-index.ts';
import { caseFacetIndex } from './stats-columns.ts';
import { FACET_FIELDS, type FacetField } from './facet-fields.ts';

const doc = (seq: number, date: number, values: FacetDoc['values']): FacetDoc => ({ seq, date, values });

function build(docs: FacetDoc[]): FacetIndex {
  const ix = caseFacetIndex();
  for (const d of docs) ix.upsert(d);
  return ix;
}

const DOCS = [
  doc(1, 20100315, { jurisdiction: ['PHL'], purposes: ['sexual_exploitation'], sectors: ['hospitality'] }),
  doc(2, 20120000, { jurisdiction: ['THA'], purposes: ['forced_labour'], sectors: ['fishing'] }),
  doc(3, 20150101, { jurisdiction: ['THA'], purposes: ['forced_labour', 'sexual_exploitation'] }),
  doc(4, 0, { jurisdiction: ['USA'], purposes: ['forced_labour'] }),
];

const count = (ix: FacetIndex, sel: FacetSelection, field: FacetField) =>
  Object.fromEntries(
    ix
      .evaluate(ix.allSlots(), sel, true)
      .counts.get(field)!
      .map((c) => [c.value, c.count]),
  );

describe('facet index', () => {
  it('filters: OR within a field, AND across fields, year range', () => {
    const ix = build(DOCS);
    const slots = ix.allSlots();
    const seqs = (sel: FacetSelection) => [...ix.evaluate(slots, sel, false).passing].map((k) => ix.seqOf(slots[k]!));
    expect(seqs({ jurisdiction: ['THA', 'PHL'] })).toEqual([1, 2, 3]);
    expect(seqs({ jurisdiction: ['THA'], purposes: ['sexual_exploitation'] })).toEqual([3]);
    expect(seqs({ yearFrom: 2011 })).toEqual([2, 3]);
    expect(seqs({ yearFrom: 2010, yearTo: 2012 })).toEqual([1, 2]);
    expect(seqs({ purposes: ['nonexistent'] })).toEqual([]);
  });

  it('counts are disjunctive: a facet ignores its own selection but applies the others', () => {
    const ix = build(DOCS);
    const sel = { jurisdiction: ['THA'], purposes: ['forced_labour'] };
    // jurisdiction counts apply the purpose filter only
    expect(count(ix, sel, 'jurisdiction')).toEqual({ THA: 2, USA: 1 });
    // purpose counts apply the jurisdiction filter only
    expect(count(ix, sel, 'purposes')).toEqual({ forced_labour: 2, sexual_exploitation: 1 });
    // other facets apply both
    expect(count(ix, sel, 'sectors')).toEqual({ fishing: 1 });
  });

  it('replaces and removes documents, and compacts without changing results', () => {
    const ix = build(DOCS);
    ix.upsert(doc(2, 20120000, { jurisdiction: ['VNM'], purposes: ['forced_labour'] }));
    ix.remove(4);
    expect(ix.size).toBe(3);
    expect(count(ix, {}, 'jurisdiction')).toEqual({ PHL: 1, THA: 1, VNM: 1 });
    ix.compact();
    expect(count(ix, {}, 'jurisdiction')).toEqual({ PHL: 1, THA: 1, VNM: 1 });
    expect(ix.seqOf(ix.slotOf(2)!)).toBe(2);
    expect(ix.valuesOf(ix.slotOf(2)!, 'jurisdiction')).toEqual(['VNM']);
  });

  it('agrees with a naive count on random data (property)', () => {
    const value = fc.constantFrom('a', 'b', 'c', 'd');
    const docArb = fc.record({
      jurisdiction: fc.array(value, { minLength: 1, maxLength: 1 }),
      purposes: fc.uniqueArray(value, { maxLength: 3 }),
      sectors: fc.uniqueArray(value, { maxLength: 2 }),
      year: fc.integer({ min: 2000, max: 2005 }),
    });
    const selArb = fc.record({
      jurisdiction: fc.uniqueArray(value, { maxLength: 2 }),
      purposes: fc.uniqueArray(value, { maxLength: 2 }),
      yearFrom: fc.option(fc.integer({ min: 2000, max: 2005 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(docArb, { maxLength: 30 }), selArb, (raw, sel) => {
        const docs = raw.map((r, i) =>
          doc(i + 1, r.year * 10000, { jurisdiction: r.jurisdiction, purposes: r.purposes, sectors: r.sectors }),
        );
        const ix = build(docs);
        const passes = (d: FacetDoc, except?: string) =>
          (['jurisdiction', 'purposes'] as const).every(
            (f) => f === except || !sel[f].length || sel[f].some((v) => d.values[f]!.includes(v)),
          ) &&
          (except === 'year' || sel.yearFrom === undefined || d.date >= sel.yearFrom * 10000);
        const slots = ix.allSlots();
        const { counts, passing } = ix.evaluate(slots, sel, true);
        expect([...passing].map((k) => ix.seqOf(slots[k]!))).toEqual(docs.filter((d) => passes(d)).map((d) => d.seq));
        for (const f of ['jurisdiction', 'purposes', 'sectors'] as const) {
          const naive: Record<string, number> = {};
          for (const d of docs) if (passes(d, f)) for (const v of new Set(d.values[f])) naive[v] = (naive[v] ?? 0) + 1;
          expect(Object.fromEntries(counts.get(f)!.map((c) => [c.value, c.count]))).toEqual(naive);
        }
      }),
    );
  });

  it('a snapshot restores the same columns and counts', () => {
    const ix = build(DOCS);
    ix.remove(4);
    const copy = caseFacetIndex();
    expect(copy.deserialize(ix.serialize())).toBe(true);
    expect(copy.size).toBe(3);
    expect(count(copy, { purposes: ['forced_labour'] }, 'jurisdiction')).toEqual(
      count(ix, { purposes: ['forced_labour'] }, 'jurisdiction'),
    );
    expect(copy.valuesOf(copy.slotOf(3)!, 'purposes')).toEqual(['forced_labour', 'sexual_exploitation']);
    copy.upsert(doc(9, 20200101, { jurisdiction: ['PHL'] }));
    expect(count(copy, {}, 'jurisdiction')).toEqual({ PHL: 2, THA: 2 });
  });

  it('knows every facet field', () => {
    expect(FACET_FIELDS).toContain('victimNationality');
    expect(FACET_FIELDS.length).toBeLessThanOrEqual(32);
  });
});
