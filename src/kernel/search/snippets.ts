/**
 * Snippets: the best-matching passage of a hit, as plain text plus highlight offsets (never HTML;
 * the web layer escapes and marks). Computed for the returned page only, from the fields a source
 * reads off its stored record, with the same analysis as the index so that "trafficked" highlights
 * for the query "trafficking".
 */
import { analyze } from './analyzer.ts';
import type { MatchTerms, Snippet } from './search-source.ts';

export type { MatchTerms };

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’.·][\p{L}\p{N}\p{M}]+)*/gu;
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

interface Scan {
  words: { start: number; end: number; hit: boolean }[];
  hits: number;
  distinct: number;
}

function scanField(f: Field, terms: MatchTerms): Scan {
  const words: Scan['words'] = [];
  const seen = new Set<string>();
  let hits = 0;
  const lang = f.language ?? 'en';
  for (const m of f.text.matchAll(WORD)) {
    if (words.length >= MAX_WORDS_SCANNED) break;
    const hit = isHit(m[0], lang, terms);
    if (hit) {
      hits++;
      seen.add(m[0].toLowerCase());
    }
    words.push({ start: m.index, end: m.index + m[0].length, hit });
  }
  return { words, hits, distinct: seen.size };
}

/** The passage of WINDOW_WORDS words holding the most hits, with its highlights. */
function window(f: Field, s: Scan): Snippet {
  const { words } = s;
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    if (words[i]!.hit) count++;
    if (i >= WINDOW_WORDS && words[i - WINDOW_WORDS]!.hit) count--;
    if (count > bestCount) {
      bestCount = count;
      best = Math.max(0, i - WINDOW_WORDS + 1);
    }
  }
  // Start a few words before the first hit of the window, for context.
  let first = best;
  while (first < words.length && !words[first]!.hit) first++;
  const from = Math.max(0, Math.min(first - 4, words.length - WINDOW_WORDS));
  const to = Math.min(words.length, from + WINDOW_WORDS);
  const start = from === 0 ? 0 : words[from]!.start;
  const end = to >= words.length ? f.text.length : words[to - 1]!.end;
  const prefix = start > 0 ? '… ' : '';
  const suffix = end < f.text.length ? ' …' : '';
  const highlights: [number, number][] = [];
  for (let i = from; i < to; i++) {
    const w = words[i]!;
    if (w.hit) highlights.push([prefix.length + w.start - start, prefix.length + w.end - start]);
  }
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
