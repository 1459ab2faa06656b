/** The 974 real SHERLOC case summaries of ../shared: import, label counts, search and pages. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync, readFileSync, createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { SHERLOC_LABELS } from '../../src/modules/cases/importers/sherloc.ts';
import { resolveCountry } from '../../src/kernel/geo/countries.ts';

const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url).pathname;
const present = existsSync(CORPUS);
if (!present) console.warn(`real-corpus tests need ${CORPUS}; they do not run without it`);

describe.runIf(present)('the real SHERLOC corpus', () => {
  let t: TestApp;
  const rows = present
    ? readFileSync(CORPUS, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(
          (l) =>
            JSON.parse(l) as {
              article3: string[] | null;
              jurisdiction: string;
              year: number | null;
              form: string[] | null;
            },
        )
    : [];

  beforeAll(async () => {
    t = await makeTestApp();
    const r = await t.services.jsonl.import(
      createInterface({ input: createReadStream(CORPUS, 'utf8'), crlfDelay: Infinity }),
      { format: 'sherloc' },
    );
    expect(r.created).toBe(974);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('imports 974 cases whose article 3 tag counts equal the file label counts', async () => {
    expect(await t.services.store.cases.count()).toBe(974);
    const facets = (await t.services.search.search({ selection: {}, limit: 1, facets: true })).facets;
    for (const [label, [kind, code]] of Object.entries(SHERLOC_LABELS)) {
      const expected = rows.filter((r) => r.article3?.includes(label)).length;
      const got = facets[kind as 'acts' | 'means' | 'purposes']?.find((f) => f.value === code)?.count ?? 0;
      expect({ label, count: got }).toEqual({ label, count: expected });
    }
    const jurisdictions = new Set(rows.map((r) => r.jurisdiction));
    expect(facets.jurisdiction?.length).toBe(jurisdictions.size);
  });

  it('keeps the original source strings of normalised values', async () => {
    const bolivia = (await t.services.search.search({ selection: { jurisdiction: ['BOL'] }, limit: 5, facets: false }))
      .hits;
    expect(bolivia.length).toBe(rows.filter((r) => r.jurisdiction === 'Bolivia (Plurinational State of)').length);
    const rec = await t.services.store.cases.get(bolivia[0]!.id);
    expect(rec!.provenance.original).toMatchObject({ jurisdiction: 'Bolivia (Plurinational State of)' });
  });

  it('every page type renders on the real corpus', async () => {
    const top = (await t.services.search.search({ selection: {}, limit: 1, facets: true })).facets.jurisdiction!.slice(
      0,
      5,
    );
    const hits = (await t.services.search.search({ q: 'forced labour', selection: {}, limit: 10, facets: false })).hits;
    const urls = [
      '/',
      '/search',
      '/search?q=forced+labour&purposes=forced_labour',
      '/search.atom?q=brothel',
      '/about',
      ...top.map((j) => `/countries/${j.value}`),
      ...hits.map((h) => `/cases/${h.id}`),
    ];
    for (const url of urls) {
      const res = await t.app.inject({ url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
    }
  });

  it('statistics equal counts computed from the file, with the small-cell rule applied', async () => {
    const shown = (n: number) => (n > 0 && n < 3 ? 'fewer than 3' : n);
    const tally = (values: (string | null | undefined)[]) => {
      const m = new Map<string, number>();
      for (const v of values) if (v) m.set(v, (m.get(v) ?? 0) + 1);
      return m;
    };
    const stat = async (name: string) =>
      (await t.app.inject({ url: `/api/v1/stats/${name}` })).json() as {
        cases: number;
        rows: Record<string, string | number>[];
      };
    const asMap = (body: { rows: Record<string, string | number>[] }) =>
      Object.fromEntries(body.rows.map((r) => [r.value, r.cases]));
    const expectMap = (m: Map<string, number>) => Object.fromEntries([...m].map(([k, n]) => [k, shown(n)]));

    const years = await stat('years');
    expect(years.cases).toBe(rows.length);
    const byYear = tally(rows.map((r) => (r.year == null ? null : String(r.year))));
    const yearRows = Object.fromEntries(Object.entries(asMap(years)).filter(([, n]) => n !== 0));
    expect(yearRows).toEqual({ ...expectMap(byYear), unknown: shown(rows.filter((r) => r.year == null).length) });

    expect(asMap(await stat('jurisdictions'))).toEqual(
      expectMap(tally(rows.map((r) => resolveCountry(r.jurisdiction) ?? r.jurisdiction))),
    );
    expect(asMap(await stat('forms'))).toEqual(expectMap(tally(rows.flatMap((r) => [...new Set(r.form ?? [])]))));
    for (const kind of ['acts', 'means', 'purposes'] as const) {
      const labels = Object.entries(SHERLOC_LABELS).filter(([, [k]]) => k === kind);
      const expected = new Map<string, number>();
      for (const [label, [, code]] of labels) {
        const n = rows.filter((r) => r.article3?.includes(label)).length;
        if (n) expected.set(code, (expected.get(code) ?? 0) + n);
      }
      expect({ kind, counts: asMap(await stat(kind)) }).toEqual({ kind, counts: expectMap(expected) });
    }
  });

  it('the Statistics page renders every chart and the map on the real corpus', async () => {
    const res = await t.app.inject({ url: '/statistics?purposes=forced_labour' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('class="world-map"');
    expect((res.body.match(/<figure/g) ?? []).length).toBeGreaterThanOrEqual(18);
  });
});
