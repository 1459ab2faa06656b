/**
 * The editor shell every module's editorial pages use: the page frame (editor-layout.ts), the sign-in
 * guard, the CSRF check and the notice shown after a redirect. A notice travels as a code
 * (`?notice=saved&email=…`), never as text: the kit shows the module's catalog message for it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { SafeHtml } from '../../../kernel/web/html.ts';
import { editorPage } from './editor-layout.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

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

/** A redirect target with a notice code and its values: `/account?notice=password-changed`. */
export function withNotice(path: string, code: string, values: Record<string, string | number> = {}): string {
  const q = new URLSearchParams({ notice: code });
  for (const [k, v] of Object.entries(values)) q.set(k, String(v));
  return `${path}?${q.toString()}`;
}

export interface PageKit {
  /** Sends an editor page with a fresh CSRF token; `title` is already in the reader's language. */
  send(
    req: FastifyRequest,
    reply: FastifyReply,
    title: string,
    body: (csrf: string) => SafeHtml,
    status?: number,
  ): FastifyReply;
  /** The signed-in user, or a redirect to the sign-in page (returns false then). */
  user(req: FastifyRequest, reply: FastifyReply): boolean;
  csrf: FastifyInstance['csrfProtection'];
}

/**
 * The text of the notice a URL asks for: `<notices>.<code>` of the catalog, with the other query
 * parameters as its values. An unknown code shows nothing (a URL never puts its own text on a page).
 */
export function noticeText(t: Translator, notices: string, query: unknown): string | null {
  const q = (query ?? {}) as Record<string, unknown>;
  const code = str(q.notice);
  const key = `${notices}.${code}`;
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(code) || !t.has(key)) return null;
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (k !== 'notice' && typeof v === 'string') values[k] = v.slice(0, 200);
  return t.t(key, values);
}

/** The page kit; `notices` is the catalog prefix of this module's notice codes (`cases.editor.notice`). */
export function editorKit(app: FastifyInstance, opts: { notices?: string } = {}): PageKit {
  const notices = opts.notices ?? 'platform.notice';
  return {
    send(req, reply, title, body, status = 200) {
      const token = reply.generateCsrf();
      const notice = noticeText(req.t, notices, req.query);
      // Never framed (clickjacking of the editorial forms): the CSP of every page says frame-ancestors 'none'
      // (kernel/http/security-headers.ts).
      return reply
        .status(status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('x-frame-options', 'DENY')
        .send(editorPage({ title, actor: req.actor, csrfToken: token, notice, t: req.t }, body(token)));
    },
    user(req, reply) {
      if (req.actor.kind === 'user') return true;
      void reply.redirect(`/login?next=${encodeURIComponent(pageOf(req.method, req.url))}`, 303);
      return false;
    },
    csrf: app.csrfProtection,
  };
}
