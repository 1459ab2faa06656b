/**
 * Sign-in, sign-out, password change, and the administrators' pages for users, API tokens and the
 * audit log. Server-rendered forms; every POST carries a CSRF token; the services decide rights.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { ROLES, ROLE_LABELS, SCOPES } from '../domain/accounts.ts';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import type { Config } from '../../../kernel/config/config.ts';
import type { PlatformServices } from '../services/platform-services.ts';
import { SESSION_COOKIE, setSessionCookie } from '../http/auth.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { editorPage } from './editor-layout.ts';

type Body = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const EDITOR_CSS = readFileSync(new URL('./assets/editor.css', import.meta.url), 'utf8');
const EDITOR_JS = readFileSync(new URL('./assets/editor.js', import.meta.url), 'utf8');

/** A local path to go back to after signing in; anything else (other sites, //host) becomes /editor. */
export function safeNext(next: unknown): string {
  const s = str(next);
  return /^\/(?!\/)[^\s\\]*$/.test(s) ? s : '/editor';
}

/**
 * The page to come back to after signing in. A form post (a session that ended while the form was
 * open) has no page of its own: it goes back to the page the form is on.
 */
export function pageOf(method: string, url: string): string {
  if (method === 'GET' || method === 'HEAD') return url;
  const path = url.split('?')[0]!;
  const restore = /^(\/editor\/cases\/[^/]+)\/versions\/[^/]+\/restore$/.exec(path);
  if (restore) return `${restore[1]}/history`;
  const onCase = /^(\/editor\/cases\/[^/]+)\/(?:transition|comments)$/.exec(path);
  if (onCase) return onCase[1]!;
  const admin = /^\/admin\/(users|tokens)\//.exec(path);
  if (admin) return `/admin/${admin[1]}`;
  if (path === '/account/password') return '/account';
  return /^\/(editor|admin)(\/|$)/.test(path) ? path : '/editor';
}

export interface PageKit {
  /** Sends an editor page with a fresh CSRF token. */
  send(
    req: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: (csrf: string) => SafeHtml,
    status?: number,
  ): FastifyReply;
  /** The signed-in user, or a redirect to the sign-in page (returns null then). */
  user(req: FastifyRequest, reply: FastifyReply): boolean;
  csrf: FastifyInstance['csrfProtection'];
}

/** The editor shell every module's editorial pages use: the page frame, sign-in guard and CSRF check. */
export function editorKit(app: FastifyInstance): PageKit {
  return {
    send(req, reply, title, body, status = 200) {
      const token = reply.generateCsrf();
      const notice =
        typeof (req.query as { notice?: unknown }).notice === 'string'
          ? (req.query as { notice: string }).notice.slice(0, 200)
          : null;
      // Never framed by another site (clickjacking of the editorial forms).
      return reply
        .status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('x-frame-options', 'DENY')
        .header('content-security-policy', "frame-ancestors 'none'")
        .send(editorPage({ title, actor: req.actor, csrfToken: token, notice }, body(token)));
    },
    user(req, reply) {
      if (req.actor.kind === 'user') return true;
      void reply.redirect(`/login?next=${encodeURIComponent(pageOf(req.method, req.url))}`, 303);
      return false;
    },
    csrf: app.csrfProtection,
  };
}

