/**
 * Generates bench/relevance/known-items.json: known-item queries drawn from the real corpus
 * (../shared/data/sherloc-tip-cases.jsonl) by a fixed, seeded procedure, so that anyone with the
 * corpus gets the same file. Only the queries and the targets' URLs are written, no corpus text.
 *   node --import tsx bench/relevance/generate-known-items.ts && npx biome format --write bench/relevance
 *
 * The procedure (README.md in this folder describes it for readers):
 *  - the rows are shuffled with a seeded generator (mulberry32, SEED) and visited in that order; each
 *    style takes the next rows it can make a query of, and a row is the target of one query at most;
 *  - words are the alphabetic words (4+ letters, not stop words) of the row's title and facts;
 *    "document frequency" (df) counts the rows holding a word's English stem (the project's analyzer);
 *  - `rare` (45): three words of df 1-5;
 *  - `form` (50): three words of df 2-40 of which one is replaced by another form of it found in the
 *    corpus (a swap of suffixes such as -ation/-ing/-ed/-ive/-er/-s on a shared base) that the row
 *    itself never uses; the replaced word's stem must differ or the form swap must be across a
 *    derivation the stemmer does not join (both kinds occur);
 *  - `typo`: three words of df 2-40, one of 6+ letters given one random edit after its first letter
 *    (deletion, insertion of a neighbouring key, substitution by a neighbouring key, transposition)
 *    that yields no word of the corpus;
 *  - for these three styles the words' stems must occur together in the target only (the replaced
 *    word counted in both of its forms, the typo in its correct spelling);
 *  - `title` (45): a title naming parties (no digit), unique after folding, typed casually: lower
 *    case, punctuation dropped, "v." written v / vs / versus, "United States" as us, "et al" dropped;
 *    about a fifth pasted as written;
 *  - `number` (45): a title with a case number, unique by its letters and digits, typed casually:
 *    lower case, punctuation dropped or digits run together, and the number word ("No.", "nr", "n°")
 *    written as one of no / No. / nº / n° / Nr. / number / nothing, sometimes run into the number;
 *  - `citation` (25): the UNODC database number (unique ones only), as "usa 022", "USA-022", "usa022",
 *    optionally after "unodc" or "sherloc".
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { analyze, isStopWord } from '../../src/kernel/search/analyzer.ts';

const SEED = 20261204;
const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url);
const OUT = new URL('./known-items.json', import.meta.url);
const COUNTS = { rare: 45, form: 50, typo: 50, title: 45, number: 45, citation: 25 } as const;
type Style = keyof typeof COUNTS;

interface Row {
  url: string;
  unodc_no: string | null;
  title: string;
  facts: string | null;
}

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
function shuffle<T>(xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j]!, xs[i]!];
  }
  return xs;
}

const rows: Row[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const stem = (w: string) => analyze(w, 'en').join(' ');
const wordsOf = (text: string) => (text.toLowerCase().match(/\p{L}+/gu) ?? []).filter((w) => w.length >= 4);
const rowWords = rows.map((r) => new Set(wordsOf(`${r.title} ${r.facts ?? ''}`).filter((w) => !isStopWord(w))));
const rowStems = rowWords.map((ws) => new Set([...ws].map(stem)));
const allWords = new Set<string>();
for (const r of rows)
  for (const w of `${r.title} ${r.facts ?? ''}`.toLowerCase().match(/\p{L}+/gu) ?? []) allWords.add(w);
const df = new Map<string, number>();
for (const ss of rowStems) for (const s of ss) df.set(s, (df.get(s) ?? 0) + 1);
const dfOf = (w: string) => df.get(stem(w)) ?? 0;

/** Rows (other than `self`) whose stems include every one of `groups` (each group: any of its stems). */
function othersWithAll(self: number, groups: string[][]): number {
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    if (i === self) continue;
    if (groups.every((g) => g.some((s) => rowStems[i]!.has(s)))) n++;
  }
  return n;
}

