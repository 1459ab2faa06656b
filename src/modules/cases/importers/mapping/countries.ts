/**
 * Countries and nationalities as partners write them, reconciled to ISO alpha-3 codes: names in the
 * six UN languages (Intl.DisplayNames over the kernel's country list), official and common names
 * and alternative spellings, ISO alpha-2/alpha-3 codes, and demonyms in English and French from
 * `world-countries` (ODbL-1.0, see NOTICE) plus a short Spanish table. A name that points to more
 * than one country ("Congolese", "Dominican") is ambiguous and goes to a person. A qualifier in
 * parentheses ("Namibian (implied)") is split off, to be kept in provenance.original with a warning.
 */
import { editDistance } from '../../../../kernel/search/vocabulary.ts';
import { createRequire } from 'node:module';
import { COUNTRIES, foldName, INTERNATIONAL_CODE, isCountryCode } from '../../../../kernel/geo/countries.ts';
import { SPANISH_DEMONYMS, EXTRA_NAMES } from './demonyms-es.ts';

interface WorldCountry {
  cca2: string;
  cca3: string;
  name: { common: string; official: string };
  altSpellings: string[];
  translations: Record<string, { official: string; common: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
}
const require = createRequire(import.meta.url);
const WORLD = require('world-countries/countries.json') as WorldCountry[];

export const UN_LANGUAGES = ['en', 'fr', 'es', 'ru', 'zh', 'ar'] as const;

/** folded name -> the codes it may mean. */
const INDEX = new Map<string, Set<string>>();
const DEMONYM_KEYS = new Set<string>();
function add(name: string | undefined, code: string, demonym = false): void {
  if (!name) return;
  const k = foldName(name);
  if (!k) return;
  let set = INDEX.get(k);
  if (!set) INDEX.set(k, (set = new Set()));
  set.add(code);
  if (demonym) DEMONYM_KEYS.add(k);
}

const displayNames = UN_LANGUAGES.map((l) => new Intl.DisplayNames([l], { type: 'region', fallback: 'none' }));
for (const c of COUNTRIES) {
  for (const n of [c.name, c.isoName ?? undefined, ...c.aliases, c.code, c.alpha2 ?? undefined]) add(n, c.code);
  if (c.alpha2) for (const d of displayNames) add(d.of(c.alpha2), c.code);
}
for (const w of WORLD) {
  if (!isCountryCode(w.cca3)) continue;
  add(w.name.common, w.cca3);
  add(w.name.official, w.cca3);
  for (const s of w.altSpellings.filter((a) => a.length > 3)) add(s, w.cca3);
  for (const lang of ['spa', 'fra', 'rus', 'zho', 'ara']) {
    add(w.translations[lang]?.common, w.cca3);
    add(w.translations[lang]?.official, w.cca3);
  }
  for (const d of Object.values(w.demonyms ?? {})) {
    add(d.m, w.cca3, true);
    add(d.f, w.cca3, true);
  }
}
for (const [names, codes] of Object.entries(SPANISH_DEMONYMS))
  for (const name of names.split(' ')) for (const c of codes) add(name, c, true);
for (const [name, codes] of Object.entries(EXTRA_NAMES)) {
  INDEX.set(foldName(name), new Set(codes));
  DEMONYM_KEYS.add(foldName(name));
}

export interface CountryReading {
  /** The codes read (several when the cell names several countries and the field allows it). */
  codes: string[];
  /** 1 for an exact name or code, lower for a close spelling; 0 when nothing settled. */
  confidence: number;
  /** A qualifier split off, e.g. "implied" from "Namibian (implied)". */
  qualifier: string | null;
  /** Why a person must decide, if one must. */
  problem: 'ambiguous' | 'unknown' | 'several' | null;
  /** The closest candidates, best first (for the commented lines of a draft). */
  candidates: string[];
  /** States named as respondents before an international court ("Cyprus; Russia (respondent States)"). */
  respondentStates: string[];
}

/** Edit distance without a bound (the kernel's optimal string alignment distance). */
const levenshtein = (a: string, b: string) => editDistance(a, b, Math.max(a.length, b.length));

/** Similarity in [0, 1] of two folded strings. */
export function similarity(a: string, b: string): number {
  const max = Math.max(a.length, b.length);
  return max === 0 ? 1 : 1 - levenshtein(a, b) / max;
}

/** The closest names in the index: [code, similarity], best first, one entry per code. */
function closest(k: string, n = 3): Array<[string, number]> {
  const best = new Map<string, number>();
  for (const [name, codes] of INDEX) {
    if (Math.abs(name.length - k.length) > 4) continue;
    const s = similarity(k, name);
    for (const c of codes) if (s > (best.get(c) ?? 0)) best.set(c, s);
  }
  return [...best].sort((a, b) => b[1] - a[1]).slice(0, n);
}

interface Part {
  codes: string[];
  confidence: number;
  candidates: string[];
  ambiguous?: boolean;
}
function one(part: string): Part {
  const k = foldName(part);
  const hit = INDEX.get(k) ?? INDEX.get(k.replace(/^the /, ''));
  if (hit?.size === 1) return { codes: [...hit], confidence: 1, candidates: [] };
  if (hit && hit.size > 1) return { codes: [], confidence: 0, candidates: [...hit].sort(), ambiguous: true };
  const near = closest(k);
  const [top, second] = near;
  // A close spelling settles only when it is clearly the one ("Phillipines", "Columbia" is not).
  if (top && top[1] >= 0.8 && k.length >= 5 && (!second || top[1] - second[1] >= 0.1))
    return { codes: [top[0]], confidence: Math.round(top[1] * 100) / 100, candidates: [] };
  return { codes: [], confidence: 0, candidates: near.map((c) => c[0]) };
}

const QUALIFIER = /\s*\(([^()]*)\)\s*$/;
const RESPONDENT = /respondent|demandad|défendeur|defendeur/i;

/** Reads one cell. `several`: the field allows several countries (nationalities), so lists are split. */
export function readCountries(cell: string, several: boolean): CountryReading {
  const text = cell.trim();
  const whole = one(text);
  const empty = { qualifier: null, respondentStates: [] as string[] };
  if (whole.codes.length) return { ...whole, ...empty, problem: null };
  if (whole.ambiguous) return { ...whole, ...empty, problem: 'ambiguous' };
  const q = QUALIFIER.exec(text);
  const qualifier = q ? q[1]!.trim() : null;
  const bare = q ? text.slice(0, q.index).trim() : text;
  const parts = bare
    .split(/\s*[;,/]\s*|\s+(?:and|y|et|&)\s+/i)
    .map((p) => p.trim())
    .filter(Boolean);
  const read = parts.map(one);
  const settled = read.every((r) => r.codes.length === 1);
  const codes = settled ? read.map((r) => r.codes[0]!) : [];
  const confidence = settled ? Math.min(...read.map((r) => r.confidence)) : 0;
  const candidates = [...new Set(read.flatMap((r) => (r.codes.length ? r.codes : r.candidates)))];
  const ambiguous = read.some((r) => r.ambiguous);
  if (settled && qualifier && RESPONDENT.test(qualifier))
    return {
      codes: [INTERNATIONAL_CODE],
      confidence,
      candidates: [],
      qualifier,
      problem: null,
      respondentStates: codes,
    };
  if (settled && codes.length > 1 && !several)
    return { codes: [], confidence: 0, candidates: codes, qualifier, problem: 'several', respondentStates: [] };
  if (settled)
    return { codes: [...new Set(codes)], confidence, candidates: [], qualifier, problem: null, respondentStates: [] };
  return {
    codes: [],
    confidence: 0,
    candidates,
    qualifier,
    problem: ambiguous ? 'ambiguous' : 'unknown',
    respondentStates: [],
  };
}

/** Whether a folded name is a demonym (for content detection of nationality columns). */
export function isDemonym(value: string): boolean {
  return DEMONYM_KEYS.has(foldName(value.replace(QUALIFIER, '')));
}
