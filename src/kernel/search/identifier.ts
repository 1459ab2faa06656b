/** Folding of identifiers (docket numbers, citations, ECLI ...) for exact known-item lookups. */

const NUMBER_WORD = /^\s*(?:(?:criminal|crim|civil|case|docket)\.?\s+)*(?:no|nr|n°|nº|num|number)\b\.?\s*/i;

/**
 * Lower case, letters and digits only, without a leading "No." / "Case No.":
 * "Case No. 12-CR/345" and "12cr345" fold alike.
 */
export function foldIdentifier(value: string): string {
  const bare = value.replace(NUMBER_WORD, '');
  return bare
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

// --- identifier keys: titles and numbers however typed ------------------------------------------

/**
 * The marker of an identifier key in the index: keys are indexed as tokens of the citation column
 * ("¤caseno364"), which no analysed word can be (the analyzer's tokens are letters and digits).
 */
export const KEY_MARK = '¤';

/** Words that say "number" before a number: No., Nr., nº (NFKC: no), n°, n., núm., nro. ... */
const NUMBER_WORDS = new Set(['no', 'nr', 'nro', 'n', 'num', 'number', 'numero', 'nos', 'nbr']);
/** A number word run into what follows ("no14206", "nrabc-12"): split when a digit follows within 3 letters. */
const GLUED = /^(no|nr|nro|num)(?=[a-z]{0,3}\d)(.+)$/;
const GLUED_PREFIX = /^(no|nr|nro|num)([a-z]{1,3})$/;
const HAS_DIGIT = /\d/;

/** The words of an identifier or query: NFKC, no accents, lower case, cut at anything not a letter or digit. */
export function keyWords(value: string): string[] {
  const words = value
    .normalize('NFKC')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const out: string[] = [];
  for (const [i, w] of words.entries()) {
    // "noabc-12345": a number word run into a short letter prefix, the number in the next word.
    const m = GLUED.exec(w) ?? (/^\d/.test(words[i + 1] ?? '') ? GLUED_PREFIX.exec(w) : null);
    if (m) out.push(m[1]!, m[2]!);
    else out.push(w);
  }
  return out;
}

const isNumberWord = (w: string) => NUMBER_WORDS.has(w);
/** A key worth looking up: it holds a digit, and a bare number has 5 digits or more. */
const usable = (key: string, afterNumberWord: boolean) =>
  key.length >= 2 && HAS_DIGIT.test(key) && (afterNumberWord || !/^\d+$/.test(key) || key.length >= 5);

/**
 * The keys an identifier (a citation, an ECLI, a docket number, a title holding a number) is found
 * by: its letters and digits run together, with and without the number words, and every tail that
 * still holds a digit ("CRIM. CASE NO. 09-217-I" -> crimcaseno09217i, crimcase09217i, casen09217i,
 * 09217i ...). Punctuation, spacing, case and accents never matter; nor does "No."/"nº"/"n°"/"Nr.".
 */
export function identifierKeys(value: string): string[] {
  const words = keyWords(value);
  const keys = new Set<string>();
  if (words.length === 0 || words.length > 24) return [];
  const bare = words.filter((w) => !isNumberWord(w));
  const whole = words.join('');
  if (HAS_DIGIT.test(whole)) keys.add(whole);
  for (let i = 0; i < bare.length; i++) {
    const key = bare.slice(i).join('');
    const first = words.indexOf(bare[i]!);
    if (usable(key, first > 0 && isNumberWord(words[first - 1]!))) keys.add(key);
  }
  return [...keys];
}

/**
 * The keys a query may name an identifier by: the whole query run together (with and without
 * number words), then every run of up to 8 consecutive words ("unodc rus-008" -> rus008;
 * "crim case No364" -> crimcaseno364, crimcase364, 364 ...). `whole` are the keys of the query
 * as a whole: a match on one of them is a match on the entire query.
 */
export function queryKeys(text: string): { whole: string[]; spans: string[] } {
  const words = keyWords(text);
  if (words.length === 0 || words.length > 16) return { whole: [], spans: [] };
  const whole = new Set<string>();
  const all = words.join('');
  const bareAll = words.filter((w) => !isNumberWord(w)).join('');
  if (HAS_DIGIT.test(all)) {
    whole.add(all);
    if (bareAll) whole.add(bareAll);
    // "Case No. 12-CR/345": what follows the last number word is the whole identifier too.
    const last = words.map(isNumberWord).lastIndexOf(true);
    const tail = last >= 0 ? words.slice(last + 1).join('') : '';
    if (usable(tail, true)) whole.add(tail);
  }
  const spans = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= Math.min(words.length, i + 8); j++) {
      const span = words.slice(i, j);
      const afterNumber = isNumberWord(span[0]!) || (i > 0 && isNumberWord(words[i - 1]!));
      const bare = span.filter((w) => !isNumberWord(w)).join('');
      if (usable(bare, afterNumber)) spans.add(bare);
    }
  }
  for (const k of whole) spans.delete(k);
  return { whole: [...whole], spans: [...spans] };
}
