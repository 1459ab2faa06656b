/**
 * One phrase's statistics for phrase-stats.ts: the rows holding it (ascending) and its weighted frequency f in
 * each, recovered from FTS5's one-phrase bm25() scores; brought up to date from the rows written since; and the
 * phrase's term of each match's score. Pure functions on typed arrays.
 */
import type { Matches } from '../match-cache.ts';
import { frequencyOf, phraseTerm } from './fts5-bm25.ts';

export type Frequencies = Uint8Array | Uint16Array | Float32Array;

/** Bytes an entry holds. */
export const entryBytes = (e: PhraseEntry) => e.seqs.byteLength + e.freqs.byteLength;

/** The frequencies in the narrowest array that holds them exactly (f is an integer; Float32 is exact to 2^24). */
function narrow(fs: Float64Array): Frequencies {
  let max = 0;
  for (const f of fs) if (f > max) max = f;
  return max < 256 ? Uint8Array.from(fs) : max < 65536 ? Uint16Array.from(fs) : Float32Array.from(fs);
}

export interface PhraseEntry {
  seqs: Uint32Array;
  /** The narrowest that holds them: one byte a row for most phrases. */
  freqs: Frequencies;
  /** Position in the write log up to which the entry is current. */
  at: number;
}

/** What the scores were computed with: the phrase's idf and the table's row lengths and average. */
export interface Bm25Context {
  idf: number;
  lengths: Uint32Array;
  avgdl: number;
}

/** The entry of a phrase from FTS5's bm25() of it alone; null when an f is not recovered exactly. */
export function entryFromMatches(m: Matches, c: Bm25Context, at: number): PhraseEntry | null {
  const freqs = new Float64Array(m.seqs.length);
  for (let i = 0; i < m.seqs.length; i++) {
    const f = frequencyOf(m.scores[i]!, c.idf, c.lengths[m.seqs[i]!] ?? 0, c.avgdl);
    if (Number.isNaN(f)) return null;
    freqs[i] = f;
  }
  return { seqs: m.seqs, freqs: narrow(freqs), at };
}

/**
 * The entry with the rows `dirty` (ascending, written since it was current) replaced by what FTS5 finds for them
 * now (`found`: the phrase's matches within their span, scored with `c`, whose idf counts the phrase's rows now:
 * see hitsAfter). Null when an f is not recovered exactly.
 */
export function updatedEntry(
  e: PhraseEntry,
  dirty: ReadonlySet<number>,
  found: Matches,
  c: Bm25Context,
  at: number,
): PhraseEntry | null {
  const fresh: [number, number][] = [];
  for (let i = 0; i < found.seqs.length; i++) {
    const seq = found.seqs[i]!;
    if (!dirty.has(seq)) continue;
    const f = frequencyOf(found.scores[i]!, c.idf, c.lengths[seq] ?? 0, c.avgdl);
    if (Number.isNaN(f)) return null;
    fresh.push([seq, f]);
  }
  let kept = 0;
  for (const seq of e.seqs) if (!dirty.has(seq)) kept++;
  const seqs = new Uint32Array(kept + fresh.length);
  const freqs = new Float64Array(kept + fresh.length);
  let n = 0;
  const add = (seq: number, f: number) => {
    seqs[n] = seq;
    freqs[n++] = f;
  };
  let j = 0;
  for (let i = 0; i < e.seqs.length; i++) {
    const seq = e.seqs[i]!;
    for (; j < fresh.length && fresh[j]![0] < seq; j++) add(...fresh[j]!);
    if (!dirty.has(seq)) add(seq, e.freqs[i]!);
  }
  for (; j < fresh.length; j++) add(...fresh[j]!);
  return { seqs, freqs: narrow(freqs), at };
}

/** How many rows hold the phrase once the dirty rows are replaced by `found`'s. */
export function hitsAfter(e: PhraseEntry, dirty: ReadonlySet<number>, found: Uint32Array): number {
  let n = 0;
  for (const seq of e.seqs) if (!dirty.has(seq)) n++;
  for (const seq of found) if (dirty.has(seq)) n++;
  return n;
}

/** Adds the phrase's term of the score to each match (`seqs` ascending); false when `seqs` is not ascending. */
export function addTerms(out: Float64Array, seqs: Uint32Array, e: PhraseEntry, c: Bm25Context): boolean {
  let j = 0;
  let last = -1;
  for (let k = 0; k < seqs.length; k++) {
    const seq = seqs[k]!;
    if (seq <= last) return false;
    last = seq;
    while (j < e.seqs.length && e.seqs[j]! < seq) j++;
    const f = j < e.seqs.length && e.seqs[j] === seq ? e.freqs[j]! : 0;
    out[k] = out[k]! + phraseTerm(c.idf, f, c.lengths[seq] ?? 0, c.avgdl);
  }
  return true;
}

/** The union of ascending lists, ascending, each number once. */
export function unionOf(lists: readonly Uint32Array[]): Uint32Array {
  if (lists.length === 1) return lists[0]!.slice(); // a copy: the entry's own array is not handed out
  let acc = lists[0]!;
  for (const next of lists.slice(1)) {
    const out = new Uint32Array(acc.length + next.length);
    let i = 0;
    let j = 0;
    let n = 0;
    while (i < acc.length || j < next.length) {
      const a = i < acc.length ? acc[i]! : Number.POSITIVE_INFINITY;
      const b = j < next.length ? next[j]! : Number.POSITIVE_INFINITY;
      out[n++] = a <= b ? a : b;
      if (a <= b) i++;
      if (b <= a) j++;
    }
    acc = out.subarray(0, n);
  }
  return acc;
}
