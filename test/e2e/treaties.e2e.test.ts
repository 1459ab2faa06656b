/**
 * The Protocol's status page and a country profile in Chromium: chart, map and table present, no serious axe
 * violation, and no horizontal overflow at 360 px; the profile with and without a case-law section.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedModules } from '../../src/app/boot.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('treaty pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await makeTestApp();
    await seedModules(t.services);
    // The test's own notification and link (not facts), so the page shows those sections too.
    const imp = (text: string) =>
      t.services.treatyImports.importFile(Buffer.from(text), { instrument: 'XVIII-12-a' }, SYSTEM);
    await imp('cn_ref,participant,kind,date,url\nC.N.1.2004.TREATIES-XVIII-12-a,Albania,ratification,2002-08-30,\n');
    await imp('participant,relation,other,date,source\nAlbania,successor_of,SCG,,https://example.org/test\n');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(width: number): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    return ctx.newPage();
  }
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('/treaties/XVIII-12-a: chart, map and table, accessible, fits 360 px', async () => {
    for (const width of [1280, 360]) {
      const page = await open(width);
      await page.goto(`${base}/treaties/XVIII-12-a`);
      expect(await page.locator('#timeline svg.chart rect.bar').count()).toBeGreaterThan(10);
      expect(await page.locator('svg.world-map path.c4').count()).toBeGreaterThan(40);
      expect(await page.locator('table.treaty-status tbody tr').count()).toBe(85);
      expect(await page.locator('.notice').textContent()).toContain('This table is partial');
      expect(await page.locator('table.treaty-notifications tbody tr').count()).toBe(1);
      expect(await page.locator('table.treaty-status .treaty-link').count()).toBe(1);
      // Angola: the partial table records 19 Oct 2014; the deposit of 9 Sep 2014 gives 9 Oct 2014.
      expect(await page.locator('.treaty-eif-differs').count()).toBeGreaterThan(0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await overflow(page), `horizontal overflow at ${width} px`).toBeLessThanOrEqual(0);
      // Sorting by a column header is a link: the page comes back sorted.
      await Promise.all([page.waitForURL(/sort=eif/), page.click('th a[href*="sort=eif"]')]);
      expect(await page.locator('th[aria-sort="ascending"]').count()).toBe(1);
      await page.context().close();
    }
  });

  it('the country profile with and without a case-law section, accessible at 360 px', async () => {
    const facets = (await t.app.inject({ url: '/api/v1/search?limit=1' })).json().facets.jurisdiction as {
      value: string;
    }[];
    const withCases = facets.find((f) => f.value !== 'XIR')!.value;
    const without = ['ALB', 'AND', 'BTN'].find((c) => !facets.some((f) => f.value === c))!;
    for (const [code, hasCases] of [
      [withCases, true],
      [without, false],
    ] as const) {
      const page = await open(360);
      await page.goto(`${base}/countries/${code}`);
      expect(await page.locator('section#treaties table tbody tr').count()).toBe(4);
      expect(await page.locator('section#cases').count()).toBe(hasCases ? 1 : 0);
      expect(await seriousViolations(page)).toEqual([]);
      expect(await overflow(page), `horizontal overflow on /countries/${code}`).toBeLessThanOrEqual(0);
      await page.context().close();
    }
  });
});