/** Three distinct-stem words of the row within a df range, unique together to the row (one try). */
function threeWords(i: number, lo: number, hi: number, alsoOk?: (w: string) => boolean): string[] | null {
  const pool = [...rowWords[i]!].filter((w) => /^[a-z]+$/.test(w) && dfOf(w) >= lo && dfOf(w) <= hi);
  const byStem = new Map<string, string>();
  for (const w of pool) if (!byStem.has(stem(w))) byStem.set(stem(w), w);
  const words = [...byStem.values()].sort();
  if (words.length < 3) return null;
  for (let attempt = 0; attempt < 6; attempt++) {
    const chosen = shuffle([...words]).slice(0, 3);
    if (alsoOk && !chosen.some(alsoOk)) continue;
    if (
      othersWithAll(
        i,
        chosen.map((w) => [stem(w)]),
      ) === 0
    )
      return chosen;
  }
  return null;
}

// --- word forms ---
const SUFFIXES = [
  'ation',
  'ative',
  'ing',
  'ed',
  'ive',
  'er',
  'ers',
  'ment',
  'ion',
  'ions',
  'es',
  's',
  'e',
  'y',
  'ies',
  'acy',
  '',
];
function baseOf(w: string): string[] {
  return SUFFIXES.filter((s) => w.endsWith(s) && w.length - s.length >= 4).map((s) => w.slice(0, w.length - s.length));
}
const formsByBase = new Map<string, Set<string>>();
for (const w of allWords) {
  if (!/^[a-z]+$/.test(w) || w.length < 5) continue;
  for (const b of baseOf(w)) {
    let set = formsByBase.get(b);
    if (!set) formsByBase.set(b, (set = new Set()));
    set.add(w);
  }
}
/** Other corpus words sharing a base with `w` through a suffix swap, which the row does not use. */
function otherForms(w: string, own: Set<string>): string[] {
  const out = new Set<string>();
  for (const b of baseOf(w)) for (const f of formsByBase.get(b) ?? []) if (f !== w && !own.has(f)) out.add(f);
  // Keep real inflections and derivations: the other form must keep the base plus a listed suffix.
  return [...out]
    .filter((f) => baseOf(f).some((b) => baseOf(w).includes(b)) && Math.abs(f.length - w.length) <= 5)
    .sort();
}

// --- typos ---
const KEYS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbours(c: string): string[] {
  for (let r = 0; r < KEYS.length; r++) {
    const k = KEYS[r]!.indexOf(c);
    if (k < 0) continue;
    const out = [KEYS[r]![k - 1], KEYS[r]![k + 1], KEYS[r - 1]?.[k], KEYS[r + 1]?.[k]];
    return out.filter((x): x is string => !!x);
  }
  return ['e'];
}
function typo(w: string): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const p = 1 + Math.floor(rand() * (w.length - 1));
    const op = pick(['delete', 'insert', 'substitute', 'transpose'] as const);
    let t = w;
    if (op === 'delete') t = w.slice(0, p) + w.slice(p + 1);
    else if (op === 'insert') t = w.slice(0, p) + pick(neighbours(w[p]!)) + w.slice(p);
    else if (op === 'substitute') t = w.slice(0, p) + pick(neighbours(w[p]!)) + w.slice(p + 1);
    else if (p < w.length - 1) t = w.slice(0, p) + w[p + 1] + w[p] + w.slice(p + 2);
    if (t !== w && !allWords.has(t)) return t;
  }
  return w;
}

