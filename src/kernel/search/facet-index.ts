/**
 * Facet values of every searchable (published) case, held in memory as compact columns, so that
 * filters and disjunctive facet counts over any result set cost one pass over that set, with no
 * GROUP BY in the database.
 *
 * Layout: each document occupies a slot. Its facet values are packed as 16-bit numbers
 * (5 bits field, 11 bits value id) in one shared pool; `start[slot]`..`start[slot+1]` delimits them.
 * Single-valued numeric columns (decision year, date sort key) live in typed arrays. A replaced or
 * deleted document's slot is marked dead and reclaimed by compaction.
 */
import { align, GrowableU16, GrowableU32, padding, SlotMap, typedAt } from './columns.ts';
import { FIELD_BITS, MAX_VALUES, VALUE_BITS } from './facet-layout.ts';
import { countByComplement, LiveCounts, type PackedColumns } from './facet-complement.ts';

/** One value of a facet and how many documents have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Columns a source keeps slot for slot with the facet columns (the cases keep their statistics
 * figures): the facet index appends, copies, saves and restores them with its own slots and never
 * reads them.
 */
export interface SlotColumns {
  /** Appends the next slot: the document's payload and facet values. */
  push(payload: unknown, values: Readonly<Record<string, readonly string[]>>): void;
  /** Appends slot `slot` of another instance (compaction). */
  copySlot(from: SlotColumns, slot: number): void;
  serialize(): Buffer;
  /** Replaces the contents; false (and unchanged) if the snapshot does not fit. */
  deserialize(buf: Buffer): boolean;
  bytes(): number;
}

export interface FacetDoc {
  seq: number;
  /** yyyymmdd with 00 for unknown month/day; 0 when the date is unknown. */
  date: number;
  values: Readonly<Record<string, readonly string[]>>;
  /** The source's payload (kept in the same slots by the SlotColumns, see stats-columns.ts). */
  payload?: unknown;
}

/** A selection over any facet of any source: values per facet, and year bounds (`yearFrom`, `yearTo`). */
export type AnySelection = { readonly [field: string]: readonly string[] | number | undefined };

export class FacetIndex {
  private readonly fieldIndex: Map<string, number>;
  private dict: { ids: Map<string, number>; names: string[] }[];
  private pool = new GrowableU16();
  private start = new GrowableU32();
  private seqs = new GrowableU32();
  private dates = new GrowableU32();
  private alive = new Uint8Array(1 << 12);
  private slotOfSeq = new SlotMap();
  private dead = 0;
  /** Every value's count over the live documents, and which filters they all pass (facet-complement.ts). */
  private readonly live = new LiveCounts();
  /** The source's columns, slot for slot with the facet columns. */
  ext: SlotColumns | null;

  /** `fields`: every facet of every source, at most 32; `extension`: a source's slot columns. */
  constructor(
    readonly fields: readonly string[],
    private readonly extension?: () => SlotColumns,
  ) {
    if (fields.length > 1 << FIELD_BITS) throw new Error(`more than ${1 << FIELD_BITS} facets`);
    this.fieldIndex = new Map(fields.map((f, i) => [f, i]));
    this.dict = fields.map(() => ({ ids: new Map(), names: [] }));
    this.ext = extension?.() ?? null;
    this.start.push(0);
  }

  get size(): number {
    return this.slotOfSeq.size;
  }

  has(seq: number): boolean {
    return this.slotOfSeq.has(seq);
  }

  slotOf(seq: number): number | undefined {
    return this.slotOfSeq.get(seq);
  }

  seqOf(slot: number): number {
    return this.seqs.data[slot]!;
  }

  dateOf(slot: number): number {
    return this.dates.data[slot]!;
  }

  private valueId(field: number, value: string): number {
    const d = this.dict[field]!;
    let id = d.ids.get(value);
    if (id === undefined) {
      id = d.names.length;
      if (id >= MAX_VALUES) throw new Error(`facet ${this.fields[field]} has more than ${MAX_VALUES} distinct values`);
      d.ids.set(value, id);
      d.names.push(value);
    }
    return id;
  }

