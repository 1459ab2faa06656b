/**
 * A deterministic generator of realistic cases for benchmarks. Text comes from a word-bigram model
 * of the real SHERLOC fact summaries (read from ../shared at run time, never copied into the
 * repository); lengths follow the corpus; facet values are skewed like the real database (a few
 * jurisdictions hold most cases). Without ../shared a small built-in vocabulary is used.
 */
import { existsSync, readFileSync } from 'node:fs';
import { CaseInputSchema } from '../src/modules/cases/domain/case-schema.ts';
import { codes, ACTS, MEANS, PURPOSES, SECTORS, VERDICTS, COURT_LEVELS } from '../src/modules/cases/domain/taxonomy.ts';
import type { z } from 'zod';
import { resolveCountry } from '../src/kernel/geo/countries.ts';

export const CORPUS = new URL('../../shared/data/sherloc-tip-cases.jsonl', import.meta.url);
type Parsed = z.output<typeof CaseInputSchema>;

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Model {
  next: Map<string, string[]>;
  starts: string[];
  lengths: number[];
  jurisdictions: string[]; // with repetition: frequency-weighted
}

const FALLBACK = (
  'the accused recruited the victims with promises of work abroad and transported them across the border where ' +
  'they were forced to work without pay in fishing boats factories and bars under threat of violence and debt ' +
  'bondage the court convicted the defendants of trafficking in persons and sentenced them to prison'
).split(' ');

let cached: Model | undefined;
export function loadModel(): Model {
  if (cached) return cached;
  const next = new Map<string, string[]>();
  const starts: string[] = [];
  const lengths: number[] = [];
  const jurisdictions: string[] = [];
  const add = (words: string[]) => {
    if (words[0]) starts.push(words[0]);
    for (let i = 0; i + 1 < words.length; i++) {
      const list = next.get(words[i]!) ?? [];
      if (list.length < 400) list.push(words[i + 1]!);
      next.set(words[i]!, list);
    }
  };
  if (existsSync(CORPUS)) {
    for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
      if (!line) continue;
      const row = JSON.parse(line) as { facts: string; jurisdiction: string };
      const words = row.facts.split(/\s+/).filter(Boolean);
      lengths.push(words.length);
      add(words);
      jurisdictions.push(resolveCountry(row.jurisdiction) ?? 'XIR');
    }
  } else {
    add(FALLBACK);
    lengths.push(120, 180, 240, 400);
    jurisdictions.push('USA', 'USA', 'BRA', 'ARG', 'PHL', 'MDA', 'ROU', 'XIR');
  }
  cached = { next, starts, lengths, jurisdictions };
  return cached;
}

const two = (n: number) => String(n).padStart(2, '0');

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

/** Picks k distinct items, earlier items much more likely (a Zipf-like skew). */
function skewed<T>(r: () => number, list: readonly T[], k: number): T[] {
  const out = new Set<T>();
  while (out.size < k) out.add(list[Math.floor(list.length * r() ** 2.5)]!);
  return [...out];
}

export function text(r: () => number, m: Model, words: number): string {
  const out: string[] = [];
  let w = pick(r, m.starts);
  while (out.length < words) {
    out.push(w);
    const options = m.next.get(w);
    w = options?.length ? pick(r, options) : pick(r, m.starts);
  }
  return out.join(' ');
}

const SURNAMES = [
  'Santos',
  'Reyes',
  'Ivanov',
  'Popescu',
  'Smith',
  'Garcia',
  'Silva',
  'Nguyen',
  'Kowalski',
  'Horvat',
  'Dann',
  'Tang',
  'Ali',
  'Okafor',
  'Chen',
  'Müller',
  'Novák',
  'Rossi',
];

export function* generateCases(n: number, seed: number): Generator<Parsed> {
  const r = rng(seed);
  const m = loadModel();
  const acts = codes(ACTS);
  const means = codes(MEANS);
  const purposes = codes(PURPOSES);
  const sectors = codes(SECTORS);
  const verdicts = codes(VERDICTS).slice(0, 4);
  const levels = codes(COURT_LEVELS).slice(0, 3);
  const countriesOnly = m.jurisdictions.filter((j) => j !== 'XIR');
  for (let i = 0; i < n; i++) {
    const words = Math.max(20, pick(r, m.lengths));
    const year = 1995 + Math.floor(30 * r() ** 0.6);
    const jurisdiction = pick(r, m.jurisdictions);
    const name = `${pick(r, SURNAMES)}${i % 7 === 0 ? '-' + pick(r, SURNAMES) : ''}`;
    const purpose = skewed(r, purposes, 1 + Math.floor(r() * 1.5));
    yield CaseInputSchema.parse({
      id: `gen-${seed}-${i}`,
      title: r() < 0.5 ? `Prosecutor v. ${name} et al.` : `Case no. ${100000 + Math.floor(r() * 900000)} (${name})`,
      databaseNumber: `${jurisdiction}${String(i).padStart(6, '0')}`,
      jurisdiction,
      identifiers: [{ type: 'docket', value: `${year}-CR-${Math.floor(r() * 99999)}` }],
      court: `${pick(r, ['District', 'Regional', 'Federal', 'Supreme', 'Appeals'])} Court of ${pick(r, SURNAMES)}`,
      courtLevel: pick(r, levels),
      decisionDate:
        r() < 0.7 ? `${year}-${two(1 + Math.floor(r() * 12))}-${two(1 + Math.floor(r() * 28))}` : String(year),
      narratives: {
        en: { facts: text(r, m, words), reasoning: r() < 0.4 ? text(r, m, 60 + Math.floor(r() * 120)) : null },
      },
      victims: Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
        kind: 'person',
        gender: r() < 0.7 ? 'female' : 'male',
        child: r() < 0.3,
        nationalities: [r() < 0.6 && jurisdiction !== 'XIR' ? jurisdiction : pick(r, countriesOnly)],
      })),
      defendants: Array.from({ length: 1 + Math.floor(r() * 3) }, () => ({
        kind: 'person',
        gender: r() < 0.65 ? 'male' : 'female',
        nationalities: [jurisdiction === 'XIR' ? 'ROU' : jurisdiction],
        charges: [
          { charge: 'Trafficking in persons', verdict: pick(r, verdicts), prisonMonths: Math.floor(r() * 240) },
        ],
      })),
      tags: {
        acts: skewed(r, acts, 1 + Math.floor(r() * 3)),
        means: skewed(r, means, Math.floor(r() * 3)),
        purposes: purpose,
        forms: [r() < 0.55 ? 'transnational' : 'internal'],
        sectors: skewed(r, sectors, 1),
        offences: [r() < 0.3 ? 'trafficking_children' : 'trafficking_adults'],
      },
      sources: [],
      status: r() < 0.95 ? 'published' : 'draft',
    });
  }
}
