/**
 * The assistance pages in the pseudo-locale (en-XA): every visible text is marked (from the catalog)
 * or data (the demo records' own text, reference names of countries, regions and organisations).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { unmarkedText } from '../helpers/pseudo-locale.ts';
import { seedModules } from '../../src/app/boot.ts';
import { COUNTRIES, REGIONS } from '../../src/kernel/geo/countries.ts';
import { REGION } from '../../src/modules/assistance/domain/codelists.ts';

const PSEUDO = { 'accept-language': 'en-XA' };
let t: TestApp;
let data: string[];

function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (typeof v === 'number') out.push(String(v));
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

beforeAll(async () => {
  t = await makeTestApp({ pseudoLocale: true });
  await seedModules(t.services);
  const r = t.services.assistance;
  const records = await Promise.all(
    [r.activities, r.organisations, r.agreements, r.campaigns].map((s) => s.published()),
  );
  data = [
    ...strings(records.flat().map((s) => s.record)),
    ...COUNTRIES.map((c) => c.name),
    ...REGIONS.map((x) => x.name),
    ...REGION.map((x) => x.name),
  ];
});
afterAll(() => t.close());

const PAGES: [string, string][] = [
  ['activities', '/assistance'],
  ['activities, filtered', '/assistance?type=joint_programme&country=RWA'],
  ['activities, none', '/assistance?country=NZL'],
  ['an activity', '/assistance/rwa-unodc-iom-joint-programme'],
  ['an activity in a region', '/assistance/central-asia-joint-programme'],
  ['partners', '/assistance/partners'],
  ['agreements', '/assistance/agreements'],
  ['campaigns', '/assistance/campaigns'],
  ['reports', '/assistance/reports'],
  ['a missing activity', '/assistance/no-such-activity'],
  ['a bad filter', '/assistance?year=twenty'],
];

describe('pseudo-locale: the assistance pages', () => {
  it.each(PAGES)('%s (%s): all visible text comes from a catalog or is data', async (_name, url) => {
    const res = await t.app.inject({ url, headers: PSEUDO });
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('⟦');
    expect(unmarkedText(res.body, data)).toEqual([]);
  });
});
