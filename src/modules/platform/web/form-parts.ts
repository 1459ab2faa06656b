/**
 * The error parts of the account and administration forms: the summary, aria-invalid, the message
 * beside a field. Messages come from the platform catalog: a validation issue maps to a key by its zod
 * code (see kernel/validation.ts causeOf) or, for the services' own field messages, by field and message.
 */
import type { FieldIssue } from '../../../kernel/errors.ts';
import type { MessageValues, Translator } from '../../../kernel/i18n/i18n.ts';
import { causeOf } from '../../../kernel/validation.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';

/** The services' own field messages (account-service.ts), by field and message. */
const SERVICE_MESSAGES: [path: string, message: RegExp, key: string][] = [
  ['email', /^already taken$/, 'platform.error.emailTaken'],
  ['role', /^would leave no administrator$/, 'platform.error.lastAdmin'],
  ['disabled', /^would leave no administrator$/, 'platform.error.lastAdmin'],
  ['current', /^wrong password$/, 'platform.error.wrongPassword'],
  ['password', /^same as the current password$/, 'platform.error.samePassword'],
  ['password', /^email or password is wrong$/, 'platform.error.wrongSignIn'],
  ['userId', /^no such user$/, 'platform.error.noSuchUser'],
];

function byCause(issue: FieldIssue): [string, MessageValues] | null {
  const cause = causeOf(issue);
  if (!cause) return null;
  const p = cause.params;
  switch (cause.code) {
    case 'invalid_type':
      return ['platform.error.required', {}];
    case 'invalid_format':
      return issue.path === 'email' ? ['platform.error.email', {}] : ['platform.error.invalid', {}];
    case 'invalid_value':
      return ['platform.error.choose', {}];
    case 'too_small':
      if (p.origin === 'array') return ['platform.error.scopesRequired', {}];
      return Number(p.minimum) <= 1
        ? ['platform.error.required', {}]
        : ['platform.error.tooShort', { min: Number(p.minimum) }];
    case 'too_big':
      return ['platform.error.tooLong', { max: Number(p.maximum) }];
    default:
      return ['platform.error.invalid', {}];
  }
}

/** The text of one field issue in the reader's language. */
export function issueText(t: Translator, issue: FieldIssue): string {
  const caused = byCause(issue);
  if (caused) return t.t(caused[0], caused[1]);
  const min = /^at least (\d+) characters$/.exec(issue.message);
  if (min) return t.t('platform.error.tooShort', { min: Number(min[1]) });
  const known = SERVICE_MESSAGES.find(([path, re]) => path === issue.path && re.test(issue.message));
  return t.t(known ? known[2] : 'platform.error.invalid');
}

export function fieldErrors(t: Translator, errors: FieldIssue[]): SafeHtml {
  if (!errors.length) return html``;
  return html`<div class="error-summary" role="alert"><h2>${t.t('platform.form.correct')}</h2>\
<ul>${errors.map((e) => html`<li><a href="#${e.path}">${issueText(t, e)}</a></li>`)}</ul></div>`;
}

/** aria-invalid and aria-describedby (pointing at errorFor's message) on a control with an error. */
export function invalid(errors: FieldIssue[], path: string): SafeHtml {
  return errors.some((x) => x.path === path) ? html` aria-invalid="true" aria-describedby="${path}-error"` : html``;
}

export function errorFor(t: Translator, errors: FieldIssue[], path: string): SafeHtml {
  const e = errors.find((x) => x.path === path);
  return e ? html`<span class="field-error" id="${path}-error">${issueText(t, e)}</span>` : html``;
}

/** A date and time as the tables show it: `2026-01-31 09:15` (UTC). */
export const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export type Body = Record<string, unknown>;
export const str = (v: unknown) => (typeof v === 'string' ? v : '');
