/**
 * The six UN languages over HTTP: the language in the URL (`/fr/…`), `lang` and `dir` on every page
 * type, links that stay in the language, the switcher that keeps the query, hreflang alternates,
 * the Accept-Language redirect of a first visit, API error messages by language, digits, partial
 * dates, country names, and a case's narrative in the page's language or a said fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';

let t: TestApp;
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

beforeAll(async () => {
  t = await makeTestApp();
  const c = caseInput({
    id: 'lang-case',
    title: 'Public Prosecutor v. Müller',
    jurisdiction: 'DEU',
    decisionDate: '2015-06',
    identifiers: [{ type: 'ecli', value: 'ECLI:DE:BGH:2015:123' }],
    narratives: {
      en: { facts: 'English facts of the okapi case.', reasoning: null, commentary: null, crossCutting: null },
      fr: { facts: 'Les faits de l’affaire okapi.', reasoning: null, commentary: null, crossCutting: null },
    },
  });
  const r = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: c });
  expect(r.statusCode, r.body).toBe(201);
});

afterAll(async () => {
  await t.close();
});

const PAGE_TYPES = [
  '/',
  '/search?q=okapi',
  '/cases/lang-case',
  '/statistics',
  '/countries/DEU',
  '/treaties',
  '/treaties/XVIII-12-a',
  '/about',
  '/api',
  '/grants',
  '/library',
  '/login',
];

describe('lang and dir', () => {
  it.each(['ar', 'zh', 'en', 'fr', 'ru', 'es'])('every page type in %s', async (lang) => {
    for (const url of PAGE_TYPES) {
      const res = await get(`/${lang}${url === '/' ? '' : url}`);
      expect(res.statusCode, `${lang} ${url}`).toBe(200);
      const tag = /<html[^>]*>/.exec(res.body)?.[0];
      expect(tag, `${lang} ${url}`).toBe(lang === 'ar' ? '<html lang="ar" dir="rtl">' : `<html lang="${lang}">`);
    }
  });

  it('unprefixed pages stay English; a 404 page in Arabic is right to left', async () => {
    expect((await get('/search')).body).toContain('<html lang="en">');
    const missing = await get('/ar/cases/no-such-case');
    expect(missing.statusCode).toBe(404);
    expect(missing.body).toContain('<html lang="ar" dir="rtl">');
  });
});

describe('language in the URL', () => {
  it('keeps the reader in the language: links and forms carry the prefix, the API and assets do not', async () => {
    const body = (await get('/fr/search?q=okapi')).body;
    expect(body).toContain('action="/fr/search"');
    expect(body).toContain('href="/fr/statistics"');
    expect(body).toContain('href="/fr/cases/lang-case"');
    expect(body).toContain('href="/assets/site.css"');
    // Only the alternates, which name their language, point at the English (unprefixed) URLs.
    expect(body).not.toMatch(/(?<!hreflang="[^"]*") (?:href|action)="\/(?:search|statistics|about|cases\/)/);
  });

  it('has a switcher that keeps the query, hreflang alternates and Arabic-Indic digits on request', async () => {
    const body = (await get('/fr/search?q=okapi&sort=date_desc')).body;
    expect(body).toContain('<a hreflang="ar" href="/ar/search?q=okapi&amp;sort=date_desc" lang="ar">العربية</a>');
    expect(body).toContain('<a hreflang="en" href="/en/search?q=okapi&amp;sort=date_desc" lang="en">English</a>');
    expect(body).toContain('aria-current="page">Français</a>');
    expect(body).toContain('<link rel="alternate" hreflang="zh" href="/zh/search?q=okapi&amp;sort=date_desc">');
    expect(body).toContain('<link rel="alternate" hreflang="en" href="/search?q=okapi&amp;sort=date_desc">');
    expect(body).toContain('hreflang="x-default" href="/search?q=okapi&amp;sort=date_desc">');
    const ar = (await get('/ar/search?q=okapi')).body;
    expect(ar).toContain('href="/ar-u-nu-arab/search?q=okapi"');
    const arab = (await get('/ar-u-nu-arab/cases/lang-case')).body;
    expect(arab).toContain('<html lang="ar" dir="rtl">');
    expect(arab).toContain('href="/ar-u-nu-arab/search"');
    expect(arab).toMatch(/[٠-٩]{4}/); // the decision year
    expect((await get('/ar/cases/lang-case')).body).not.toMatch(/[٠-٩]/);
  });

  it('redirects a browser’s first, unprefixed visit to the language it prefers among the six', async () => {
    const html = { accept: 'text/html,application/xhtml+xml' };
    const fr = await get('/search?q=okapi', { ...html, 'accept-language': 'de-CH, fr;q=0.9, en;q=0.8' });
    expect(fr.statusCode).toBe(302);
    expect(fr.headers.location).toBe('/fr/search?q=okapi');
    expect(fr.headers.vary).toMatch(/Accept-Language/);
    expect((await get('/', { ...html, 'accept-language': 'ar-EG' })).headers.location).toBe('/ar');
    expect((await get('/', { ...html, 'accept-language': 'ar-u-nu-arab' })).headers.location).toBe('/ar-u-nu-arab');
    for (const headers of [
      { ...html, 'accept-language': 'en-GB,fr;q=0.5' }, // English first
      { ...html, 'accept-language': 'de, it' }, // none of the six
      { 'accept-language': 'fr' }, // not a browser asking for a page
    ]) {
      const res = await get('/search', headers);
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      expect(res.body).toContain('<html lang="en">');
    }
    // The switcher's English link: English even for a French browser.
    expect((await get('/en/search', { ...html, 'accept-language': 'fr' })).statusCode).toBe(200);
  });

  it('keeps crawlers out of the editorial pages in every language', async () => {
    const robots = (await get('/robots.txt')).body.split('\n');
    for (const line of ['Disallow: /editor', 'Disallow: /fr/editor', 'Disallow: /ar-u-nu-arab/login'])
      expect(robots).toContain(line);
  });

  it('prefixes the Location of a redirect made under a language', async () => {
    const res = await get('/fr/jurisdictions/DEU');
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe('/fr/countries/DEU');
    expect((await get('/jurisdictions/DEU')).headers.location).toBe('/countries/DEU');
  });
});

describe('content in the language', () => {
  it('shows the French narrative on the French page, and says so when it falls back', async () => {
    const fr = (await get('/fr/cases/lang-case')).body;
    expect(fr).toContain('Les faits de l’affaire okapi.');
    expect(fr).not.toContain('class="muted fallback"');
    const ru = (await get('/ru/cases/lang-case')).body;
    expect(ru).toContain('English facts of the okapi case.');
    expect(ru).toContain('class="muted fallback"');
    expect(ru).toMatch(/русск/i);
    expect((await get('/cases/lang-case')).body).toContain('English facts of the okapi case.');
  });

  it('writes dates and country names in the language, and isolates Latin titles and ECLIs', async () => {
    const fr = (await get('/fr/cases/lang-case')).body;
    expect(fr).toContain('juin 2015');
    expect(fr).toContain('Allemagne');
    const zh = (await get('/zh/cases/lang-case')).body;
    expect(zh).toContain('2015年6月');
    expect(zh).toContain('德国');
    const ar = (await get('/ar/cases/lang-case')).body;
    expect(ar).toContain('<h1><bdi>Public Prosecutor v. Müller</bdi></h1>');
    expect(ar).toContain('<bdi>ECLI:DE:BGH:2015:123</bdi>');
    expect(ar).toContain('ألمانيا');
  });

  it('labels the Atom feed in the language and links to pages in it', async () => {
    const feed = (await get('/fr/search.atom?q=okapi')).body;
    expect(feed).toContain('xml:lang="fr"');
    expect(feed).toMatch(/<link href="[^"]*\/fr\/cases\/lang-case"\/>/);
    expect(feed).toContain('Allemagne');
  });
});

describe('treaty titles by language', () => {
  it('heads a treaty page with the official title of the authentic text in the page language', async () => {
    const h1 = async (url: string) => /<h1>([^<]*)<\/h1>/.exec((await get(url)).body)?.[1];
    expect(await h1('/treaties/XVIII-12-a')).toMatch(/^Protocol to Prevent, Suppress and Punish Trafficking/);
    expect(await h1('/fr/treaties/XVIII-12-a')).toMatch(/^Protocole additionnel .* traite des personnes/);
    expect(await h1('/es/treaties/XVIII-12-b')).toMatch(/^Protocolo contra el tráfico ilícito de migrantes/);
    expect(await h1('/zh/treaties/XVIII-12')).toBe('联合国打击跨国有组织犯罪公约');
  });
});

describe('API errors by language', () => {
  it('translates the message and keeps the code and field paths', async () => {
    const en = (await get('/api/v1/cases/nope')).json();
    const ru = (await get('/api/v1/cases/nope', { 'accept-language': 'ru-RU,ru;q=0.9' })).json();
    expect(ru.error.code).toBe(en.error.code);
    expect(ru.error.details).toEqual(en.error.details);
    expect(ru.error.message).not.toBe(en.error.message);
    expect(ru.error.message).toMatch(/[а-я]/);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...AUTH, 'accept-language': 'ar' },
      payload: { title: '' },
    });
    expect(bad.statusCode).toBe(400);
    const err = bad.json().error;
    expect(err.code).toBe('VALIDATION_FAILED');
    expect(err.message).toMatch(/[\u0600-\u06FF]/);
    expect(err.details.some((d: { path: string }) => d.path === 'title')).toBe(true);
  });

  it("words each field issue in the language (zod's locale), same paths; a schema's own sentence stays", async () => {
    const post = (lang: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { ...AUTH, 'accept-language': lang },
        payload: { ...caseInput({ id: 'zz-lang-bad' }), title: 7, decisionDate: 'soon', surprise: 1 },
      });
    const en = (await post('en')).json().error.details as { path: string; message: string }[];
    const fr = (await post('fr')).json().error.details as { path: string; message: string }[];
    const es = (await post('es')).json().error.details as { path: string; message: string }[];
    expect(fr.map((d) => d.path)).toEqual(en.map((d) => d.path));
    const at = (list: typeof en, path: string) => list.find((d) => d.path === path)?.message;
    expect(at(en, 'title')).toMatch(/expected string, received number/);
    expect(at(fr, 'title')).toBe('Entrée invalide : chaîne de caractères attendu, nombre reçu');
    expect(at(es, 'title')).toMatch(/^Entrada inválida/);
    expect(at(fr, '(root)')).toMatch(/surprise/);
    expect(at(fr, '(root)')).not.toBe(at(en, '(root)'));
    // decisionDate's message is the schema's own (not zod's default wording): kept as written.
    expect(at(en, 'decisionDate')).toMatch(/\w/);
    expect(at(fr, 'decisionDate')).toBe(at(en, 'decisionDate'));
  });

  it('words the validation details in Chinese and French too, with the same paths', async () => {
    const post = (lang?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: { ...AUTH, ...(lang ? { 'accept-language': lang } : {}) },
        payload: { title: '', verdict: 'maybe', extra: 1 },
      });
    type Detail = { path: string; message: string };
    const en = (await post()).json().error.details as Detail[];
    const fr = (await post('fr')).json().error.details as Detail[];
    const zh = (await post('zh')).json().error.details as Detail[];
    expect(fr.map((d) => d.path)).toEqual(en.map((d) => d.path));
    expect(zh.map((d) => d.path)).toEqual(en.map((d) => d.path));
    const title = (ds: Detail[]) => ds.find((d) => d.path === 'title')!.message;
    expect(title(en)).toMatch(/too small|expected/i);
    expect(title(fr)).toMatch(/trop petit|attendu/i);
    expect(title(zh)).toMatch(/[\u4e00-\u9fff]/);
    expect(fr.every((d, i) => d.message !== en[i]!.message)).toBe(true);
  });
});

describe('exports in the language of the URL', () => {
  it('labels a statistic’s CSV in the URL’s language; codes and the header of column keys stay', async () => {
    const en = (await get('/api/v1/stats/jurisdictions?format=csv')).body.split('\n');
    const fr = (await get('/fr/api/v1/stats/jurisdictions?format=csv')).body.split('\n');
    expect(fr[0]).toBe(en[0]);
    expect(en.join('\n')).toContain('DEU,Germany');
    expect(fr.join('\n')).toContain('DEU,Allemagne');
    expect((await get('/fr/statistics')).body).toMatch(/href="\/fr\/api\/v1\/stats\/[a-z]+\?[^"]*format=csv"/);
  });
});
