/**
 * The Statistics page in a real browser: reached in one click from a search, charts drawn, data
 * tables and CSV links present, the map, the comparison form, axe-core, a phone, the README screenshot.
 * Content: the demo briefs, plus the real SHERLOC summaries of ../shared when present.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import { chromiumAvailable, launch, SCREENSHOTS, seriousViolations } from './browser.ts';

const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url).pathname;

describe.runIf(chromiumAvailable())('Statistics page in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await makeTestApp();
    await seedDemo(t.services);
    if (existsSync(CORPUS))
      await t.services.jsonl.import(createInterface({ input: createReadStream(CORPUS, 'utf8'), crlfDelay: Infinity }), {
        format: 'sherloc',
      });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(width = 1280, javaScriptEnabled = true): Promise<Page> {
    const ctx = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
    return ctx.newPage();
  }

  it('one click from a search; charts render with their tables and CSV links; axe finds nothing serious', async () => {
    const page = await open();
    await page.goto(`${base}/search?q=labour&purposes=forced_labour`);
    await page.getByRole('link', { name: 'Statistics for these results' }).click();
    await page.waitForURL(/\/statistics\?/);
    const url = new URL(page.url());
    expect(url.searchParams.get('q')).toBe('labour');
    expect(url.searchParams.get('purposes')).toBe('forced_labour');

    const years = page.locator('#years');
    const bars = years.locator('svg.chart rect.bar');
    expect(await bars.count()).toBeGreaterThan(0);
    const box = await years.locator('svg.chart').boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(await years.locator('table.data tbody tr').count()).toBeGreaterThan(0);
    const csvHref = await years.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
    expect(csvHref).toMatch(/^\/api\/v1\/stats\/years\?.*format=csv/);
    const csv = await page.request.get(`${base}${csvHref}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\n')[0]).toBe('value,label,cases');

    await expect.poll(() => page.locator('svg.world-map path').count()).toBeGreaterThan(150);
    expect(await page.getByText(/not trafficking prevalence/).count()).toBeGreaterThan(5);
    expect(await page.getByText(/shown as “fewer than 3”/).count()).toBeGreaterThan(0);

    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('compares jurisdictions chosen in the form, without JavaScript, with links to the cases', async () => {
    const page = await open(1280, false);
    await page.goto(`${base}/statistics`);
    const boxes = page.locator('#comparison input[name=compare]');
    expect(await boxes.count()).toBeGreaterThan(2);
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.locator('#comparison select[name=purposes]').selectOption('forced_labour');
    await page.locator('#comparison button[type=submit]').click();
    await page.waitForURL(/compare=/);
    const table = page.locator('table.compare');
    expect(await table.locator('thead th').count()).toBe(3);
    const link = table.locator('tbody tr').first().locator('td a').first();
    const href = await link.getAttribute('href');
    expect(href).toMatch(/^\/search\?.*purposes=forced_labour.*jurisdiction=/);
    await link.click();
    await page.waitForURL(/\/search\?/);
    await page.context().close();
  });

  it('fits a 360 px phone; the README screenshot is taken', async () => {
    const phone = await open(360);
    await phone.goto(`${base}/statistics`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.context().close();
    const page = await open(1100);
    await page.goto(`${base}/statistics?compare=ARG&compare=PHL&compare=USA#map`);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({
      path: `${SCREENSHOTS}statistics.png`,
      fullPage: true,
      clip: { x: 0, y: 0, width: 1100, height: 1400 },
    });
    await page.context().close();
  });
});
