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
