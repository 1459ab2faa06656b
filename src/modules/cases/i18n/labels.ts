/**
 * Labels of the case vocabularies, from the cases catalog (`cases.taxonomy.<vocabulary>.<code>`).
 * Codes are the data; labels are text, in the reader's language.
 */
import { countryName, regionName } from '../../../kernel/geo/country-names.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { msg, type MessageCell } from '../../../kernel/web/stat-table.ts';
import { TAXONOMY, type Term, type Vocabulary } from '../domain/taxonomy.ts';
import type { FacetField } from '../search/facet-fields.ts';

export const termKey = (vocabulary: Vocabulary, code: string): string => `cases.taxonomy.${vocabulary}.${code}`;

/** The label of a code; an unknown code (from old data) shows as itself. */
export function termLabel(t: Translator, vocabulary: Vocabulary, code: string): string {
  const key = termKey(vocabulary, code);
  return t.has(key) ? t.t(key) : code;
}

/** The label of a code as a message for a service to return (an unknown code stays itself). */
export function termMessage(vocabulary: Vocabulary, code: string): MessageCell {
  const known = (TAXONOMY[vocabulary] as readonly Term[]).some((term) => term.code === code);
  return known ? msg(termKey(vocabulary, code)) : code;
}

/** Every vocabulary with its terms' labels in one language (the shape of TAXONOMY, labels translated). */
export function translatedTaxonomy(t: Translator): Record<Vocabulary, (Term & { label: string })[]> {
  return Object.fromEntries(
    Object.entries(TAXONOMY).map(([vocabulary, list]) => [
      vocabulary,
      (list as readonly Term[]).map(({ code, ...rest }) => ({
        code,
        label: termLabel(t, vocabulary as Vocabulary, code),
        ...rest,
      })),
    ]),
  ) as Record<Vocabulary, (Term & { label: string })[]>;
}

/** The facets whose values are codes of a vocabulary. */
export const FACET_VOCABULARY: Partial<Record<FacetField, Vocabulary>> = {
  courtLevel: 'courtLevels',
  verdict: 'verdicts',
  acts: 'acts',
  means: 'means',
  purposes: 'purposes',
  forms: 'forms',
  sectors: 'sectors',
  offences: 'offences',
  victimGender: 'genders',
};

/** The name of a facet (`cases.facet.<field>`). */
export const facetName = (t: Translator, field: FacetField): string => t.t(`cases.facet.${field}`);

/**
 * The label of a facet value: a vocabulary's term or the child-victims flag from the catalog; other
 * values (countries, regions, languages) are names from reference data, given by the search.
 */
export function facetValueLabel(t: Translator, field: FacetField, value: string, name: string): string {
  const vocabulary = FACET_VOCABULARY[field];
  if (vocabulary) return termLabel(t, vocabulary, value);
  if (field === 'language') return languageName(t, value);
  if (field === 'jurisdiction' || field === 'victimNationality' || field === 'defendantNationality') {
    return /^[A-Z]{3}$/.test(value) ? countryName(value, t) : name;
  }
  if (field === 'region') return /^\d{3}$/.test(value) ? regionName(value, t) : name;
  if (field === 'childVictims')
    return t.t(value === 'yes' ? 'cases.facet.childVictims.yes' : 'cases.facet.childVictims.no');
  return name;
}

/** A language's name in the reader's language (CLDR data through Intl), or its tag when unknown. */
export function languageName(t: Translator, tag: string): string {
  try {
    return new Intl.DisplayNames([t.locale, 'en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
