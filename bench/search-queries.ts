/**
 * The fixed query mix of the search benchmark, drawn deterministically from the index's own
 * vocabulary by document frequency: one common word, one rare word, several words, phrases,
 * prefixes, boolean queries; each with 0, 1 or 3 filters. Also the peer form of each query.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { rng } from './case-generator.ts';
import type { PeerQuery } from './peers.ts';

export interface BenchQuery {
  kind: string;
  filters: number;
  q: string;
  peer: PeerQuery;
}

export interface VocabularyView {
  /** Surface words with their document frequency, most frequent first. */
  words: { word: string; df: number }[];
  total: number;
  /** Frequent word pairs for phrases. */
  pairs: [string, string][];
}

const FILTER_SETS: { q: string; filters: Record<string, string[]>; yearFrom?: number; yearTo?: number }[][] = [
  [{ q: 'country:USA', filters: { jurisdiction: ['USA'] } }],
  [{ q: 'purpose:forced_labour', filters: { purposes: ['forced_labour'] } }],
  [{ q: 'year:2005..2015', filters: {}, yearFrom: 2005, yearTo: 2015 }],
  [
    { q: 'country:BRA,ARG,USA', filters: { jurisdiction: ['BRA', 'ARG', 'USA'] } },
    { q: 'purpose:sexual_exploitation', filters: { purposes: ['sexual_exploitation'] } },
    { q: 'year:2000..2020', filters: {}, yearFrom: 2000, yearTo: 2020 },
  ],
  [
    { q: 'means:deception', filters: { means: ['deception'] } },
    { q: 'form:transnational', filters: { forms: ['transnational'] } },
    { q: 'act:recruitment', filters: { acts: ['recruitment'] } },
  ],
];

export function buildQueryMix(v: VocabularyView, count = 210, seed = 7): BenchQuery[] {
  const r = rng(seed);
  const clean = v.words.filter((w) => /^[a-z]{4,}$/.test(w.word));
  const band = (lo: number, hi: number) =>
    clean.filter((w) => w.df >= lo * v.total && w.df <= hi * v.total).map((w) => w.word);
  const common = band(0.1, 0.9);
  const mid = band(0.005, 0.1);
  const rare = clean.filter((w) => w.df >= 2 && w.df <= Math.max(3, 0.001 * v.total)).map((w) => w.word);
  const pick = (list: string[]) => list[Math.floor(r() * list.length)] ?? 'trafficking';
  const kinds: [
    string,
    () => { text: string; terms: string[]; prefix: boolean[]; combine: 'AND' | 'OR'; exclude: string[] },
  ][] = [
    [
      'common word',
      () => {
        const w = pick(common);
        return { text: w, terms: [w], prefix: [false], combine: 'AND', exclude: [] };
      },
    ],
    [
      'rare word',
      () => {
        const w = pick(rare);
        return { text: w, terms: [w], prefix: [false], combine: 'AND', exclude: [] };
      },
    ],
    [
      'several words',
      () => {
        const ws = [pick(common), pick(mid), pick(mid)];
        return { text: ws.join(' '), terms: ws, prefix: [false, false, false], combine: 'AND', exclude: [] };
      },
    ],
    [
      'phrase',
      () => {
        const p = v.pairs[Math.floor(r() * v.pairs.length)] ?? ['forced', 'labour'];
        return { text: `"${p.join(' ')}"`, terms: [...p], prefix: [false, false], combine: 'AND', exclude: [] };
      },
    ],
    [
      'prefix',
      () => {
        const w = pick(mid);
        const p = w.slice(0, Math.max(4, w.length - 3));
        return { text: `${p}*`, terms: [p], prefix: [true], combine: 'AND', exclude: [] };
      },
    ],
    [
      'boolean OR',
      () => {
        const a = pick(mid);
        const b = pick(mid);
        return { text: `${a} OR ${b}`, terms: [a, b], prefix: [false, false], combine: 'OR', exclude: [] };
      },
    ],
    [
      'boolean NOT',
      () => {
        const a = pick(common);
        const b = pick(mid);
        return { text: `${a} -${b}`, terms: [a], prefix: [false], combine: 'AND', exclude: [b] };
      },
    ],
  ];
  const out: BenchQuery[] = [];
  for (let i = 0; out.length < count; i++) {
    const [kind, make] = kinds[i % kinds.length]!;
    const nFilters = [0, 1, 3][Math.floor(i / kinds.length) % 3]!;
    const made = make();
    const set =
      nFilters === 0 ? [] : nFilters === 1 ? FILTER_SETS[Math.floor(r() * 3)]! : FILTER_SETS[3 + Math.floor(r() * 2)]!;
    const filters: Record<string, string[]> = {};
    let yearFrom: number | undefined;
    let yearTo: number | undefined;
    for (const f of set) {
      Object.assign(filters, f.filters);
      yearFrom = f.yearFrom ?? yearFrom;
      yearTo = f.yearTo ?? yearTo;
    }
    const text = nFilters && made.combine === 'OR' ? `(${made.text})` : made.text;
    out.push({
      kind,
      filters: nFilters,
      q: [text, ...set.map((f) => f.q)].join(' '),
      peer: {
        terms: made.terms,
        prefix: made.prefix,
        combine: made.combine,
        exclude: made.exclude,
        filters,
        yearFrom,
        yearTo,
      },
    });
  }
  return out;
}

/** The same query as a bare FTS5 expression over raw text (the floor): words, phrases, prefixes, OR, NOT. */
export function floorExpression(q: BenchQuery): string {
  const p = q.peer;
  const quote = (t: string) => `"${t.replace(/"/g, '""')}"`;
  if (q.kind === 'phrase') return quote(p.terms.join(' '));
  const parts = p.terms.map((t, i) => (p.prefix[i] ? `${quote(t)}*` : quote(t)));
  const pos = parts.join(p.combine === 'OR' ? ' OR ' : ' AND ');
  return p.exclude.length ? `(${pos}) NOT ${quote(p.exclude[0]!)}` : pos;
}

/** The index vocabulary's words by document frequency, most frequent first (ties by word: the same mix every run). */
export function wordsByFrequency(v: {
  entries(): Iterable<[string, number]>;
  wordFor(term: string): string;
}): { word: string; df: number }[] {
  return [...v.entries()]
    .map(([term, df]) => ({ word: v.wordFor(term), df }))
    .sort((a, b) => b.df - a.df || (a.word < b.word ? -1 : 1));
}

/** Word pairs for phrases, from the first megabyte of a generated corpus (the file may be gigabytes). */
export function phrasePairs(corpusFile: string, limit = 400): [string, string][] {
  const pairs: [string, string][] = [];
  const head = Buffer.alloc(2 ** 20);
  const fd = openSync(corpusFile, 'r');
  const got = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  const texts = head
    .subarray(0, got)
    .toString('utf8')
    .split('\n')
    .slice(0, -1)
    .filter(Boolean)
    .map((l) => JSON.parse(l).narratives.en.facts as string);
  for (const text of texts) {
    const ws = text
      .toLowerCase()
      .split(/[^a-z]+/)
      .filter((w) => w.length > 3);
    for (let i = 0; i + 1 < ws.length && pairs.length < limit; i += 7) pairs.push([ws[i]!, ws[i + 1]!]);
  }
  return pairs;
}
