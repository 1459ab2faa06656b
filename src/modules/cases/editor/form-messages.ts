/**
 * The text of a case-form error in the reader's language. A validation issue maps to a catalog key by
 * its zod code and parameters (kernel/validation.ts causeOf) and by the field; the schema's and the
 * services' own messages (English, for the API) are matched by their form only to take the data out
 * of them (a code, a date). Anything not recognised shows as "Not valid.", never as English.
 */
import type { MessageValues, Translator } from '../../../kernel/i18n/i18n.ts';
import { causeOf } from '../../../kernel/validation.ts';
import type { FieldSpec } from './form-spec.ts';
import type { FormError } from './form-errors.ts';

const E = 'cases.editor.error';
type Keyed = [key: string, values?: MessageValues];

const REQUIRED = /expected \w+, received (?:null|undefined)|'(?:null|undefined)'/;

/** Why a partial date is not one (kernel/dates/partial-date.ts), as a key. */
function dateReason(reason: string): Keyed {
  let m: RegExpExecArray | null;
  if ((m = /^year (\d+) is out of range/.exec(reason))) return [`${E}.dateYear`, { year: m[1] }];
  if ((m = /^month (\S+) does not exist$/.exec(reason))) return [`${E}.dateMonth`, { month: m[1] }];
  if ((m = /^(\S+) does not exist \((\S+) has (\d+) days\)$/.exec(reason)))
    return [`${E}.dateDay`, { date: m[1], month: m[2], days: Number(m[3]) }];
  return [`${E}.dateFormat`];
}

/** The schema's and the services' own messages, by their form. */
const PATTERNS: [RegExp, (m: RegExpExecArray) => Keyed][] = [
  [/^unknown country code '([^']*)'$/, (m) => [`${E}.countryShort`, { code: m[1] }]],
  [/^unknown country code '([^']*)'/, (m) => [`${E}.country`, { code: m[1] }]],
  [
    /^unknown ([a-z ]+) '([^']*)'; allowed: (.*)$/,
    (m) => [`${E}.unknownCode`, { whatKey: noun(m[1]!), value: m[2], allowed: m[3] }],
  ],
  [/^unknown ([a-z ]+) '([^']*)'$/, (m) => [`${E}.unknownCodeShort`, { whatKey: noun(m[1]!), value: m[2] }]],
  [/^'([^']*)' is not a canonical BCP 47 language tag/, (m) => [`${E}.language`, { value: m[1] }]],
  [/^count is only for kind 'group' \(kind is '([^']*)'\)$/, (m) => [`${E}.countGroup`, { kind: m[1] }]],
  [/^a url source must be an http\(s\) URL$/, () => [`${E}.sourceUrl`]],
  [/^source kind must be/, () => [`${E}.choose`]],
  [/^unknown field\(s\): (.*)$/, (m) => [`${E}.unknownFields`, { fields: m[1], count: m[1]!.split(', ').length }]],
  [/^too long$/, () => [`${E}.tooLong`]],
  [/^at most (\d+) languages$/, (m) => [`${E}.languages`, { max: Number(m[1]) }]],
  [/^letters, digits, _ and - only/, () => [`${E}.idChars`]],
  [/^choose a language to add$/, () => [`${E}.chooseLanguage`]],
  [/^(\S+) is already there$/, (m) => [`${E}.languageThere`, { language: m[1] }]],
  [/^there is no row (\d+)$/, (m) => [`${E}.noRow`, { n: Number(m[1]) }]],
  [/^there is no defendant (\d+)$/, (m) => [`${E}.noDefendant`, { n: Number(m[1]) }]],
  [/^there is no language (\S+)$/, (m) => [`${E}.noLanguage`, { language: m[1] }]],
  [/^expected add:<list> or remove:<row>$/, () => [`${E}.badOp`]],
  [/^invalid date '([^']*)': (.*)$/, (m) => dateKey(m[1]!, m[2]!)],
];

function dateKey(value: string, reason: string): Keyed {
  const [key, values] = dateReason(reason);
  return [`${E}.date`, { value, ...values, reasonKey: key }];
}

/** The catalog key of a vocabulary's name as the schema's messages give it (`court level`). */
function noun(what: string): string {
  return `cases.editor.noun.${what.replace(/ /g, '-')}`;
}

function byCause(e: FormError, spec: FieldSpec | undefined, value: string | undefined): Keyed | null {
  const cause = causeOf(e);
  if (!cause) return null;
  const p = cause.params;
  const unit = p.origin === 'array' || p.origin === 'set' ? 'items' : p.origin === 'number' ? 'number' : 'characters';
  switch (cause.code) {
    case 'invalid_type':
      if (p.expected === 'number' && value) return [`${E}.number`, { value }];
      return [`${E}.required`];
    case 'too_small':
      if (unit === 'characters' && Number(p.minimum) <= 1) return [`${E}.required`];
      return [`${E}.tooSmall`, { unit, min: Number(p.minimum) }];
    case 'too_big':
      return [`${E}.tooBig`, { unit, max: Number(p.maximum) }];
    case 'invalid_format':
      return [`${E}.format`];
    case 'not_multiple_of':
      return [`${E}.whole`];
    default:
      return spec?.control.kind === 'select' && cause.code === 'invalid_value' ? [`${E}.choose`] : null;
  }
}

/** The catalog key (and values) of an error shown beside a field with `spec`, whose value is `value`. */
export function errorKey(e: FormError, spec: FieldSpec | undefined, value: string | undefined): Keyed {
  if (e.key) return [e.key, e.values];
  if (REQUIRED.test(e.message) || (spec?.required && value === '')) return [`${E}.required`];
  if (/expected number, received string/.test(e.message))
    return value ? [`${E}.number`, { value }] : [`${E}.numberBlank`];
  for (const [re, keyed] of PATTERNS) {
    const m = re.exec(e.message);
    if (m) return keyed(m);
  }
  return byCause(e, spec, value) ?? [`${E}.invalid`];
}

/** The text of an error shown beside a field with `spec`, whose value is `value`. */
export function errorMessage(t: Translator, e: FormError, spec?: FieldSpec, value?: string): string {
  const [key, values = {}] = errorKey(e, spec, value);
  // A value named `<name>Key` is itself a catalog key: its message is the value of <name>.
  const words = Object.entries(values)
    .filter(([k, v]) => k.endsWith('Key') && typeof v === 'string')
    .map(([k, v]) => [k.slice(0, -3), t.has(v as string) ? t.t(v as string, values) : ''] as const);
  return t.t(key, { ...values, ...Object.fromEntries(words) });
}
