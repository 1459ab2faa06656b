/**
 * Validation details in the request's language. A field issue made from a zod issue
 * (kernel/validation.ts keeps its code and parameters beside it) is worded again by zod's own locale
 * for Arabic, Chinese, French, Russian or Spanish, but only when its English message is zod's default
 * wording for that issue: a schema's own message (a refinement's sentence) stays as written. `path`,
 * `allowed` and everything else of the issue stay the same.
 */
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { causeOf } from '../validation.ts';

type LocaleError = (issue: Record<string, unknown>) => string | { message: string } | undefined | null;

const LOCALES: Record<string, () => { localeError: unknown }> = {
  ar: z.locales.ar,
  es: z.locales.es,
  fr: z.locales.fr,
  ru: z.locales.ru,
  zh: z.locales.zhCN,
};
const made = new Map<string, LocaleError>();
function localeError(locale: string): LocaleError | undefined {
  const base = locale.split('-')[0]!;
  const make = LOCALES[base] ?? (base === 'en' ? z.locales.en : undefined);
  if (!make) return undefined;
  let e = made.get(base);
  if (!e) made.set(base, (e = make().localeError as LocaleError));
  return e;
}

/** A value of the type an English "received X" names (zod words the type of the input it saw). */
const SAMPLE: Record<string, unknown> = {
  number: 0,
  string: '',
  boolean: false,
  undefined: undefined,
  null: null,
  array: [],
  object: {},
  nan: Number.NaN,
  bigint: 0n,
  date: new Date(0),
};

function word(e: LocaleError, raw: Record<string, unknown>): string | undefined {
  const r = e(raw);
  return typeof r === 'string' ? r : (r?.message ?? undefined);
}

export function localizeIssue(issue: FieldIssue, locale: string): FieldIssue {
  const cause = causeOf(issue);
  const target = localeError(locale);
  if (!cause || !target || locale.startsWith('en')) return issue;
  const raw: Record<string, unknown> = { code: cause.code, ...cause.params };
  if (cause.code === 'invalid_type') {
    const received = /received (\w+)$/.exec(issue.message)?.[1];
    if (!received || !(received in SAMPLE)) return issue;
    raw.input = SAMPLE[received];
  }
  // Kept as written unless it is zod's default English (unknown keys: kernel/validation.ts's own wording).
  if (cause.code !== 'unrecognized_keys' && word(localeError('en')!, raw) !== issue.message) return issue;
  const message = word(target, raw);
  return message ? { ...issue, message } : issue;
}

/** An error's details with every zod-made issue in the locale's words; anything else unchanged. */
export function localizeDetails(details: unknown, locale: string | undefined): unknown {
  if (!locale || locale.startsWith('en') || !Array.isArray(details)) return details;
  return details.map((d) => (d && typeof d === 'object' && 'path' in d ? localizeIssue(d as FieldIssue, locale) : d));
}
