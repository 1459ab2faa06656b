/**
 * Labels of the case vocabularies, from the cases catalog (`cases.taxonomy.<vocabulary>.<code>`).
 * Codes are the data; labels are text, in the reader's language.
 */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { Vocabulary } from '../domain/taxonomy.ts';

export const termKey = (vocabulary: Vocabulary, code: string): string => `cases.taxonomy.${vocabulary}.${code}`;

/** The label of a code; an unknown code (from old data) shows as itself. */
export function termLabel(t: Translator, vocabulary: Vocabulary, code: string): string {
  const key = termKey(vocabulary, code);
  return t.has(key) ? t.t(key) : code;
}
