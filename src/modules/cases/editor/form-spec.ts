/**
 * The case editor's fields, as data: one list per section, used by formFields (what a browser
 * submits), parseCaseForm (what the server reads back) and the renderer (which inputs exist).
 * Paths are dotted (`victims.0.gender`), the same as the validation error paths; names are qs
 * bracket style (`victims[0][gender]`).
 */
import {
  COURT_LEVELS,
  LEGAL_SYSTEMS,
  IDENTIFIER_TYPES,
  PROCEEDING_STAGES,
  PARTY_KINDS,
  GENDERS,
  VERDICTS,
  ACTS,
  MEANS,
  PURPOSES,
  FORMS,
  SECTORS,
  OFFENCES,
  type TagKind,
} from '../domain/taxonomy.ts';
import { COUNTRIES } from '../../../kernel/geo/countries.ts';

export interface Option {
  code: string;
  label: string;
}

export type Control =
  | { kind: 'text' | 'textarea' | 'date' | 'number' | 'yesno' | 'countries' }
  | { kind: 'select'; options: readonly Option[] };

export interface FieldSpec {
  /** Key inside its object; `fine.amount` reaches into a nested object. */
  key: string;
  label: string;
  control: Control;
  /** The schema rejects an empty value. */
  required?: boolean;
  hint?: string;
  /** The schema's default, used when the value is missing. */
  default?: string;
}

const text = (key: string, label: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  key,
  label,
  control: { kind: 'text' },
  ...extra,
});
const area = (key: string, label: string): FieldSpec => ({ key, label, control: { kind: 'textarea' } });
const num = (key: string, label: string, hint?: string): FieldSpec => ({
  key,
  label,
  control: { kind: 'number' },
  ...(hint ? { hint } : {}),
});
const select = (key: string, label: string, options: readonly Option[], required = false): FieldSpec => ({
  key,
  label,
  control: { kind: 'select', options },
  required,
});
const date = (key: string, label: string): FieldSpec => ({
  key,
  label,
  control: { kind: 'date' },
  hint: 'YYYY, YYYY-MM or YYYY-MM-DD',
});

export const COUNTRY_OPTIONS: readonly Option[] = [...COUNTRIES]
  .map((c) => ({ code: c.code, label: `${c.name} (${c.code})` }))
  .sort((a, b) => a.label.localeCompare(b.label, 'en'));

export const TOP_FIELDS: readonly FieldSpec[] = [
  text('title', 'Title', { required: true }),
  text('databaseNumber', 'Database number'),
  select('jurisdiction', 'Jurisdiction', COUNTRY_OPTIONS, true),
  text('court', 'Court'),
  select('courtLevel', 'Court level', COURT_LEVELS),
  select('legalSystem', 'Legal system', LEGAL_SYSTEMS),
  date('decisionDate', 'Decision date'),
];

export const IDENTIFIER_FIELDS: readonly FieldSpec[] = [
  select('type', 'Type', IDENTIFIER_TYPES, true),
  text('value', 'Identifier', { required: true }),
];

export const PROCEEDING_FIELDS: readonly FieldSpec[] = [
  select('stage', 'Stage', PROCEEDING_STAGES, true),
  text('court', 'Court'),
  select('courtLevel', 'Court level', COURT_LEVELS),
  date('date', 'Date'),
  text('docket', 'Docket'),
  area('outcome', 'Outcome'),
  text('caseId', 'Record in this database (case id)'),
];

export const PARTY_FIELDS: readonly FieldSpec[] = [
  { ...select('kind', 'Kind', PARTY_KINDS, true), default: 'person' },
  text('label', 'Label', { hint: 'Initials or role only, never a full name' }),
  num('count', 'Number of persons', "Only for kind 'Group of persons'"),
  select('gender', 'Gender', GENDERS),
  { key: 'child', label: 'Child', control: { kind: 'yesno' } },
  num('ageAtOffence', 'Age at offence'),
  num('ageAtTrial', 'Age at trial'),
  num('birthYear', 'Year of birth'),
  {
    key: 'nationalities',
    label: 'Nationalities',
    control: { kind: 'countries' },
    hint: 'ISO 3166-1 alpha-3 codes, comma separated, e.g. PHL, THA',
  },
];

export const CHARGE_FIELDS: readonly FieldSpec[] = [
  text('statute', 'Statute'),
  text('charge', 'Charge'),
  select('verdict', 'Verdict', VERDICTS),
  num('prisonMonths', 'Prison (months)'),
  num('fine.amount', 'Fine amount'),
  text('fine.currency', 'Fine currency', { hint: 'ISO 4217, e.g. EUR' }),
  text('otherSentence', 'Other sentence'),
];

export const SOURCE_FIELDS: readonly FieldSpec[] = [
  select(
    'kind',
    'Kind',
    [
      { code: 'url', label: 'Web address (URL)' },
      { code: 'citation', label: 'Citation' },
    ],
    true,
  ),
  text('value', 'URL or citation', { required: true }),
  text('label', 'Label'),
];

export const NARRATIVE_FIELDS: readonly FieldSpec[] = [
  area('facts', 'Facts'),
  area('reasoning', 'Legal reasoning'),
  area('commentary', 'Commentary and significant features'),
  area('crossCutting', 'Cross-cutting issues'),
];

export const PROVENANCE_FIELDS: readonly FieldSpec[] = [text('source', 'Source of the record')];

export const RESTRICTED_FIELDS: readonly FieldSpec[] = [
  area('internalNotes', 'Internal notes'),
  area('sourceContacts', 'Source contacts'),
];

export const TAG_LISTS: readonly [TagKind, string, readonly Option[]][] = [
  ['acts', 'Acts', ACTS],
  ['means', 'Means', MEANS],
  ['purposes', 'Purposes of exploitation', PURPOSES],
  ['forms', 'Form', FORMS],
  ['sectors', 'Sector', SECTORS],
  ['offences', 'Offence', OFFENCES],
];

/** The repeatable lists of a case and the fields of one row. */
export const ROW_LISTS = {
  identifiers: { fields: IDENTIFIER_FIELDS, noun: 'identifier', title: 'Identifiers' },
  proceedings: { fields: PROCEEDING_FIELDS, noun: 'proceeding', title: 'Chain of proceedings' },
  victims: { fields: PARTY_FIELDS, noun: 'victim', title: 'Victims' },
  defendants: { fields: PARTY_FIELDS, noun: 'defendant', title: 'Defendants and charges' },
  sources: { fields: SOURCE_FIELDS, noun: 'source', title: 'Sources' },
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

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
export function languageLabel(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
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
