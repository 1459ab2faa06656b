/**
 * The bulk of the vocabulary as four typed arrays instead of a Map of strings: at 100,000 cases the index holds
 * some 300,000 terms (98 % of them identifier tokens with digits), at 1,000,000 ten times as many, and a Map
 * entry with its string costs some 80 bytes where a packed term costs its characters plus 8 bytes.
 *
 * Terms are sorted by length, then code unit by code unit. That order answers "how many documents hold this
 * term" by binary search, and puts the close-spelling candidates of vocabulary.ts next to each other: the terms
 * of one length starting with one letter, or with two given letters, are one run of the list; the terms of one
 * length by their second letter come from a permutation (`bySecond`), computed on the first lookup.
 */
import { align, typedAt } from './columns.ts';
import { PackedTermsBuilder } from './packed-terms-builder.ts';

const NONE = -1;

export class PackedTerms {
  static readonly empty = new PackedTerms(new Uint8Array(0), new Uint32Array(1), new Int32Array(0));
  /** Indexes of the terms longer than one code unit, by (length, second code unit, index). */
  private second: Uint32Array | null = null;
  /** Terms with a document frequency above zero (a removed term keeps its place with 0). */
  private liveCount: number;

  private constructor(
    /** One byte a code unit when every term is Latin-1 (identifier tokens, English and Spanish), else two. */
    private readonly chars: Uint8Array | Uint16Array,
    private readonly starts: Uint32Array,
    private readonly freq: Int32Array,
  ) {
    this.liveCount = 0;
    for (const d of freq) if (d > 0) this.liveCount++;
  }

  /** Packs [term, df] pairs (terms distinct; those with df <= 0 are left out). */
  static from(entries: Iterable<readonly [string, number]>): PackedTerms {
    const builder = new PackedTermsBuilder();
    for (const [t, d] of entries) builder.add(t, d);
    return PackedTerms.built(builder);
  }

  /** What a builder holds, packed. */
  static built(builder: PackedTermsBuilder): PackedTerms {
    const { chars, starts, freq } = builder.build();
    return new PackedTerms(chars, starts, freq);
  }

  get length(): number {
    return this.freq.length;
  }

  get live(): number {
    return this.liveCount;
  }

  termAt(i: number): string {
    return String.fromCharCode(...this.chars.subarray(this.starts[i]!, this.starts[i + 1]!));
  }

  dfAt(i: number): number {
    return this.freq[i]!;
  }

  /** Adds d to the document frequency of term i (never below 0); answers the new value. */
  addAt(i: number, d: number): number {
    const before = this.freq[i]!;
    const after = Math.max(0, before + d);
    this.freq[i] = after;
    if (before > 0 && after === 0) this.liveCount--;
    else if (before === 0 && after > 0) this.liveCount++;
    return after;
  }

  /** The index of a term, or -1. */
  indexOf(term: string): number {
    let lo = 0;
    let hi = this.freq.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const c = this.compareAt(mid, term);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return NONE;
  }

  /** [from, to) of the terms of length `len` whose first code units are `a` (and `b`, when given). */
  run(len: number, a: number, b = NONE): [number, number] {
    const lo = this.lowerBound(len, a, b);
    const hi = b === NONE ? this.lowerBound(len, a + 1, NONE) : this.lowerBound(len, a, b + 1);
    return [lo, hi];
  }

