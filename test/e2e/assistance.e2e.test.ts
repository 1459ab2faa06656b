/**
 * The assistance register in Chromium, on the demo content: the activities list filtered through
 * its facet form, an activity, partners, agreements, campaigns and the reports page with its map;
 * axe-core finds nothing serious on any of them.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedModules } from '../../src/app/boot.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('assistance pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await makeTestApp();
    await seedModules(t.services);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('filters activities with the facet form and opens one', async () => {
    await page.goto(`${base}/assistance`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Type').selectOption('train_the_trainer');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.waitForURL(/type=train_the_trainer/);
    await expect.poll(() => page.locator('ul.activities li').count()).toBe(2);
    await page.getByRole('link', { name: /Venezuela/ }).click();
    await page.waitForURL(/\/assistance\/ven-2012-train-the-trainer$/);
    expect(await page.locator('h1').textContent()).toContain('Train-the-trainer workshop in Venezuela');
    expect(await page.locator('.source').textContent()).toContain('paragraph 23');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('partners, agreements, campaigns and reports (with the map) pass axe', async () => {
    for (const p of ['partners', 'agreements', 'campaigns', 'reports']) {
      await page.goto(`${base}/assistance/${p}`);
      expect(await seriousViolations(page), p).toEqual([]);
    }
    expect(await page.locator('svg.world-map path.c1, svg.world-map path.c2').count()).toBeGreaterThan(10);
    const csv = await page.request.get(`${base}/api/v1/assistance/reports/countries?format=csv`);
    expect((await csv.text()).split('\n')[0]).toBe('country,name,activities,participants');
  });
});
