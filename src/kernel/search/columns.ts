/** Growable typed arrays and a dense seq -> slot map: the building blocks of the in-memory columns. */

/** Bytes rounded up to a multiple of 4 (typed arrays in a snapshot are 4-byte aligned). */
export const align = (bytes: number) => bytes + ((4 - (bytes % 4)) % 4);

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
