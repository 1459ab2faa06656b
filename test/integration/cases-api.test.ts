import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { testBackend } from '../helpers/pg.ts';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { caseInput } from '../factories/case-factory.ts';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(async () => {
  await t.close();
});

const post = (body: unknown, headers: Record<string, string> = AUTH) =>
  t.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: body as object });

describe('cases API', () => {
  it('creates, reads, patches and deletes a case', async () => {
    const created = await post(caseInput({ title: 'United States v. Dann', jurisdiction: 'USA' }));
    expect(created.statusCode).toBe(201);
    const rec = created.json();
    expect(rec.id).toBe('united-states-v-dann');
    expect(created.headers.location).toBe('/api/v1/cases/united-states-v-dann');
    expect(rec.version).toBe(1);

    const got = await t.app.inject({ url: `/api/v1/cases/${rec.id}` });
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(rec);

    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${rec.id}`,
      headers: AUTH,
      payload: { court: 'US Court of Appeals, Ninth Circuit', version: 1 },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      court: 'US Court of Appeals, Ninth Circuit',
      version: 2,
      title: 'United States v. Dann',
    });
    expect(patched.json().victims).toEqual(rec.victims);

    const stale = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${rec.id}`,
      headers: AUTH,
      payload: { court: 'x', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details).toMatchObject({ field: 'version', expected: 2 });

    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/cases/${rec.id}`, headers: AUTH });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: `/api/v1/cases/${rec.id}` })).statusCode).toBe(404);
  });

  it('gives a second case with the same title its own readable id, and 409 on an explicit duplicate id', async () => {
    expect((await post(caseInput({ title: 'R v Tang' }))).json().id).toBe('r-v-tang');
    expect((await post(caseInput({ title: 'R v Tang' }))).json().id).toBe('r-v-tang-2');
    const dup = await post(caseInput({ id: 'r-v-tang', title: 'Another' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('CONFLICT');
  });

  it('lists published cases only to the public, everything to an editor', async () => {
    await post(caseInput({ id: 'pub', status: 'published' }));
    await post(caseInput({ id: 'draft', status: 'draft' }));
    const pub = await t.app.inject({ url: '/api/v1/cases' });
    expect(pub.json().items.map((c: { id: string }) => c.id)).toEqual(['pub']);
    expect((await t.app.inject({ url: '/api/v1/cases/draft' })).statusCode).toBe(404);
    const asEditor = await t.app.inject({ url: '/api/v1/cases?sort=created_asc', headers: AUTH });
    expect(asEditor.json().items.map((c: { id: string }) => c.id)).toEqual(['pub', 'draft']);
    const forbidden = await t.app.inject({ url: '/api/v1/cases?status=draft' });
    expect(forbidden.statusCode).toBe(403);
  });

  it('filters by jurisdiction, year range and tags, and pages with a cursor', async () => {
    for (let y = 2001; y <= 2012; y++) {
      await post(
        caseInput({
          id: `c${y}`,
          decisionDate: `${y}-01-15`,
          jurisdiction: y % 2 ? 'THA' : 'PHL',
          tags: { purposes: [y > 2008 ? 'forced_labour' : 'sexual_exploitation'] },
        }),
      );
    }
    const q = await t.app.inject({
      url: '/api/v1/cases?jurisdiction=THA,PHL&year_from=2005&year_to=2010&purposes=forced_labour',
    });
    expect(q.json().items.map((c: { id: string }) => c.id)).toEqual(['c2010', 'c2009']);
    const both = await t.app.inject({ url: '/api/v1/cases?jurisdiction=THA&jurisdiction=PHL&year_from=2011' });
    expect(both.json().items.map((c: { id: string }) => c.id)).toEqual(['c2012', 'c2011']);

    const ids: string[] = [];
    let url: string | null = '/api/v1/cases?limit=5';
    while (url) {
      const page: { items: { id: string }[]; next: string | null } = (await t.app.inject({ url })).json();
      ids.push(...page.items.map((c) => c.id));
      url = page.next;
    }
    expect(ids).toHaveLength(12);
    expect(ids[0]).toBe('c2012');
    expect(new Set(ids).size).toBe(12);
  });

  it('serves the taxonomy, countries, health and the OpenAPI document', async () => {
    const tax = (await t.app.inject({ url: '/api/v1/taxonomy' })).json();
    expect(tax.purposes.map((p: { code: string }) => p.code)).toContain('forced_criminality');
    expect(tax.acts.map((p: { code: string }) => p.code)).toContain('organizing_directing');
    const countries = (await t.app.inject({ url: '/api/v1/countries' })).json();
    expect(countries.items.find((c: { code: string }) => c.code === 'BOL').name).toBe(
      'Bolivia (Plurinational State of)',
    );
    expect(countries.items.find((c: { code: string }) => c.code === 'XIR').name).toBe(
      'International and Regional Bodies',
    );
    expect((await t.app.inject({ url: '/healthz' })).json()).toMatchObject({ status: 'ok', database: testBackend() });
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/cases', '/api/v1/cases/{id}', '/api/v1/taxonomy', '/api/v1/countries']),
    );
    expect(doc.components.schemas.CaseInput.properties.jurisdiction).toBeDefined();
    const docs = await t.app.inject({ url: '/api/v1/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toMatch(/swagger/i);
  });
});

describe('cases API: bad input', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the test reads whatever the body holds
  const expectError = (res: { statusCode: number; json(): any }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    const body = res.json();
    expect(body.error.code).toBe(code);
    expect(typeof body.error.message).toBe('string');
    expect(typeof body.requestId).toBe('string');
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at /); // no stack trace
    return body.error;
  };

  it('invalid JSON: 400 INVALID_JSON naming the position', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...AUTH, 'content-type': 'application/json' },
      payload: '{"title": "x", }',
    });
    const err = expectError(res, 400, 'INVALID_JSON');
    expect(err.message).toMatch(/position \d+/);
  });

  it('valid JSON of the wrong shape: 400 naming each field', async () => {
    const err = expectError(await post({ title: 42, jurisdiction: 'PHL', victims: 'two' }), 400, 'VALIDATION_FAILED');
    expect(err.details.map((d: { path: string }) => d.path).sort()).toEqual(['title', 'victims']);
    expectError(await post([1, 2]), 400, 'VALIDATION_FAILED');
  });

  it('an unknown taxonomy code lists the allowed codes', async () => {
    const err = expectError(await post(caseInput({ tags: { means: ['bribery'] } as never })), 400, 'VALIDATION_FAILED');
    expect(err.details[0]).toMatchObject({ path: 'tags.means.0' });
    expect(err.details[0].allowed).toEqual([
      'threat_force_coercion',
      'abduction',
      'fraud',
      'deception',
      'abuse_of_power_or_vulnerability',
      'payments_or_benefits',
    ]);
  });

  it('an unknown country', async () => {
    const err = expectError(await post(caseInput({ jurisdiction: 'Narnia' })), 400, 'VALIDATION_FAILED');
    expect(err.details[0]).toMatchObject({ path: 'jurisdiction' });
    expect(err.details[0].message).toMatch(/unknown country code 'Narnia'/);
  });

  it('a date that does not exist', async () => {
    const err = expectError(await post(caseInput({ decisionDate: '2021-02-30' })), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([
      { path: 'decisionDate', message: "invalid date '2021-02-30': 2021-02-30 does not exist (2021-02 has 28 days)" },
    ]);
  });

  it('a body over the size limit: 413, nothing written', async () => {
    const big = caseInput({ narratives: { en: { facts: 'x'.repeat(6 * 1024 * 1024) } } });
    expectError(await post(big), 413, 'PAYLOAD_TOO_LARGE');
    expect(await t.services.store.cases.count()).toBe(0);
  });

  it('a body that is not JSON: 415', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...AUTH, 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expectError(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('an unknown id: 404', async () => {
    expectError(await t.app.inject({ url: '/api/v1/cases/no-such-case' }), 404, 'NOT_FOUND');
    expectError(
      await t.app.inject({
        method: 'PATCH',
        url: '/api/v1/cases/no-such-case',
        headers: AUTH,
        payload: { title: 'x' },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await t.app.inject({ method: 'DELETE', url: '/api/v1/cases/no-such-case', headers: AUTH }),
      404,
      'NOT_FOUND',
    );
  });

  it('a missing or unknown token is 401; nothing is written', async () => {
    expectError(await post(caseInput(), {}), 401, 'UNAUTHORIZED');
    expectError(await post(caseInput(), { authorization: 'Bearer wrong-token' }), 401, 'UNAUTHORIZED');
    expectError(await post(caseInput(), { authorization: 'Basic dXNlcjpwYXNz' }), 401, 'UNAUTHORIZED');
    expectError(await t.app.inject({ method: 'DELETE', url: '/api/v1/cases/x' }), 401, 'UNAUTHORIZED');
    expect(await t.services.store.cases.count()).toBe(0);
  });

  it('the retired admin token is refused at start with what to do instead', () => {
    expect(() => loadConfig({ PALERMO_ADMIN_TOKEN: 'an-old-admin-token-value' }, {}, null)).toThrow(
      /PALERMO_ADMIN_TOKEN is retired.*palermo user add/,
    );
  });

  it('bad list parameters: unknown codes, page size, unknown parameter, tampered cursor', async () => {
    const err = expectError(
      await t.app.inject({ url: '/api/v1/cases?purposes=forced_labor' }),
      400,
      'VALIDATION_FAILED',
    );
    expect(err.details[0].path).toBe('purposes.0');
    expect(err.details[0].message).toMatch(/allowed: sexual_exploitation, forced_labour/);
    expectError(await t.app.inject({ url: '/api/v1/cases?limit=1000' }), 400, 'VALIDATION_FAILED');
    expectError(await t.app.inject({ url: '/api/v1/cases?colour=red' }), 400, 'VALIDATION_FAILED');
    for (let i = 0; i < 3; i++) await post(caseInput({ id: `k${i}` }));
    const page = (await t.app.inject({ url: '/api/v1/cases?limit=1' })).json();
    const [payload, sig] = page.nextCursor.split('.');
    const forged = Buffer.from(JSON.stringify({ s: 'x', k: ['', 1] })).toString('base64url');
    expectError(await t.app.inject({ url: `/api/v1/cases?limit=1&cursor=${forged}.${sig}` }), 400, 'INVALID_CURSOR');
    expectError(await t.app.inject({ url: `/api/v1/cases?limit=1&cursor=${payload}.AAAA` }), 400, 'INVALID_CURSOR');
    expectError(
      await t.app.inject({ url: `/api/v1/cases?limit=2&jurisdiction=PHL&cursor=${page.nextCursor}` }),
      400,
      'INVALID_CURSOR',
    );
  });

  it('an unknown route is a JSON 404', async () => {
    expectError(await t.app.inject({ url: '/api/v1/nope' }), 404, 'NOT_FOUND');
  });
});
