/**
 * Spelling candidates for a word found in no document, from the word as typed: every string one
 * edit away (deletion, transposition, substitution, insertion of a letter), stemmed as the index
 * stems English, kept when the index holds the stem. Comparing stems alone misses typos that
 * change the stem ("eectric" stems to itself, "electric" to "electr"; "wliling" to "wlile",
 * "willing" to "will"); the vocabulary's own search (vocabulary.ts closeTo) covers the rest.
 */
import { analyze, tokenize } from './analyzer.ts';
import type { Candidate, Vocabulary } from './vocabulary.ts';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const PLAIN = /^[a-z]{4,24}$/;

/** Indexed stems of the strings one edit away from `word` (plain Latin letters), most frequent first. */
export function knownEdits(word: string, vocab: Vocabulary, limit = 3): Candidate[] {
  const tokens = tokenize(word);
  const w = tokens[0];
  if (tokens.length !== 1 || w === undefined || !PLAIN.test(w)) return [];
  const own = analyze(w, 'en')[0];
  const found = new Map<string, Candidate>();
  const consider = (edit: string) => {
    const t = analyze(edit, 'en')[0];
    if (t === undefined || t === own || found.has(t)) return;
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
