/**
 * The index's own vocabulary with exact document frequencies, held in memory (packed-terms.ts holds the
 * bulk) and persisted by the engine. It answers "how many documents hold this token" and "which indexed
 * tokens are close to this misspelled one" (optimal string alignment distance 1-2). Only published documents count,
 * so a suggestion can never reveal a word of an unpublished case.
 */
import { PackedVocabulary } from './packed-vocabulary.ts';

export interface Candidate {
  term: string;
  df: number;
  distance: number;
}

/** Optimal string alignment distance, or max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
  return editDistanceOf(a, b, max);
}

function codesOf(s: string): Uint16Array {
  const out = new Uint16Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** editDistance over two strings or two arrays of code units (a packed term is compared without a string). */
function editDistanceOf(a: ArrayLike<unknown>, b: ArrayLike<unknown>, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n]!, max + 1);
}

/**
 * A vocabulary saved by serialize(): the packed terms, then the written forms as JSON. The magic is 8 bytes so
 * that the packed arrays start 4-byte aligned and load as views on the snapshot; one of 6 (before) still loads.
 */
const MAGIC = Buffer.from('PVOC4\n\0\0');
const MAGIC_UNALIGNED = Buffer.from('PVOC3\n');

export class Vocabulary {
  /**
   * Every term loaded at start or by the last rebuild, packed (packed-terms.ts); `df` holds only the terms
   * added since. A term is in one of the two, never both; a packed term removed keeps its place with 0.
   */
  private packed = PackedVocabulary.empty;
  private readonly df = new Map<string, number>();
  private readonly surface = new Map<string, string>();
  /** The close-spelling index of the terms in `df` (built on first use after a change of that set). */
  private near: NearIndex | null = null;

  get size(): number {
    return this.df.size + this.packed.live;
  }

  /** Every indexed token with its document frequency. */
  *entries(): IterableIterator<[string, number]> {
    yield* this.packed.entries();
    yield* this.df.entries();
  }

  docFreq(term: string): number {
    const v = this.df.get(term);
    if (v !== undefined) return v;
    const i = this.packed.indexOf(term);
    return i < 0 ? 0 : this.packed.dfAt(i);
  }

  /** A word as written for an indexed token (a stem), for "did you mean"; the token itself if none. */
  wordFor(term: string): string {
    return this.surface.get(term) ?? term;
  }

  apply(deltas: ReadonlyMap<string, number>, surfaces?: ReadonlyMap<string, string>): void {
    if (surfaces) for (const [t, w] of surfaces) if (!this.surface.has(t)) this.surface.set(t, w);
    for (const [term, d] of deltas) {
      const i = this.df.has(term) ? -1 : this.packed.indexOf(term);
      if (i >= 0) {
        const before = this.packed.dfAt(i);
        if (this.packed.addAt(i, d) === 0 && before > 0) this.surface.delete(term);
        continue;
      }
      const v = (this.df.get(term) ?? 0) + d;
      if (v > 0) {
        if (!this.df.has(term)) this.near = null;
        this.df.set(term, v);
      } else if (this.df.delete(term)) {
        this.surface.delete(term);
        this.near = null;
      }
    }
  }

  /** Replaces the contents with [term, df, written form or null] triples (from the tables), packed. */
  replace(triples: Iterable<readonly [string, number, string | null]>): void {
    const r = this.replacement();
    for (const [t, d, w] of triples) r.add(t, d, w);
    r.finish();
  }

  /**
   * The same fed triple by triple (a load that gives the event loop turns between pages); the contents change at
   * finish(). Fastest in the packed order (length, then code units).
   */
  replacement(): { add(term: string, df: number, word: string | null): void; finish(): void } {
    const builder = PackedVocabulary.builder();
    const surface = new Map<string, string>();
    return {
      add: (t, d, w) => {
        if (d <= 0) return;
        builder.add(t, d);
        if (w) surface.set(t, w);
      },
      finish: () => {
        this.clear();
        this.packed = builder.build();
        for (const [t, w] of surface) this.surface.set(t, w);
      },
    };
  }

  /** Everything in one buffer (a snapshot): the packed arrays as they are, repacked only if terms were added. */
  serialize(): Buffer {
    const packed = (this.df.size ? PackedVocabulary.from(this.entries()) : this.packed).serialize();
    const length = Buffer.alloc(4);
    length.writeUInt32LE(packed.length);
    return Buffer.concat([MAGIC, length, packed, Buffer.from(JSON.stringify([...this.surface]))]);
  }