  /** Adds or replaces a document. */
  upsert(doc: FacetDoc): void {
    this.remove(doc.seq);
    const slot = this.seqs.length;
    for (const [field, values] of Object.entries(doc.values)) {
      const f = this.fieldIndex.get(field);
      if (f === undefined) continue;
      for (const v of new Set(values)) this.pool.push((f << VALUE_BITS) | this.valueId(f, v));
    }
    this.start.push(this.pool.length);
    this.seqs.push(doc.seq);
    this.dates.push(doc.date);
    this.ext?.push(doc.payload, doc.values);
    if (slot >= this.alive.length) {
      const next = new Uint8Array(this.alive.length * 2);
      next.set(this.alive);
      this.alive = next;
    }
    this.alive[slot] = 1;
    this.slotOfSeq.set(doc.seq, slot);
    this.live.change(this.columns(), slot, 1);
  }

  remove(seq: number): void {
    const slot = this.slotOfSeq.get(seq);
    if (slot === undefined) return;
    this.live.change(this.columns(), slot, -1);
    this.alive[slot] = 0;
    this.slotOfSeq.delete(seq);
    if (++this.dead > 10_000 && this.dead > this.seqs.length / 4) this.compact();
  }

  /** Every live slot, for browsing without query text. */
  allSlots(): Uint32Array {
    const out = new Uint32Array(this.slotOfSeq.size);
    let n = 0;
    for (let s = 0; s < this.seqs.length; s++) if (this.alive[s]) out[n++] = s;
    return out;
  }

  /** Compiles a selection into per-field lookup tables (value id -> selected). */
  private compile(sel: AnySelection) {
    const fields: { field: number; selected: Uint8Array; key: string }[] = [];
    for (const [i, name] of this.fields.entries()) {
      const wanted = sel[name];
      if (typeof wanted !== 'object' || !wanted.length) continue;
      const selected = new Uint8Array(MAX_VALUES);
      for (const v of wanted) {
        const id = this.dict[i]!.ids.get(v);
        if (id !== undefined) selected[id] = 1;
      }
      fields.push({ field: i, selected, key: `${i}\u0000${wanted.join('\u0000')}` });
    }
    const from = sel.yearFrom as number | undefined;
    const to = sel.yearTo as number | undefined;
    const yearFrom = from !== undefined ? from * 10000 : 0;
    const yearTo = to !== undefined ? to * 10000 + 9999 : 0xffffffff;
    return { fields, yearFrom, yearTo, hasYear: from !== undefined || to !== undefined };
  }

  /**
   * One pass over the candidate slots: returns the positions (indexes into `slots`) of those passing
   * every filter and, when asked, the disjunctive counts: a facet's counts apply every filter except
   * that facet's own.
   */
  evaluate(
    slots: ArrayLike<number>,
    sel: AnySelection,
    withCounts: boolean,
  ): { passing: Uint32Array; counts: Map<string, FacetCount[]> } {
    const compiled = this.compile(sel);
    const { yearFrom, yearTo, hasYear } = compiled;
    const c = this.columns();
    // A filter every live document passes filters nothing (and takes nothing from the disjunctive counts).
    const sizes = this.valueCounts();
    const live = this.slotOfSeq.size;
    const fields = compiled.fields.filter((f) => !this.live.coversAll(c, sizes, live, f.key, f.field, f.selected));
    if (withCounts && !fields.length && !hasYear && slots.length * 2 > this.slotOfSeq.size) {
      const byComplement = countByComplement(c, slots, this.live.totalsOf(c, sizes));
      if (byComplement) return { passing: byComplement.passing, counts: this.named(byComplement.counts) };
    }
    const yearField = this.fields.indexOf('year');
    const counts = withCounts
      ? this.fields.map((_, i) => new Uint32Array(Math.max(1, this.dict[i]!.names.length)))
      : [];
    const passing = new Uint32Array(slots.length);
    let nPass = 0;
    const pool = this.pool.data;
    const start = this.start.data;
    const dates = this.dates.data;
    for (let k = 0; k < slots.length; k++) {
      const slot = slots[k]!;
      if (!this.alive[slot]) continue;
      const a = start[slot]!;
      const b = start[slot + 1]!;
      let failed = 0;
      let failedField = -1;
      for (const f of fields) {
        let ok = false;
        for (let p = a; p < b; p++) {
          const packed = pool[p]!;
          if (packed >>> VALUE_BITS === f.field && f.selected[packed & (MAX_VALUES - 1)]) {
            ok = true;
            break;
          }
        }
        if (!ok) {
          failed++;
          failedField = f.field;
          if (failed > 1) break;
        }
      }
      if (hasYear) {
        const d = dates[slot]!;
        if (d === 0 || d < yearFrom || d > yearTo) {
          failed++;
          failedField = yearField;
        }
      }
      if (failed === 0) passing[nPass++] = k;
      if (!withCounts || failed > 1) continue;
      if (failed === 0) {
        for (let p = a; p < b; p++) {
          const packed = pool[p]!;
          counts[packed >>> VALUE_BITS]![packed & (MAX_VALUES - 1)]!++;
        }
      } else {
        for (let p = a; p < b; p++) {
          const packed = pool[p]!;
          if (packed >>> VALUE_BITS === failedField) counts[failedField]![packed & (MAX_VALUES - 1)]!++;
        }
      }
    }
    return { passing: passing.subarray(0, nPass), counts: withCounts ? this.named(counts) : new Map() };
  }

