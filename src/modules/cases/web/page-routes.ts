/**
 * The public web site: server-rendered pages that work without JavaScript, each state in the URL.
 * Pages call the same services as the API; nothing unpublished can reach them.
 */
import { languageSwitcher } from '../../../kernel/web/language-switcher.ts';
import { countryName } from '../../../kernel/geo/country-names.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readFileSync } from 'node:fs';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import { AppError } from '../../../kernel/errors.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { PUBLIC } from '../services/case-service.ts';
import type { Services } from '../services/services.ts';
import { searchQuerySchema, selectionOf } from '../http/search-routes.ts';
import { searchErrorPage, searchPage } from './search-page.ts';
import { casePage } from './case-page.ts';
import { aboutPage, apiPage, homePage } from './other-pages.ts';
import { atomFeed } from './atom.ts';
import { withParams } from './parts.ts';
import { statsPage } from './stats-page.ts';
import { statsRequest } from '../http/stats-routes.ts';
import { isCountryCode } from '../../../kernel/geo/countries.ts';
import { loadWorldMap } from '../../../kernel/web/world-map.ts';
import { sitemapRoutes } from './sitemap.ts';

const CSS = readFileSync(new URL('../../../kernel/web/assets/site.css', import.meta.url), 'utf8');
const JS = readFileSync(new URL('../../../kernel/web/assets/site.js', import.meta.url), 'utf8');