  /** Loads what serialize() wrote; false (contents unchanged) when the buffer is not one. */
  deserialize(buf: Buffer): boolean {
    const magic = [MAGIC, MAGIC_UNALIGNED].find(
      (m) => buf.length >= m.length + 4 && buf.subarray(0, m.length).equals(m),
    );
    if (!magic) return false;
    const length = buf.readUInt32LE(magic.length);
    const from = magic.length + 4;
    const packed = PackedVocabulary.deserialize(buf.subarray(from, from + length));
    if (!packed) return false;
    let surfaces: [string, string][];
    try {
      surfaces = JSON.parse(buf.subarray(from + length).toString('utf8'));
    } catch {
      return false;
    }
    this.clear();
    this.packed = packed;
    for (const [t, w] of surfaces) this.surface.set(t, w);
    return true;
  }

  clear(): void {
    this.packed = PackedVocabulary.empty;
    this.df.clear();
    this.surface.clear();
    this.near = null;
  }

  /**
   * Indexed tokens within edit distance 1 (words of up to 5 letters) or 2 (longer), holding at
   * least `minDf` documents, best first: nearer, then more frequent, then alphabetical.
   */
  closeTo(token: string, minDf = 1, limit = 3): Candidate[] {
    if (token.length < 3 || /^\d+$/.test(token)) return [];
    const max = token.length <= 5 ? 1 : 2;
    const out: Candidate[] = [];
    const codes = codesOf(token);
    const c0 = token.charCodeAt(0);
    const c1 = token.charCodeAt(1);
    const consider = (term: string) => {
      if (term === token) return;
      const distance = editDistance(token, term, max);
      if (distance > max) return;
      const df = this.df.get(term)!;
      if (df >= minDf) out.push({ term, df, distance });
    };
    const packed = this.packed;
    const considerPacked = (i: number) => {
      const df = packed.dfAt(i);
      if (df < Math.max(1, minDf)) return;
      const distance = editDistanceOf(codes, packed.codes(i), max);
      if (distance > max || distance === 0) return;
      out.push({ term: packed.termAt(i), df, distance });
    };
    this.near ??= new NearIndex(this.df.keys());
    for (let len = token.length - max; len <= token.length + max; len++) {
      // Only terms that keep the first letter, or the second, or swap the two (a misspelling rarely
      // changes both of the first two letters), each looked at once.
      for (const term of this.near.first.get(NearIndex.key(len, c0)) ?? []) consider(term);
      for (const term of this.near.second.get(NearIndex.key(len, c1)) ?? [])
        if (term.charCodeAt(0) !== c0) consider(term);
      if (c1 !== c0) for (const term of this.near.swapped.get(NearIndex.key(len, c1, c0)) ?? []) consider(term);
      if (len < 1 || packed.length === 0) continue;
      for (const [from, to] of packed.runs(len, c0)) for (let i = from; i < to; i++) considerPacked(i);
      if (len > 1) for (const i of packed.withSecond(len, c1)) if (packed.codes(i)[0] !== c0) considerPacked(i);
      if (c1 !== c0 && len > 1) {
        for (const [a, b] of packed.runs(len, c1, c0)) for (let i = a; i < b; i++) considerPacked(i);
      }
    }
    out.sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1));
    return out.slice(0, limit);
  }
}

/**
 * Terms by length and first letter, by length and second letter, and by length and first two
 * letters: the candidates of a close-spelling lookup are read from three small lists instead of
 * every term of the right length (ADR 0002).
 */
class NearIndex {
  readonly first = new Map<number, string[]>();
  readonly second = new Map<number, string[]>();
  readonly swapped = new Map<number, string[]>();

  static key(len: number, a: number, b = 0): number {
    return (len * 65536 + a) * 65536 + b;
  }

  constructor(terms: Iterable<string>) {
    const add = (m: Map<number, string[]>, k: number, t: string) => {
      const list = m.get(k);
      if (list) list.push(t);
      else m.set(k, [t]);
    };
    for (const t of terms) {
      add(this.first, NearIndex.key(t.length, t.charCodeAt(0)), t);
      if (t.length > 1) {
        add(this.second, NearIndex.key(t.length, t.charCodeAt(1)), t);
        add(this.swapped, NearIndex.key(t.length, t.charCodeAt(0), t.charCodeAt(1)), t);
      }
    }
  }
}
