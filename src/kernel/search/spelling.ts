/**
 * Spelling candidates for a word found in no document, from the word as typed: every string one
 * edit away (deletion, transposition, substitution, insertion of a letter), stemmed as the index
 * stems English, kept when the index holds the stem. Comparing stems alone misses typos that
 * change the stem ("eectric" stems to itself, "electric" to "electr"; "wliling" to "wlile",
 * "willing" to "will"); the vocabulary's own search (vocabulary.ts closeTo) covers the rest.
 */
import { analyze, tokenize } from './analyzer.ts';
import { rawStemmer } from './stemmers.ts';
import type { Candidate, Vocabulary } from './vocabulary.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PLAIN = /^[a-z]{4,24}$/;

/** Endings the English stemmer takes off (and what is left when it is nothing). */
const ENDINGS = new Set(
  (
    ' s es ed d ing ings er ers ly ion ions ation ations ment ments ness ity ities ive ives ies ied al ' +
    'ally ful ence ences ance ances ent ents ant ants ism ist ists ise ize ised ized able ible ous ously ' +
    'ational ator ators ative ic ics ical ically icity ate ated ates ating ement ements ism isms y e'
  ).split(' '),
);

/**
 * Whether the English stem of `edit` may be indexed, without stemming it (stemming is the costly
 * part: some 20 µs a word, times ~50n strings one edit away): an English stem is the word less one
 * of the ENDINGS, at times with a final y turned into i ("married" -> "marri") or an e restored
 * ("hiding" -> "hide"). A few map lookups rule out nearly every string; the rest are stemmed.
 */
function mayStemToKnown(edit: string, vocab: Vocabulary): boolean {
  for (let k = edit.length; k >= Math.max(2, edit.length - 7); k--) {
    if (!ENDINGS.has(edit.slice(k))) continue;
    const prefix = edit.slice(0, k);
    if (vocab.docFreq(prefix) > 0 || vocab.docFreq(`${prefix}i`) > 0 || vocab.docFreq(`${prefix}e`) > 0) return true;
  }
  return false;
}

/** Indexed stems of the strings one edit away from `word` (plain Latin letters), most frequent first. */
export function knownEdits(word: string, vocab: Vocabulary, limit = 3): Candidate[] {
  const tokens = tokenize(word);
  const w = tokens[0];
  if (tokens.length !== 1 || w === undefined || !PLAIN.test(w)) return [];
  const own = analyze(w, 'en')[0];
  const stem = rawStemmer('en');
  const found = new Map<string, Candidate>();
  const tried = new Set<string>();
  const consider = (edit: string) => {
    if (tried.has(edit) || !mayStemToKnown(edit, vocab)) return;
    tried.add(edit);
    const t = stem(edit);
    if (t === own || found.has(t)) return;
    const df = vocab.docFreq(t);
    if (df > 0) found.set(t, { term: t, df, distance: 1 });
  };
  for (let i = 0; i < w.length; i++) {
    consider(w.slice(0, i) + w.slice(i + 1));
    if (i + 1 < w.length) consider(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2));
    for (const c of LETTERS) if (c !== w[i]) consider(w.slice(0, i) + c + w.slice(i + 1));
  }
  for (let i = 0; i <= w.length; i++) for (const c of LETTERS) consider(w.slice(0, i) + c + w.slice(i));
  return [...found.values()].sort((a, b) => b.df - a.df || (a.term < b.term ? -1 : 1)).slice(0, limit);
}
