/**
 * Text analysis shared by indexing and querying. Both sides MUST go through this module so that a
 * query token equals the indexed token. The output is a sequence of tokens made of letters, digits
 * and (for Indic and South-East Asian scripts) combining marks, never empty, never containing
 * whitespace; `analyzeToString` joins them with single spaces for SQLite FTS5 / PostgreSQL.
 *
 * Pipeline, in this order:
 *  1. NFKC (fullwidth forms, ligatures, superscripts become plain characters), lower-casing.
 *  2. Segmentation into words: runs of `\p{L}\p{N}\p{M}`, where apostrophes (' ’ ʼ ‘), dots and
 *     the Catalan middle dot may join runs into one word. Everything else separates words, hyphens
 *     included.
 *     - Apostrophes: a leading elision is dropped when the next part starts with a vowel or h —
 *       French/Catalan l' d' j' m' n' s' t' c' qu', Italian dell' dall' nell' sull' all' un' … —
 *       for every language (tokenisation does not depend on the language); the remaining parts are
 *       joined: `d'exploitation` -> `exploitation`, `o'brien` -> `obrien`, `don't` -> `dont`.
 *     - Dots: joined when every part is a single letter (`U.S.` -> `us`, `e.g.` -> `eg`), otherwise
 *       separators (`3.5` -> `3 5`, `www.unodc.org` -> `www unodc org`, `art.5` -> `art 5`).
 *     - Hyphens: separators only, so `anti-trafficking` is the two tokens `anti traffic`. The joined
 *       form is NOT also indexed: FTS receives plain space-separated tokens, so an extra token would
 *       shift every later position and break phrase matching. A hyphenated query word therefore
 *       becomes a phrase of its parts (see `queryVariants`).
 *  3. Unsegmented scripts (Han, Hiragana, Katakana, Hangul, Thai, Lao, Khmer, Myanmar): each run is
 *     emitted as overlapping character bigrams (the character itself for a one-character run), so
 *     any 2+ character substring of the text, analysed the same way, is a phrase of bigrams found
 *     in the index. Hangul is included although Korean separates words, because particles are
 *     glued to nouns (`인신매매는`). These tokens are not stemmed.
 *  4. Stemming (other words, per language, Snowball; see `stemmers.ts`) on the accented word, then
 *     folding of the stem: accents stripped (NFKD, combining marks removed except in Indic and
 *     South-East Asian scripts, where they are vowel signs), ß->ss, æ->ae, ø->o, œ->oe, ł->l, đ->d,
 *     ı->i, þ->th, ð->d, ς->σ. English adds one documented rule (traffick -> traffic). Spanish and
 *     Portuguese restore the accent of -cion/-ção style suffixes typed without it.
 *  5. Stop words are KEPT in the index: positions stay 1:1 with the text and phrases containing
 *     `of` or `de` match exactly. Query builders drop stop words (`isStopWord`) only when they are
 *     bare query words, never inside a quoted phrase.
 *
 * Digit-only tokens are not stemmed; tokens over 64 characters are folded but not stemmed.
 */
import { queryLanguagesFor } from './query-languages.ts';
import { DEFAULT_LANGUAGE, rawStemmer, stemLanguage, stopWordsOf, SUPPORTED_LANGUAGES } from './stemmers.ts';

export { SUPPORTED_LANGUAGES, stemLanguage };

/** Languages a query word is stemmed in by default: the corpus's main languages. */
export const DEFAULT_QUERY_LANGUAGES: readonly string[] = Object.freeze(['en', 'es', 'fr', 'pt']);

// --- folding -------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex -- the ASCII range, NUL included
const NON_ASCII = /[^\x00-\x7f]/;
/** Combining marks to strip: all but those of Brahmic scripts (Indic, Tibetan, Myanmar, Thai, Lao,
 * Khmer, South-East Asian, U+A800-ABFF) and the kana voicing marks, which are parts of letters. */
const KEPT_MARKS = [
  '\\u0900-\\u0dff', // Indic
  '\\u0e00-\\u0eff', // Thai, Lao
  '\\u0f00-\\u109f', // Tibetan, Myanmar
  '\\u1700-\\u17ff', // Philippine scripts, Khmer
  '\\u1900-\\u1aaf',
  '\\u1b00-\\u1bff',
  '\\u3099\\u309a', // kana voicing marks
  '\\ua800-\\uabff',
];
// The kana voicing marks are listed alone on purpose (they are parts of letters), not combined with a letter.
// eslint-disable-next-line no-misleading-character-class
const STRIP_MARKS = new RegExp(`(?![${KEPT_MARKS.join('')}])\\p{M}`, 'gu');
const SPECIAL = /[ßæøœłđıþðςʼ]/g;
const SPECIAL_MAP: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  ø: 'o',
  œ: 'oe',
  ł: 'l',
  đ: 'd',
  ı: 'i',
  þ: 'th',
  ð: 'd',
  ς: 'σ',
  ʼ: '',
};
const specialChar = (c: string): string => SPECIAL_MAP[c] ?? c;

