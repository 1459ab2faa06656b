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
  private byLength: Map<number, string[]> | null = null;

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
        if (!this.df.has(term)) this.byLength = null;
        this.df.set(term, v);
      } else if (this.df.delete(term)) {
        this.surface.delete(term);
        this.byLength = null;
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
    this.byLength = null;
  }

  private buckets(): Map<number, string[]> {
    if (!this.byLength) {
      this.byLength = new Map();
      for (const t of this.df.keys()) {
        const list = this.byLength.get(t.length) ?? [];
        list.push(t);
        this.byLength.set(t.length, list);
      }
    }
    return this.byLength;
  }

  /**
   * Indexed tokens within edit distance 1 (words of up to 5 letters) or 2 (longer), holding at
   * least `minDf` documents, best first: nearer, then more frequent, then alphabetical.
   */
  closeTo(token: string, minDf = 1, limit = 3): Candidate[] {
    if (token.length < 3 || /^\d+$/.test(token)) return [];
    const max = token.length <= 5 ? 1 : 2;
    const out: Candidate[] = [];
    const buckets = this.buckets();
    const c0 = token.charCodeAt(0);
    const c1 = token.charCodeAt(1);
    for (let len = token.length - max; len <= token.length + max; len++) {
      for (const term of buckets.get(len) ?? []) {
        // Cheap pre-filter: a misspelling rarely changes both of the first two letters.
        if (
          term.charCodeAt(0) !== c0 &&
          term.charCodeAt(1) !== c1 &&
          !(term.charCodeAt(0) === c1 && term.charCodeAt(1) === c0)
        )
          continue;
        if (term === token) continue;
        const distance = editDistance(token, term, max);
        if (distance > max) continue;
        const df = this.df.get(term)!;
        if (df >= minDf) out.push({ term, df, distance });
      }
    }
    out.sort((a, b) => a.distance - b.distance || b.df - a.df || (a.term < b.term ? -1 : 1));
    return out.slice(0, limit);
  }
}