  /** Counts per field and value id as lists of named values (those counted at least once). */
  private named(counts: readonly Uint32Array[]): Map<string, FacetCount[]> {
    const out = new Map<string, FacetCount[]>();
    for (const [i, name] of this.fields.entries()) {
      const c = counts[i]!;
      const names = this.dict[i]!.names;
      const list: FacetCount[] = [];
      for (let v = 0; v < names.length; v++) if (c[v]) list.push({ value: names[v]!, count: c[v]! });
      out.set(name, list);
    }
    return out;
  }

  private columns(): PackedColumns {
    return { pool: this.pool.data, start: this.start.data, alive: this.alive, slots: this.seqs.length };
  }

  private valueCounts(): number[] {
    return this.dict.map((d) => d.names.length);
  }

  /** Counts of every facet over the passing positions (every filter applied, not disjunctive). */
  countPassing(slots: ArrayLike<number>, positions: ArrayLike<number>): Map<string, FacetCount[]> {
    const counts = this.fields.map((_, i) => new Uint32Array(Math.max(1, this.dict[i]!.names.length)));
    const pool = this.pool.data;
    const start = this.start.data;
    for (let k = 0; k < positions.length; k++) {
      const slot = slots[positions[k]!]!;
      for (let p = start[slot]!; p < start[slot + 1]!; p++) {
        const packed = pool[p]!;
        counts[packed >>> VALUE_BITS]![packed & (MAX_VALUES - 1)]!++;
      }
    }
    return this.named(counts);
  }

  /** The values of one field of one document. */
  valuesOf(slot: number, field: string): string[] {
    const f = this.fieldIndex.get(field);
    if (f === undefined) return [];
    const out: string[] = [];
    for (let p = this.start.data[slot]!; p < this.start.data[slot + 1]!; p++) {
      const packed = this.pool.data[p]!;
      if (packed >>> VALUE_BITS === f) out.push(this.dict[f]!.names[packed & (MAX_VALUES - 1)]!);
    }
    return out;
  }

  /**
   * The columns as one buffer (a snapshot): a restart loads it in one read instead of parsing every
   * document's facets. Layout: u32 header length, JSON header (dictionaries, lengths), then the
   * typed arrays, each 4-byte aligned.
   */
  serialize(): Buffer {
    if (this.dead > 0) this.compact(); // with no dead slot it would only copy every column
    const n = this.seqs.length;
    const header = Buffer.from(
      JSON.stringify({
        fields: this.fields,
        names: this.dict.map((d) => d.names),
        n,
        pool: this.pool.length,
        ext: this.ext ? 1 : 0,
      }),
    );
    // Each part followed by its padding: one copy in all (Buffer.concat), not one per part.
    const part = (a: ArrayBufferView) => [Buffer.from(a.buffer, a.byteOffset, a.byteLength), padding(a.byteLength)];
    const len = Buffer.alloc(4);
    len.writeUInt32LE(header.length);
    return Buffer.concat([
      len,
      header,
      padding(header.length),
      ...part(this.pool.data.subarray(0, this.pool.length)),
      ...part(this.start.data.subarray(0, n + 1)),
      ...part(this.seqs.data.subarray(0, n)),
      ...part(this.dates.data.subarray(0, n)),
      ...(this.ext ? [this.ext.serialize()] : []),
    ]);
  }

