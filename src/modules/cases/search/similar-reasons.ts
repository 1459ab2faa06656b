/** The one-line English reason of a similar case, as the API has always given it (`reason`). */
import { type Vocabulary } from '../domain/taxonomy.ts';
import { englishLabel as labelOf } from '../i18n/english.ts';
import type { SameKind, SimilarReason } from './search-engine.ts';

const VOCABULARY: Record<SameKind, Vocabulary> = {
  same_purpose: 'purposes',
  same_means: 'means',
  same_sector: 'sectors',
  same_act: 'acts',
  same_form: 'forms',
};

/** "Same purpose x; means y; facts share: a, b." or "Close in wording." */
export function formatReasons(reasons: readonly SimilarReason[]): string {
  const same: string[] = [];
  const parts: string[] = [];
  for (const r of reasons) {
    if (r.kind === 'shared_words') continue;
    const labels = r.values.map((v) => labelOf(VOCABULARY[r.kind], v).toLowerCase());
    same.push(`${r.kind.slice('same_'.length)} ${labels.join(', ')}`);
  }
  if (same.length) parts.push(`Same ${same.join('; ')}`);
  for (const r of reasons) if (r.kind === 'shared_words') parts.push(`facts share: ${r.words.join(', ')}`);
  return parts.length ? `${parts.join('; ')}.` : 'Close in wording.';
}

/** The taxonomy vocabulary of a same_* reason (for the pages' labels). */
export const reasonVocabulary = (kind: SameKind): Vocabulary => VOCABULARY[kind];
