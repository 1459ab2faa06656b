/**
 * Who is asking: an API token (`Authorization: Bearer plm_...`), a signed-in session (the
 * `palermo_session` cookie), or the anonymous public. Resolved once per request into `req.actor`;
 * services decide what that actor may do.
 *
 * Session cookies count on the web pages and for API reads; API writes need a token, so a forged
 * cross-site request can never write through the API (web forms carry a CSRF token instead).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import { ANONYMOUS, type Actor } from '../domain/accounts.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { AccountService, SessionInfo } from '../services/account-service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    session: SessionInfo | null;
  }
}

export const SESSION_COOKIE = 'palermo_session';

export interface AuthConfig {
  publicUrl: string | undefined;
  secureCookies: 'auto' | 'always' | 'never';
  sessionHours: number;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export async function registerAuth(app: FastifyInstance, accounts: AccountService): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null as unknown as Actor);
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (req, reply) => {
    req.actor = { ...ANONYMOUS, ip: req.ip };
    // Stylesheets and scripts are the same for everyone: no lookup, and they stay cacheable.
    if (req.url.startsWith('/assets/')) return;
    const header = req.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m)
        throw new AppError('UNAUTHORIZED', 'send the API token as Authorization: Bearer <token>', [
          { path: 'authorization', message: 'not a bearer token' },
        ]);
      const actor = await accounts.tokenActor(m[1]!, req.ip);
      if (!actor)
        throw new AppError('UNAUTHORIZED', 'the API token is unknown, revoked or expired', [
          { path: 'authorization', message: 'invalid token' },
        ]);
      req.actor = actor;
      return;
    }
    // API writes need a token: an anonymous write is refused before its body is parsed or checked,
    // so a stranger never learns the shape of a write it may not make (a route that is not there stays 404).
    const apiWrite = req.url.startsWith('/api/') && !SAFE.has(req.method);
    if (apiWrite && req.routeOptions.url !== undefined) throw unauthorized();
    const secret = req.cookies[SESSION_COOKIE];
    if (!secret) return;
    if (apiWrite) return; // API writes: tokens only
    const info = await accounts.session(secret, req.ip);
    if (info) {
      req.actor = info.actor;
      req.session = info;
    } else {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
    }
  });
  // What a signed-in reader sees must never sit in a shared cache.
  app.addHook('onSend', async (req, reply) => {
    if (req.actor && req.actor.kind !== 'anonymous') {
      reply.header('cache-control', 'private, no-store');
      reply.header('vary', 'authorization, cookie');
    }
  });
}

/** The actor, who must not be anonymous: 401 with how to authenticate otherwise. */
export function signedIn(req: FastifyRequest): Actor {
  if (req.actor.kind === 'anonymous') throw unauthorized();
  return req.actor;
}

const unauthorized = () =>
  new AppError(
    'UNAUTHORIZED',
    'this action needs an API token (Authorization: Bearer <token>) or, on the web pages, a sign-in',
  );

export function secureCookie(req: FastifyRequest, cfg: AuthConfig): boolean {
  if (cfg.secureCookies !== 'auto') return cfg.secureCookies === 'always';
  return req.protocol === 'https' || (cfg.publicUrl?.startsWith('https:') ?? false);
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, secret: string, cfg: AuthConfig): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(req, cfg),
    maxAge: Math.round(cfg.sessionHours * 3600),
  });
}
