/** Sign-in and sign-out, and the editor's own stylesheet and script. */
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { AppError } from '../../../kernel/errors.ts';
import type { Config } from '../../../kernel/config/config.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import type { AccountService } from '../services/account-service.ts';
import { SESSION_COOKIE, setSessionCookie } from '../http/auth.ts';
import { safeNext, withNotice, type PageKit } from './editor-kit.ts';
import { str, type Body } from './form-parts.ts';

const EDITOR_CSS = readFileSync(new URL('./assets/editor.css', import.meta.url), 'utf8');
const EDITOR_JS = readFileSync(new URL('./assets/editor.js', import.meta.url), 'utf8');

export type SignInConfig = Pick<Config, 'publicUrl' | 'secureCookies' | 'sessionHours' | 'loginRateLimit'>;

function loginForm(t: Translator, next: string, email: string, error: string | null) {
  return (csrf: string) =>
    html`<h1>${t.t('platform.signIn.title')}</h1>
${error ? html`<p class="form-error" role="alert" id="login-error">${error}</p>` : ''}
<form method="post" action="/login" class="narrow">
<input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="next" value="${next}">
<p><label for="email">${t.t('platform.field.email')}</label><br>\
<input id="email" name="email" type="email" autocomplete="username" required\
 value="${email}" ${error ? html`aria-describedby="login-error"` : ''}></p>
<p><label for="password">${t.t('platform.field.password')}</label><br>\
<input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">${t.t('platform.signIn.submit')}</button></p>
</form>
<p class="muted">${t.t('platform.signIn.note')}</p>`;
}

/** Why a sign-in was refused: a wrong email or password, or too many attempts (from the address or on the account). */
function signInError(t: Translator, e: AppError): string {
  if (e.code === 'UNAUTHORIZED') return t.t('platform.signIn.wrong');
  const d = (e.details ?? {}) as { retryAfter?: number; lockedUntil?: string };
  const seconds = d.retryAfter ?? 60;
  return d.lockedUntil
    ? t.t('platform.signIn.locked', { minutes: Math.ceil(seconds / 60) })
    : t.t('platform.signIn.tooMany', { seconds });
}

export function signInPages(
  app: FastifyInstance,
  deps: { accounts: AccountService; config: SignInConfig; kit: PageKit },
): void {
  const { accounts, config, kit } = deps;
  const loginLimit = app.rateLimit({
    max: config.loginRateLimit,
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

  app.get('/login', { schema: { hide: true } }, async (req, reply) => {
    if (req.actor.kind === 'user') return reply.redirect('/editor', 303);
    const form = loginForm(req.t, safeNext((req.query as Body).next), '', null);
    return kit.send(req, reply, req.t.t('platform.signIn.title'), form);
  });

  app.post('/login', { schema: { hide: true }, onRequest: loginLimit, preHandler: kit.csrf }, async (req, reply) => {
    const b = (req.body ?? {}) as Body;
    const next = safeNext(b.next);
    try {
      const { secret } = await accounts.login(str(b.email), str(b.password), {
        ip: req.ip,
        userAgent: req.headers['user-agent'],
      });
      setSessionCookie(req, reply, secret, config);
      return reply.redirect(next, 303);
    } catch (e) {
      if (!(e instanceof AppError) || (e.code !== 'UNAUTHORIZED' && e.code !== 'RATE_LIMITED')) throw e;
      if (e.code === 'RATE_LIMITED')
        reply.header('retry-after', String((e.details as { retryAfter: number }).retryAfter));
      const form = loginForm(req.t, next, str(b.email), signInError(req.t, e));
      return kit.send(req, reply, req.t.t('platform.signIn.title'), form, e.status);
    }
  });

  app.post('/logout', { schema: { hide: true }, preHandler: kit.csrf }, async (req, reply) => {
    const secret = req.cookies[SESSION_COOKIE];
    if (secret) await accounts.logout(secret, req.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    // The sign-in page shows the notice (the public pages show none).
    return reply.redirect(withNotice('/login', 'signed-out'), 303);
  });
}