  /** Indexes of the terms of length `len` whose second code unit is `b`. */
  withSecond(len: number, b: number): Uint32Array {
    const perm = (this.second ??= this.bySecond());
    const key = (k: number) => {
      const i = perm[k]!;
      return this.lengthAt(i) * 65536 + this.chars[this.starts[i]! + 1]!;
    };
    const target = len * 65536 + b;
    let lo = 0;
    let hi = perm.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(mid) < target) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < perm.length && key(end) === target) end++;
    return perm.subarray(lo, end);
  }

  /** The code units of term i (a view, not a copy). */
  codes(i: number): Uint8Array | Uint16Array {
    return this.chars.subarray(this.starts[i]!, this.starts[i + 1]!);
  }

  *entries(): IterableIterator<[string, number]> {
    for (let i = 0; i < this.freq.length; i++) if (this.freq[i]! > 0) yield [this.termAt(i), this.freq[i]!];
  }

  /**
   * One buffer: counts and width, then starts, frequencies and code units (little-endian, as the arrays),
   * padded to a multiple of 4 bytes so that what follows it stays aligned.
   */
  serialize(): Buffer {
    const n = this.freq.length;
    const head = Buffer.from(new Uint32Array([n, this.chars.length, this.chars.BYTES_PER_ELEMENT]).buffer);
    const parts = [head, this.starts, this.freq, this.chars].map((a) =>
      Buffer.from(a.buffer, a.byteOffset, a.byteLength),
    );
    return Buffer.concat([...parts, Buffer.alloc((4 - (this.chars.byteLength % 4)) % 4)]);
  }

  static deserialize(buf: Buffer): PackedTerms | null {
    if (buf.length < 12) return null;
    const n = buf.readUInt32LE(0);
    const nChars = buf.readUInt32LE(4);
    const width = buf.readUInt32LE(8);
    const size = 12 + (n + 1) * 4 + n * 4 + nChars * width;
    if ((width !== 1 && width !== 2) || (buf.length !== size && buf.length !== align(size))) return null;
    const starts = typedAt(Uint32Array, buf, 12, n + 1);
    const freq = typedAt(Int32Array, buf, 12 + (n + 1) * 4, n);
    const at = 12 + (n + 1) * 4 + n * 4;
    const chars = width === 1 ? typedAt(Uint8Array, buf, at, nChars) : typedAt(Uint16Array, buf, at, nChars);
    return new PackedTerms(chars, starts, freq);
  }

  private lengthAt(i: number): number {
    return this.starts[i + 1]! - this.starts[i]!;
  }

  /** Term i compared with `term` in the list's order (length first). */
  private compareAt(i: number, term: string): number {
    const s = this.starts[i]!;
    const len = this.lengthAt(i);
    if (len !== term.length) return len - term.length;
    for (let k = 0; k < len; k++) {
      const d = this.chars[s + k]! - term.charCodeAt(k);
      if (d !== 0) return d;
    }
    return 0;
  }

  /** The first index whose (length, first, second code unit) is at least (len, a, b); NONE sorts first. */
  private lowerBound(len: number, a: number, b: number): number {
    let lo = 0;
    let hi = this.freq.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const s = this.starts[mid]!;
      const l = this.lengthAt(mid);
      const c0 = l > 0 ? this.chars[s]! : NONE;
      const c1 = l > 1 ? this.chars[s + 1]! : NONE;
      const less = l < len || (l === len && (c0 < a || (c0 === a && c1 < b)));
      if (less) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * (length, second code unit, index) packed into one exact double and sorted natively: a comparator sort of
   * three million indexes took seconds. Falls back to the comparator past 2^24 terms or 2^11 code units.
   */
  private bySecond(): Uint32Array {
    const n = this.freq.length;
    const key = (i: number) => this.lengthAt(i) * 65536 + this.chars[this.starts[i]! + 1]!;
    const ids: number[] = [];
    let longest = 0;
    for (let i = 0; i < n; i++) {
      const l = this.lengthAt(i);
      if (l > 1) ids.push(i);
      if (l > longest) longest = l;
    }
    const SHIFT = 2 ** 24;
    if (n < SHIFT && longest < 2048) {
      const keys = Float64Array.from(ids, (i) => key(i) * SHIFT + i);
      keys.sort();
      return Uint32Array.from(keys, (k) => k % SHIFT);
    }
    ids.sort((x, y) => key(x) - key(y) || x - y);
    return Uint32Array.from(ids);
  }
}

/** The list's order: by length, then code unit by code unit. */
export function compareTerms(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
