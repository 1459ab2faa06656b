/** Growable typed arrays and a dense seq -> slot map: the building blocks of the in-memory columns. */

/** Bytes rounded up to a multiple of 4 (typed arrays in a snapshot are 4-byte aligned). */
export const align = (bytes: number) => bytes + ((4 - (bytes % 4)) % 4);

/** The zero bytes that follow `bytes` bytes up to the next multiple of 4. */
export const padding = (bytes: number) => Buffer.alloc(align(bytes) - bytes);

type Typed = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array;
interface TypedCtor<T extends Typed> {
  new (buffer: ArrayBufferLike, byteOffset?: number, length?: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/**
 * `count` elements of type `Ctor` stored in `buf` from byte `at` (at least `min`): a view on the buffer
 * when it is aligned and long enough, so that a snapshot read from the database is the columns' memory
 * rather than copied into them (at a million cases the copies were some 160 MB at start); else a copy.
 */
export function typedAt<T extends Typed>(Ctor: TypedCtor<T>, buf: Uint8Array, at: number, count: number, min = 0): T {
  const n = Math.max(count, min);
  const bytes = n * Ctor.BYTES_PER_ELEMENT;
  const offset = buf.byteOffset + at;
  if (offset % Ctor.BYTES_PER_ELEMENT === 0 && at + bytes <= buf.length) return new Ctor(buf.buffer, offset, n);
  const copy = new Ctor(new ArrayBuffer(bytes));
  new Uint8Array(copy.buffer).set(buf.subarray(at, at + Math.min(count * Ctor.BYTES_PER_ELEMENT, buf.length - at)));
  return copy;
}

export class GrowableU16 {
  data = new Uint16Array(1 << 16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint16Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

export class GrowableU32 {
  data = new Uint32Array(1 << 12);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** seq -> slot as a dense typed array (document numbers are small consecutive integers). */
export class SlotMap {
  private slots = new Int32Array(1 << 12).fill(-1);
  size = 0;

  get(seq: number): number | undefined {
    const v = seq < this.slots.length ? this.slots[seq]! : -1;
    return v < 0 ? undefined : v;
  }

  has(seq: number): boolean {
    return this.get(seq) !== undefined;
  }

  set(seq: number, slot: number): void {
    if (seq >= this.slots.length) {
      let n = this.slots.length;
      while (n <= seq) n *= 2;
      const next = new Int32Array(n).fill(-1);
      next.set(this.slots);
      this.slots = next;
    }
    if (this.slots[seq]! < 0) this.size++;
    this.slots[seq] = slot;
  }

  delete(seq: number): boolean {
    if (this.get(seq) === undefined) return false;
    this.slots[seq] = -1;
    this.size--;
    return true;
  }

  clear(): void {
    this.slots.fill(-1);
    this.size = 0;
  }

  get bytes(): number {
    return this.slots.byteLength;
  }
}
