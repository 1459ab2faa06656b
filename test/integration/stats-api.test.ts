/** The statistics API in-process, on a real SQLite file: the demo briefs plus controlled cases. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse } from 'csv-parse/sync';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { moveTo } from '../helpers/workflow.ts';
import { caseInput } from '../factories/case-factory.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import { STAT_NAMES } from '../../src/modules/cases/services/stats-service.ts';

let t: TestApp;
const get = async (url: string) => {
  const res = await t.app.inject({ url });
  return {
    status: res.statusCode,
    body: res.statusCode === 200 && !url.includes('format=csv') ? res.json() : res.body,
    headers: res.headers,
  };
};
type Row = Record<string, string | number | null>;
const rowsOf = (body: { rows: Row[] }, key = 'value') => Object.fromEntries(body.rows.map((r) => [r[key], r]));
const post = (body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: body as object });

// Controlled cases, all carrying the word "zebrafinch" so a search isolates them.
const facts = { en: { facts: 'Workers recruited by zebrafinch agents were held on farms.' } };
const convicted = (months: number) => [{ charge: 'Trafficking', verdict: 'convicted' as const, prisonMonths: months }];
const CONTROLLED = [
  ...[60, 120, 180].map((m, i) =>
    caseInput({
      id: `zz-stat-ita-${i}`,
      jurisdiction: 'ITA',
      decisionDate: `201${i}-05-01`,
      narratives: facts,
      tags: {
        acts: ['recruitment'],
        means: ['deception'],
        purposes: ['forced_labour'],
        forms: ['transnational'],
        sectors: ['agriculture'],
        offences: [],
      },
      victims: [{ kind: 'group', count: 4, gender: 'male', child: false, nationalities: ['NGA'] }],
      defendants: [{ kind: 'person', gender: 'male', nationalities: ['ITA'], charges: convicted(m) }],
    }),
  ),
  caseInput({
    id: 'zz-stat-ita-acq',
    jurisdiction: 'ITA',
    decisionDate: '2013',
    narratives: facts,
    tags: {
      acts: ['recruitment'],
      means: ['deception'],
      purposes: ['forced_labour'],
      forms: [],
      sectors: ['agriculture'],
      offences: [],
    },
    victims: [{ kind: 'person', gender: 'female', child: true, nationalities: ['ROU'] }],
    defendants: [
      {
        kind: 'legal_entity',
        nationalities: [],
        charges: [{ charge: 'Trafficking', verdict: 'acquitted', prisonMonths: null }],
      },
    ],
  }),
  caseInput({
    id: 'zz-stat-esp',
    jurisdiction: 'ESP',
    decisionDate: '2014',
    narratives: facts,
    tags: {
      acts: ['transportation'],
      means: ['deception'],
      purposes: ['forced_labour', 'sexual_exploitation'],
      forms: ['transnational'],
      sectors: [],
      offences: [],
    },
    victims: [{ kind: 'person', gender: 'female', child: false, nationalities: ['NGA'] }],
    defendants: [{ kind: 'person', gender: 'female', nationalities: ['NGA'], charges: convicted(36) }],
  }),
];
const Q = 'q=zebrafinch';

beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.services);
  for (const c of CONTROLLED) expect((await post(c)).statusCode).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('statistics API', () => {
  it('lists the statistics and states the small-cell rule', async () => {
    const { status, body } = await get('/api/v1/stats');
    expect(status).toBe(200);
    expect(body.items.map((i: { name: string }) => i.name)).toEqual(STAT_NAMES);
    expect(body.minCell).toBe(3);
    expect(body.rule).toContain('fewer than 3');
  });

  it('counts cases by year, jurisdiction and art. 3 tags for a search; small cells read "fewer than 3"', async () => {
    const years = (await get(`/api/v1/stats/years?${Q}`)).body;
    expect(years.cases).toBe(5);
    expect(years.coverage).toMatch(/not trafficking prevalence/);
    // 2010..2014, one case a year: every year is a small cell; the gap-free axis keeps zeros as zeros.
    expect(years.rows.map((r: Row) => [r.value, r.cases])).toEqual(
      [2010, 2011, 2012, 2013, 2014].map((y) => [String(y), 'fewer than 3']),
    );
    const jur = rowsOf((await get(`/api/v1/stats/jurisdictions?${Q}`)).body);
    expect(jur.ITA).toMatchObject({ label: 'Italy', cases: 4 });
    expect(jur.ESP!.cases).toBe('fewer than 3');
    const purposes = (await get(`/api/v1/stats/purposes?${Q}`)).body;
    expect(purposes.note).toMatch(/Multi-valued/);
    expect(rowsOf(purposes).forced_labour!.cases).toBe(5);
    const forms = rowsOf((await get(`/api/v1/stats/forms?${Q}`)).body);
    expect(forms.transnational!.cases).toBe(4);
  });

  it('counts victims and defendants as persons, with the cases they rest on', async () => {
    const gender = (await get(`/api/v1/stats/victim-gender?${Q}`)).body;
    expect(gender.restsOn).toEqual({ cases: 5, what: 'cases record victims' });
    expect(rowsOf(gender).male).toMatchObject({ victims: 12, cases: 3 });
    expect(rowsOf(gender).female).toMatchObject({ victims: 'fewer than 3', cases: 'fewer than 3' });
    expect(rowsOf((await get(`/api/v1/stats/victim-nationality?${Q}`)).body).NGA).toMatchObject({
      label: 'Nigeria',
      victims: 13,
      cases: 4,
    });
    const age = rowsOf((await get(`/api/v1/stats/victim-age?${Q}`)).body);
    expect(age.adult).toMatchObject({ victims: 13, cases: 4 });
    const kind = rowsOf((await get(`/api/v1/stats/defendant-type?${Q}`)).body);
    expect(kind.person).toMatchObject({ defendants: 4, cases: 4 });
    expect(kind.legal_entity!.label).toMatch(/Company/);
  });

  it('summarises prison terms by jurisdiction and purpose; flows go from victim nationality to country', async () => {
    const prison = rowsOf((await get(`/api/v1/stats/prison-by-jurisdiction?${Q}`)).body);
    expect(prison.ITA).toMatchObject({ cases: 3, sentenced: 3, min: 60, q1: 90, median: 120, q3: 150, max: 180 });
    expect(prison.ESP).toMatchObject({ cases: 'fewer than 3', median: 'fewer than 3', max: 'fewer than 3' });
    const byPurpose = rowsOf((await get(`/api/v1/stats/prison-by-purpose?${Q}`)).body);
    expect(byPurpose.forced_labour).toMatchObject({ cases: 4, sentenced: 4, min: 36, median: 90, max: 180 });
    const flows = (await get(`/api/v1/stats/flows?${Q}`)).body;
    expect(flows.rows[0]).toMatchObject({ from: 'NGA', to: 'ITA', cases: 3, victims: 12, label: 'Nigeria → Italy' });
    expect(
      flows.rows
        .slice(1)
        .map((r: Row) => `${r.from}>${r.to}`)
        .sort(),
    ).toEqual(['NGA>ESP', 'ROU>ITA']);
  });

  it('compares jurisdictions under a profile, with links to the cases behind each cell', async () => {
    const { status, body } = await get(
      `/api/v1/stats/comparison?${Q}&jurisdiction=ITA,ESP,FRA&purposes=forced_labour&means=deception`,
    );
    expect(status).toBe(200);
    const r = rowsOf(body);
    expect(Object.keys(r)).toEqual(['ITA', 'ESP', 'FRA']);
    expect(r.ITA).toMatchObject({
      cases: 4,
      casesWithVerdict: 4,
      convictionShare: 75,
      sentenced: 3,
      medianPrisonMonths: 120,
      casesWithVictims: 4,
      victimsPerCase: 3.3,
    });
    expect(r.ESP).toMatchObject({
      cases: 'fewer than 3',
      convictionShare: 'fewer than 3',
      medianPrisonMonths: 'fewer than 3',
    });
    expect(r.FRA).toMatchObject({ cases: 0, convictionShare: null, medianPrisonMonths: null, victimsPerCase: null });
    // The link finds exactly the cases counted in the cell.
    const url = new URL(r.ITA!.casesUrl as string, 'http://x');
    const search = (await get(`/api/v1/search?${url.searchParams.toString()}&facets=false`)).body;
    expect(search.total).toBe(4);
    const convictions = new URL(r.ITA!.convictionsUrl as string, 'http://x');
    expect((await get(`/api/v1/search?${convictions.searchParams.toString()}&facets=false`)).body.total).toBe(3);
    expect((await get('/api/v1/stats/comparison?jurisdiction=ITA')).status).toBe(400);
    expect((await get('/api/v1/stats/comparison?jurisdiction=ITA,ESP,FRA,DEU,NLD,BEL,AUT')).status).toBe(400);
  });

  it('accepts exactly the search parameters: same total as search; bad input is a 400 naming the field', async () => {
    for (const qs of ['', 'q=fishing', 'purposes=forced_labour&region=150', 'q=traffick*+-acquitted&year_from=2000']) {
      const stats = (await get(`/api/v1/stats/jurisdictions?${qs}`)).body;
      const search = (await get(`/api/v1/search?${qs}&facets=false&limit=1`)).body;
      expect({ qs, total: stats.cases }).toEqual({ qs, total: search.total });
    }
    const bad = await get('/api/v1/stats/years?purposes=forced_labor');
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('forced_labor');
    expect(JSON.parse((await get('/api/v1/stats/years?q=%22debt')).body).error.code).toBe('QUERY_SYNTAX');
    expect((await get('/api/v1/stats/nope')).status).toBe(404);
    expect((await get('/api/v1/stats/years?format=xml')).status).toBe(400);
  });

  it('is documented in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).body;
    const op = doc.paths['/api/v1/stats/{name}'].get;
    expect(op.parameters.find((p: { name: string }) => p.name === 'name').schema.enum).toEqual(STAT_NAMES);
    expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'jurisdiction', 'purposes', 'year_from', 'format']),
    );
    expect(doc.paths['/api/v1/stats']).toBeDefined();
  });

  it('every CSV download parses back to the JSON rows', async () => {
    for (const name of STAT_NAMES) {
      const qs = name === 'comparison' ? 'jurisdiction=ITA,USA,GBR' : '';
      const json = (await get(`/api/v1/stats/${name}?${qs}`)).body;
      const csv = await get(`/api/v1/stats/${name}?${qs}&format=csv`);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      const parsed = parse(csv.body as string, { columns: true }) as Record<string, string>[];
      const expected = json.rows.map((r: Row) =>
        Object.fromEntries(
          json.columns.map((c: { key: string }) => [
            c.key,
            r[c.key] === null || r[c.key] === undefined ? '' : String(r[c.key]),
          ]),
        ),
      );
      expect({ name, rows: parsed }).toEqual({ name, rows: expected });
      expect(json.rows.length, name).toBeGreaterThan(0);
    }
  });

  it('a draft (or withdrawn) case never changes any figure; publishing it does', async () => {
    const all = async () =>
      Promise.all(
        STAT_NAMES.map((n) =>
          get(`/api/v1/stats/${n}?${n === 'comparison' ? 'jurisdiction=ITA,MLT' : ''}`).then((r) => r.body),
        ),
      );
    const before = await all();
    const draft = caseInput({
      id: 'zz-stat-draft',
      jurisdiction: 'MLT',
      status: 'draft',
      decisionDate: '1999',
      narratives: facts,
      tags: {
        acts: ['harbouring'],
        means: ['abduction'],
        purposes: ['organ_removal'],
        forms: ['internal'],
        sectors: ['mining'],
        offences: ['trafficking_children'],
      },
      victims: [{ kind: 'group', count: 50, gender: 'other', child: true, nationalities: ['LBY'] }],
      defendants: [{ kind: 'group', count: 9, gender: 'mixed', nationalities: ['LBY'], charges: convicted(999) }],
    });
    expect((await post(draft)).statusCode).toBe(201);
    expect(await all()).toEqual(before);
    await moveTo(t.app, 'zz-stat-draft', 'published');
    const published = await all();
    expect(published).not.toEqual(before);
    expect(rowsOf(published[STAT_NAMES.indexOf('victim-nationality')]).LBY).toMatchObject({
      label: 'Libya',
      victims: 'fewer than 3',
      cases: 'fewer than 3',
    });
    expect(rowsOf(published[STAT_NAMES.indexOf('comparison')]).MLT).toMatchObject({ cases: 'fewer than 3' });
    await moveTo(t.app, 'zz-stat-draft', 'withdrawn');
    expect(await all()).toEqual(before);
  });

  it('the Statistics page follows the search, states the rules, and explains bad choices', async () => {
    const page = await t.app.inject({ url: `/statistics?${Q}&compare=ITA,ESP` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>5 published cases</strong>');
    expect(page.body).toContain('shown as “fewer than 3”');
    expect(page.body).toContain('href="/api/v1/stats/years?q=zebrafinch&amp;format=csv"');
    expect(page.body).toMatch(/<table class="data compare">[\s\S]*Italy[\s\S]*Spain/);
    expect((await t.app.inject({ url: '/statistics?compare=ITA' })).body).toContain(
      'Choose 2 to 6 jurisdictions to compare (1 chosen).',
    );
    expect((await t.app.inject({ url: '/statistics?compare=ZZZ,ITA' })).body).toContain(
      'unknown jurisdiction code ZZZ',
    );
    expect((await t.app.inject({ url: '/statistics?purposes=forced_labor' })).statusCode).toBe(400);
    const none = (await t.app.inject({ url: '/statistics?q=zebrafinch+-zebrafinch' })).body;
    expect(none).toContain('<strong>0 published cases</strong>');
    expect(none).toContain('Nothing recorded for these cases.');
    expect((await t.app.inject({ url: `/search?${Q}` })).body).toContain(
      'href="/statistics?q=zebrafinch">Statistics for these results</a>',
    );
  });
});
