/**
 * What every engine does with its matches once it has them, on the shared facet columns: the
 * candidates, the order of hits (with cursor keys) and their hydration by the sources. Engines
 * differ only in how they find the matches and score them.
 */
import type { FacetIndex } from './facet-index.ts';
import type { SearchHit, SearchRequest } from './search-engine.ts';
import type { MatchTerms, SearchSource } from './search-source.ts';

/** An engine's matches: facet-column slots with score and tier (1 exact, 0 through a corrected spelling). */
export interface Candidates {
  slots: Uint32Array;
  scores: Float64Array;
  tiers: Uint8Array;
}

/** A search without words: every indexed document, minus the excluded ones, all in the exact tier. */
export function everyCandidate(facets: FacetIndex, negative: Set<number> | null): Candidates {
  const all = facets.allSlots();
  const keep = negative ? all.filter((s) => !negative.has(facets.seqOf(s))) : all;
  return { slots: keep, scores: new Float64Array(keep.length), tiers: new Uint8Array(keep.length).fill(1) };
}

/**
 * An engine's full-text matches (document numbers and raw scores; `score` turns a raw score into
 * higher-is-better) joined with the known items (exact title or identifier: tier 255 or 254, by their map), minus
 * the excluded documents and any document the facet columns do not hold.
 */
export function candidatesOf(
  facets: FacetIndex,
  matches: { seqs: ArrayLike<number>; scores: ArrayLike<number> },
  known: ReadonlyMap<number, number>,
  negative: Set<number> | null,
  tierOf: (seq: number) => number,
  score: (raw: number) => number = (raw) => raw,
): Candidates {
  const size = matches.seqs.length + known.size;
  const c: Candidates = { slots: new Uint32Array(size), scores: new Float64Array(size), tiers: new Uint8Array(size) };
  let n = 0;
  // The known items already among the matches (a set of all matches cost more than the rest of the loop).
  const seen = new Set<number>();
  for (let i = 0; i < matches.seqs.length; i++) {
    const seq = matches.seqs[i]!;
    const slot = facets.slotOf(seq);
    if (slot === undefined || negative?.has(seq)) continue;
    if (known.size && known.has(seq)) seen.add(seq);
    c.slots[n] = slot;
    c.scores[n] = score(matches.scores[i]!);
    c.tiers[n] = known.get(seq) ?? tierOf(seq);
    n++;
  }
  for (const [seq, tier] of known) {
    const slot = facets.slotOf(seq);
    if (seen.has(seq) || slot === undefined || negative?.has(seq)) continue;
    c.slots[n] = slot;
    c.tiers[n] = tier;
    n++;
  }
  return { slots: c.slots.subarray(0, n), scores: c.scores.subarray(0, n), tiers: c.tiers.subarray(0, n) };
}

/** Comparison and cursor keys for the requested sort; ties are broken by document number. */
export function hitOrder(req: Pick<SearchRequest, 'sort' | 'after'>, c: Candidates, facets: FacetIndex) {
  const seq = (k: number) => facets.seqOf(c.slots[k]!);
  const date = (k: number) => facets.dateOf(c.slots[k]!);
  if (req.sort === 'relevance') {
    const before = (a: number, b: number) =>
      c.tiers[a]! !== c.tiers[b]!
        ? c.tiers[a]! > c.tiers[b]!
        : c.scores[a]! !== c.scores[b]!
          ? c.scores[a]! > c.scores[b]!
          : seq(a) < seq(b);
    const after = req.after as [number, number, number] | undefined;
    const isAfter = after
      ? (k: number) =>
          c.tiers[k]! < after[0] ||
          (c.tiers[k] === after[0] && (c.scores[k]! < after[1] || (c.scores[k] === after[1] && seq(k) > after[2])))
      : undefined;
    return { before, isAfter, key: (k: number) => [c.tiers[k]!, c.scores[k]!, seq(k)] };
  }
  const asc = req.sort === 'date_asc';
  // Unknown dates sort last either way.
  const d = (k: number) => (date(k) === 0 ? (asc ? 99999999 : 0) : date(k));
  const before = (a: number, b: number) =>
    d(a) !== d(b) ? (asc ? d(a) < d(b) : d(a) > d(b)) : asc ? seq(a) < seq(b) : seq(a) > seq(b);
  const after = req.after as [number, number] | undefined;
  const isAfter = after
    ? (k: number) =>
        asc
          ? d(k) > after[0] || (d(k) === after[0] && seq(k) > after[1])
          : d(k) < after[0] || (d(k) === after[0] && seq(k) < after[1])
    : undefined;
  return { before, isAfter, key: (k: number) => [d(k), seq(k)] };
}

/**
 * The hits of a page: each document hydrated by its source under the public's rights (a record the
 * source does not return, such as one no longer published, is left out), with its snippet.
 */
export async function hydrate(
  sources: ReadonlyMap<string, SearchSource>,
  keys: readonly ({ kind: string; id: string } | undefined)[],
  shown: readonly number[],
  c: Candidates,
  terms: MatchTerms,
  fulltextOf: (source: SearchSource, ids: string[]) => Promise<Map<string, string>>,
): Promise<SearchHit[]> {
  const byKind = new Map<string, string[]>();
  for (const key of keys) {
    if (!key) continue;
    const ids = byKind.get(key.kind);
    if (ids) ids.push(key.id);
    else byKind.set(key.kind, [key.id]);
  }
  const found = new Map<string, { records: Map<string, unknown>; fulltext: Map<string, string> }>();
  await Promise.all(
    [...byKind].map(async ([kind, ids]) => {
      const src = sources.get(kind);
      if (!src) return;
      const [records, fulltext] = await Promise.all([src.hydrate(ids), fulltextOf(src, ids)]);
      found.set(kind, { records, fulltext });
    }),
  );
  const hits: SearchHit[] = [];
  for (const [i, k] of shown.entries()) {
    const key = keys[i];
    const src = key && sources.get(key.kind);
    const got = key && found.get(key.kind);
    const record = key && got?.records.get(key.id);
    if (!key || !src || !got || !record) continue; // never show what the source does not give the public
    hits.push({
      kind: key.kind,
      id: key.id,
      score: c.scores[k]!,
      fuzzy: c.tiers[k] === 0,
      snippet: src.snippet(record, terms, () => got.fulltext.get(key.id)),
      record,
    });
  }
  return hits;
}
