/**
 * The case editor's fields, as data: one list per section, used by formFields (what a browser
 * submits), parseCaseForm (what the server reads back) and the renderer (which inputs exist).
 * Paths are dotted (`victims.0.gender`), the same as the validation error paths; names are qs
 * bracket style (`victims[0][gender]`).
 */
import { TAG_KINDS, TAXONOMY, type TagKind, type Vocabulary } from '../domain/taxonomy.ts';
import { COUNTRIES } from '../../../kernel/geo/countries.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { termLabel } from '../i18n/labels.ts';

/** A choice of a select; its label comes from the catalog (see optionLabel), or is data (a country's name). */
export interface Option {
  code: string;
  /** Data shown as is (a country's name); vocabulary terms are labelled through the catalog instead. */
  label?: string;
}

/**
 * Where a select's option labels come from: a taxonomy vocabulary (`cases.taxonomy.<vocabulary>.<code>`),
 * the editor's own keys (`<prefix>.<code>`), or the options' own data labels (countries).
 */
export type OptionLabels = { vocabulary: Vocabulary } | { prefix: string } | { data: true };

export type Control =
  | { kind: 'text' | 'textarea' | 'date' | 'number' | 'yesno' | 'countries' }
  | { kind: 'select'; options: readonly Option[]; labels: OptionLabels };

export interface FieldSpec {
  /** Key inside its object; `fine.amount` reaches into a nested object. */
  key: string;
  /** The catalog key of the field's label (`cases.editor.field.title`). */
  label: string;
  control: Control;
  /** The schema rejects an empty value. */
  required?: boolean;
  /** The catalog key of the hint shown under the label. */
  hint?: string;
  /** The schema's default, used when the value is missing. */
  default?: string;
}

const F = 'cases.editor.field';
const H = 'cases.editor.hint';

const text = (key: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  key,
  label: `${F}.${label}`,
  control: { kind: 'text' },
  ...extra,
});
const area = (key: string, label: string): FieldSpec => ({
  key,
  label: `${F}.${label}`,
  control: { kind: 'textarea' },
});
const num = (key: string, label: string, hint?: string): FieldSpec => ({
  key,
  label: `${F}.${label}`,
  control: { kind: 'number' },
  ...(hint ? { hint: `${H}.${hint}` } : {}),
});
const vocabulary = (key: string, label: string, vocab: Vocabulary, required = false): FieldSpec => ({
  key,
  label: `${F}.${label}`,
  control: { kind: 'select', options: TAXONOMY[vocab], labels: { vocabulary: vocab } },
  required,
});
const date = (key: string, label: string): FieldSpec => ({
  key,
  label: `${F}.${label}`,
  control: { kind: 'date' },
  hint: `${H}.date`,
});

/** The label of an option: from the catalog, or the option's own data label. */
export function optionLabel(t: Translator, labels: OptionLabels, option: Option): string {
  if ('vocabulary' in labels) return termLabel(t, labels.vocabulary, option.code);
  if ('prefix' in labels) return t.t(`${labels.prefix}.${option.code}`);
  return option.label ?? option.code;
}

/** Country names are reference data (kernel/geo/countries.ts), shown as they are. */
export const COUNTRY_OPTIONS: readonly Option[] = [...COUNTRIES]
  .map((c) => ({ code: c.code, label: `${c.name} (${c.code})` }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));

export const TOP_FIELDS: readonly FieldSpec[] = [
  text('title', 'title', { required: true }),
  text('databaseNumber', 'databaseNumber'),
  {
    key: 'jurisdiction',
    label: `${F}.jurisdiction`,
    control: { kind: 'select', options: COUNTRY_OPTIONS, labels: { data: true } },
    required: true,
  },
  // States named as respondents before an international or regional court (jurisdiction XIR).
  {
    key: 'respondentStates',
    label: `${F}.respondentStates`,
    control: { kind: 'countries' },
    hint: `${H}.respondentStates`,
  },
  text('court', 'court'),
  vocabulary('courtLevel', 'courtLevel', 'courtLevels'),
  vocabulary('legalSystem', 'legalSystem', 'legalSystems'),
  date('decisionDate', 'decisionDate'),
];

export const IDENTIFIER_FIELDS: readonly FieldSpec[] = [
  vocabulary('type', 'identifierType', 'identifierTypes', true),
  text('value', 'identifier', { required: true }),
];

export const PROCEEDING_FIELDS: readonly FieldSpec[] = [
  vocabulary('stage', 'stage', 'proceedingStages', true),
  text('court', 'court'),
  vocabulary('courtLevel', 'courtLevel', 'courtLevels'),
  date('date', 'date'),
  text('docket', 'docket'),
  area('outcome', 'outcome'),
  text('caseId', 'caseId'),
];

