/**
 * The one search API takes the URL parameter of every registered source's facet: provisions by
 * `article` and `in_force`, resources by `type` and `topic`, activities by `activity_country`, each
 * value checked by the facet's schema (a bad one names the parameter); the query language knows the
 * same filters (`article:`, `type:`); drafts are neither found nor counted. Also the library's list of
 * unpublished resources (`/api/v1/resources?status=draft`).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import { activityInput } from '../factories/activity-factory.ts';

let t: TestApp;
type Facets = Record<string, { value: string; count: number }[] | undefined>;
type Body = { total: number; hits: { kind: string; id: string }[]; facets: Facets; error?: { message: string } };
const get = async (url: string, headers: Record<string, string> = {}) => {
  const r = await t.app.inject({ method: 'GET', url, headers });
  return { status: r.statusCode, body: r.json() as Body, text: r.body };
};
const provision = (eid: string, text: string, articles: string[]) => ({ eid, heading: null, text, tags: { articles } });
const resource = (title: string, type: string, topics: string[]) => ({
  type,
  title,
  date: '2019',
  languages: [{ language: 'en', url: 'https://www.unodc.org/unodc/en/human-trafficking/' }],
  topics,
});

beforeAll(async () => {
  t = await makeTestApp();
  const laws = t.services.laws;
  const law = (id: string, status: string, provisions: unknown[]) =>
    laws.create(
      { id, country: 'PHL', title: `Facet Act ${id}`, type: 'act', adopted: '2003-05-26', status, provisions } as never,
      SYSTEM,
    );
  await law('phl-facet', 'published', [
    provision('sec_3', 'Trafficking in persons by deception for forced labour.', ['tip.3.a']),
    provision('sec_5', 'Attempted trafficking is punished.', ['tip.5.2.a']),
  ]);
  await law('phl-facet-draft', 'draft', [provision('sec_9', 'A draft trafficking clause.', ['tip.3.a'])]);
  const lib = t.services.library.resources;
  await lib.create(resource('Facet manual on trafficking', 'manual', ['criminal_justice']) as never, SYSTEM, {
    status: 'published',
  });
  await lib.create(resource('Facet toolkit on trafficking', 'toolkit', ['legislation']) as never, SYSTEM, {
    status: 'published',
  });
  await lib.create(resource('Facet draft manual', 'manual', ['criminal_justice']) as never, SYSTEM);
  for (const [id, status] of [
    ['facet-act-1', 'published'],
    ['facet-act-2', 'draft'],
  ]) {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/v1/activities${status === 'published' ? '?status=published' : ''}`,
      headers: AUTH,
      payload: activityInput(id as string),
    });
    expect(r.statusCode, r.body).toBe(201);
  }
});
afterAll(async () => t?.close());

describe('search facet parameters of every source', () => {
  it('filters provisions by article and in_force; drafts are neither found nor counted', async () => {
    const r = await get('/api/v1/search?kind=provision&article=tip.3.a');
    expect(r.status, r.text).toBe(200);
    expect(r.body.hits.map((h) => h.id)).toEqual(['phl-facet/sec_3']);
    expect(r.body.facets.article?.find((f) => f.value === 'tip.3.a')?.count).toBe(1);
    const inForce = await get('/api/v1/search?kind=provision&in_force=in_force&q=trafficking');
    expect(inForce.status, inForce.text).toBe(200);
    expect(inForce.body.total).toBe(2);
    expect((await get('/api/v1/search?kind=provision&in_force=repealed')).body.total).toBe(0);
  });

  it('the query language knows the provision and library filters', async () => {
    const r = await get(`/api/v1/search?kind=provision&q=${encodeURIComponent('article:tip.5.2.a')}`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.hits.map((h) => h.id)).toEqual(['phl-facet/sec_5']);
    const m = await get(`/api/v1/search?kind=resource&q=${encodeURIComponent('facet type:manual')}`);
    expect(m.status, m.text).toBe(200);
    expect(m.body.total).toBe(1);
  });

  it('filters resources by type and topic; the draft manual is not counted', async () => {
    const r = await get('/api/v1/search?kind=resource&type=manual');
    expect(r.status, r.text).toBe(200);
    expect(r.body.total).toBe(1);
    expect(r.body.facets.resourceType?.find((f) => f.value === 'manual')?.count).toBe(1);
    const topic = await get('/api/v1/search?kind=resource&topic=legislation');
    expect(topic.body.total).toBe(1);
    expect(topic.body.facets.topic?.find((f) => f.value === 'criminal_justice')?.count).toBe(1);
  });

  it('filters activities by activity_country; the draft activity is not counted', async () => {
    const r = await get('/api/v1/search?kind=activity&activity_country=NGA');
    expect(r.status, r.text).toBe(200);
    expect(r.body.hits.map((h) => h.id)).toEqual(['facet-act-1']);
    expect(r.body.facets.activityCountry?.find((f) => f.value === 'NGA')?.count).toBe(1);
    expect((await get('/api/v1/search?kind=activity&activity_country=PHL')).body.total).toBe(0);
  });

  it('a bad value names the parameter; an unknown parameter is still refused', async () => {
    for (const [url, param] of [
      ['/api/v1/search?kind=provision&in_force=maybe', 'in_force'],
      ['/api/v1/search?kind=resource&type=novel', 'type'],
      ['/api/v1/search?kind=provision&article=%3Cscript%3E', 'article'],
      ['/api/v1/search?kind=activity&activity_country=ng', 'activity_country'],
    ]) {
      const r = await get(url as string);
      expect(r.status, url).toBe(400);
      expect(r.text).toContain(param as string);
    }
    const unknown = await get('/api/v1/search?kind=resource&colour=red');
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('colour');
  });
});

describe('GET /api/v1/resources?status=', () => {
  it('lists unpublished resources for editors only', async () => {
    const r = await get('/api/v1/resources?status=draft', AUTH);
    expect(r.status, r.text).toBe(200);
    const items = (r.body as unknown as { items: { title: string }[] }).items;
    expect(items.map((i) => i.title)).toContain('Facet draft manual');
    expect(items.every((i) => !i.title.startsWith('Facet manual'))).toBe(true);
    expect((await get('/api/v1/resources?status=draft')).status).toBe(403);
    const bad = await get('/api/v1/resources?status=lost', AUTH);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('status');
  });
});
