/**
 * Snippets: the best-matching passage of a hit, as plain text plus highlight offsets (never HTML;
 * the web layer escapes and marks). Computed for the returned page only, from the fields a source
 * reads off its stored record, with the same analysis as the index so that "trafficked" highlights
 * for the query "trafficking".
 */
import { analyze } from './analyzer.ts';
import type { MatchTerms, Snippet } from './search-source.ts';

export type { MatchTerms };

/** A word: letters, digits and marks, joined by single apostrophes, dots or middle dots ("o'brien", "u.s"). */
export const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.·][\p{L}\p{N}\p{M}]+)*/gu;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const JOINERS = new Set([0x27, 0x2019, 0x2e, 0xb7]);
/** Whether a code point is a word character: a table for ASCII, a memo of the regex for the rest. */
const ASCII_WORD = Uint8Array.from({ length: 128 }, (_, c) => (WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0));
const otherWord = new Map<number, boolean>();
function isWordChar(cp: number): boolean {
  if (cp < 128) return ASCII_WORD[cp] === 1;
  let v = otherWord.get(cp);
  if (v === undefined) {
    v = WORD_CHAR.test(String.fromCodePoint(cp));
    if (otherWord.size < 100_000) otherWord.set(cp, v);
  }
  return v;
}

/**
 * Calls `each(start, end)` for every WORD of the text, in order, until it returns false: the same
 * words as `text.matchAll(WORD)`, found by a plain scan (the regex with Unicode classes cost more
 * than everything else a snippet does).
 */
export function eachWord(text: string, each: (start: number, end: number) => boolean): void {
  const n = text.length;
  const width = (cp: number) => (cp > 0xffff ? 2 : 1);
  let i = 0;
  while (i < n) {
    const cp = text.codePointAt(i)!;
    if (!isWordChar(cp)) {
      i += width(cp);
      continue;
    }
    const start = i;
    i += width(cp);
    for (;;) {
      while (i < n) {
        const c = text.codePointAt(i)!;
        if (!isWordChar(c)) break;
        i += width(c);
      }
      // A joiner continues the word only when a word character follows it.
      if (i + 1 < n && JOINERS.has(text.charCodeAt(i))) {
        const next = text.codePointAt(i + 1)!;
        if (isWordChar(next)) {
          i += 1 + width(next);
          continue;
        }
      }
      break;
    }
    if (!each(start, i)) return;
  }
}
const WINDOW_WORDS = 32;
const MAX_WORDS_SCANNED = 4000;
const FALLBACK_CHARS = 240;

/** One text field of a record, as its source reads it for snippets (`weight` ranks passages). */
export interface SnippetField {
  field: string;
  language: string | null;
  text: string;
  weight: number;
}
type Field = SnippetField;

/** Words repeat across fields and hits: remember each word's analysis per language (bounded). */
const MEMO_LIMIT = 100_000;
const memo = new Map<string, Map<string, string[]>>();
function analyzeWord(word: string, lang: string): string[] {
  let m = memo.get(lang);
  if (!m) memo.set(lang, (m = new Map()));
  let tokens = m.get(word);
  if (tokens === undefined) {
    if (m.size >= MEMO_LIMIT) m.clear();
    tokens = analyze(word, lang);
    m.set(word, tokens);
  }
  return tokens;
}

function isHit(word: string, lang: string, terms: MatchTerms): boolean {
  for (const t of analyzeWord(word, lang)) {
    if (terms.stems.has(t)) return true;
    for (const p of terms.prefixes) if (t.startsWith(p)) return true;
  }
  return false;
}

/**
 * Whether a word as written is a hit, remembered per query (the terms object) and language: a page
 * of hits repeats most of its words, and one map lookup costs less than analysing the word again.
 */
const hitMemo = new WeakMap<MatchTerms, Map<string, Map<string, boolean>>>();
function hitsOf(terms: MatchTerms, lang: string): Map<string, boolean> {
  let byLang = hitMemo.get(terms);
  if (!byLang) hitMemo.set(terms, (byLang = new Map()));
  let m = byLang.get(lang);
  if (!m) byLang.set(lang, (m = new Map()));
  return m;
}

interface Scan {
  /** Start and end offsets of each word, and whether it is a hit (1). */
  starts: Int32Array;
  ends: Int32Array;
  hit: Uint8Array;
  count: number;
  hits: number;
  distinct: number;
}

