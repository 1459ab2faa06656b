/**
 * Case titles and citations found however they are typed: "US v Dann", "United States v. Dann" and
 * "u.s. v. dann" all reduce to the same key; so do docket numbers with or without punctuation
 * (see foldIdentifier). Used for known-item lookups and for the synonyms indexed with a title.
 */
import { tokenize } from './analyzer.ts';

/** Abbreviations common in case titles, each with its expansion (both directions are indexed). */
const ABBREVIATIONS: readonly [string, string][] = [
  ['us', 'united states'],
  ['usa', 'united states'],
  ['uk', 'united kingdom'],
  ['pp', 'public prosecutor'],
  ['ny', 'new york'],
  ['dept', 'department'],
  ['govt', 'government'],
  ['comm', 'commonwealth'],
];
const VERSUS = new Set([
  'v',
  'vs',
  'versus',
  'c',
  'contra',
  'contre',
  'gegen',
  'tegen',
  'and',
  'the',
  'of',
  'y',
  'e',
  'et',
  'al',
]);

/** The folded title with abbreviations expanded and "v." / "vs" / "et al." dropped. */
export function titleKey(title: string): string {
  const tokens = tokenize(title);
  const out: string[] = [];
  for (const t of tokens) {
    if (VERSUS.has(t)) continue;
    const exp = ABBREVIATIONS.find(([a]) => a === t);
    out.push(exp ? exp[1] : t);
  }
  return out.join(' ');
}

/** Extra words indexed with a title so that the abbreviated and the full form both match. */
export function titleSynonyms(title: string): string {
  const text = ` ${tokenize(title).join(' ')} `;
  const extra: string[] = [];
  for (const [abbr, full] of ABBREVIATIONS) {
    if (text.includes(` ${full} `)) extra.push(abbr);
    if (text.includes(` ${abbr} `)) extra.push(full);
  }
  return extra.join(' ');
}

const SEPARATORS = new Set(['v', 'vs', 'versus', 'c', 'contra', 'contre', 'gegen', 'tegen']);
const runTogether = (key: string) => key.replace(/ /g, '');

/**
 * The keys a title is found by when typed whole (identifier.ts indexes them beside the identifier
 * keys): the title key run together, so that spacing and punctuation never matter ("US v. Dann",
 * "u.s. v dann" -> unitedstatesdann), the title's words run together as they stand and with short
 * names ("reginavtang", "usvdann"), and, for a title naming parties followed by a law-report
 * citation, that of the names alone ("R v Wei Tang 2009 23 VR 332" -> also rweitang).
 */
export function titleKeys(title: string): string[] {
  const keys = new Set<string>();
  const whole = runTogether(titleKey(title));
  if (whole) keys.add(whole);
  const tokens = tokenize(title);
  // Typed run together, "v" and all ("reginavtang"), or with the short form of a name ("usvdann").
  if (tokens.length > 1) keys.add(tokens.join(''));
  let short = ` ${tokens.join(' ')} `;
  for (const [abbr, full] of ABBREVIATIONS) short = short.replaceAll(` ${full} `, ` ${abbr} `);
  if (short.trim() !== tokens.join(' ')) keys.add(runTogether(short));
  const firstNumber = tokens.findIndex((t) => /\d/.test(t));
  const names = firstNumber > 0 ? tokens.slice(0, firstNumber) : [];
  const versus = names.findIndex((t) => SEPARATORS.has(t));
  if (versus > 0 && versus < names.length - 1) keys.add(runTogether(titleKey(names.join(' '))));
  return [...keys];
}

/** The key of a query typed as a whole title (see titleKeys). */
export function queryTitleKey(text: string): string {
  return runTogether(titleKey(text));
}
