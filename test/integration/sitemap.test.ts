/** /sitemap.xml, its index and parts, and /robots.txt: published cases only, lastmod = updatedAt. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { moveTo } from '../helpers/workflow.ts';
import { sitemapRoutes } from '../../src/modules/cases/web/sitemap.ts';

let t: TestApp;
const published = ['sm-a', 'sm-b', 'sm-c', 'sm-d', 'sm-e'];

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);

beforeAll(async () => {
  t = await makeTestApp({ publicUrl: 'https://palermo.example.org/' });
  for (const [i, id] of published.entries()) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: caseInput({ id, jurisdiction: i % 2 ? 'FRA' : 'PHL' }),
    });
    expect(r.statusCode).toBe(201);
  }
  for (const [id, status] of [
    ['sm-draft', 'draft'],
    ['sm-review', 'in_review'],
  ] as const) {
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: AUTH,
          payload: caseInput({ id, status, jurisdiction: 'ARG' }),
        })
      ).statusCode,
    ).toBe(201);
  }
  expect(
    (await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: caseInput({ id: 'sm-gone' }) }))
      .statusCode,
  ).toBe(201);
  await moveTo(t.app, 'sm-gone', 'withdrawn');
});
afterAll(async () => t.close());

describe('/sitemap.xml', () => {
  it(
    'lists the public pages, the jurisdictions with published cases, and every published case with lastmod = ' +
      'updatedAt',
    async () => {
      const res = await t.app.inject({ url: '/sitemap.xml' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache'); // a takedown must not wait for a shared cache
      expect(res.body).toMatch(
        new RegExp(
          '^<\\?xml version="1.0" encoding="UTF-8"\\?>\n' +
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        ),
      );
      const base = 'https://palermo.example.org';
      const all = locs(res.body);
      for (const p of ['/', '/search', '/statistics', '/about', '/api', '/countries/FRA', '/countries/PHL'])
        expect(all).toContain(`${base}${p}`);
      expect(all.filter((l) => l.includes('/cases/')).sort()).toEqual(published.map((id) => `${base}/cases/${id}`));
      // Unpublished cases and their jurisdiction (ARG has only a draft and a case in review) are absent.
      expect(res.body).not.toMatch(/sm-draft|sm-review|sm-gone|ARG/);
      const rec = (await t.app.inject({ url: '/api/v1/cases/sm-c' })).json();
      expect(res.body).toContain(`<url><loc>${base}/cases/sm-c</loc><lastmod>${rec.updatedAt}</lastmod><xhtml:link`);
      // Every interface language is listed, as alternates of each page (English unprefixed and x-default).
      for (const [l, href] of [
        ['ar', `${base}/ar/cases/sm-c`],
        ['zh', `${base}/zh/cases/sm-c`],
        ['en', `${base}/cases/sm-c`],
        ['ru', `${base}/ru/search`],
        ['x-default', `${base}/statistics`],
      ])
        expect(res.body).toContain(`<xhtml:link rel="alternate" hreflang="${l}" href="${href}"/>`);
    },
  );

  it('uses the Host header when no public URL is configured', async () => {
    const other = await makeTestApp();
    try {
      const r = await other.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: AUTH,
        payload: caseInput({ id: 'host-case' }),
      });
      expect(r.statusCode).toBe(201);
      const res = await other.app.inject({ url: '/sitemap.xml', headers: { host: 'cases.example.net' } });
      expect(locs(res.body)).toContain('http://cases.example.net/cases/host-case');
    } finally {
      await other.close();
    }
  });

  it('robots.txt points to the sitemap and keeps crawlers out of the editorial pages', async () => {
    const res = await t.app.inject({ url: '/robots.txt' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    for (const line of [
      'User-agent: *',
      'Disallow: /editor',
      'Disallow: /admin',
      'Disallow: /account',
      'Disallow: /login',
      'Sitemap: https://palermo.example.org/sitemap.xml',
    ]) {
      expect(res.body.split('\n')).toContain(line);
    }
  });
});

describe('sitemap index beyond the page size', () => {
  let small: FastifyInstance;
  beforeAll(async () => {
    small = Fastify();
    // 5 published cases + 7 page URLs > 3 per file: an index of a pages part and two case parts.
    sitemapRoutes(small, { services: t.services, base: () => 'https://x.example', pageSize: 3, batchSize: 2 });
    await small.ready();
  });
  afterAll(async () => small.close());

  it('/sitemap.xml becomes an index of /sitemap-pages.xml and numbered case parts', async () => {
    const res = await small.inject({ url: '/sitemap.xml' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(locs(res.body)).toEqual([
      'https://x.example/sitemap-pages.xml',
      'https://x.example/sitemap-cases-1.xml',
      'https://x.example/sitemap-cases-2.xml',
    ]);
  });

  it('the parts hold every published case once, in creation order, and nothing unpublished', async () => {
    const p1 = await small.inject({ url: '/sitemap-cases-1.xml' });
    const p2 = await small.inject({ url: '/sitemap-cases-2.xml' });
    expect([p1.statusCode, p2.statusCode]).toEqual([200, 200]);
    expect(p1.body).toContain('<urlset');
    expect(locs(p1.body)).toEqual(['sm-a', 'sm-b', 'sm-c'].map((id) => `https://x.example/cases/${id}`));
    expect(locs(p2.body)).toEqual(['sm-d', 'sm-e'].map((id) => `https://x.example/cases/${id}`));
    const pages = await small.inject({ url: '/sitemap-pages.xml' });
    expect(locs(pages.body)).toContain('https://x.example/statistics');
    expect(locs(pages.body).some((l) => l.includes('/cases/'))).toBe(false);
  });

  it('a part that does not exist is 404', async () => {
    for (const part of ['0', '3', 'x', '01']) {
      expect((await small.inject({ url: `/sitemap-cases-${part}.xml` })).statusCode, part).toBe(404);
    }
  });
});