// --- titles and numbers ---
const alnum = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
const titleCount = new Map<string, number>();
for (const r of rows) titleCount.set(alnum(r.title), (titleCount.get(alnum(r.title)) ?? 0) + 1);
const casual = (s: string) =>
  s
    .toLowerCase()
    .replace(/[.,;:()'’"“”]/g, '')
    .replace(/[-–—/]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function casualTitle(t: string): string {
  if (rand() < 0.2 && !/ [-–—] /.test(t)) return t;
  let s = casual(t).replace(/\bet al\b/g, '');
  const v = pick(['v', 'v', 'vs', 'versus']);
  s = s.replace(/\bv\b|\bvs\b/g, v);
  if (rand() < 0.5) s = s.replace(/\bunited states( of america)?\b/g, 'us');
  return s.replace(/\s+/g, ' ').trim();
}

const NUMBER_WORD = /\b(?:no|nr|n°|nº|num|number)\b\.?\s*/i;
function casualNumber(t: string): string {
  let s = t.toLowerCase();
  const word = pick(['no', 'No.', 'nº', 'n°', 'Nr.', 'number', '', 'no']);
  const glue = rand() < 0.4;
  if (NUMBER_WORD.test(s)) s = s.replace(NUMBER_WORD, word ? `${word}${glue ? '' : ' '}` : '');
  // The number: punctuation dropped (digits run together) or turned into spaces.
  s = rand() < 0.5 ? s.replace(/[.,;:()/\-–—'’]+/g, '') : s.replace(/[.,;:()/\-–—'’]+/g, ' ');
  return s.replace(/\s+/g, ' ').trim();
}

// --- generation ---
interface Out {
  id: string;
  kind: 'known-item';
  style: Style;
  q: string;
  relevant: { ids: string[] };
}
const order = shuffle(rows.map((_, i) => i));
const used = new Set<number>();
const out: Out[] = [];
const counts: Record<Style, number> = { rare: 0, form: 0, typo: 0, title: 0, number: 0, citation: 0 };

function make(style: Style, i: number): string | null {
  const r = rows[i]!;
  switch (style) {
    case 'rare': {
      const w = threeWords(i, 1, 5);
      return w && w.join(' ');
    }
    case 'form': {
      const w = threeWords(i, 2, 40, (x) => otherForms(x, rowWords[i]!).length > 0);
      if (!w) return null;
      const k = w.findIndex((x) => otherForms(x, rowWords[i]!).length > 0);
      const f = pick(otherForms(w[k]!, rowWords[i]!));
      const groups = w.map((x, j) => (j === k ? [stem(x), stem(f)] : [stem(x)]));
      if (othersWithAll(i, groups) > 0) return null;
      w[k] = f;
      return w.join(' ');
    }
    case 'typo': {
      const w = threeWords(i, 2, 40, (x) => x.length >= 6);
      if (!w) return null;
      const k = w.findIndex((x) => x.length >= 6);
      const t = typo(w[k]!);
      if (t === w[k]) return null;
      w[k] = t;
      return w.join(' ');
    }
    case 'title':
      if (/\d/.test(r.title) || titleCount.get(alnum(r.title))! > 1 || alnum(r.title).length < 8) return null;
      return casualTitle(r.title);
    case 'number':
      if (!/\d/.test(r.title) || titleCount.get(alnum(r.title))! > 1) return null;
      return casualNumber(r.title);
    case 'citation': {
      const no = r.unodc_no;
      if (!no || rows.filter((x) => x.unodc_no === no).length > 1) return null;
      const m = /^([A-Za-z]+?)(x?)(\d+)$/.exec(no);
      if (!m) return null;
      const code = `${m[1]}${m[2]}`;
      const written = pick([`${code} ${m[3]}`, `${code}-${m[3]}`, `${code}${m[3]}`, no]);
      const form = rand() < 0.5 ? written.toLowerCase() : written.toUpperCase();
      return `${pick(['', '', 'unodc ', 'sherloc '])}${form}`;
    }
  }
}

const styles = Object.keys(COUNTS) as Style[];
for (const style of styles) {
  for (const i of order) {
    if (counts[style] >= COUNTS[style]) break;
    if (used.has(i)) continue;
    const q = make(style, i);
    if (!q) continue;
    used.add(i);
    counts[style]++;
    out.push({
      id: `g${String(out.length + 1).padStart(3, '0')}`,
      kind: 'known-item',
      style,
      q,
      relevant: { ids: [rows[i]!.url] },
    });
  }
}

writeFileSync(
  OUT,
  `${JSON.stringify(
    {
      description:
        'Known-item queries generated from the corpus by bench/relevance/generate-known-items.ts (seed ' +
        `${SEED}); one relevant case each, named by its url. Regenerate with ` +
        '`node --import tsx bench/relevance/generate-known-items.ts`.',
      corpus: `/work/shared/data/sherloc-tip-cases.jsonl (${rows.length} rows)`,
      queries: out,
    },
    null,
    2,
  )}\n`,
);
console.log(`${out.length} queries:`, counts);
