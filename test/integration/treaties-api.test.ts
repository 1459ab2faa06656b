/**
 * The treaty registry over HTTP on the test app (SQLite; PostgreSQL with PALERMO_TEST_BACKEND=postgres, and
 * treaties-pg.test.ts runs this same suite on PostgreSQL): the demo seed, counts at dates, JSON and CSV,
 * the profile, the redirect of the old jurisdiction page, corrections.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { seedModules } from '../../src/app/boot.ts';
import { treatyApiSuite } from './treaties-suite.ts';

treatyApiSuite('sqlite', () => makeTestApp({}, 'sqlite'));

describe('treaty pages (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({}, 'sqlite');
    await seedModules(t.services);
  });
  afterAll(() => t.close());
  const get = (url: string, headers = {}) => t.app.inject({ method: 'GET', url, headers });

  it('the Protocol page states the partial table, the UN link and "not recorded here"', async () => {
    const r = await get('/treaties/XVIII-12-a');
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(
      'This table is partial: it records 85 participants, while the UN counted about 182 parties',
    );
    expect(r.body).toContain(
      'https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&amp;mtdsg_no=XVIII-12-a&amp;chapter=18',
    );
    expect(r.body).toContain('Not recorded here');
    expect(r.body).not.toMatch(/non-part/i);
    expect(r.body).toContain('class="chart"');
    expect(r.body).toContain('class="world-map"');
    expect(r.body).toContain('treaty-status');
    expect(r.body).toContain('Article 15');
    expect(r.body).toContain('21 Aug 2002');
    expect(r.body).toContain('9 Mar 2004');
  });

  it('sorts the table by a column, both ways', async () => {
    const asc = (await get('/treaties/XVIII-12-a?sort=consent')).body;
    const desc = (await get('/treaties/XVIII-12-a?sort=consent&dir=desc')).body;
    const first = (b: string) => /<tbody><tr><th scope="row"><a href="\/countries\/([A-Z]{3})"/.exec(b)?.[1];
    expect(first(asc)).toBe('BGR'); // Bulgaria deposited first (5 Dec 2001)
    expect(first(desc)).not.toBe('BGR');
    expect(asc).toContain('aria-sort="ascending"');
  });

  it('lists the instruments; an unknown instrument or country is a 404 page', async () => {
    const r = await get('/treaties');
    expect(r.body).toContain('Smuggling of Migrants Protocol');
    expect((await get('/treaties/XVIII-99')).statusCode).toBe(404);
    expect((await get('/countries/QQQ')).statusCode).toBe(404);
  });

  it('the profile shows the treaty status per instrument, and is addressed by upper-case code', async () => {
    const alb = await get('/countries/ALB');
    expect(alb.statusCode).toBe(200);
    expect(alb.body).toContain('id="treaties"');
    expect(alb.body).toContain('Party: ratification deposited 21 Aug 2002; in force for it from 25 Dec 2003');
    const json = (await get('/api/v1/countries/ALB/profile')).json();
    expect(json.sections.map((s: { id: string }) => s.id)[0]).toBe('treaties');
    expect((await get('/countries/alb')).headers.location).toBe('/countries/ALB');
  });

  it('adds the case-law section (published cases only) after the treaty section where there are cases', async () => {
    const facets = (await get('/api/v1/search?limit=1')).json().facets.jurisdiction as {
      value: string;
      count: number;
    }[];
    const withCases = facets.find((f) => f.value !== 'XIR')!;
    const json = (await get(`/api/v1/countries/${withCases.value}/profile`)).json();
    // Treaties (10) then cases (20); later registers (legislation 30 ...) may add theirs after.
    expect(json.sections.map((s: { id: string }) => s.id).slice(0, 2)).toEqual(['treaties', 'cases']);
    const cases = json.sections[1].data;
    expect(cases.total).toBe(withCases.count);
    expect(cases.byYear.reduce((n: number, y: { count: number }) => n + y.count, 0)).toBe(withCases.count);
    expect(cases.newest.length).toBeGreaterThan(0);
    const page = (await get(`/countries/${withCases.value}`)).body;
    expect(page.indexOf('id="treaties"')).toBeLessThan(page.indexOf('id="cases"'));
    expect(page).toContain(`href="/search?jurisdiction=${withCases.value}"`);
    const none = ['ALB', 'AND', 'BTN', 'KIR'].find((c) => !facets.some((f) => f.value === c))!;
    const without = (await get(`/api/v1/countries/${none}/profile`)).json();
    // Other registers may add their sections (the assistance demo has Albania); the case-law one is absent.
    const ids = without.sections.map((s: { id: string }) => s.id);
    expect(ids[0]).toBe('treaties');
    expect(ids).not.toContain('cases');
    expect((await get(`/countries/${none}`)).body).not.toContain('id="cases"');
  });

  it('the old jurisdiction page redirects to the profile', async () => {
    const r = await get('/jurisdictions/PHL');
    expect(r.statusCode).toBe(301);
    expect(r.headers.location).toBe('/countries/PHL');
    expect((await get('/jurisdictions/QQQ')).statusCode).toBe(404);
  });

  it('accepts a correction from an editor token only', async () => {
    const body = { participant: 'ALB', field: 'signature_date', value: '2000-12-12', note: 'checked on the UN page' };
    const url = '/api/v1/treaties/XVIII-12-a/corrections';
    expect((await t.app.inject({ method: 'POST', url, payload: body })).statusCode).toBe(401);
    const ok = await t.app.inject({ method: 'POST', url, payload: body, headers: AUTH });
    expect(ok.statusCode).toBe(201);
    const bad = await t.app.inject({ method: 'POST', url, payload: { ...body, value: '2000-02-30' }, headers: AUTH });
    expect(bad.statusCode).toBe(400);
  });
});
