/**
 * Request protections: per-client rate limits on the API (429 with Retry-After), form bodies
 * (nested names through qs) and CSRF tokens for every web form (@fastify/csrf-protection).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import formbody from '@fastify/formbody';
import csrf from '@fastify/csrf-protection';
import multipart from '@fastify/multipart';
import qs from 'qs';
import { AppError } from '../errors.ts';

/** The options to parse the urlencoded body with (qs.parse(raw, FORM_QS_OPTIONS)): a large case has
 * more than qs's default 1000 parameters. */
export const FORM_QS_OPTIONS = { depth: 10, arrayLimit: 1000, parameterLimit: 200_000 } as const;
import type { Config } from '../config/config.ts';

type ProtectionConfig = Pick<
  Config,
  'rateLimit' | 'rateLimitToken' | 'rateLimitWindowSeconds' | 'secureCookies' | 'documentMaxBytes'
>;

const isApi = (req: FastifyRequest) => req.url.startsWith('/api/v1/') && !req.url.startsWith('/api/v1/docs');

export async function registerProtections(app: FastifyInstance, cfg: ProtectionConfig): Promise<void> {
  const byToken = (req: FastifyRequest) => req.actor?.kind === 'token';
  await app.register(rateLimit, {
    global: true,
    // After onRequest, where the actor (and so the token) is known.
    hook: 'preHandler',
    timeWindow: cfg.rateLimitWindowSeconds * 1000,
    // The public API only; a limit of 0 switches that kind of client off.
    allowList: (req) => !isApi(req) || (byToken(req) ? cfg.rateLimitToken === 0 : cfg.rateLimit === 0),
    keyGenerator: (req) => (byToken(req) ? `token:${req.actor.id}` : `ip:${req.ip}`),
    max: (req) => (byToken(req) ? cfg.rateLimitToken : cfg.rateLimit),
    errorResponseBuilder: (_req, ctx) => {
      const retryAfter = Math.max(1, Math.ceil(ctx.ttl / 1000));
      return new AppError(
        'RATE_LIMITED',
        // ctx.after is the time left, not the window: the window comes from the configuration.
        `rate limit reached: ${ctx.max} requests per ${cfg.rateLimitWindowSeconds} s for this client; ` +
          `retry after ${retryAfter} s`,
        { retryAfter, limit: ctx.max, windowSeconds: cfg.rateLimitWindowSeconds },
      );
    },
  });
  // The case form names nested fields (victims[0][gender]); a large case sends many thousands of them.
  await app.register(formbody, { parser: (body) => qs.parse(body, FORM_QS_OPTIONS) });
  // The editor's document upload (multipart/form-data): fields, the CSRF token among them, and the
  // file land in the body, so the CSRF check runs before anything is stored.
  // A file over the limit arrives truncated (and flagged), so the page can say so beside the field.
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: cfg.documentMaxBytes, files: 1, fields: 10 },
  });
  await app.register(csrf, {
    cookieKey: 'palermo_csrf',
    cookieOpts: {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: cfg.secureCookies === 'always' ? true : cfg.secureCookies === 'never' ? false : 'auto',
    },
    // Form posts carry `_csrf` as a field; multipart posts as a part ({ value }).
    getToken: (req) => {
      const t = ((req.body ?? {}) as { _csrf?: string | { value?: unknown } })._csrf;
      return typeof t === 'string' ? t : typeof t?.value === 'string' ? t.value : undefined;
    },
  });
}
