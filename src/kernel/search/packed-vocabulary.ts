import { PackedTerms } from './packed-terms.ts';
import { PackedTermsBuilder } from './packed-terms-builder.ts';

const latin1 = (t: string) => {
  for (let k = 0; k < t.length; k++) if (t.charCodeAt(k) > 255) return false;
  return true;
};

/**
 * Two packed lists: the Latin-1 terms one byte a code unit, the others two (a handful of Greek terms in an
 * English corpus would otherwise double the whole list). Indexes run through the first list, then the second.
 */
export class PackedVocabulary {
  static readonly empty = new PackedVocabulary(PackedTerms.empty, PackedTerms.empty);

  private constructor(
    private readonly narrow: PackedTerms,
    private readonly wide: PackedTerms,
  ) {}

  static from(entries: Iterable<readonly [string, number]>): PackedVocabulary {
    const builder = PackedVocabulary.builder();
    for (const [t, d] of entries) builder.add(t, d);
    return builder.build();
  }

  /** Fed term by term (fastest in the packed order), then built: no list of strings is held meanwhile. */
  static builder(): { add(term: string, df: number): void; build(): PackedVocabulary } {
    const narrow = new PackedTermsBuilder();
    const wide = new PackedTermsBuilder();
    return {
      add: (term, df) => (latin1(term) ? narrow : wide).add(term, df),
      build: () => new PackedVocabulary(PackedTerms.built(narrow), PackedTerms.built(wide)),
    };
  }

  get length(): number {
    return this.narrow.length + this.wide.length;
  }

  get live(): number {
    return this.narrow.live + this.wide.live;
  }

  private at(i: number): [PackedTerms, number] {
    return i < this.narrow.length ? [this.narrow, i] : [this.wide, i - this.narrow.length];
  }

  termAt(i: number): string {
    const [list, j] = this.at(i);
    return list.termAt(j);
  }

  dfAt(i: number): number {
    const [list, j] = this.at(i);
    return list.dfAt(j);
  }

  addAt(i: number, d: number): number {
    const [list, j] = this.at(i);
    return list.addAt(j, d);
  }

  codes(i: number): Uint8Array | Uint16Array {
    const [list, j] = this.at(i);
    return list.codes(j);
  }

  indexOf(term: string): number {
    if (latin1(term)) return this.narrow.indexOf(term);
    const j = this.wide.indexOf(term);
    return j < 0 ? j : j + this.narrow.length;
  }

  /** The runs of PackedTerms.run in both lists, as [from, to) pairs of this list's indexes. */
  runs(len: number, a: number, b?: number): [number, number][] {
    const [n0, n1] = this.narrow.run(len, a, b);
    const [w0, w1] = this.wide.run(len, a, b);
    const o = this.narrow.length;
    return [
      [n0, n1],
      [w0 + o, w1 + o],
    ];
  }

  /** Indexes of the terms of length `len` whose second code unit is `b`, in both lists. */
  *withSecond(len: number, b: number): IterableIterator<number> {
    for (const i of this.narrow.withSecond(len, b)) yield i;
    for (const i of this.wide.withSecond(len, b)) yield i + this.narrow.length;
  }

  *entries(): IterableIterator<[string, number]> {
    yield* this.narrow.entries();
    yield* this.wide.entries();
  }

  serialize(): Buffer {
    const a = this.narrow.serialize();
    const length = Buffer.alloc(4);
    length.writeUInt32LE(a.length);
    return Buffer.concat([length, a, this.wide.serialize()]);
  }

  static deserialize(buf: Buffer): PackedVocabulary | null {
    if (buf.length < 4) return null;
    const n = buf.readUInt32LE(0);
    const narrow = PackedTerms.deserialize(buf.subarray(4, 4 + n));
    const wide = PackedTerms.deserialize(buf.subarray(4 + n));
    return narrow && wide ? new PackedVocabulary(narrow, wide) : null;
  }
}