export function webRoutes(
  app: FastifyInstance,
  deps: { services: Services; publicUrl: string | undefined; maxPageSize: number },
): void {
  const { services } = deps;
  const schema = searchQuerySchema(deps.maxPageSize, 10_000);
  const base = (req: FastifyRequest) =>
    deps.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
  const sendHtml = (reply: FastifyReply, body: string, status = 200) =>
    reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(body);
  const paramsOf = (req: FastifyRequest) => new URLSearchParams(req.url.split('?')[1] ?? '');

  /** Runs a search from page parameters; a bad query becomes an error page, not a 500. */
  async function runSearch(
    req: FastifyRequest,
    reply: FastifyReply,
    overrides: { limit?: number; sort?: 'date_desc' } = {},
  ) {
    const parsed = schema.safeParse(req.query);
    const q = typeof (req.query as { q?: unknown }).q === 'string' ? (req.query as { q: string }).q : '';
    if (!parsed.success) {
      sendHtml(
        reply,
        searchErrorPage(
          req.t,
          q,
          parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          undefined,
        ),
        400,
      );
      return null;
    }
    const p = parsed.data;
    try {
      return await services.search.search({
        q: p.q,
        selection: selectionOf(p),
        sort: overrides.sort ?? p.sort,
        limit: overrides.limit ?? p.limit,
        cursor: p.cursor,
        facets: true,
      });
    } catch (e) {
      if (e instanceof AppError && e.status === 400) {
        const d = e.details as { suggestion?: string } | null;
        sendHtml(reply, searchErrorPage(req.t, q, e.message, d?.suggestion), 400);
        return null;
      }
      throw e;
    }
  }

  app.get('/assets/site.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=86400').send(CSS),
  );

  app.get('/assets/site.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=86400').send(JS),
  );

  app.get('/', { schema: { hide: true } }, async (req, reply) => {
    const browse = await services.search.search({ selection: {}, limit: 8, facets: true });
    return sendHtml(reply, homePage(req.t, browse, browse.hits));
  });

  app.get('/search', { schema: { hide: true } }, async (req, reply) => {
    const res = await runSearch(req, reply);
    if (res) return sendHtml(reply, searchPage(req.t, res, paramsOf(req)));
    return reply;
  });

  app.get('/search.atom', { schema: { hide: true } }, async (req, reply) => {
    const res = await runSearch(req, reply, { limit: 20, sort: 'date_desc' });
    if (!res) return reply;
    const params = paramsOf(req);
    const q = params.get('q');
    const updated =
      res.hits
        .map((h) => h.updatedAt)
        .sort()
        .pop() ?? new Date(0).toISOString();
    return reply.type('application/atom+xml; charset=utf-8').send(
      atomFeed({
        title: q ? req.t.t('cases.feed.titleQuery', { q }) : req.t.t('cases.feed.title'),
        author: req.t.t('kernel.site.name'),
        // In the language of the URL (/fr/search.atom): its labels and its links; the data stay as they are.
        selfUrl: `${base(req)}${req.t.base ?? ''}${req.url}`,
        pageUrl: `${base(req)}${req.t.base ?? ''}${withParams('/search', params, { sort: null })}`,
        baseUrl: `${base(req)}${req.t.base ?? ''}`,
        hits: res.hits,
        updated,
        lang: req.t.locale === 'en-XA' ? 'en' : req.t.locale,
        countryName: (code) => countryName(code, req.t),
      }),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { lang?: string } }>(
    '/cases/:id',
    { schema: { hide: true } },
    async (req, reply) => {
      let rec;
      try {
        rec = await services.cases.get(req.params.id, PUBLIC);
      } catch (e) {
        if (e instanceof AppError && e.code === 'NOT_FOUND') return sendHtml(reply, notFoundPage(req.t), 404);
        throw e;
      }
      const [similar, documents] = await Promise.all([
        services.search.similarCases(rec.id, 5).catch(() => []),
        services.documents.list(rec.id, PUBLIC),
      ]);
      const lang = typeof req.query.lang === 'string' ? req.query.lang : null;
      return sendHtml(reply, casePage(req.t, rec, { lang, similar, baseUrl: base(req), documents }));
    },
  );

  // The country profile (treaties module) took the jurisdiction page's place.
  app.get<{ Params: { code: string } }>('/jurisdictions/:code', { schema: { hide: true } }, async (req, reply) => {
    const country = countryByCode(req.params.code.toUpperCase());
    if (!country) return sendHtml(reply, notFoundPage(req.t), 404);
    return reply.redirect(`/countries/${country.code}`, 301);
  });

  app.get('/statistics', { schema: { hide: true } }, async (req, reply) => {
    const all = paramsOf(req);
    const compare = [
      ...new Set(
        all
          .getAll('compare')
          .flatMap((v) => v.split(','))
          .map((v) => v.trim().toUpperCase())
          .filter(Boolean),
      ),
    ];
    const search = new URLSearchParams();
    for (const [k, v] of all) if (v !== '' && !PAGE_ONLY.has(k)) search.append(k, v);
    const query: Record<string, string[]> = {};
    for (const [k, v] of search) (query[k] ??= []).push(v);
    let data;
    try {
      const { params, links } = statsRequest(query, `/statistics?${search.toString()}`);
      const tables = await services.stats.all(params, links);
      let comparison = null;
      let comparisonError: string | null = null;
      if (compare.length) {
        const bad = compare.filter((c) => !isCountryCode(c));
        if (bad.length) comparisonError = req.t.t('cases.compare.unknownCode', { codes: bad.join(', ') });
        else if (compare.length < 2 || compare.length > 6)
          comparisonError = req.t.t('cases.compare.count', { chosen: compare.length });
        else {
          try {
            comparison = await services.stats.comparison(
              { ...params, selection: { ...params.selection, jurisdiction: compare } },
              links,
            );
          } catch (e) {
            if (!(e instanceof AppError && e.status === 400)) throw e;
            comparisonError = e.message;
          }
        }
      }
      data = {
        tables,
        comparison,
        comparisonError,
        search,
        compare,
        minCell: services.stats.minCell,
        rule: services.stats.rule,
      };
    } catch (e) {
      if (e instanceof AppError && e.status === 400) {
        const d = e.details as { suggestion?: string } | null;
        return sendHtml(reply, searchErrorPage(req.t, search.get('q') ?? '', e.message, d?.suggestion), 400);
      }
      throw e;
    }
    await loadWorldMap();
    return sendHtml(reply, statsPage(req.t, data));
  });

  app.get('/about', { schema: { hide: true } }, async (req, reply) =>
    sendHtml(reply, aboutPage(req.t, await services.store.cases.count(['published']))),
  );
  app.get('/api', { schema: { hide: true } }, async (req, reply) => sendHtml(reply, apiPage(req.t)));
  sitemapRoutes(app, { services, base });
}

/** Parameters of the Statistics page that are not search parameters. */
const PAGE_ONLY = new Set(['compare', 'sort', 'cursor', 'limit', 'facets', 'format']);

function notFoundPage(t: Translator): string {
  const title = t.t('cases.notFound.title');
  const htmlTag = html`<html lang="${t.locale}"${t.dir === 'rtl' ? html` dir="rtl"` : ''}>`;
  const css = html`<link rel="stylesheet" href="/assets/site.css">`;
  const head = html`<head><meta charset="utf-8"><title>${t.t('kernel.layout.title', { title })}</title>${css}</head>`;
  const home = html`<a href="/">${t.t('cases.notFound.home')}</a>`;
  const browse = html`<a href="/search">${t.t('cases.notFound.browse')}</a>`;
  const text = html`<p>${t.t('cases.notFound.text')} ${home} · ${browse}</p>`;
  const header = html`<header class="site">${languageSwitcher(t)}</header>`;
  const body = html`<body>${header}<main><h1>${title}</h1>${text}</main></body>`;
  return html`<!doctype html>${htmlTag}${head}${body}</html>`.value;
}