function scanField(f: Field, terms: MatchTerms): Scan {
  const cap = Math.min(MAX_WORDS_SCANNED, (f.text.length >> 1) + 1);
  const s: Scan = {
    starts: new Int32Array(cap),
    ends: new Int32Array(cap),
    hit: new Uint8Array(cap),
    count: 0,
    hits: 0,
    distinct: 0,
  };
  const seen = new Set<string>();
  const lang = f.language ?? 'en';
  const memo = hitsOf(terms, lang);
  eachWord(f.text, (start, end) => {
    if (s.count >= cap) return false;
    const word = f.text.slice(start, end);
    let hit = memo.get(word);
    if (hit === undefined) {
      hit = isHit(word, lang, terms);
      if (memo.size < MEMO_LIMIT) memo.set(word, hit);
    }
    if (hit) {
      s.hits++;
      seen.add(word.toLowerCase());
      s.hit[s.count] = 1;
    }
    s.starts[s.count] = start;
    s.ends[s.count] = end;
    s.count++;
    return true;
  });
  s.distinct = seen.size;
  return s;
}

/** The passage of WINDOW_WORDS words holding the most hits, with its highlights. */
function window(f: Field, s: Scan): Snippet {
  const { hit, starts, ends, count: n } = s;
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (hit[i]) count++;
    if (i >= WINDOW_WORDS && hit[i - WINDOW_WORDS]) count--;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - WINDOW_WORDS + 1);
    }
  }
  // Start a few words before the first hit of the window, for context.
  let first = best;
  while (first < n && !hit[first]) first++;
  const from = Math.max(0, Math.min(first - 4, n - WINDOW_WORDS));
  const to = Math.min(n, from + WINDOW_WORDS);
  const start = from === 0 ? 0 : starts[from]!;
  const end = to >= n ? f.text.length : ends[to - 1]!;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < f.text.length ? ' …' : '';
  const highlights: [number, number][] = [];
  for (let i = from; i < to; i++)
    if (hit[i]) highlights.push([prefix.length + starts[i]! - start, prefix.length + ends[i]! - start]);
  return { field: f.field, language: f.language, text: prefix + f.text.slice(start, end) + suffix, highlights };
}

/** Where bestSnippet looks besides the fields. */
export interface SnippetOptions {
  /** The field whose start is shown when nothing matches (else the first field other than the title). */
  lead: string;
  /** The text of the record's documents, read only when the fields hold no match. */
  fulltext?: () => string | undefined;
  /** The language of that text. */
  fulltextLanguage: string | null;
}

/**
 * The best snippet of a record's fields for the query terms; the start of the lead field when
 * nothing matches. The `title` field is never the passage (it is shown anyway).
 */
export function bestSnippet(
  fields: readonly SnippetField[],
  terms: MatchTerms | null,
  opts: SnippetOptions,
): Snippet | null {
  if (terms && (terms.stems.size > 0 || terms.prefixes.length > 0)) {
    let best: { f: Field; s: Scan; score: number } | null = null;
    for (const f of fields) {
      if (f.field === 'title') continue; // the title is shown anyway; a passage says more
      const s = scanField(f, terms);
      const score = (s.distinct * 4 + Math.min(s.hits, 10)) * f.weight;
      if (s.hits > 0 && (!best || score > best.score)) best = { f, s, score };
    }
    if (best) return window(best.f, best.s);
    const text = opts.fulltext?.();
    if (text) {
      const f: Field = { field: 'fulltext', language: opts.fulltextLanguage, text, weight: 1 };
      const s = scanField(f, terms);
      if (s.hits > 0) return window(f, s);
    }
  }
  const facts = fields.find((f) => f.field === opts.lead) ?? fields.find((f) => f.field !== 'title');
  if (!facts) return null;
  const cut = facts.text.length > FALLBACK_CHARS ? facts.text.lastIndexOf(' ', FALLBACK_CHARS) : facts.text.length;
  const text = facts.text.slice(0, cut > 0 ? cut : FALLBACK_CHARS) + (facts.text.length > FALLBACK_CHARS ? ' …' : '');
  return { field: facts.field, language: facts.language, text, highlights: [] };
}
