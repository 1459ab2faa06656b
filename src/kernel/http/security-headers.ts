/**
 * Security headers on every answer (@fastify/helmet): a Content-Security-Policy whose scripts come
 * from this server only (no inline script anywhere: pages load /assets/*.js), never framed
 * (frame-ancestors 'none', X-Frame-Options DENY), Referrer-Policy strict-origin-when-cross-origin,
 * nosniff, and HSTS when the request came over HTTPS (directly or through a trusted proxy).
 * A route may send its own stricter policy (document downloads are sandboxed).
 */
import type { FastifyInstance } from 'fastify';
import helmet from '@fastify/helmet';

export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

export const HSTS = 'max-age=31536000; includeSubDomains';

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    frameguard: { action: 'deny' },
    // Sent below over HTTPS only: over plain HTTP the header means nothing and a test server would keep it.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}
