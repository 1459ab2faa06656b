/**
 * Facet counts of a match that holds most documents, without a filter: every document's counts (kept by the
 * facet index until its next change) minus those of the documents not matched. At 100,000 cases a common word
 * matches 81,557 of 95,022 documents; counting the 13,465 others does a sixth of the work (ADR 0002, addendum of
 * 2026-12-05).
 */
import { VALUE_BITS } from './facet-layout.ts';

/** The facet columns as facet-index.ts holds them: per slot its packed values pool[start[s]..start[s + 1]). */
export interface PackedColumns {
  pool: Uint16Array;
  start: Uint32Array;
  alive: Uint8Array;
  /** Slots in use (live or dead). */
  slots: number;
}

const VALUE_MASK = (1 << VALUE_BITS) - 1;

/** Counts of every value of every field over the live slots; `sizes`: values per field. */
export function countAll(c: PackedColumns, sizes: readonly number[]): Uint32Array[] {
  const counts = sizes.map((n) => new Uint32Array(Math.max(1, n)));
  for (let s = 0; s < c.slots; s++) {
    if (!c.alive[s]) continue;
    for (let p = c.start[s]!; p < c.start[s + 1]!; p++) counts[c.pool[p]! >>> VALUE_BITS]![c.pool[p]! & VALUE_MASK]!++;
  }
  return counts;
}

/**
 * The positions in `slots` whose slot is live, and the counts over them, as `totals` (countAll) minus the live
 * slots not among them; null when `slots` names a slot twice (the caller then counts directly).
 */
export function countByComplement(
  c: PackedColumns,
  slots: ArrayLike<number>,
  totals: readonly Uint32Array[],
): { passing: Uint32Array; counts: Uint32Array[] } | null {
  const mark = new Uint8Array(c.slots);
  const passing = new Uint32Array(slots.length);
  let n = 0;
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    if (!c.alive[slot]) continue;
    if (mark[slot]) return null;
    mark[slot] = 1;
    passing[n++] = k;
  }
  const counts = totals.map((t) => t.slice());
  for (let s = 0; s < c.slots; s++) {
    if (!c.alive[s] || mark[s]) continue;
    for (let p = c.start[s]!; p < c.start[s + 1]!; p++) counts[c.pool[p]! >>> VALUE_BITS]![c.pool[p]! & VALUE_MASK]!--;
  }
  return { passing: passing.subarray(0, n), counts };
}
