/** The server-rendered pages in-process: content, state in the URL, hostile text inert, no leaks. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';

let t: TestApp;
const get = async (url: string) => {
  const res = await t.app.inject({ url });
  return { status: res.statusCode, body: res.body, type: String(res.headers['content-type']) };
};
const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>';

beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.services);
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: AUTH,
    payload: caseInput({
      id: 'hostile',
      title: `Hostile ${HOSTILE} case`,
      status: 'published',
      narratives: { en: { facts: `The hostile text ${HOSTILE} must stay text; hostile again.` } },
      sources: [
        { kind: 'citation', value: 'javascript:alert(1)' },
        { kind: 'url', value: 'https://example.org/"onmouseover="alert(1)' },
      ],
    }),
  });
  await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: AUTH,
    payload: caseInput({
      id: 'draft-marker',
      status: 'draft',
      title: 'Quokkamarker draft',
      narratives: { en: { facts: 'quokkamarker' } },
    }),
  });
});
afterAll(async () => {
  await t.close();
});

describe('public pages', () => {
  it('home: search box, counts, newest cases, browse by jurisdiction and by form of exploitation', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    expect(body).toMatch(/<input id="home-q" type="search" name="q"/);
    expect(body).toMatch(/<strong>37<\/strong> published cases from <strong>\d+<\/strong> jurisdictions/);
    expect(body).toContain('href="/countries/XIR"');
    expect(body).toContain('href="/search?purposes=forced_labour"');
    expect(body).toContain('not representative of trafficking');
  });

  it('search: highlighted snippets, facet checkboxes with counts, sort, feed and paging links', async () => {
    const { status, body } = await get('/search?q=domestic+servitude&limit=3');
    expect(status).toBe(200);
    expect(body).toContain('<mark>servitude</mark>');
    expect(body).toMatch(
      new RegExp(
        '<input type="checkbox" name="jurisdiction" value="XIR"> International and Regional Bodies</label>' +
          '<span class="count">\\d+</span>',
      ),
    );
    expect(body).toContain('href="/search.atom?q=domestic+servitude&amp;limit=3"');
    expect(body).toMatch(/rel="next" href="\/search\?q=domestic\+servitude&amp;limit=3&amp;cursor=/);
    expect(body).toContain('<input type="hidden" name="q" value="domestic servitude">');
    const filtered = await get('/search?q=servitude&jurisdiction=USA');
    expect(filtered.body).toMatch(/<input type="checkbox" name="jurisdiction" value="USA" checked>/);
    expect(filtered.body).not.toContain('siliadin-v-france');
  });

  it('a malformed query searches its correction and says so, never a 400 or a 500', async () => {
    const { status, body } = await get('/search?q=%22debt+bondage');
    expect(status).toBe(200);
    expect(body).toContain('Showing results for');
    expect(body).toContain('unterminated phrase');
    expect(body).toMatch(/<li class="hit">/);
  });

  it('Atom feed of a search parses as Atom with one entry per newest case', async () => {
    const { type, body } = await get('/search.atom?q=servitude');
    expect(type).toMatch(/application\/atom\+xml/);
    expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
    expect(body).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect((body.match(/<entry>/g) ?? []).length).toBeGreaterThan(3);
    expect(body).toMatch(/<id>http:\/\/localhost(:\d+)?\/cases\/siliadin-v-france<\/id>/);
  });

  it('case page: every section, language switch, citation, JSON-LD and ECLI meta, similar cases', async () => {
    const { body } = await get('/cases/siliadin-v-france');
    for (const h of [
      'Identity and procedure',
      'Article 3 profile and tags',
      'Narrative',
      'Victims',
      'Defendants and charges',
      'Sources',
      'Cite this case',
      'Similar cases',
    ]) {
      expect(body).toContain(`<h2>${h}</h2>`);
    }
    expect(body).toMatch(/<a href="\?lang=fr" hreflang="fr">French<\/a>/);
    const fr = await get('/cases/siliadin-v-france?lang=fr');
    expect(fr.body).toMatch(/<div lang="fr">/);
    const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)![1]!);
    expect(ld).toMatchObject({ '@context': 'https://schema.org', name: 'Siliadin v. France' });
    const hoge = await get('/cases/hoge-raad-2009-chinese-restaurant');
    expect(hoge.body).toContain('<meta name="ecli" content="ECLI:NL:HR:2009:BI7099">');
    expect((await get('/cases/no-such-case')).status).toBe(404);
  });

  it('the old jurisdiction page redirects to the country profile: newest cases and treaty status', async () => {
    const old = await t.app.inject({ url: '/jurisdictions/usa' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/countries/USA');
    const { body } = await get('/countries/USA');
    expect(body).toContain('<h1>United States of America</h1>');
    expect(body).toContain('<h2>Treaty status</h2>');
    expect(body).toContain('<h2>Case law</h2>');
    expect((await get('/jurisdictions/ZZZ')).status).toBe(404);
    expect((await get('/countries/ZZZ')).status).toBe(404);
  });

  it('hostile content is shown as text everywhere: page, snippet, feed, JSON-LD', async () => {
    for (const url of ['/cases/hostile', '/search?q=hostile', '/search.atom?q=hostile', '/']) {
      const { body } = await get(url);
      expect(body).not.toContain('<script>alert');
      expect(body).not.toContain('<img src=x');
      expect(body).not.toMatch(/href="javascript:/i);
      expect(body).not.toContain('"onmouseover="');
    }
    const page = (await get('/cases/hostile')).body;
    expect(page).toContain('Hostile &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(page).toContain('javascript:alert(1)'); // the citation is shown, as text only
    const ld = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(page)![1]!;
    expect(ld).not.toContain('</script');
    expect(JSON.parse(ld).name).toBe(`Hostile ${HOSTILE} case`);
    const search = (await get('/search?q=hostile')).body;
    expect(search).toContain('<mark>hostile</mark> text &lt;script&gt;');
  });

  it('no draft appears on any page or feed', async () => {
    for (const url of ['/', '/search', '/search.atom', '/cases/draft-marker', '/countries/PHL', '/about']) {
      expect((await get(url)).body).not.toMatch(/quokkamarker/i);
    }
    // The search page echoes the user's own words, but finds nothing.
    const search = (await get('/search?q=quokkamarker')).body;
    expect(search).toContain('0 cases');
    expect(search).not.toContain('Quokkamarker draft');
    expect((await get('/search.atom?q=quokkamarker')).body).not.toContain('<entry>');
  });
});