  /** Replaces the contents with a snapshot; false (and unchanged) if it does not fit this version. */
  deserialize(buf: Buffer): boolean {
    this.live.reset();
    const headerLength = buf.readUInt32LE(0);
    const header = JSON.parse(buf.subarray(4, 4 + headerLength).toString('utf8')) as {
      fields: string[];
      names: string[][];
      n: number;
      pool: number;
      ext?: number;
    };
    if (JSON.stringify(header.fields) !== JSON.stringify(this.fields) || header.ext !== (this.ext ? 1 : 0))
      return false;
    let at = 4 + headerLength + ((4 - (headerLength % 4)) % 4);
    const take = <T extends Uint16Array | Uint32Array>(
      Ctor: { new (b: ArrayBufferLike, o?: number, l?: number): T; BYTES_PER_ELEMENT: number },
      count: number,
      min = 1,
    ): T => {
      const out = typedAt(Ctor, buf, at, count, min);
      at += align(count * Ctor.BYTES_PER_ELEMENT);
      return out;
    };
    const n = header.n;
    const ext = this.extension?.() ?? null;
    const extAt = at + align(header.pool * 2) + align((n + 1) * 4) + 2 * align(n * 4);
    if (ext && !ext.deserialize(buf.subarray(extAt))) return false;
    this.clear();
    this.ext = ext;
    this.pool.data = take(Uint16Array, header.pool);
    this.pool.length = header.pool;
    this.start.data = take(Uint32Array, n + 1);
    this.start.length = n + 1;
    this.seqs.data = take(Uint32Array, n);
    this.seqs.length = n;
    this.dates.data = take(Uint32Array, n);
    this.dates.length = n;
    this.dict = header.names.map((names) => ({ names, ids: new Map(names.map((v, i) => [v, i])) }));
    this.alive = new Uint8Array(Math.max(1 << 12, n)).fill(1, 0, n);
    for (let slot = 0; slot < n; slot++) this.slotOfSeq.set(this.seqs.data[slot]!, slot);
    return true;
  }

  /** Forgets every document (before a full reload). */
  clear(): void {
    this.live.reset();
    this.pool = new GrowableU16();
    this.start = new GrowableU32();
    this.start.push(0);
    this.seqs = new GrowableU32();
    this.dates = new GrowableU32();
    this.alive = new Uint8Array(1 << 12);
    this.slotOfSeq.clear();
    this.dead = 0;
    this.ext = this.extension?.() ?? null;
  }

  /** Rebuilds the columns without dead slots. */
  compact(): void {
    const old = {
      pool: this.pool,
      start: this.start,
      seqs: this.seqs,
      dates: this.dates,
      alive: this.alive,
      ext: this.ext,
    };
    this.ext = this.extension?.() ?? null;
    this.pool = new GrowableU16();
    this.start = new GrowableU32();
    this.start.push(0);
    this.seqs = new GrowableU32();
    this.dates = new GrowableU32();
    this.alive = new Uint8Array(Math.max(1 << 12, old.seqs.length));
    this.slotOfSeq.clear();
    this.dead = 0;
    for (let s = 0; s < old.seqs.length; s++) {
      if (!old.alive[s]) continue;
      const slot = this.seqs.length;
      for (let p = old.start.data[s]!; p < old.start.data[s + 1]!; p++) this.pool.push(old.pool.data[p]!);
      this.start.push(this.pool.length);
      this.seqs.push(old.seqs.data[s]!);
      this.dates.push(old.dates.data[s]!);
      if (old.ext) this.ext?.copySlot(old.ext, s);
      this.alive[slot] = 1;
      this.slotOfSeq.set(old.seqs.data[s]!, slot);
    }
  }

  /** Approximate bytes held, for the benchmark's memory report. */
  bytes(): number {
    return (
      (this.ext?.bytes() ?? 0) +
      this.slotOfSeq.bytes +
      this.pool.data.byteLength +
      this.start.data.byteLength +
      this.seqs.data.byteLength +
      this.dates.data.byteLength +
      this.alive.byteLength
    );
  }
}
