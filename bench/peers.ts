/**
 * Benchmark peers: the libraries a TypeScript developer would otherwise pick (MiniSearch, FlexSearch),
 * doing the same work as Palermo's search: full match set -> exclusions -> filters -> top k + disjunctive
 * facet counts. Facets are counted by one shared, plain implementation (`countFacets`: Maps/Sets over the
 * doc array, no bitmaps) so the peers differ only in how they match and rank.
 *
 * Library usage and deviations from the brief (minisearch 7.2.0, flexsearch 0.8.212):
 *  - MiniSearch: fields title + text, boost { title: 3 }, default tokenizer and processTerm (lowercase),
 *    no stored fields. The query is one expression tree: per-term nodes carry their own `prefix` flag,
 *    combined with q.combine; exclusions use MiniSearch's own `AND_NOT` combinator (v7) rather than a
 *    second search + manual removal - same result, and it is the library's idiom. `search` returns every
 *    match sorted by score (BM25+); ties are re-broken by id for the top k.
 *  - FlexSearch: a Document index cannot AND terms across fields (each field is searched on its own) and
 *    has no per-field boost, so each doc is indexed as ONE `Index` entry "title\ntext". FlexSearch scores
 *    by term position, so title hits rank first - its native equivalent of a title boost.
 *    Tokenization: `forward` would make EVERY term a prefix ("traffic" would match "trafficking"), so
 *    exact terms need a `strict` index. We build two: strict (exact terms, exclusions) and forward
 *    (prefix terms). Index memory therefore includes the forward index (~word-length x the strict one).
 *    Query composition uses the 0.8 Resolver API (and / or / not, per-term index choice), resolved with
 *    limit = docs.length to get the full match set in FlexSearch's relevance order (score = position).
 *    Encoder: the default (Charset.Default) folds letter repeats ("kidnapping" -> "kidnaping") and splits
 *    numbers into 3-digit chunks ("2012" -> "201","2"); both turned off (dedupe/numeric: false) so a word
 *    matches the word, as in MiniSearch. It still folds diacritics and splits on any non-letter/digit,
 *    whereas MiniSearch splits on whitespace/punctuation only and keeps diacritics - so on real text the
 *    two peers' totals can differ slightly for accented words and words glued by symbols (e.g. "a+b").
 *  - Empty `terms` (filter-only browse): MiniSearch.wildcard; FlexSearch has no wildcard -> all ids.
 *  - Facet values of one field are assumed distinct within a doc.
 */
import MiniSearch, { type Query } from 'minisearch';
import { Encoder, Index, Resolver } from 'flexsearch';

export interface PeerDoc {
  id: number; // dense doc number
  title: string;
  text: string; // facts + reasoning, plain English text
  facets: Record<string, string[]>; // facet field -> values (multi-valued)
  date: number; // yyyymmdd, 0 unknown
}
export interface PeerQuery {
  terms: string[]; // words the user typed (already split; lowercase not guaranteed)
  prefix: boolean[]; // per term: treat as prefix
  combine: 'AND' | 'OR';
  exclude: string[]; // words whose documents must be removed (from "-word")
  filters: Record<string, string[]>; // facet field -> selected values (OR within a field, AND across fields)
  yearFrom?: number;
  yearTo?: number;
}
export interface PeerResult {
  total: number;
  top: number[];
  facets: Record<string, Map<string, number>>;
}
export interface Peer {
  name: string;
  build(docs: PeerDoc[]): void; // index everything
  query(q: PeerQuery, k: number): PeerResult; // top k by the library's own relevance score, ties by id; facet counts
}

// ---------------------------------------------------------------------------------------------------
// Shared facet counting

const YEAR = 'year';
const facetFieldCache = new WeakMap<PeerDoc[], string[]>();

/** Every facet field present in the corpus (computed once per docs array). */
function facetFieldsOf(docs: PeerDoc[]): string[] {
  let fields = facetFieldCache.get(docs);
  if (!fields) {
    const set = new Set<string>();
    for (const d of docs) for (const f in d.facets) set.add(f);
    fields = [...set].sort();
    facetFieldCache.set(docs, fields);
  }
  return fields;
}

/**
 * Filters + disjunctive facet counts over a candidate set (the library's full match set, exclusions
 * already removed). `passing` keeps the input order (= the library's relevance order).
 * For each field F, values are counted over docs that satisfy every filter except F's own
 * (the year range belongs to field `year`).
 */
export function countFacets(
  matchIds: Iterable<number>,
  docs: PeerDoc[],
  q: PeerQuery,
): { passing: number[]; facets: Record<string, Map<string, number>> } {
  const filters: Array<[string, Set<string>]> = Object.entries(q.filters)
    .filter(([, values]) => values.length > 0)
    .map(([field, values]) => [field, new Set(values)]);
  const hasRange = q.yearFrom !== undefined || q.yearTo !== undefined;
  const from = q.yearFrom ?? -Infinity;
  const to = q.yearTo ?? Infinity;

  const facets: Record<string, Map<string, number>> = {};
  for (const f of facetFieldsOf(docs)) facets[f] = new Map();
  for (const [f] of filters) facets[f] ??= new Map();
  if (hasRange) facets[YEAR] ??= new Map();
  const fields = Object.keys(facets);

  const count = (doc: PeerDoc, field: string) => {
    const values = doc.facets[field];
    if (!values) return;
    const counts = facets[field]!;
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  };

  const passing: number[] = [];
  for (const id of matchIds) {
    const doc = docs[id]!;
    // Which fields does this doc fail? Two or more -> it counts nowhere.
    let failed: string | null = null;
    let failures = 0;
    for (const [field, selected] of filters) {
      const values = doc.facets[field];
      if (!values || !values.some((v) => selected.has(v))) {
        failures++;
        failed = field;
      }
    }
    if (hasRange) {
      const year = Math.floor(doc.date / 10000);
      const inRange = doc.date !== 0 && year >= from && year <= to;
      // a `year` value filter and the year range are one field: fail it once
      if (!inRange && failed !== YEAR) {
        failures++;
        failed = YEAR;
      }
    }
    if (failures === 0) {
      passing.push(id);
      for (const f of fields) count(doc, f);
    } else if (failures === 1) {
      count(doc, failed!);
    }
  }
  return { passing, facets };
}

