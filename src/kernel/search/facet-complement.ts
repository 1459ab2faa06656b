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

/** True when the slot holds one of the selected values of the field. */
function passes(c: PackedColumns, slot: number, field: number, selected: Uint8Array): boolean {
  for (let p = c.start[slot]!; p < c.start[slot + 1]!; p++) {
    const packed = c.pool[p]!;
    if (packed >>> VALUE_BITS === field && selected[packed & VALUE_MASK]) return true;
  }
  return false;
}

/**
 * What the facet index keeps for counting by complement, followed document by document: every value's count over
 * the live documents (once first asked), and for the filters asked so far how many live documents fail them (a
 * filter every document passes, such as the case search's own `kind = case`, filters nothing and is left out).
 */
export class LiveCounts {
  private totals: Uint32Array[] | null = null;
  private readonly filters = new Map<string, { field: number; selected: Uint8Array; failing: number }>();

  reset(): void {
    this.totals = null;
    this.filters.clear();
  }

  /** A live slot came (+1, once its values are written) or goes (-1, before it is marked dead). */
  change(c: PackedColumns, slot: number, sign: 1 | -1): void {
    if (this.totals) {
      for (let p = c.start[slot]!; p < c.start[slot + 1]!; p++) {
        const field = c.pool[p]! >>> VALUE_BITS;
        const id = c.pool[p]! & VALUE_MASK;
        let t = this.totals[field]!;
        if (id >= t.length) {
          const grown = new Uint32Array(Math.max(id + 1, t.length * 2));
          grown.set(t);
          this.totals[field] = t = grown;
        }
        t[id] = t[id]! + sign;
      }
    }
    for (const f of this.filters.values()) if (!passes(c, slot, f.field, f.selected)) f.failing += sign;
  }

  totalsOf(c: PackedColumns, sizes: readonly number[]): readonly Uint32Array[] {
    return (this.totals ??= countAll(c, sizes));
  }

  /**
   * True when every live document passes the filter (counted on first ask, then followed by change()). A filter
   * whose values are held by fewer documents than there are (by the totals) fails some at once, unscanned.
   */
  coversAll(
    c: PackedColumns,
    sizes: readonly number[],
    live: number,
    key: string,
    field: number,
    selected: Uint8Array,
  ) {
    let f = this.filters.get(key);
    if (!f) {
      const t = this.totalsOf(c, sizes)[field]!;
      let held = 0;
      for (let v = 0; v < t.length; v++) if (selected[v]) held += t[v]!;
      if (held < live) return false;
      if (this.filters.size >= 64) this.filters.clear();
      let failing = 0;
      for (let s = 0; s < c.slots; s++) if (c.alive[s] && !passes(c, s, field, selected)) failing++;
      f = { field, selected, failing };
      this.filters.set(key, f);
    }
    return f.failing === 0;
  }
}
