/**
 * English labels of the case vocabularies, from the cases catalog, for outputs that are English by
 * contract (JSON-LD `about`, the API's facet labels, similar-case reasons in the API).
 */
import { DEFAULT_LOCALE, I18n } from '../../../kernel/i18n/i18n.ts';
import { CASES_MESSAGES } from './catalogs.ts';
import type { Vocabulary } from '../domain/taxonomy.ts';

const ENGLISH = new I18n([{ owner: 'cases', catalogs: CASES_MESSAGES }]).translator(DEFAULT_LOCALE);

/** The English label of a code; an unknown code (from old data) is itself. */
export function englishLabel(vocabulary: Vocabulary, code: string): string {
  const key = `cases.taxonomy.${vocabulary}.${code}`;
  return ENGLISH.has(key) ? ENGLISH.t(key) : code;
}