/** Top k of `ranked` (sorted by score descending), ties re-broken by id ascending. */
function topByScore(ranked: number[], k: number, score: Float64Array): number[] {
  let end = Math.min(k, ranked.length);
  if (end === 0) return [];
  const kth = score[ranked[end - 1]!]!;
  while (end < ranked.length && score[ranked[end]!] === kth) end++;
  return ranked
    .slice(0, end)
    .sort((a, b) => score[b]! - score[a]! || a - b)
    .slice(0, k);
}

// ---------------------------------------------------------------------------------------------------
// MiniSearch

export function createMiniSearchPeer(): Peer {
  let docs: PeerDoc[] = [];
  let ms: MiniSearch<PeerDoc> | null = null;
  let score = new Float64Array(0);

  return {
    name: 'MiniSearch',
    build(all) {
      docs = all;
      score = new Float64Array(all.length);
      ms = new MiniSearch<PeerDoc>({
        fields: ['title', 'text'],
        storeFields: [],
        searchOptions: { boost: { title: 3 } },
      });
      ms.addAll(all);
    },
    query(q, k) {
      if (!ms) throw new Error('MiniSearch peer: build() first');
      let query: Query =
        q.terms.length === 0
          ? MiniSearch.wildcard
          : {
              combineWith: q.combine,
              queries: q.terms.map((t, i) => ({ queries: [t], prefix: q.prefix[i] ?? false, combineWith: 'AND' })),
            };
      if (q.exclude.length > 0) {
        query = { combineWith: 'AND_NOT', queries: [query, { combineWith: 'OR', queries: q.exclude }] };
      }
      const results = ms.search(query);
      const ids = new Array<number>(results.length);
      for (let i = 0; i < results.length; i++) {
        const r = results[i]!;
        ids[i] = r.id as number;
        score[r.id as number] = r.score;
      }
      const { passing, facets } = countFacets(ids, docs, q);
      return { total: passing.length, top: topByScore(passing, k, score), facets };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// FlexSearch

/**
 * `prefix: false` skips the forward index (much less build time and memory); prefix queries then throw,
 * so a driver can report FlexSearch without prefix support on corpora where the forward index is too big.
 */
export function createFlexSearchPeer(opts: { prefix?: boolean } = {}): Peer {
  const withPrefix = opts.prefix ?? true;
  let docs: PeerDoc[] = [];
  let exact: Index | null = null;
  let prefix: Index | null = null;

  return {
    name: withPrefix ? 'FlexSearch' : 'FlexSearch (no prefix index)',
    build(all) {
      docs = all;
      const encoder = new Encoder({ dedupe: false, numeric: false });
      exact = new Index({ tokenize: 'strict', encoder });
      prefix = withPrefix ? new Index({ tokenize: 'forward', encoder }) : null;
      for (const d of all) {
        const content = d.title + '\n' + d.text;
        exact.add(d.id, content);
        prefix?.add(d.id, content);
      }
    },
    query(q, k) {
      if (!exact) throw new Error('FlexSearch peer: build() first');
      if (!prefix && q.prefix.some(Boolean)) throw new Error('FlexSearch peer built with prefix: false');
      let ids: number[];
      if (q.terms.length === 0) {
        ids = docs.map((d) => d.id);
        if (q.exclude.length > 0) {
          const out = new Set(q.exclude.flatMap((w) => exact!.search(w, { limit: docs.length }) as number[]));
          ids = ids.filter((id) => !out.has(id));
        }
      } else {
        const clauses = q.terms.map((t, i) => ({ index: q.prefix[i] ? prefix! : exact!, query: t }));
        let r = new Resolver(clauses[0]!);
        if (clauses.length > 1) r = q.combine === 'AND' ? r.and(...clauses.slice(1)) : r.or(...clauses.slice(1));
        if (q.exclude.length > 0) r = r.not(...q.exclude.map((w) => ({ index: exact!, query: w })));
        ids = r.resolve({ limit: docs.length }) as number[];
      }
      const { passing, facets } = countFacets(ids, docs, q);
      return { total: passing.length, top: passing.slice(0, k), facets };
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Memory

/**
 * Heap growth (heapUsed + arrayBuffers, after full GCs) caused by `fn` - whatever `fn` leaves reachable,
 * e.g. `memoryOf(() => peer.build(docs))`. Needs `node --expose-gc`.
 */
export function memoryOf(fn: () => void): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('memoryOf needs global.gc: run node with --expose-gc');
  const used = () => {
    gc();
    gc();
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const before = used();
  fn();
  return used() - before;
}
