/**
 * The assistance register over the API: writes for editors' tokens with versions and audit, bad
 * input refused with nothing written, the workflow, the search kind `activity`, reports checked
 * against counts computed here, the IATI 2.03 export validated against the official XSD, and the
 * country profile section.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { activityInput } from '../factories/activity-factory.ts';
import { iatiErrors } from '../helpers/iati-xsd.ts';
import type { ActivityInput } from '../../src/modules/assistance/domain/schemas.ts';
import { MODULES } from '../../src/app/modules.ts';
import { createI18n } from '../../src/app/modules.ts';
import { ANONYMOUS } from '../../src/modules/platform/index.ts';

let t: TestApp;
const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers: AUTH, payload });
const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

async function publishedActivity(input: ActivityInput) {
  const r = await post('/api/v1/activities?status=published', input);
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('writes', () => {
  it('creates a draft, keeps versions and audit, moves it through the workflow', async () => {
    const created = await post('/api/v1/activities', activityInput('wf-1'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ id: 'wf-1', status: 'draft', version: 1 });
    expect((await get('/api/v1/activities/wf-1')).statusCode).toBe(404);
    expect((await get('/api/v1/activities/wf-1', AUTH)).statusCode).toBe(200);
    const edited = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/activities/wf-1?version=1',
      headers: AUTH,
      payload: activityInput('wf-1', { title: 'Renamed workshop' }),
    });
    expect(edited.json()).toMatchObject({ title: 'Renamed workshop', version: 2 });
    const stale = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/activities/wf-1?version=1',
      headers: AUTH,
      payload: activityInput('wf-1'),
    });
    expect(stale.statusCode).toBe(409);
    for (const to of ['in_review', 'published'])
      expect((await post('/api/v1/activities/wf-1/transitions', { to })).statusCode).toBe(200);
    expect((await get('/api/v1/activities/wf-1')).json()).toMatchObject({ status: 'published', version: 4 });
    const versions = (await get('/api/v1/activities/wf-1/versions', AUTH)).json().items;
    expect(versions.map((v: { action: string }) => v.action)).toEqual(['publish', 'submit', 'edit', 'create']);
    expect(versions[1].changed).toEqual(['status']);
    const audit = await t.services.store.audit.list({ limit: 50 });
    expect(audit.filter((e) => e.targetId === 'wf-1').map((e) => e.action)).toEqual(
      expect.arrayContaining(['activity.create', 'activity.edit', 'activity.submit', 'activity.publish']),
    );
  });

  it('refuses bad input with the field named, and writes nothing', async () => {
    const before = (await get('/api/v1/activities?status=draft', AUTH)).json().total;
    const cases: [Partial<ActivityInput> | Record<string, unknown>, string][] = [
      [{ actualStart: '2021-05-01', actualEnd: '2021-04-01' }, 'actualEnd'],
      [
        {
          recipientCountries: [
            { code: 'NGA', percentage: 50 },
            { code: 'GHA', percentage: 20 },
          ],
        },
        'recipientCountries',
      ],
      [{ participants: { total: 2, names: ['A', 'B'] } }, 'participants.names'],
      [{ activityStatus: '9' }, 'activityStatus'],
      [{ participatingOrgs: [{ name: 'X', role: '7' }] }, 'participatingOrgs.0.role'],
      [{ parentId: 'no-such-programme' }, 'parentId'],
      [{ participatingOrgs: [{ orgId: 'no-such-org', role: '4' }] }, 'participatingOrgs.0.orgId'],
    ];
    for (const [over, field] of cases) {
      const r = await post('/api/v1/activities', { ...activityInput('bad-1'), ...over });
      expect(r.statusCode, field).toBe(400);
      expect(r.json().error.code).toBe('VALIDATION_FAILED');
      expect(
        r.json().error.details.map((d: { path: string }) => d.path),
        field,
      ).toContain(field);
    }
    const role = await post('/api/v1/activities', {
      ...activityInput('bad-1'),
      participatingOrgs: [{ name: 'X', role: '7' }],
    });
    expect(role.json().error.details[0].allowed).toEqual(['1', '2', '3', '4']);
    expect((await get('/api/v1/activities?status=draft', AUTH)).json().total).toBe(before);
    expect((await get('/api/v1/activities/bad-1', AUTH)).statusCode).toBe(404);
  });

  it('refuses writes without a token and a programme that would be its own ancestor', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/activities', payload: activityInput('x') })).statusCode,
    ).toBe(401);
    await post('/api/v1/activities', activityInput('loop-a'));
    await post('/api/v1/activities', activityInput('loop-b', { parentId: 'loop-a' }));
    const loop = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/activities/loop-a',
      headers: AUTH,
      payload: activityInput('loop-a', { parentId: 'loop-b' }),
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.details[0]).toMatchObject({ path: 'parentId' });
  });

  it('partners, agreements and campaigns: create, publish, list', async () => {
    const org = await post('/api/v1/partners?status=published', {
      id: 'test-org',
      name: 'Test Organisation',
      kind: 'ngo',
    });
    expect(org.statusCode, org.body).toBe(201);
    const agreement = await post('/api/v1/agreements?status=published', {
      id: 'test-mou',
      kind: 'mou',
      title: 'Test MoU',
      parties: [{ orgId: 'test-org' }, { name: 'Another party' }],
      signed: '2020-05',
      start: '2020-06-01',
      end: '2020-05-01',
      scope: 'Testing',
      agreementStatus: 'signed',
    });
    expect(agreement.statusCode).toBe(400);
    expect(agreement.json().error.details[0].path).toBe('end');
    const okAgreement = await post('/api/v1/agreements?status=published', {
      id: 'test-mou',
      kind: 'mou',
      title: 'Test MoU',
      parties: [{ orgId: 'test-org' }, { name: 'Another party' }],
      scope: 'Testing',
      agreementStatus: 'signed',
    });
    expect(okAgreement.statusCode, okAgreement.body).toBe(201);
    const campaign = await post('/api/v1/campaigns?status=published', {
      id: 'test-campaign',
      name: 'Test campaign',
      description: 'A campaign of the tests',
      adopters: [{ country: 'NGA', date: '2019-01' }, { orgId: 'test-org' }],
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    expect((await get('/api/v1/partners')).json().items.map((o: { id: string }) => o.id)).toContain('test-org');
    expect((await get('/api/v1/agreements')).json().items[0].parties).toHaveLength(2);
    expect((await get('/api/v1/campaigns/test-campaign')).json().adopters[0]).toEqual({
      country: 'NGA',
      date: '2019-01',
    });
  });
});

describe('reads, search, reports and the IATI export', () => {
  const inputs: ActivityInput[] = [
    activityInput('r-1', { related: { cases: ['a-case-id'], resources: ['a-manual-id'], laws: [] } }),
    activityInput('r-2', {
      type: 'legislative_drafting',
      themes: ['legislative_assistance'],
      actualStart: '2022-06',
      actualEnd: '2022-06',
      plannedStart: null,
      plannedEnd: null,
      recipientCountries: [{ code: 'KEN' }],
      participantCountries: ['KEN', 'UGA'],
      participants: {
        byGender: [
          { gender: 'female', count: 5 },
          { gender: 'male', count: 3 },
        ],
        byProfession: [{ profession: 'judges', count: 8 }],
      },
      sectors: [{ code: '15130' }],
      recipientRegions: [],
      budgets: [],
      disbursements: [],
      results: [],
      currency: null,
      parentId: 'r-3',
    }),
    activityInput('r-3', {
      type: 'joint_programme',
      themes: ['legislative_assistance', 'victim_protection'],
      actualStart: '2022',
      actualEnd: null,
      plannedStart: null,
      plannedEnd: null,
      activityStatus: '2',
      recipientCountries: [{ code: 'KEN', percentage: 50 }],
      recipientRegions: [{ code: '1027', percentage: 50 }],
      participantCountries: [],
      participants: null,
    }),
  ];
  let all: ActivityInput[];

  beforeAll(async () => {
    await publishedActivity(inputs[2]!);
    await publishedActivity(inputs[0]!);
    await publishedActivity(inputs[1]!);
    await post('/api/v1/activities', activityInput('r-draft', { recipientCountries: [{ code: 'MLI' }] }));
    // Everything published in this file so far, for the counts.
    const published = (await get('/api/v1/activities')).json().items as (ActivityInput & { id: string })[];
    all = published;
  });

  it('lists with filters', async () => {
    const ids = async (q: string) =>
      (await get(`/api/v1/activities?${q}`)).json().items.map((a: { id: string }) => a.id);
    expect(await ids('country=KEN')).toEqual(['r-2', 'r-3']);
    expect(await ids('type=joint_programme')).toEqual(['r-3']);
    expect(await ids('theme=legislative_assistance')).toEqual(['r-2', 'r-3']);
    expect(await ids('year=2022&activity_status=2')).toEqual(['r-3']);
    expect(await ids('region=002&parent=r-3')).toEqual(['r-2']);
    expect(await ids('country=MLI')).toEqual([]);
    const bad = await get('/api/v1/activities?type=conference');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('type');
    expect((await get('/api/v1/activities?status=draft')).statusCode).toBe(403);
  });

  it('activities are the search kind `activity` (published only)', async () => {
    const r = await t.services.search.searchKinds({
      q: 'workshop',
      kinds: ['activity'],
      selection: {},
      limit: 50,
      facets: true,
    });
    const ids = r.hits.map((h) => h.id).sort();
    expect(ids).toContain('r-1');
    expect(ids).not.toContain('r-draft');
    const kenya = await t.services.search.searchKinds({
      q: '',
      kinds: ['activity'],
      selection: { activityCountry: ['KEN'] } as never, // the case-typed selection; the engine takes any facet
      limit: 50,
      facets: false,
    });
    expect(kenya.hits.map((h) => h.id).sort()).toEqual(['r-2', 'r-3']);
    // A rebuild of the index scans the register (inside the rebuild's transaction) and keeps the same hits.
    await t.services.engine.reindex();
    const rebuilt = await t.services.search.searchKinds({
      q: 'workshop',
      kinds: ['activity'],
      selection: {},
      limit: 50,
      facets: false,
    });
    expect(rebuilt.hits.map((h) => h.id).sort()).toEqual(ids);
    expect(t.services.database.dialect).toBe(process.env.PALERMO_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite');
    const api = await get('/api/v1/search?kind=activity&q=workshop');
    expect(api.statusCode, api.body).toBe(200);
    expect(api.body).not.toContain('r-draft');
  });

  it('reports match counts computed here, as JSON and CSV', async () => {
    const participants = (a: ActivityInput) => {
      const p = a.participants;
      if (!p) return 0;
      const sum = (xs: { count: number }[] = []) => xs.reduce((s, x) => s + x.count, 0);
      return p.total ?? Math.max(sum(p.byGender), sum(p.byProfession));
    };
    const year = (a: ActivityInput) => (a.actualStart ?? a.plannedStart)?.slice(0, 4);
    const expected = new Map<string, { activities: number; participants: number }>();
    for (const a of all) {
      const y = year(a);
      if (!y) continue;
      const g = expected.get(y) ?? { activities: 0, participants: 0 };
      g.activities += 1;
      g.participants += participants(a);
      expected.set(y, g);
    }
    const byYear = (await get('/api/v1/assistance/reports/by-year')).json();
    expect(byYear.rows).toEqual([...expected].sort().map(([y, g]) => ({ year: y, ...g })));

    const countries = new Map<string, number>();
    for (const a of all)
      for (const c of new Set([...(a.recipientCountries ?? []).map((x) => x.code), ...(a.participantCountries ?? [])]))
        countries.set(c, (countries.get(c) ?? 0) + 1);
    const rows = (await get('/api/v1/assistance/reports/countries')).json().rows;
    expect(
      Object.fromEntries(rows.map((r: { country: string; activities: number }) => [r.country, r.activities])),
    ).toEqual(Object.fromEntries(countries));

    const gender = new Map<string, number>();
    for (const a of all)
      for (const g of a.participants?.byGender ?? []) gender.set(g.gender, (gender.get(g.gender) ?? 0) + g.count);
    const csv = await get('/api/v1/assistance/reports/participants-by-gender?format=csv');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toBe(['gender,participants', ...[...gender].sort().map(([g, n]) => `${g},${n}`), ''].join('\n'));

    const types = (await get('/api/v1/assistance/reports/by-type')).json().rows;
    expect(types.find((r: { type: string }) => r.type === 'joint_programme')).toEqual({
      type: 'joint_programme',
      activities: all.filter((a) => a.type === 'joint_programme').length,
      participants: 0,
    });
    expect((await get('/api/v1/assistance/reports/nonsense')).statusCode).toBe(404);
  });

  it('the IATI export is valid against the 2.03 XSD, with identifiers, codelists and hierarchy', async () => {
    const r = await get('/api/v1/activities.iati.xml');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toMatch(/application\/xml/);
    expect(iatiErrors(r.body)).toEqual([]);
    const xml = r.body;
    expect(xml).toContain('<iati-identifier>XX-PALERMO-r-1</iati-identifier>');
    expect(xml).toContain('<recipient-country code="NG" percentage="60"/>');
    expect(xml).toContain('<recipient-region code="1027" vocabulary="1" percentage="50"/>');
    expect(xml).toContain('<sector vocabulary="1" code="15180" percentage="50"/>');
    expect(xml).toContain('<participating-org ref="XM-TEST-1" type="40" role="4">');
    expect(xml).toContain('<related-activity ref="XX-PALERMO-r-3" type="1"/>');
    expect(xml).toContain('<activity-date type="2" iso-date="2022-06-01">');
    expect(xml).not.toContain('r-draft');
    const one = await get('/api/v1/activities.iati.xml?type=legislative_drafting');
    expect(iatiErrors(one.body)).toEqual([]);
    expect(one.body.match(/<iati-activity /g)).toHaveLength(1);
    expect((await get('/api/v1/activities.iati.xml?country=MLI')).statusCode).toBe(404);
  });

  it('a configured reporting organisation names the identifiers', async () => {
    const other = await makeTestApp({
      iatiReportingOrg: { ref: 'XM-DAC-99999', name: 'A reporting body', type: '40' },
    });
    try {
      const r = await other.app.inject({
        method: 'POST',
        url: '/api/v1/activities?status=published',
        headers: AUTH,
        payload: activityInput('c-1'),
      });
      expect(r.statusCode).toBe(201);
      const xml = (await other.app.inject({ url: '/api/v1/activities.iati.xml' })).body;
      expect(xml).toContain('<iati-identifier>XM-DAC-99999-c-1</iati-identifier>');
      expect(xml).toContain('<reporting-org ref="XM-DAC-99999" type="40">');
      expect(iatiErrors(xml)).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('the country profile section: published activities of the country, rendered', async () => {
    const mod = MODULES.find((m) => m.name === 'assistance')!;
    const section = mod.countrySections!({ services: t.services, config: t.config })[0]!;
    expect(section).toMatchObject({ id: 'assistance', order: 50 });
    const data = (await section.load('KEN')) as { activities: { id: string; roles: string[] }[] };
    expect(data.activities.map((a) => [a.id, a.roles])).toEqual([
      ['r-2', ['recipient', 'participants']],
      ['r-3', ['recipient']],
    ]);
    expect(await section.load('MLI')).toBeNull(); // only a draft concerns Mali
    const tr = createI18n().translator('en');
    const out = section.render(data, tr).value;
    expect(out).toContain('Assistance received');
    expect(out).toContain('href="/assistance/r-2"');
    expect(ANONYMOUS.kind).toBe('anonymous');
  });

  it('the pages render published activities, partners, agreements, campaigns and reports', async () => {
    const list = await get('/assistance?country=KEN');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('href="/assistance/r-3"');
    expect(list.body).not.toContain('r-draft');
    expect((await get('/assistance/r-2')).body).toContain('Judges and judicial officers');
    expect((await get('/assistance/r-draft')).statusCode).toBe(404);
    const r1 = (await get('/assistance/r-1')).body;
    expect(r1).toContain('<a href="/cases/a-case-id">a-case-id</a>');
    expect(r1).toContain('a-manual-id');
    for (const p of ['partners', 'agreements', 'campaigns', 'reports'])
      expect((await get(`/assistance/${p}`)).statusCode, p).toBe(200);
    expect((await get('/assistance/reports')).body).toContain('World map of technical assistance by country');
    const openapi = (await get('/api/v1/openapi.json')).json();
    for (const path of [
      '/api/v1/activities',
      '/api/v1/activities/{id}',
      '/api/v1/activities.iati.xml',
      '/api/v1/partners',
    ])
      expect(openapi.paths[path], path).toBeDefined();
    expect(openapi.tags.map((x: { name: string }) => x.name)).toContain('assistance');
  });
});
