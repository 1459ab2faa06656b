/**
 * The legislation pages in the pseudo-locale (en-XA): every visible text comes from a catalog or is
 * data (the demo laws and assessments, country names, checklist article codes, dates).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { unmarkedText } from '../helpers/pseudo-locale.ts';
import { COUNTRIES, REGIONS } from '../../src/kernel/geo/countries.ts';
import { seedLegislation } from '../../src/modules/legislation/seed/seed.ts';
import { DEMO_ASSESSMENTS, DEMO_LAWS } from '../../src/modules/legislation/seed/demo-laws.ts';
import { CURRENT_CHECKLIST } from '../../src/modules/legislation/index.ts';

const PSEUDO = { 'accept-language': 'en-XA' };
let t: TestApp;
let data: string[];

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string')
    out.push(v, ...(v.includes(' ') ? v.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 2) : []));
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

beforeAll(async () => {
  t = await makeTestApp({ pseudoLocale: true });
  await seedLegislation(t.services);
  data = [
    ...strings(DEMO_LAWS),
    ...strings(DEMO_ASSESSMENTS),
    ...strings(CURRENT_CHECKLIST.elements.map((e) => [e.articles, e.modelLaw])),
    ...COUNTRIES.map((c) => c.name),
    ...REGIONS.map((r) => r.name),
  ];
});
afterAll(() => t.close());

const PAGES: [string, string][] = [
  ['laws', '/laws'],
  ['law page, amended', '/laws/phl-ra-9208'],
  ['provision page', '/laws/gbr-modern-slavery-act-2015/provisions/sec_3'],
  ['gap report', '/compliance/GBR'],
  ['gap report as at a date', '/compliance/GBR?at=2020-01-01'],
  ['comparison', '/compliance'],
  ['comparison of a region', '/compliance?region=142'],
  ['countries lacking an element', '/compliance/elements/purposes_open_list'],
];

describe('pseudo-locale: the legislation pages', () => {
  it.each(PAGES)('%s (%s): all visible text comes from a catalog or is data', async (_name, url) => {
    const res = await t.app.inject({ url, headers: PSEUDO });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('⟦');
    expect(unmarkedText(res.body, data)).toEqual([]);
  });
});