/** Case and accent folding only (no tokenisation, no stemming). */
export function fold(text: string): string {
  if (!NON_ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFKD').toLowerCase().replace(STRIP_MARKS, '').replace(SPECIAL, specialChar).normalize('NFC');
}

// --- segmentation --------------------------------------------------------------------------------

const UNSEG_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Lao', 'Khmer', 'Myanmar'];
const UNSEG_SET = `[[${UNSEG_SCRIPTS.map((s) => `\\p{sc=${s}}`).join('')}]&&[\\p{L}\\p{N}\\p{M}]]`;
const UNSEG = String.raw`[${UNSEG_SET}\u30fc]`;
const WORD = String.raw`[[\p{L}\p{N}\p{M}]--${UNSEG_SET}--[\u30fc\u02bc]]`;
const CONNECTOR = String.raw`['’ʼ‘.·]`;
/** Sticky. Group 1: unsegmented run; group 2: first word run; group 3: joined continuation. */
const SEGMENT = new RegExp(String.raw`(${UNSEG}+)|(${WORD}+)((?:${CONNECTOR}${WORD}+)*)`, 'yv');
const APOSTROPHES = /['’ʼ‘]/;
const ELISIONS = new Set([
  'c',
  'd',
  'j',
  'l',
  'm',
  'n',
  's',
  't',
  'qu',
  'jusqu',
  'lorsqu',
  'puisqu',
  'quoiqu',
  'dell',
  'dall',
  'nell',
  'sull',
  'all',
  'coll',
  'pell',
  'dov',
  'un',
  'quest',
  'quell',
  'nessun',
]);
const ELIDED_START = /^[aeiouyhàâäáãåéèêëíìîïóòôöõúùûüýÿœæ]/;
const SINGLE_LETTER = /^\p{L}\p{M}*$/u;
const DIGITS = /^\p{Nd}+$/u;
const HAS_SURROGATE = /[\ud800-\udfff]/;
const MAX_STEMMED_LENGTH = 64;

type Sink = (raw: string) => void;

/**
 * Splits a joined word (one containing connectors) into the raw words it stands for, applying the
 * apostrophe, middle-dot and dot rules above.
 */
function splitJoined(word: string, sink: Sink): void {
  let w = word.includes('·') ? word.replaceAll('·', '') : word;
  if (APOSTROPHES.test(w)) {
    const parts = w.split(/['’ʼ‘]/);
    if (parts.length > 1 && ELISIONS.has(parts[0] ?? '') && ELIDED_START.test(parts[1] ?? '')) parts.shift();
    w = parts.join('');
  }
  if (!w.includes('.')) {
    sink(w);
    return;
  }
  const parts = w.split('.');
  if (parts.every((p) => SINGLE_LETTER.test(p))) {
    sink(parts.join(''));
    return;
  }
  for (const p of parts) if (p.length > 0) sink(p);
}

function emitBigrams(run: string, out: string[]): void {
  if (!HAS_SURROGATE.test(run)) {
    if (run.length === 1) out.push(run);
    else for (let i = 0; i + 1 < run.length; i++) out.push(run.slice(i, i + 2));
    return;
  }
  const chars = Array.from(run);
  if (chars.length === 1) out.push(run);
  else for (let i = 0; i + 1 < chars.length; i++) out.push((chars[i] ?? '') + (chars[i + 1] ?? ''));
}

/** ASCII letters and digits (the text is lower-cased before scanning). */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = 1;

/**
 * The common scanner: segments `text` and maps every raw (lower-cased, accented) word through
 * `map`, which folds or stems it; bigrams of unsegmented scripts bypass `map`. Plain ASCII words
 * are cut by a char-code loop; anything involving non-ASCII or a connector goes to `SEGMENT`
 * (sticky), which defines the segmentation — the loop only takes the cases where they agree.
 */
function scan(text: string, map: (raw: string) => string): string[] {
  const out: string[] = [];
  if (text.length === 0) return out;
  const src = (NON_ASCII.test(text) ? text.normalize('NFKC') : text).toLowerCase();
  const sink: Sink = (raw) => {
    const t = map(raw);
    if (t.length > 0) out.push(t);
  };
  const n = src.length;
  let i = 0;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c < 0x80) {
      if (ASCII_WORD[c] !== 1) {
        i++;
        continue;
      }
      let j = i + 1;
      let d = 0;
      while (j < n && ASCII_WORD[(d = src.charCodeAt(j))] === 1) j++;
      let plain = j >= n || (d < 0x80 && d !== 39 && d !== 46);
      if (!plain && (d === 39 || d === 46)) {
        const e = j + 1 < n ? src.charCodeAt(j + 1) : 32;
        plain = e < 0x80 && ASCII_WORD[e] !== 1;
      }
      if (plain) {
        const t = map(src.slice(i, j));
        if (t.length > 0) out.push(t);
        i = j;
        continue;
      }
    }
    SEGMENT.lastIndex = i;
    const m = SEGMENT.exec(src);
    if (m === null) {
      i++;
      continue;
    }
    i = SEGMENT.lastIndex;
    const run = m[1];
    if (run !== undefined) emitBigrams(run, out);
    else if (m[3]) splitJoined(m[0], sink);
    else sink(m[0]);
  }
  return out;
}

// --- caches --------------------------------------------------------------------------------------

const CACHE_LIMIT = 200_000;

/** Bounded memo: cleared wholesale when full (cheap, and the hot vocabulary refills at once). */
function memo(fn: (raw: string) => string): (raw: string) => string {
  const cache = new Map<string, string>();
  return (raw) => {
    const hit = cache.get(raw);
    if (hit !== undefined) return hit;
    const value = fn(raw);
    if (raw.length <= MAX_STEMMED_LENGTH && !DIGITS.test(raw)) {
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, value);
    }
    return value;
  };
}

/** Fold of a token that scan() produced: leaves only letters, digits and kept marks. */
function foldToken(raw: string): string {
  if (!NON_ASCII.test(raw)) return raw;
  const f = fold(raw);
  return CLEAN.test(f) ? f.replace(CLEAN_ALL, '') : f;
}
const CLEAN = /[^\p{L}\p{N}\p{M}]/u;
const CLEAN_ALL = /[^\p{L}\p{N}\p{M}]/gu;

const foldCached = memo(foldToken);
const analyzers = new Map<string, (raw: string) => string>();

function analyzerFor(lang: string): (raw: string) => string {
  let fn = analyzers.get(lang);
  if (fn === undefined) {
    const stem = rawStemmer(lang);
    fn = memo((raw) => {
      if (raw.length > MAX_STEMMED_LENGTH || DIGITS.test(raw)) return foldToken(raw);
      // A stemmer may reduce a token to nothing (a lone combining mark before a letter, say):
      // keep the folded token then, so analyze() stays one for one with tokenize().
      const stemmed = foldToken(stem(raw));
      return stemmed.length > 0 ? stemmed : foldToken(raw);
    });
    analyzers.set(lang, fn);
  }
  return fn;
}

// --- public API ----------------------------------------------------------------------------------

/** Folded tokens, unstemmed, in text order; unsegmented scripts as bigrams. */
export function tokenize(text: string): string[] {
  return scan(text, foldCached);
}

/**
 * The index/query tokens of `text` in language `lang` (any BCP 47 tag; see `stemLanguage`):
 * the tokens of `tokenize(text)`, one for one and in order, each stemmed and folded.
 * Stop words are kept so that phrase positions line up.
 */
export function analyze(text: string, lang: string): string[] {
  return scan(text, analyzerFor(stemLanguage(lang)));
}

/** analyze(), also reporting each stemmed token with the folded, unstemmed word it came from. */
export function analyzeEach(text: string, lang: string, each: (token: string, word: string) => void): string[] {
  const a = analyzerFor(stemLanguage(lang));
  return scan(text, (raw) => {
    const t = a(raw);
    if (t.length > 0) each(t, foldCached(raw));
    return t;
  });
}

export function analyzeToString(text: string, lang: string): string {
  return analyze(text, lang).join(' ');
}

/**
 * The distinct analyses of ONE query word across `langs` (default en, es, fr, pt), in language
 * order, to be OR-ed: `explotación` -> ['explotacion', 'explot']. A word that analyses to several
 * tokens (hyphenated, dotted, or in an unsegmented script) yields space-separated sequences, each
 * to be matched as a phrase: `anti-trafficking` -> ['anti traffic', 'anti trafficking', …].
 * A word with no token (punctuation, emoji) yields [].
 */
export function queryVariants(word: string, langs: readonly string[] = DEFAULT_QUERY_LANGUAGES): string[] {
  const seen = new Set<string>();
  for (const lang of queryLanguagesFor(word, langs.length > 0 ? langs : [DEFAULT_LANGUAGE])) {
    const tokens = analyze(word, lang);
    if (tokens.length > 0) seen.add(tokens.join(' '));
  }
  return [...seen];
}

/**
 * Whether `token` (any case or accents) is a stop word in any of `langs` (default en, es, fr, pt).
 * Only for bare query words: the index keeps stop words, and phrases keep them too.
 */
export function isStopWord(token: string, langs: readonly string[] = DEFAULT_QUERY_LANGUAGES): boolean {
  const folded = fold(token.trim());
  if (folded.length === 0) return false;
  for (const lang of langs) if (stopWordsOf(stemLanguage(lang)).has(folded)) return true;
  return false;
}
