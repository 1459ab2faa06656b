/**
 * The index's own vocabulary with exact document frequencies, held in memory (and persisted by the
 * engine). It answers "how many documents hold this token" and "which indexed tokens are close to
 * this misspelled one" (optimal string alignment distance 1-2). Only published documents count,
 * so a suggestion can never reveal a word of an unpublished case.
 */
export interface Candidate {
  term: string;
  df: number;
  distance: number;
}

/** Optimal string alignment distance, or max+1 as soon as it must exceed max. */
export function editDistance(a: string, b: string, max: number): number {
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

export class Vocabulary {
  private readonly df = new Map<string, number>();
  private readonly surface = new Map<string, string>();
  /** The close-spelling index (built on first use after a change of the term set). */
  private near: NearIndex | null = null;

  get size(): number {
    return this.df.size;
  }

  /** Every indexed token with its document frequency. */
  entries(): IterableIterator<[string, number]> {
    return this.df.entries();
  }

  docFreq(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** A word as written for an indexed token (a stem), for "did you mean"; the token itself if none. */
  wordFor(term: string): string {
    return this.surface.get(term) ?? term;
  }

  apply(deltas: ReadonlyMap<string, number>, surfaces?: ReadonlyMap<string, string>): void {
    if (surfaces) for (const [t, w] of surfaces) if (!this.surface.has(t)) this.surface.set(t, w);
    for (const [term, d] of deltas) {
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

  /** [term, df, written form or null] triples, for a snapshot. */
  toJSON(): [string, number, string | null][] {
    return [...this.df].map(([t, d]) => [t, d, this.surface.get(t) ?? null]);
  }

  /** Replaces the contents with a snapshot's triples. */
  load(triples: [string, number, string | null][]): void {
    this.clear();
    for (const [t, d, w] of triples) {
      this.df.set(t, d);
      if (w) this.surface.set(t, w);
    }
  }

  clear(): void {
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
    this.near ??= new NearIndex(this.df.keys());
    const c0 = token.charCodeAt(0);
    const c1 = token.charCodeAt(1);
    const consider = (term: string) => {
      if (term === token) return;
      const distance = editDistance(token, term, max);
      if (distance > max) return;
      const df = this.df.get(term)!;
      if (df >= minDf) out.push({ term, df, distance });
    };
    for (let len = token.length - max; len <= token.length + max; len++) {
      // Only terms that keep the first letter, or the second, or swap the two (a misspelling rarely
      // changes both of the first two letters), each looked at once.
      for (const term of this.near.first.get(NearIndex.key(len, c0)) ?? []) consider(term);
      for (const term of this.near.second.get(NearIndex.key(len, c1)) ?? [])
        if (term.charCodeAt(0) !== c0) consider(term);
      if (c1 !== c0) for (const term of this.near.swapped.get(NearIndex.key(len, c1, c0)) ?? []) consider(term);
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
