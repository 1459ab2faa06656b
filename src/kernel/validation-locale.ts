/**
 * Validation details in the request's language: zod's own locales word each issue again from the code and
 * parameters kept beside it (validation.ts `causeOf`), per call, without zod's global configuration.
 * `path`, `allowed` and `line` never change; an issue a service wrote itself (no zod cause) stays as written.
 */
import { z } from 'zod';
import { causeOf } from './validation.ts';
import type { FieldIssue } from './errors.ts';

type LocaleError = (issue: never) => string | { message: string } | undefined | null;

const ZOD_LOCALES: Record<string, () => { localeError: unknown }> = {
  fr: z.locales.fr,
  es: z.locales.es,
  ar: z.locales.ar,
  ru: z.locales.ru,
  zh: z.locales.zhCN,
};
const cache = new Map<string, LocaleError>();

function localeError(locale: string): LocaleError | undefined {
  const make = ZOD_LOCALES[locale];
  if (!make) return undefined;
  let fn = cache.get(locale);
  if (!fn) cache.set(locale, (fn = make().localeError as LocaleError));
  return fn;
}

/** One issue's message in `locale` (the English message when the language or the issue has no wording). */
export function localizedIssueMessage(issue: FieldIssue, locale: string): string {
  const cause = causeOf(issue);
  const fn = localeError(locale);
  if (!cause || !fn) return issue.message;
  const out = fn({ ...cause.params, code: cause.code, path: [] } as never);
  const text = typeof out === 'string' ? out : out?.message;
  return text || issue.message;
}

/** The details of an error for a response in `locale`: field lists reworded, anything else as it is. */
export function localizedDetails(details: unknown, locale: string | undefined): unknown {
  if (!locale || !Array.isArray(details) || !localeError(locale)) return details;
  return details.map((d: unknown) =>
    d && typeof d === 'object' && typeof (d as FieldIssue).message === 'string'
      ? { ...(d as FieldIssue), message: localizedIssueMessage(d as FieldIssue, locale) }
      : d,
  );
}
