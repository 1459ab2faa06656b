/** Maps every error to `{ error: { code, message, details }, requestId }`; never a stack trace. */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import type { Translator } from '../i18n/i18n.ts';
import { AppError, type ErrorCode } from '../errors.ts';
import { isDatabaseUnavailable, unavailableError } from '../db/unavailable.ts';
import { localizeDetails } from '../i18n/zod-messages.ts';

const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'BAD_REQUEST',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
};

/** The media types a route takes (its schema's `consumes`, which the OpenAPI document shows too). */
function consumes(req: FastifyRequest | undefined): string {
  const c = (req?.routeOptions?.schema as { consumes?: string[] } | undefined)?.consumes;
  return c?.length ? c.join(' or ') : 'application/json';
}

export function toAppError(err: FastifyError | Error, req?: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (isDatabaseUnavailable(err)) return unavailableError();
  const fe = err as FastifyError;
  if (fe.code?.startsWith('FST_CSRF')) {
    return new AppError(
      'FORBIDDEN',
      "the form's security token (CSRF) is missing or wrong: reload the page and submit the form again",
      [{ path: '_csrf', message: 'missing or invalid' }],
    );
  }
  if (fe.code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError(
      'PAYLOAD_TOO_LARGE',
      'the file is larger than the limit for documents (PALERMO_DOCUMENT_MAX_BYTES)',
      [{ path: 'file', message: 'too large' }],
    );
  }
  if (fe.code === 'FST_FILES_LIMIT' || fe.code === 'FST_FIELDS_LIMIT' || fe.code === 'FST_PARTS_LIMIT') {
    return new AppError('PAYLOAD_TOO_LARGE', 'the form sends more files or fields than it has', [
      { path: 'file', message: 'one file per upload' },
    ]);
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped, explain(mapped, fe, req));
  if (err instanceof SyntaxError && fe.statusCode === 400) {
    return new AppError('INVALID_JSON', `request body is not valid JSON: ${err.message}`, { field: 'body' });
  }
  if (fe.statusCode === 404) return new AppError('NOT_FOUND', fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) return new AppError('BAD_REQUEST', fe.message);
  return new AppError('INTERNAL', 'internal error; the request id identifies it in the server log');
}

function explain(code: ErrorCode, fe: FastifyError, req: FastifyRequest | undefined): string {
  switch (code) {
    case 'PAYLOAD_TOO_LARGE':
      return 'request body is larger than the configured limit (PALERMO_BODY_LIMIT)';
    case 'UNSUPPORTED_MEDIA_TYPE':
      return `unsupported Content-Type; send ${consumes(req)}`;
    case 'INVALID_JSON':
      return `request body is not valid JSON: ${fe.message}`;
    default:
      return fe.message;
  }
}

/** Pages of the editorial area answer errors as HTML for browsers. */
const EDITORIAL_PAGES = /^\/(editor|admin|account|login|logout)(\/|\?|$)/;

/** Codes whose page says what to do (kernel.error.hint.CODE). */
const HINTED = new Set<ErrorCode>(['FORBIDDEN', 'NOT_FOUND', 'UNAVAILABLE']);

/**
 * A browser's error page: every error of the editorial area, and UNAVAILABLE on a public page (the search
 * index loading after a restart, the database out of reach), so that a reader sees a page, not JSON.
 */
function wantsErrorPage(req: FastifyRequest, e: AppError): boolean {
  if (!req.headers.accept?.includes('text/html')) return false;
  return EDITORIAL_PAGES.test(req.url) || (e.code === 'UNAVAILABLE' && !req.url.startsWith('/api/'));
}

function errorPage(t: Translator, e: AppError, requestId: string, editorial: boolean): string {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const hint = HINTED.has(e.code) ? t.t(`kernel.error.hint.${e.code}`) : '';
  const status = String(e.status);
  const dir = t.dir === 'rtl' ? ' dir="rtl"' : '';
  const text = (key: string, values?: Record<string, string>) => esc(t.t(key, values));
  const head =
    `<!doctype html><html lang="${esc(t.locale)}"${dir}><head><meta charset="utf-8">` +
    `<meta name="robots" content="noindex"><title>${text('kernel.error.title', { status })}</title>` +
    `<link rel="stylesheet" href="/assets/site.css"></head>`;
  const links =
    `<p>${editorial ? `<a href="/editor">${text('kernel.error.backToEditor')}</a> · ` : ''}` +
    `<a href="/">${text('kernel.error.publicSite')}</a></p>`;
  return (
    `${head}\n<body><main id="main">` +
    `<h1>${text('kernel.error.heading', { status, message: localizedMessage(t, e) })}</h1>` +
    `<p>${esc(hint)}</p>${links}<p class="muted">${text('kernel.error.request', { id: requestId })}</p>` +
    `</main></body></html>`
  );
}

/**
 * The error's `message` in the request's language: English keeps the precise message of the code that
 * threw; another language gets its catalog's sentence for the code (and zod's wording of each field issue,
 * i18n/zod-messages.ts). `code` and `details` (field paths)
 * never change with the language.
 */
export function localizedMessage(t: Translator | null | undefined, e: { code: ErrorCode; message: string }): string {
  if (!t || t.locale === 'en' || t.locale === 'en-XA') return e.message;
  const key = `kernel.apiError.${e.code}`;
  return t.has(key) ? t.t(key) : e.message;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const e = toAppError(err, req);
    if (e.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
    else if (e.code === 'UNAVAILABLE') req.log.error({ err }, 'service unavailable');
    else req.log.info({ code: e.code, msg: e.message }, 'request rejected');
    const retryAfter = (e.details as { retryAfter?: unknown } | null)?.retryAfter;
    if ((e.code === 'RATE_LIMITED' || e.code === 'UNAVAILABLE') && typeof retryAfter === 'number')
      reply.header('retry-after', String(retryAfter));
    if (wantsErrorPage(req, e)) {
      void reply
        .status(e.status)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .send(errorPage(req.t ?? app.i18n.translator('en'), e, req.id, EDITORIAL_PAGES.test(req.url)));
      return;
    }
    void reply
      .status(e.status)
      .type('application/json; charset=utf-8')
      .send({
        error: {
          code: e.code,
          message: localizedMessage(req.t, e),
          details: localizeDetails(e.details, req.t?.locale),
        },
        requestId: req.id,
      });
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.status(404).send({
      error: {
        code: 'NOT_FOUND',
        message: localizedMessage(req.t, {
          code: 'NOT_FOUND',
          message: `no route ${req.method} ${req.url.split('?')[0]}`,
        }),
        details: null,
      },
      requestId: req.id,
    });
  });
}
