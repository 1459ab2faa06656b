/**
 * A partner's label matched to a code of one of Palermo's vocabularies: the code itself, its
 * English label, a synonym (synonyms.json: English, Spanish, French, practitioners' terms), a
 * SHERLOC label, or a close spelling, each with a confidence. A term that evidences a means
 * ("confiscation of documents") is a proposal for a person to confirm, never settled silently.
 */
import { createRequire } from 'node:module';
import { foldName } from '../../../../kernel/geo/countries.ts';
import { TAXONOMY, type Vocabulary } from '../../domain/taxonomy.ts';
import { SHERLOC_LABELS } from '../sherloc.ts';
import { similarity } from './countries.ts';

const require = createRequire(import.meta.url);
type Synonyms = Record<string, Record<string, string[]>> & {
  evidence: Record<string, Record<string, string>>;
};
const SYNONYMS = require('./synonyms.json') as Synonyms;

/** The vocabularies whose values a draft proposes codes for. */
export type TermVocabulary = Extract<
  Vocabulary,
  'acts' | 'means' | 'purposes' | 'forms' | 'sectors' | 'offences' | 'verdicts' | 'genders' | 'courtLevels'
>;
/** The vocabularies one mixed "article 3" column may hold; its codes are written "means:fraud". */
export const ARTICLE3_VOCABULARIES = ['acts', 'means', 'purposes', 'forms'] as const;

export interface TermMatch {
  /** The code ("fraud"), or for a mixed column "means:fraud"; several when a term evidences several. */
  codes: string[];
  confidence: number;
  /** Set when the term is not the code's label but evidences it: a person must confirm. */
  proposal: string | null;
  candidates: string[];
}

const INDEX = new Map<TermVocabulary, Map<string, string>>();
function indexOf(vocab: TermVocabulary): Map<string, string> {
  let m = INDEX.get(vocab);
  if (m) return m;
  m = new Map();
  for (const t of TAXONOMY[vocab]) {
    m.set(foldName(t.code), t.code);
    m.set(foldName(t.code.replace(/_/g, ' ')), t.code);
  }
  for (const [code, words] of Object.entries(SYNONYMS[vocab] ?? {})) for (const w of words) m.set(foldName(w), code);
  for (const [label, [v, code]] of Object.entries(SHERLOC_LABELS)) if (v === vocab) m.set(foldName(label), code);
  INDEX.set(vocab, m);
  return m;
}

function evidenceOf(k: string, vocabs: readonly TermVocabulary[], mixed: boolean): string[] {
  for (const [term, codes] of Object.entries(SYNONYMS.evidence)) {
    if (foldName(term) !== k) continue;
    return Object.entries(codes)
      .filter(([v]) => (vocabs as readonly string[]).includes(v))
      .map(([v, c]) => (mixed ? `${v}:${c}` : c));
  }
  return [];
}

/** Matches one label against one vocabulary, or (mixed) against the art. 3 vocabularies at once. */
export function matchTerm(value: string, vocab: TermVocabulary | 'article3'): TermMatch {
  const mixed = vocab === 'article3';
  const vocabs: readonly TermVocabulary[] = mixed ? ARTICLE3_VOCABULARIES : [vocab];
  const k = foldName(value);
  for (const v of vocabs) {
    const code = indexOf(v).get(k);
    if (code) return { codes: [mixed ? `${v}:${code}` : code], confidence: 1, proposal: null, candidates: [] };
  }
  const evidence = evidenceOf(k, vocabs, mixed);
  if (evidence.length)
    return {
      codes: evidence,
      confidence: 0.6,
      proposal: `'${value}' evidences ${evidence.join(', ')}`,
      candidates: [],
    };
  const scored: Array<[string, number]> = [];
  for (const v of vocabs)
    for (const [name, code] of indexOf(v)) scored.push([mixed ? `${v}:${code}` : code, similarity(k, name)]);
  scored.sort((a, b) => b[1] - a[1]);
  const best = new Map<string, number>();
  for (const [c, s] of scored) if (!best.has(c)) best.set(c, s);
  const ranked = [...best].slice(0, 3);
  const [top, second] = ranked;
  if (top && top[1] >= 0.8 && k.length >= 4 && (!second || top[1] - second[1] >= 0.1))
    return { codes: [top[0]], confidence: Math.round(top[1] * 100) / 100, proposal: null, candidates: [] };
  return { codes: [], confidence: 0, proposal: null, candidates: ranked.filter((r) => r[1] > 0.3).map((r) => r[0]) };
}
