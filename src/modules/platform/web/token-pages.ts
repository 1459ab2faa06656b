/**
 * The administrators' API token page: the list, revocation, the form to create one, and the new
 * token's secret, shown once (post/redirect/get: reloading never creates a second token).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { SCOPES, type ApiToken, type User } from '../domain/accounts.ts';
import type { AccountService } from '../services/account-service.ts';
import { withNotice, type PageKit } from './editor-kit.ts';
import { errorFor, fieldErrors, invalid, str, when, type Body } from './form-parts.ts';

type Created = { secret: string; label: string };

function tokenState(t: Translator, k: ApiToken): string {
  if (k.revokedAt) return t.t('platform.tokens.state.revoked', { date: k.revokedAt.slice(0, 10) });
  const expired = k.expiresAt && k.expiresAt < new Date().toISOString();
  return t.t(expired ? 'platform.tokens.state.expired' : 'platform.tokens.state.active');
}

function tokenRow(t: Translator, k: ApiToken, email: Map<string, string>, csrf: string): SafeHtml {
  const owner = k.userId ? (email.get(k.userId) ?? k.userId) : t.t('platform.tokens.partner');
  const revoke = k.revokedAt
    ? ''
    : html`<form method="post" action="/admin/tokens/${k.id}/revoke" class="inline">\
<input type="hidden" name="_csrf" value="${csrf}">\
<button type="submit">${t.t('platform.tokens.revoke', { label: k.label })}</button></form>`;
  return html`<tr><td>${k.label}</td><td><code>${k.prefix}…</code></td>\
<td>${k.scopes.map((s) => t.t(`platform.scope.${s}`)).join(', ')}</td><td>${owner}</td>
<td>${t.t('platform.tokens.createdBy', { when: when(k.createdAt), who: k.createdBy })}</td>\
<td>${k.lastUsedAt ? when(k.lastUsedAt) : t.t('platform.never')}</td>
<td>${tokenState(t, k)}</td>
<td>${revoke}</td></tr>`;
}

function createdNote(t: Translator, created: Created | null): SafeHtml | '' {
  if (!created) return '';
  return html`<div class="secret" role="status">\
<p>${t.t('platform.tokens.created', { label: created.label })}</p>
<p><code id="new-token">${created.secret}</code></p></div>`;
}

function createTokenForm(t: Translator, errors: FieldIssue[], form: Body, users: User[], csrf: string): SafeHtml {
  const checked = ([] as unknown[]).concat(form.scopes ?? []).map(String);
  const scopes = SCOPES.map(
    (s) =>
      html`<label><input type="checkbox" name="scopes[]"\
 value="${s}"${checked.includes(s) ? ' checked' : ''}> ${t.t(`platform.scope.${s}`)}</label> `,
  );
  const people = users.map((u) => {
    const person = t.t('platform.tokens.person', { email: u.email, role: t.t(`platform.role.${u.role}`) });
    return html`<option value="${u.id}"${str(form.userId) === u.id ? ' selected' : ''}>${person}</option>`;
  });
  return html`<h2>${t.t('platform.tokens.create')}</h2>
${fieldErrors(t, errors)}
<form method="post" action="/admin/tokens" class="narrow"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="label">${t.t('platform.tokens.label')}</label><br>\
<input id="label" name="label" required\
 value="${str(form.label)}"${invalid(errors, 'label')}>${errorFor(t, errors, 'label')}</p>
<fieldset id="scopes"${invalid(errors, 'scopes')}><legend>${t.t('platform.tokens.scopes')}</legend>\
${errorFor(t, errors, 'scopes')}${scopes}
<p class="muted">${t.t('platform.tokens.scopesNote')}</p></fieldset>
<p><label for="userId">${t.t('platform.tokens.for')}</label><br>\
<select id="userId" name="userId"${invalid(errors, 'userId')}><option\
 value="">${t.t('platform.tokens.forPartner')}</option>${people}</select>${errorFor(t, errors, 'userId')}</p>
<p><button type="submit">${t.t('platform.tokens.createSubmit')}</button></p></form>`;
}

export function tokenPages(app: FastifyInstance, deps: { accounts: AccountService; kit: PageKit }): void {
  const { accounts, kit } = deps;

  const tokensPage = async (req: FastifyRequest, errors: FieldIssue[], created: Created | null, form: Body = {}) => {
    const [tokens, users] = await Promise.all([accounts.listTokens(req.actor), accounts.listUsers(req.actor)]);
    const email = new Map(users.map((u) => [u.id, u.email]));
    const t = req.t;
    const head = ['label', 'prefix', 'scopes', 'for', 'created', 'lastUsed', 'state'].map(
      (c) => html`<th>${t.t(`platform.tokens.column.${c}`)}</th>`,
    );
    return (csrf: string) => html`<h1>${t.t('platform.tokens.title')}</h1>
${createdNote(t, created)}
<table class="data"><thead><tr>${head}<th></th></tr></thead><tbody>
${tokens.map((k) => tokenRow(t, k, email, csrf))}
</tbody></table>
${createTokenForm(t, errors, form, users, csrf)}`;
  };

  /**
   * A new token's secret, held in this process for one GET after the POST redirects there, for the
   * admin who made it only.
   */
  const fresh = new Map<string, Created & { userId: string | null; until: number }>();
  const takeFresh = (key: unknown, userId: string | null) => {
    const now = Date.now();
    for (const [k, v] of fresh) if (v.until < now) fresh.delete(k);
    const f = typeof key === 'string' ? fresh.get(key) : undefined;
    if (!f || f.userId !== userId) return null;
    fresh.delete(key as string);
    return f;
  };

  app.get('/admin/tokens', { schema: { hide: true } }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    const created = takeFresh((req.query as Body).created, req.actor.userId);
    return kit.send(req, reply, req.t.t('platform.tokens.title'), await tokensPage(req, [], created));
  });

  app.post('/admin/tokens', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    const b = (req.body ?? {}) as Body;
    const scopes = ([] as unknown[]).concat(b.scopes ?? []).map(String);
    try {
      const { token, secret } = await accounts.createToken(
        { label: str(b.label), scopes, userId: str(b.userId) || null },
        req.actor,
      );
      const key = randomBytes(16).toString('base64url');
      fresh.set(key, { secret, label: token.label, userId: req.actor.userId, until: Date.now() + 5 * 60_000 });
      return reply.redirect(`/admin/tokens?created=${key}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      const body = await tokensPage(req, e.details as FieldIssue[], null, b);
      return kit.send(req, reply, req.t.t('platform.tokens.title'), body, 400);
    }
  });

  app.post<{ Params: { id: string } }>(
    '/admin/tokens/:id/revoke',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!kit.user(req, reply)) return reply;
      const k = await accounts.revokeToken(req.params.id, req.actor);
      return reply.redirect(withNotice('/admin/tokens', 'token-revoked', { label: k.label }), 303);
    },
  );
}
