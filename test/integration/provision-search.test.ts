/**
 * Provisions as a search kind on both engines: words, the provision facets (jurisdiction, region,
 * article implemented, acts/means/purposes, in force or repealed) with their counts, snippets, draft
 * laws never indexed, a repeal moving a provision to `repealed`, and cases and provisions searched
 * together and narrowed by kind.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { caseInput } from '../factories/case-factory.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';

const provision = (eid: string, text: string, tags: Record<string, unknown>) => ({ eid, heading: null, text, tags });

function contract(backend: 'sqlite' | 'postgres'): void {
  describe(`provision search: ${backend}`, () => {
    let t: TestApp;
    const find = (q: string, selection: Record<string, string[]> = {}, kinds = ['provision']) =>
      t.services.search.searchKinds({ q, kinds, selection, limit: 20, facets: true });
    const count = (facets: Record<string, { value: string; count: number }[] | undefined>, f: string, v: string) =>
      facets[f]?.find((x) => x.value === v)?.count ?? 0;

    beforeAll(async () => {
      t = await makeTestApp({}, backend);
      const laws = t.services.laws;
      await laws.create(
        {
          id: 'phl-test',
          country: 'PHL',
          title: 'Philippine Test Act',
          type: 'act',
          adopted: '2003-05-26',
          status: 'published',
          provisions: [
            provision(
              'sec_3',
              'Trafficking means recruitment by deception or abuse of vulnerability for forced labour.',
              {
                articles: ['tip.3.a'],
                acts: ['recruitment'],
                means: ['deception', 'abuse_of_power_or_vulnerability'],
                purposes: ['forced_labour'],
              },
            ),
            provision('sec_5', 'Attempted trafficking is punished as trafficking.', { articles: ['tip.5.2.a'] }),
          ],
        },
        SYSTEM,
      );
      await laws.create(
        {
          id: 'gbr-test',
          country: 'GBR',
          title: 'British Test Act',
          type: 'act',
          adopted: '2015-03-26',
          status: 'published',
          provisions: [
            provision('sec_2', 'Arranging travel of a person by deception with a view to sexual exploitation.', {
              articles: ['tip.3.a'],
              acts: ['transportation'],
              means: ['deception'],
              purposes: ['sexual_exploitation'],
            }),
          ],
        },
        SYSTEM,
      );
      await laws.create(
        {
          id: 'phl-draft',
          country: 'PHL',
          title: 'Draft Bill',
          type: 'act',
          status: 'draft',
          provisions: [
            provision('sec_1', 'Recruitment by deception of draftmarker workers.', { means: ['deception'] }),
          ],
        },
        SYSTEM,
      );
      await laws.amend('phl-test', { by: 'Repealing Act', date: '2010-01-01', repeals: ['sec_5'] }, SYSTEM);
      await t.services.cases.create(
        caseInput({ title: 'People v. Deception Test', status: 'published', jurisdiction: 'PHL' }),
        SYSTEM,
      );
    });
    afterAll(() => t.close());

    it('finds provisions by words, with snippets, and never a draft law', async () => {
      const r = await find('deception');
      expect(r.hits.map((h) => h.id).sort()).toEqual(['gbr-test/sec_2', 'phl-test/sec_3']);
      const hit = r.hits.find((h) => h.id === 'phl-test/sec_3')!;
      expect(hit.kind).toBe('provision');
      expect(hit.snippet?.text).toContain('deception');
      expect(hit.snippet?.highlights.length).toBeGreaterThan(0);
      expect((await find('draftmarker')).total).toBe(0);
    });

    it('counts and narrows by jurisdiction, region, article, acts/means/purposes and in force', async () => {
      const all = await find('');
      expect(all.total).toBe(3);
      const f = all.facets as Record<string, { value: string; count: number }[]>;
      expect(count(f, 'jurisdiction', 'PHL')).toBe(2);
      expect(count(f, 'region', '150')).toBe(1); // Europe
      expect(count(f, 'article', 'tip.3.a')).toBe(2);
      expect(count(f, 'article', 'tip.5')).toBe(1);
      expect(count(f, 'means', 'deception')).toBe(2);
      expect(count(f, 'purposes', 'forced_labour')).toBe(1);
      expect(count(f, 'inForce', 'repealed')).toBe(1);
      expect((await find('', { jurisdiction: ['GBR'] })).hits.map((h) => h.id)).toEqual(['gbr-test/sec_2']);
      expect((await find('', { article: ['tip.5'] })).hits.map((h) => h.id)).toEqual(['phl-test/sec_5']);
      expect((await find('', { inForce: ['in_force'], means: ['deception'] })).total).toBe(2);
      expect((await find('', { purposes: ['sexual_exploitation'] })).hits.map((h) => h.id)).toEqual(['gbr-test/sec_2']);
    });

    it('searches cases and provisions together, and narrows by kind', async () => {
      const both = await find('deception', { jurisdiction: ['PHL'] }, ['case', 'provision']);
      expect(new Set(both.hits.map((h) => h.kind))).toEqual(new Set(['case', 'provision']));
      expect(count(both.facets as never, 'kind', 'provision')).toBe(1);
      const api = await t.app.inject({ url: '/api/v1/search?q=deception&kind=case&kind=provision&jurisdiction=PHL' });
      expect(api.statusCode, api.body).toBe(200);
      expect(api.json().total).toBe(both.total);
      const narrowed = await t.app.inject({ url: '/api/v1/search?q=deception&kind=provision' });
      expect(narrowed.json().hits.every((h: { kind: string }) => h.kind === 'provision')).toBe(true);
    });

    it('a rebuild of the index scans the provisions back in (published laws only)', async () => {
      await t.services.engine.reindex();
      expect((await find('deception')).hits.map((h) => h.id).sort()).toEqual(['gbr-test/sec_2', 'phl-test/sec_3']);
      expect((await find('draftmarker')).total).toBe(0);
    });

    it('a law moved back from published leaves the index at once', async () => {
      await t.services.laws.transition('gbr-test', 'withdrawn', SYSTEM);
      expect((await find('deception')).hits.map((h) => h.id)).toEqual(['phl-test/sec_3']);
    });
  });
}

contract('sqlite');
describe.skipIf(!pgTestUrl())(`provision search on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  contract('postgres');
});
