/**
 * Issue 21: a typed client generated from the document (openapi-typescript types, openapi-fetch)
 * drives the main flows against a real server listening on a port: search with facets, case read,
 * create a draft, transition, import, export, statistics. A drift between document and server fails
 * here: the committed types must be what the served document gives (else `npm run api:types`, and
 * tsc shows what moved), and each answer must have the documented status and shape.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import createClient from 'openapi-fetch';
import type { paths, components } from './palermo-api.d.ts';
import { apiTypes, TYPES_FILE } from './api-types.ts';
import { makeTestApp, ADMIN_TOKEN, type TestApp } from '../helpers/test-app.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import { createToken, createUser } from '../helpers/accounts.ts';
import { SYSTEM, userActor } from '../../src/modules/platform/index.ts';

let t: TestApp;
let baseUrl: string;
const api = () => createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
const anonymous = () => createClient<paths>({ baseUrl });

beforeAll(async () => {
  t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 }, 'sqlite');
  await seedDemo(t.services);
  baseUrl = await t.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => t.close());

describe('the generated client', () => {
  it('was generated from the document this server serves (no drift)', async () => {
    const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as Record<string, unknown>;
    expect(await apiTypes(doc)).toBe(readFileSync(TYPES_FILE, 'utf8'));
  });

  it('searches with facets, reads a case, and gets the statistics', async () => {
    const search = await anonymous().GET('/api/v1/search', {
      params: { query: { q: 'trafficking', purposes: ['forced_labour'], facets: 'true', limit: 5 } },
    });
    expect(search.response.status).toBe(200);
    const result: components['schemas']['SearchResult'] = search.data!;
    expect(result.total).toBeGreaterThan(0);
    expect(result.facets.purposes?.some((f) => f.value === 'forced_labour')).toBe(true);
    expect(result.corrected).toBeNull();
    const first = result.hits[0]!;
    const read = await anonymous().GET('/api/v1/cases/{id}', { params: { path: { id: first.id } } });
    expect(read.response.status).toBe(200);
    expect(read.data!.id).toBe(first.id);
    expect(read.data!.status).toBe('published');

    const corrected = await anonymous().GET('/api/v1/search', { params: { query: { q: 'forced - labour' } } });
    expect(corrected.data!.corrected).toMatchObject({ from: 'forced - labour', to: 'forced labour' });

    const stats = await anonymous().GET('/api/v1/stats');
    expect(stats.response.status).toBe(200);
    const years = await anonymous().GET('/api/v1/stats/{name}', { params: { path: { name: 'years' } } });
    expect(years.response.status).toBe(200);
  });

  it('creates a draft, moves it to review and publishes it', async () => {
    const body: components['schemas']['CaseInput'] = {
      id: 'typed-client-case',
      title: 'Prosecutor v. Typed Client',
      jurisdiction: 'PHL',
      decisionDate: '2020-03',
      narratives: { en: { facts: 'Workers were recruited by deception and held in debt bondage.' } },
    };
    const created = await api().POST('/api/v1/cases', { body });
    expect(created.response.status, JSON.stringify(created.error)).toBe(201);
    expect(created.data!.status).toBe('draft');
    const denied = await anonymous().POST('/api/v1/cases/{id}/transitions', {
      params: { path: { id: 'typed-client-case' } },
      body: { to: 'in_review' },
    });
    expect(denied.response.status).toBe(401);
    expect(denied.error!.error.code).toBe('UNAUTHORIZED');
    for (const to of ['in_review', 'published'] as const) {
      const moved = await api().POST('/api/v1/cases/{id}/transitions', {
        params: { path: { id: 'typed-client-case' } },
        body: { to, acknowledgeWarnings: true },
      });
      expect(moved.response.status, JSON.stringify(moved.error)).toBe(200);
      expect(moved.data!.status).toBe(to);
    }
  });

  it('imports JSON Lines and exports them again', async () => {
    const line = JSON.stringify({ id: 'typed-client-import', title: 'Prosecutor v. Imported', jurisdiction: 'THA' });
    const imported = await api().POST('/api/v1/imports', {
      params: { query: { format: 'jsonl' } },
      body: `${line}\n`,
      bodySerializer: (b: string) => b,
      headers: { 'content-type': 'application/x-ndjson' },
    });
    expect(imported.response.status, JSON.stringify(imported.error)).toBe(201);
    expect(imported.data!.created).toBe(1);
    const exported = await anonymous().GET('/api/v1/export', {
      params: { query: { format: 'jsonl', q: 'Typed Client' } },
      parseAs: 'text',
    });
    expect(exported.response.status).toBe(200);
    expect(exported.response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(String(exported.data)).toContain('typed-client-case');
  });

  it("lists a grant application's attachment versions and downloads one, as its applicant", async () => {
    const g = t.services.grants;
    const u = await createUser(t.services, 'contributor', 'typed-client-applicant@example.org');
    const who = userActor({ id: u.id, email: u.email, role: 'contributor' });
    const call = await g.calls.createCall(
      {
        title: 'Typed client call',
        opensAt: '2020-01-01T00:00:00Z',
        closesAt: '2099-01-01T00:00:00Z',
        currency: 'USD',
        capPerYear: 1000,
        maxYears: 1,
        requiredAttachments: [{ id: 'registration', label: 'Registration' }],
      },
      SYSTEM,
    );
    const org = await g.calls.registerOrganisation(
      {
        legalName: 'Typed Client NGO',
        legalStatus: 'ngo',
        registrationNumber: 'TC-1',
        registrationCountry: 'KEN',
        contactEmail: 'office@typed-client.example.org',
      },
      who,
    );
    const app = await g.applications.createDraft(
      { callId: call.id, organisationId: org.id, title: 'Typed', durationYears: 1, currency: 'USD' },
      who,
    );
    const bytes = Buffer.from('Registered in Nairobi, 2011.');
    await g.attachments.attach(app.id, { requirement: 'registration', filename: 'reg.txt', bytes }, who);
    const token = await createToken(t.services, ['write'], u.id);
    const client = createClient<paths>({ baseUrl, headers: token.header });
    const list = await client.GET('/api/v1/grants/applications/{id}/attachments', {
      params: { path: { id: app.id } },
    });
    expect(list.response.status).toBe(200);
    const version = list.data!.attachments[0]!.versions[0]!;
    expect(version).toMatchObject({ version: 1, filename: 'reg.txt', contentType: 'text/plain; charset=utf-8' });
    const file = await client.GET('/api/v1/grants/applications/{id}/attachments/{requirement}/versions/{n}', {
      params: { path: { id: app.id, requirement: 'registration', n: '1' } },
      parseAs: 'arrayBuffer',
    });
    expect(file.response.status).toBe(200);
    expect(Buffer.from(file.data as ArrayBuffer).equals(bytes)).toBe(true);
    const other = await api().GET('/api/v1/grants/applications/{id}/attachments', { params: { path: { id: app.id } } });
    expect(other.response.status).toBe(404); // a partner token acts for no organisation
  });
});