export const PARTY_FIELDS: readonly FieldSpec[] = [
  { ...vocabulary('kind', 'partyKind', 'partyKinds', true), default: 'person' },
  text('label', 'partyLabel', { hint: `${H}.partyLabel` }),
  num('count', 'count', 'count'),
  vocabulary('gender', 'gender', 'genders'),
  { key: 'child', label: `${F}.child`, control: { kind: 'yesno' } },
  num('ageAtOffence', 'ageAtOffence'),
  num('ageAtTrial', 'ageAtTrial'),
  num('birthYear', 'birthYear'),
  { key: 'nationalities', label: `${F}.nationalities`, control: { kind: 'countries' }, hint: `${H}.nationalities` },
];

export const CHARGE_FIELDS: readonly FieldSpec[] = [
  text('statute', 'statute'),
  text('charge', 'charge'),
  vocabulary('verdict', 'verdict', 'verdicts'),
  num('prisonMonths', 'prisonMonths'),
  num('fine.amount', 'fineAmount'),
  text('fine.currency', 'fineCurrency', { hint: `${H}.currency` }),
  text('otherSentence', 'otherSentence'),
];

export const SOURCE_KINDS: readonly Option[] = [{ code: 'url' }, { code: 'citation' }];

export const SOURCE_FIELDS: readonly FieldSpec[] = [
  {
    key: 'kind',
    label: `${F}.sourceKind`,
    control: { kind: 'select', options: SOURCE_KINDS, labels: { prefix: 'cases.editor.sourceKind' } },
    required: true,
  },
  text('value', 'sourceValue', { required: true }),
  text('label', 'sourceLabel'),
];

export const NARRATIVE_FIELDS: readonly FieldSpec[] = [
  area('facts', 'facts'),
  area('reasoning', 'reasoning'),
  area('commentary', 'commentary'),
  area('crossCutting', 'crossCutting'),
];

export const PROVENANCE_FIELDS: readonly FieldSpec[] = [text('source', 'provenanceSource')];

export const RESTRICTED_FIELDS: readonly FieldSpec[] = [
  area('internalNotes', 'internalNotes'),
  area('sourceContacts', 'sourceContacts'),
];

/** The tag lists: kind, the catalog key of the list's title, the vocabulary's terms. */
export const TAG_LISTS: readonly [TagKind, string, readonly Option[]][] = TAG_KINDS.map((kind) => [
  kind,
  `cases.editor.tags.${kind}`,
  TAXONOMY[kind],
]);

/** The repeatable lists of a case and the fields of one row; texts are `cases.editor.list.<list>.*`. */
export const ROW_LISTS = {
  identifiers: { fields: IDENTIFIER_FIELDS },
  proceedings: { fields: PROCEEDING_FIELDS },
  victims: { fields: PARTY_FIELDS },
  defendants: { fields: PARTY_FIELDS },
  sources: { fields: SOURCE_FIELDS },
} as const;
export type RowList = keyof typeof ROW_LISTS;
export const ROW_LIST_KEYS = Object.keys(ROW_LISTS) as RowList[];

/** Languages offered by "add language" (any canonical BCP 47 tag is valid; these are the usual ones). */
export const LANGUAGE_CHOICES = [
  'en',
  'es',
  'fr',
  'ar',
  'ru',
  'zh',
  'pt',
  'pt-BR',
  'de',
  'it',
  'nl',
  'el',
  'tr',
  'pl',
  'ro',
  'bg',
  'cs',
  'sk',
  'sl',
  'hr',
  'sr',
  'hu',
  'uk',
  'sv',
  'da',
  'fi',
  'no',
  'he',
  'fa',
  'ur',
  'hi',
  'bn',
  'th',
  'vi',
  'id',
  'ms',
  'tl',
  'ja',
  'ko',
  'sw',
  'am',
  'ha',
] as const;

const languageNames = new Map<string, Intl.DisplayNames>();
/** A language's name in the reader's language (the pseudo-locale reads English names, as data). */
export function languageLabel(tag: string, locale = 'en'): string {
  const intl = locale === 'en-XA' ? 'en' : locale;
  let names = languageNames.get(intl);
  if (!names) {
    names = new Intl.DisplayNames([intl], { type: 'language' });
    languageNames.set(intl, names);
  }
  try {
    return names.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** `victims.0.gender` -> `victims[0][gender]`. */
export function nameOf(path: string): string {
  const [head, ...rest] = path.split('.');
  return head + rest.map((p) => `[${p}]`).join('');
}

/** `victims.0.gender` -> `f-victims-0-gender`: the id of the input (or group) for a path. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

export const join = (...parts: (string | number)[]): string =>
  parts
    .map(String)
    .filter((p) => p !== '')
    .join('.');
