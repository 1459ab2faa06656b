/**
 * createApp(): the whole HTTP application as a value. It never listens; `serve` does that, and tests
 * call it in-process with app.inject().
 */
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import compress from '@fastify/compress';
import { randomUUID } from 'node:crypto';
import sjson from 'secure-json-parse';
import { AppError } from '../kernel/errors.ts';
import type { Config } from '../kernel/config/config.ts';
import { registerErrorHandling } from '../kernel/http/error-handler.ts';
import { baseComponents } from '../kernel/http/openapi.ts';
import { finishDocument } from '../kernel/http/openapi-contract.ts';
import { registerProtections } from '../kernel/http/protections.ts';
import { registerSecurityHeaders } from '../kernel/http/security-headers.ts';
import { registerAuth } from '../modules/platform/index.ts';
import type { Services } from './boot.ts';
import { createI18n, MODULES } from './modules.ts';
import { registerI18n, rewriteLocaleUrl } from '../kernel/i18n/http.ts';

export interface AppDeps {
  config: Readonly<Config>;
  services: Services;
  /** A pino logger or `false`; tests pass false. */
  logger?: boolean | object;
}

/**
 * Query strings decoded with URLSearchParams: repeated keys become arrays, and a percent-escape that
 * is not valid UTF-8 becomes U+FFFD, which rejectInvalidUtf8 then refuses (rather than passing
 * "%FF" on as text).
 */
function parseQueryString(str: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(str)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return out;
}

function rejectInvalidUtf8(query: unknown): void {
  for (const [k, v] of Object.entries((query ?? {}) as Record<string, unknown>)) {
    if ([v].flat().some((x) => typeof x === 'string' && x.includes('\uFFFD')) || k.includes('\uFFFD')) {
      throw new AppError('VALIDATION_FAILED', `query parameter '${k}' is not valid UTF-8`, [
        { path: k, message: 'not valid UTF-8 (percent-encode UTF-8 bytes)' },
      ]);
    }
  }
}

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: deps.config.logLevel },
    bodyLimit: deps.config.bodyLimit,
    trustProxy: deps.config.trustProxy,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    rewriteUrl: rewriteLocaleUrl, // `/fr/search` is routed as `/search` in French (kernel/i18n/http.ts)
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500, querystringParser: parseQueryString },
  });
  // Schemas document the API; zod validates inside the handlers so every error has one format.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    reply.header('x-content-type-options', 'nosniff');
  });
  registerErrorHandling(app);
  app.addHook('preHandler', async (req) => rejectInvalidUtf8(req.query));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    try {
      // secure-json-parse: JSON.parse that also refuses __proto__ / constructor.prototype keys.
      done(null, sjson.parse(body as string, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (e) {
      done(
        new AppError('INVALID_JSON', `request body is not valid JSON: ${(e as Error).message}`, { field: 'body' }),
        undefined,
      );
    }
  });

  await registerSecurityHeaders(app);
  // gzip/brotli for pages and JSON: the pages must stay small on slow connections.
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip'] });
  await app.register(swagger, {
    // The shared parts of every operation (ids, security, errors, headers, servers): kernel/http/openapi-contract.ts.
    transformObject: (doc) =>
      finishDocument((doc as unknown as { openapiObject: Record<string, unknown> }).openapiObject, {
        publicUrl: deps.config.publicUrl,
      }),
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Palermo API',
        version: '1.0.0',
        description:
          'Case law and knowledge of the UN Trafficking in Persons Protocol. Versioned under /api/v1; cursor ' +
          'pagination; errors as { error: { code, message, details }, requestId }.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      components: {
        securitySchemes: baseComponents.securitySchemes,
        schemas: Object.assign({}, baseComponents.schemas, ...MODULES.map((m) => m.openapi?.schemas ?? {})),
      } as never,
      tags: [...MODULES.flatMap((m) => m.openapi?.tags ?? []), { name: 'meta', description: 'Health' }],
    },
  });
  registerI18n(app, createI18n(), { pseudoLocale: deps.config.pseudoLocale });
  await registerAuth(app, deps.services.accounts);
  await registerProtections(app, deps.config);
  await app.register(swaggerUi, { routePrefix: '/api/v1/docs', uiConfig: { url: '/api/v1/openapi.json' } as never });

  const base = { services: deps.services, config: deps.config };
  const countrySections = MODULES.flatMap((m) => m.countrySections?.(base) ?? []).sort((a, b) => a.order - b.order);
  const moduleDeps = { ...base, countrySections };
  for (const m of MODULES) await m.routes?.(app, moduleDeps);
  for (const m of MODULES) await m.pages?.(app, moduleDeps);

  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