export function accountPages(
  app: FastifyInstance,
  deps: {
    services: PlatformServices;
    config: Pick<Config, 'publicUrl' | 'secureCookies' | 'sessionHours' | 'loginRateLimit'>;
  },
): void {
  const { accounts } = deps.services;
  const kit = editorKit(app);
  const loginLimit = app.rateLimit({
    max: deps.config.loginRateLimit,
    timeWindow: 60_000,
    keyGenerator: (req) => `login:${req.ip}`,
    allowList: () => false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError('RATE_LIMITED', `too many sign-in attempts from this address: wait ${Math.ceil(ctx.ttl / 1000)} s`, {
        retryAfter: Math.ceil(ctx.ttl / 1000),
      }),
  });

  app.get('/assets/editor.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(EDITOR_CSS),
  );
  app.get('/assets/editor.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(EDITOR_JS),
  );

  const loginForm = (next: string, email: string, error: string | null) => (csrf: string) =>
    html`<h1>Sign in</h1>
${error ? html`<p class="form-error" role="alert" id="login-error">${error}</p>` : ''}
<form method="post" action="/login" class="narrow">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
<p><label for="email">Email</label><br><input id="email" name="email" type="email" autocomplete="username" required value="${email}" ${error ? html`aria-describedby="login-error"` : ''}></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
<p class="muted">Accounts are created by an administrator. The public site needs no account.</p>`;

  app.get('/login', { schema: { hide: true } }, async (req, reply) => {
    if (req.actor.kind === 'user') return reply.redirect('/editor', 303);
    return kit.send(req, reply, 'Sign in', loginForm(safeNext((req.query as Body).next), '', null));
  });

  app.post('/login', { schema: { hide: true }, onRequest: loginLimit, preHandler: kit.csrf }, async (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const next = safeNext(b.next);
    try {
      const { secret } = await accounts.login(str(b.email), str(b.password), {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookie(req, reply, secret, deps.config);
      return reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'UNAUTHORIZED' && e.code !== 'RATE_LIMITED')) throw e;
      if (e.code === 'RATE_LIMITED')
        reply.header('retry-after', String((e.details as { retryAfter: number }).retryAfter));
      return kit.send(req, reply, 'Sign in', loginForm(next, str(b.email), e.message), e.status);
    }
  });

  app.post('/logout', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) await accounts.logout(secret, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // The sign-in page shows the notice (the public pages show none).
    return reply.redirect(`/login?notice=${encodeURIComponent('You are signed out.')}`, 303);
  });

  const passwordForm = (label: string, errors: FieldIssue[]) => (csrf: string) =>
    html`<h1>Your account</h1>
<p>Signed in as <strong>${label}</strong>.</p>
<h2>Change password</h2>
${fieldErrors(errors)}
<form method="post" action="/account/password" class="narrow">
<input type="hidden" name="_csrf" value="${csrf}">
<p><label for="current">Current password</label><br><input id="current" name="current" type="password" autocomplete="current-password" required${invalid(errors, 'current')}>${errorFor(errors, 'current')}</p>
<p><label for="password">New password (12 characters or more)</label><br><input id="password" name="password" type="password" autocomplete="new-password" minlength="12" required${invalid(errors, 'password')}>${errorFor(errors, 'password')}</p>
<p><button type="submit">Change password</button></p>
<p class="muted">Changing the password signs out every other session of this account.</p>
</form>`;

  app.get('/account', { schema: { hide: true } }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    return kit.send(req, reply, 'Your account', passwordForm(req.actor.label, []));
  });

  app.post('/account/password', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!kit.user(req, reply)) return reply;
    const b = (req.body ?? {}) as Body;
    try {
      await accounts.changePassword(req.actor, str(b.current), str(b.password), req.session?.sessionHash);
      return reply.redirect('/account?notice=Password changed', 303);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VALIDATION_FAILED') throw e;
      return kit.send(req, reply, 'Your account', passwordForm(req.actor.label, e.details as FieldIssue[]), 400);
    }
  });

  adminPages(app, deps.services, kit);
}

function fieldErrors(errors: FieldIssue[]): SafeHtml {
  if (!errors.length) return html``;
  return html`<div class="error-summary" role="alert"><h2>Please correct:</h2><ul>${errors.map((e) => html`<li><a href="#${e.path}">${e.message}</a></li>`)}</ul></div>`;
}

/** aria-invalid and aria-describedby (pointing at errorFor's message) on a control with an error. */
function invalid(errors: FieldIssue[], path: string): SafeHtml {
  return errors.some((x) => x.path === path) ? html` aria-invalid="true" aria-describedby="${path}-error"` : html``;
}

function errorFor(errors: FieldIssue[], path: string): SafeHtml {
  const e = errors.find((x) => x.path === path);
  return e ? html`<span class="field-error" id="${path}-error">${e.message}</span>` : html``;
}

