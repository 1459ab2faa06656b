/**
 * The six UN languages in Chromium: the search, case, statistics and treaty pages in each language
 * with `lang`/`dir` right and no serious axe violation; Arabic and Russian on a 360 px phone without
 * horizontal overflow; Arabic and Chinese screenshots for docs/screenshots/.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedModules } from '../../src/app/boot.ts';
import { chromiumAvailable, launch, SCREENSHOTS, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('the six languages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let pages: [string, string][];

  beforeAll(async () => {
    t = await makeTestApp();
    await seedModules(t.services);
    type Hit = { id: string; kind?: string };
    const hits = (await t.app.inject({ url: '/api/v1/search?q=labour&limit=10' })).json().hits as Hit[];
    const caseId = hits.find((h) => !h.kind || h.kind === 'case')!.id;
    pages = [
      ['search', '/search?q=labour'],
      ['case', `/cases/${encodeURIComponent(caseId)}`],
      ['statistics', '/statistics'],
      ['treaty', '/treaties/XVIII-12-a'],
    ];
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(width: number, height = 900): Promise<Page> {
    const ctx = await browser.newContext({ viewport: { width, height } });
    return ctx.newPage();
  }
  const overflow = (page: Page) =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('every language: lang and dir, and axe finds nothing serious', async () => {
    const page = await open(1280);
    const found: string[] = [];
    for (const lang of ['ar', 'zh', 'en', 'fr', 'ru', 'es']) {
      for (const [name, url] of pages) {
        await page.goto(`${base}/${lang}${url}`);
        const attrs = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
        expect(attrs, `${lang} ${name}`).toEqual([lang, lang === 'ar' ? 'rtl' : '']);
        found.push(...(await seriousViolations(page)).map((v) => `${lang} ${name}: ${v}`));
      }
    }
    expect(found).toEqual([]);
    await page.context().close();
  });

  it('Arabic and Russian fit a 360 px phone', async () => {
    const page = await open(360, 740);
    for (const lang of ['ar', 'ru']) {
      for (const [name, url] of pages) {
        await page.goto(`${base}/${lang}${url}`);
        expect(await overflow(page), `${lang} ${name}`).toBeLessThanOrEqual(0);
      }
    }
    await page.context().close();
  });

  it('Arabic charts run from the right with readable numbers; screenshots in Arabic and Chinese', async () => {
    const page = await open(1280, 1000);
    await page.goto(`${base}/ar/statistics`);
    const chart = page.locator('svg.chart').first();
    expect(await chart.evaluate((el) => getComputedStyle(el).transform)).toMatch(/^matrix\(-1, 0, 0, 1/);
    const label = chart.locator('text').first();
    expect(await label.evaluate((el) => getComputedStyle(el).transform)).toMatch(/^matrix\(-1, 0, 0, 1/);
    for (const lang of ['ar', 'zh']) {
      for (const [name, url] of pages) {
        await page.goto(`${base}/${lang}${url}`);
        await page.screenshot({ path: `${SCREENSHOTS}${name}-${lang}.png` });
      }
    }
    await page.context().close();
  });
});
