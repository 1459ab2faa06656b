/** Small pieces the secretariat's and the reviewers' pages share: sending a page, fields, errors, sign-in. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../kernel/errors.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';

export type Form = Record<string, string | undefined>;

export function sendPage(req: FastifyRequest, reply: FastifyReply, title: string, body: SafeHtml, status = 200) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('x-frame-options', 'DENY')
    .send(page(req.t, { title }, html`<h1>${title}</h1>${body}`));
}

/** Sends the public to sign in (and back); true when it did. */
export function toSignIn(req: FastifyRequest, reply: FastifyReply): boolean {
  if (req.actor.kind !== 'anonymous') return false;
  void reply.redirect(`/login?next=${encodeURIComponent(req.url.split('?')[0]!)}`, 303);
  return true;
}

/** A refusal a form can show beside itself (bad input, a move not allowed now); anything else propagates. */
export function formError(e: unknown): AppError {
  if (e instanceof AppError && [400, 409, 413, 415].includes(e.status)) return e;
  throw e;
}

export function errorBox(t: Translator, e: AppError | null | undefined): SafeHtml | '' {
  if (!e) return '';
  return html`<div role="alert" class="error"><p>${t.t('grants.form.error')}</p><p>${e.message}</p></div>`;
}

export const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;
export const field = (id: string, label: string, input: SafeHtml) =>
  html`<p><label for="${id}">${label}</label><br>${input}</p>`;
export const textInput = (id: string, value: string, type = 'text') =>
  html`<input id="${id}" name="${id}" type="${type}" value="${value}">`;
export const textArea = (id: string, value: string, rows = 3) =>
  html`<textarea id="${id}" name="${id}" rows="${rows}">${value}</textarea>`;
export const button = (label: string) => html`<button type="submit">${label}</button>`;

/** A POST form with one button and hidden fields (release a tranche, mark a report received). */
export function actionForm(action: string, csrf: string, label: string, fields: Record<string, string> = {}) {
  return html`<form method="post" action="${action}" class="inline">${csrfField(csrf)}${Object.entries(fields).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  )}${button(label)}</form>`;
}