function adminPages(app: FastifyInstance, services: PlatformServices, kit: PageKit): void {
  const { accounts, audit } = services;
  const guard = (req: FastifyRequest, reply: FastifyReply) => kit.user(req, reply);

  /** `rowError`: why a change to an existing user was refused (shown above the table, not beside the "add" form). */
  const usersPage =
    (errors: FieldIssue[], form: Body, rowError: string | null = null) =>
    async (req: FastifyRequest) => {
      const users = await accounts.listUsers(req.actor);
      return (csrf: string) => html`<h1>Users</h1>
${rowError ? html`<p class="form-error" role="alert">${rowError}</p>` : ''}
<table class="data"><thead><tr><th>Email</th><th>Name</th><th>Role</th><th>State</th><th>Last sign-in</th><th>Change</th></tr></thead><tbody>
${users.map(
  (
    u,
  ) => html`<tr><td>${u.email}</td><td>${u.name ?? ''}</td><td>${u.role}</td><td>${u.disabled ? 'disabled' : u.lockedUntil && u.lockedUntil > new Date().toISOString() ? 'locked' : 'active'}</td><td>${u.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
<td><form method="post" action="/admin/users/${u.id}" class="inline"><input type="hidden" name="_csrf" value="${csrf}">
<label class="skip" for="role-${u.id}">Role of ${u.email}</label><select id="role-${u.id}" name="role">${ROLES.map((r) => html`<option value="${r}" ${r === u.role ? 'selected' : ''}>${r}</option>`)}</select>
<select name="disabled" aria-label="State of ${u.email}"><option value="false" ${u.disabled ? '' : 'selected'}>active</option><option value="true" ${u.disabled ? 'selected' : ''}>disabled</option></select>
<button type="submit">Save</button></form></td></tr>`,
)}
</tbody></table>
<h2>Add a user</h2>
${fieldErrors(errors)}
<form method="post" action="/admin/users" class="narrow"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="email">Email</label><br><input id="email" name="email" type="email" required value="${str(form.email)}"${invalid(errors, 'email')}>${errorFor(errors, 'email')}</p>
<p><label for="name">Name</label><br><input id="name" name="name" value="${str(form.name)}"${invalid(errors, 'name')}>${errorFor(errors, 'name')}</p>
<p><label for="role">Role</label><br><select id="role" name="role"${invalid(errors, 'role')}>${ROLES.map((r) => html`<option value="${r}" ${str(form.role) === r ? 'selected' : ''}>${ROLE_LABELS[r]}</option>`)}</select>${errorFor(errors, 'role')}</p>
<p><label for="password">Initial password (12 characters or more; tell the user to change it)</label><br><input id="password" name="password" type="password" autocomplete="new-password" required${invalid(errors, 'password')}>${errorFor(errors, 'password')}</p>
<p><button type="submit">Add user</button></p></form>`;
    };

  app.get('/admin/users', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const body = await usersPage([], {})(req);
    return kit.send(req, reply, 'Users', body);
  });

  app.post('/admin/users', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const b = (req.body ?? {}) as Body;
    try {
      await accounts.createUser(
        { email: str(b.email), name: str(b.name).trim() || null, role: str(b.role), password: str(b.password) },
        req.actor,
      );
      return reply.redirect(`/admin/users?notice=${encodeURIComponent(`Added ${str(b.email)}`)}`, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
      return kit.send(req, reply, 'Users', await usersPage(e.details as FieldIssue[], b)(req), e.status);
    }
  });

  app.post<{ Params: { id: string } }>(
    '/admin/users/:id',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const b = (req.body ?? {}) as Body;
      try {
        const u = await accounts.updateUser(
          req.params.id,
          { role: str(b.role), disabled: str(b.disabled) === 'true' },
          req.actor,
        );
        return reply.redirect(`/admin/users?notice=${encodeURIComponent(`Saved ${u.email}`)}`, 303);
      } catch (e) {
        if (!(e instanceof AppError) || (e.code !== 'VALIDATION_FAILED' && e.code !== 'CONFLICT')) throw e;
        return kit.send(req, reply, 'Users', await usersPage([], {}, e.message)(req), e.status);
      }
    },
  );

  const tokensPage =
    (errors: FieldIssue[], created: { secret: string; label: string } | null, form: Body = {}) =>
    async (req: FastifyRequest) => {
      const [tokens, users] = await Promise.all([accounts.listTokens(req.actor), accounts.listUsers(req.actor)]);
      const checkedScopes = ([] as unknown[]).concat(form.scopes ?? []).map(String);
      const email = new Map(users.map((u) => [u.id, u.email]));
      return (csrf: string) => html`<h1>API tokens</h1>
${
  created
    ? html`<div class="secret" role="status"><p>The token <strong>${created.label}</strong> was created. Copy it now: it is shown only this once.</p>
<p><code id="new-token">${created.secret}</code></p></div>`
    : ''
}
<table class="data"><thead><tr><th>Label</th><th>Starts with</th><th>Scopes</th><th>For</th><th>Created</th><th>Last used</th><th>State</th><th></th></tr></thead><tbody>
${tokens.map(
  (
    t,
  ) => html`<tr><td>${t.label}</td><td><code>${t.prefix}…</code></td><td>${t.scopes.join(', ')}</td><td>${t.userId ? (email.get(t.userId) ?? t.userId) : 'partner system'}</td>
<td>${t.createdAt.slice(0, 16).replace('T', ' ')} by ${t.createdBy}</td><td>${t.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
<td>${t.revokedAt ? `revoked ${t.revokedAt.slice(0, 10)}` : t.expiresAt && t.expiresAt < new Date().toISOString() ? 'expired' : 'active'}</td>
<td>${t.revokedAt ? '' : html`<form method="post" action="/admin/tokens/${t.id}/revoke" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Revoke ${t.label}</button></form>`}</td></tr>`,
)}
</tbody></table>
<h2>Create a token</h2>
${fieldErrors(errors)}
<form method="post" action="/admin/tokens" class="narrow"><input type="hidden" name="_csrf" value="${csrf}">
<p><label for="label">Label (who or what uses it)</label><br><input id="label" name="label" required value="${str(form.label)}"${invalid(errors, 'label')}>${errorFor(errors, 'label')}</p>
<fieldset id="scopes"${invalid(errors, 'scopes')}><legend>Scopes</legend>${errorFor(errors, 'scopes')}${SCOPES.map((s) => html`<label><input type="checkbox" name="scopes[]" value="${s}"${checkedScopes.includes(s) ? ' checked' : ''}> ${s}</label> `)}
<p class="muted">read: unpublished cases and restricted fields; write: create and edit cases, move them through the workflow; import: bulk imports.</p></fieldset>
<p><label for="userId">For a person (the token never exceeds their role)</label><br><select id="userId" name="userId"${invalid(errors, 'userId')}><option value="">— a partner system —</option>${users.map((u) => html`<option value="${u.id}"${str(form.userId) === u.id ? ' selected' : ''}>${u.email} (${u.role})</option>`)}</select>${errorFor(errors, 'userId')}</p>
<p><button type="submit">Create token</button></p></form>`;
    };

  /**
   * A new token's secret, held in this process for one GET after the POST redirects there
   * (post/redirect/get: reloading never creates a second token), for the admin who made it only.
   */
  const fresh = new Map<string, { secret: string; label: string; userId: string | null; until: number }>();
  const takeFresh = (key: unknown, userId: string | null) => {
    const now = Date.now();
    for (const [k, v] of fresh) if (v.until < now) fresh.delete(k);
    const f = typeof key === 'string' ? fresh.get(key) : undefined;
    if (!f || f.userId !== userId) return null;
    fresh.delete(key as string);
    return f;
  };

  app.get('/admin/tokens', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const created = takeFresh((req.query as Body).created, req.actor.userId);
    return kit.send(req, reply, 'API tokens', await tokensPage([], created)(req));
  });

  app.post('/admin/tokens', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
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
      return kit.send(req, reply, 'API tokens', await tokensPage(e.details as FieldIssue[], null, b)(req), 400);
    }
  });

  app.post<{ Params: { id: string } }>(
    '/admin/tokens/:id/revoke',
    { schema: { hide: true }, preHandler: kit.csrf },
    async (req, reply) => {
      if (!guard(req, reply)) return reply;
      const t = await accounts.revokeToken(req.params.id, req.actor);
      return reply.redirect(`/admin/tokens?notice=${encodeURIComponent(`Revoked ${t.label}`)}`, 303);
    },
  );

  app.get('/admin/audit', { schema: { hide: true } }, async (req, reply) => {
    if (!guard(req, reply)) return reply;
    const q = req.query as Body;
    const before = Number(str(q.before)) || undefined;
    const action = str(q.action) || undefined;
    const page = await audit.list({ limit: 100, beforeId: before, action }, req.actor);
    return kit.send(
      req,
      reply,
      'Audit log',
      () => html`<h1>Audit log</h1>
<p>Every write, sign-in and permission change. Export all of it: <a href="/api/v1/audit?format=csv">CSV</a> · <a href="/api/v1/audit?format=jsonl">JSON Lines</a></p>
<form method="get" action="/admin/audit"><label for="action">Action</label> <input id="action" name="action" value="${action ?? ''}" placeholder="e.g. case.publish, login.failure"> <button type="submit">Filter</button></form>
<table class="data"><thead><tr><th>When (UTC)</th><th>Who</th><th>Action</th><th>Target</th><th>Details</th><th>Address</th></tr></thead><tbody>
${page.items.map((e) => html`<tr><td>${e.at.slice(0, 19).replace('T', ' ')}</td><td>${e.actorLabel}</td><td>${e.action}</td><td>${e.targetType ? `${e.targetType} ${e.targetId}` : ''}</td><td><code>${JSON.stringify(e.details)}</code></td><td>${e.ip ?? ''}</td></tr>`)}
</tbody></table>
${page.nextBefore ? html`<p><a href="/admin/audit?before=${page.nextBefore}${action ? `&action=${encodeURIComponent(action)}` : ''}">Older entries</a></p>` : ''}`,
    );
  });
}
