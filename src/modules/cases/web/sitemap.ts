/**
 * /sitemap.xml (https://www.sitemaps.org/protocol.html) and /robots.txt: the public pages and
 * every PUBLISHED case, read through the services as the anonymous public, so nothing unpublished
 * can appear. Up to `pageSize` URLs (50,000 by the protocol) /sitemap.xml is one urlset; beyond,
 * it is a sitemap index of /sitemap-pages.xml and /sitemap-cases-N.xml parts.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC } from '../services/case-service.ts';
import type { Services } from '../services/services.ts';

const lastmod = (at: string | undefined | null) => (at ? html`<lastmod>${at}</lastmod>` : '');
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { UI_LOCALES } from '../../../kernel/i18n/locales.ts';

/** The protocol's limit of URLs in one sitemap file. */
export const SITEMAP_MAX_URLS = 50_000;

/** Public pages that are always listed (the jurisdiction pages with published cases follow). */
const STATIC_PAGES = ['/', '/search', '/statistics', '/about', '/api'];

export interface SitemapDeps {
  services: Pick<Services, 'cases' | 'search' | 'store'>;
  /** The site's base URL for a request, without a trailing slash (publicUrl, else the Host). */
  base: (req: FastifyRequest) => string;
  /** URLs per sitemap file; tests pass a small number to see the index and its parts. */
  pageSize?: number;
  /** Cases read per service call while walking the published cases. */
  batchSize?: number;
}

interface Url {
  loc: string;
  lastmod?: string;
}

const XML_TYPE = 'application/xml; charset=utf-8';

/**
 * Each page in every interface language: `xhtml:link` alternates (the form search engines read in
 * sitemaps), English at the unprefixed URL and as x-default, the others under their prefix.
 */
function alternates(loc: string, base: string): SafeHtml {
  const path = loc.slice(base.length) || '/';
  const href = (l: string) => (l === 'en' ? loc : `${base}/${l}${path === '/' ? '' : path}`);
  const link = (l: string) => html`<xhtml:link rel="alternate" hreflang="${l}" href="${href(l)}"/>`;
  return html`${UI_LOCALES.map(link)}<xhtml:link\
 rel="alternate" hreflang="x-default" href="${loc}"/>`;
}

function urlset(urls: Url[], base: string): string {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
${urls.map((u) => html`<url><loc>${u.loc}</loc>${lastmod(u.lastmod)}${alternates(u.loc, base)}</url>\n`)}</urlset>
`.value;
}

function sitemapIndex(locs: string[]): string {
  return html`<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${locs.map((l) => html`<sitemap><loc>${l}</loc></sitemap>\n`)}</sitemapindex>
`.value;
}

export function sitemapRoutes(app: FastifyInstance, deps: SitemapDeps): void {
  const pageSize = deps.pageSize ?? SITEMAP_MAX_URLS;
  const batchSize = Math.min(deps.batchSize ?? 500, pageSize);
  const { services } = deps;
  const send = (reply: FastifyReply, body: string | SafeHtml) =>
    // Revalidated on every use, as the pages: a withdrawn case must leave shared caches at once.
    reply.type(XML_TYPE).header('cache-control', 'no-cache').send(String(body));

  /** The public pages: the fixed ones and the jurisdictions that have published cases. */
  async function pageUrls(base: string): Promise<Url[]> {
    const res = await services.search.search({ selection: {}, limit: 1, facets: true });
    const codes = (res.facets.jurisdiction ?? [])
      .filter((f) => f.count > 0)
      .map((f) => f.value)
      .sort();
    return [
      ...STATIC_PAGES.map((p) => ({ loc: `${base}${p}` })),
      ...codes.map((c) => ({ loc: `${base}/countries/${c}` })),
    ];
  }

  /** Published cases number `skip` to `skip + take - 1` in creation order, as URLs. */
  async function caseUrls(base: string, skip: number, take: number): Promise<Url[]> {
    const out: Url[] = [];
    let seen = 0;
    let cursor: string | undefined;
    do {
      const page = await services.cases.list(
        { statuses: ['published'], sort: 'created_asc', limit: batchSize, cursor },
        PUBLIC,
      );
      for (const rec of page.items) {
        if (seen++ < skip) continue;
        if (out.length === take) return out;
        out.push({ loc: `${base}/cases/${encodeURIComponent(rec.id)}`, lastmod: rec.updatedAt });
      }
      cursor = page.nextCursor ?? undefined;
    } while (cursor && out.length < take);
    return out;
  }

  const publishedCount = () => services.store.cases.count(['published']);

  app.get('/sitemap.xml', { schema: { hide: true } }, async (req, reply) => {
    const base = deps.base(req);
    const pages = await pageUrls(base);
    const cases = await publishedCount();
    if (pages.length + cases <= pageSize)
      return send(reply, urlset([...pages, ...(await caseUrls(base, 0, cases))], base));
    const parts = Math.ceil(cases / pageSize);
    return send(
      reply,
      sitemapIndex([
        `${base}/sitemap-pages.xml`,
        ...Array.from({ length: parts }, (_, i) => `${base}/sitemap-cases-${i + 1}.xml`),
      ]),
    );
  });

  app.get('/sitemap-pages.xml', { schema: { hide: true } }, async (req, reply) =>
    send(reply, urlset(await pageUrls(deps.base(req)), deps.base(req))),
  );

  app.get<{ Params: { part: string } }>('/sitemap-cases-:part.xml', { schema: { hide: true } }, async (req, reply) => {
    const n = /^[1-9]\d{0,6}$/.test(req.params.part) ? Number(req.params.part) : 0;
    const parts = Math.ceil((await publishedCount()) / pageSize);
    if (n < 1 || n > parts) {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send(`no sitemap part ${req.params.part}: there are ${parts} (see /sitemap.xml)`);
    }
    return send(reply, urlset(await caseUrls(deps.base(req), (n - 1) * pageSize, pageSize), deps.base(req)));
  });

  app.get('/robots.txt', { schema: { hide: true } }, async (req, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(
        [
          'User-agent: *',
          'Disallow: /editor',
          'Disallow: /admin',
          'Disallow: /account',
          'Disallow: /login',
          // The same pages under each language's prefix (/fr/editor ...).
          ...[...UI_LOCALES, 'ar-u-nu-arab'].flatMap((l) =>
            ['editor', 'admin', 'account', 'login'].map((p) => `Disallow: /${l}/${p}`),
          ),
          '',
          `Sitemap: ${deps.base(req)}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );
}
