/**
 * A small LRU of full-text matches: expression -> (document numbers, scores). The text part of a
 * search does not depend on the facet selection, the sort or the page, so clicking a facet, paging
 * and re-sorting reuse it. Every committed index write bumps the generation and empties the cache,
 * so a result is never stale (and never holds an unpublished case).
 */
export interface Matches {
  seqs: Uint32Array;
  scores: Float64Array;
}

export class MatchCache {
  private readonly entries = new Map<string, Matches>();
  private rows = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly maxEntries = 256,
    private readonly maxRows = 4_000_000,
  ) {}

  get(key: string, compute: () => Matches): Matches {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      this.entries.delete(key);
      this.entries.set(key, found); // most recently used last
      return found;
    }
    this.misses++;
    const value = compute();
    if (this.maxEntries === 0 || value.seqs.length > this.maxRows / 4) return value; // off, or too big to keep
    this.entries.set(key, value);
    this.rows += value.seqs.length;
    while (this.entries.size > this.maxEntries || this.rows > this.maxRows) {
      const [oldest, v] = this.entries.entries().next().value as [string, Matches];
      this.entries.delete(oldest);
      this.rows -= v.seqs.length;
    }
    return value;
  }

  /** The cached value, if any, without counting a hit or a miss. */
  peek(key: string): Matches | undefined {
    return this.entries.get(key);
  }

  /** The same for an engine whose matches come from a server (PostgreSQL). */
  async getAsync(key: string, compute: () => Promise<Matches>): Promise<Matches> {
    const found = this.entries.get(key);
    if (found) return this.get(key, () => found);
    const value = await compute();
    return this.get(key, () => value);
  }

  clear(): void {
    this.entries.clear();
    this.rows = 0;
  }

  get size(): number {
    return this.entries.size;
  }
}
