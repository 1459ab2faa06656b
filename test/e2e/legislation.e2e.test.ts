/**
 * The gap report in a real browser, on the demo content: elements as rows, results as coloured
 * cells with their evidence linked to the provision as assessed, the CSV link, the print layout
 * (header gone, colours kept), and axe-core finding nothing serious; the comparison page too.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedLegislation } from '../../src/modules/legislation/seed/seed.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('gap report in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await makeTestApp();
    await seedLegislation(t.services);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('shows coloured results with evidence, a CSV, a print layout, and passes axe', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${base}/compliance/GBR`);
    expect(await page.locator('h1').textContent()).toContain('United Kingdom');
    const rows = page.locator('table.gap tbody tr');
    expect(await rows.count()).toBeGreaterThan(20);
    const row = rows.filter({ hasText: 'Exploitation an open list' });
    const cell = row.locator('td.r-partially');
    expect(await cell.textContent()).toContain('Exploitation list closed');
    const bg = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bg).not.toBe('rgba(0, 0, 0, 0)');
    const evidence = cell.getByRole('link', { name: /Modern Slavery Act 2015, Meaning of exploitation/ });
    expect(await evidence.getAttribute('href')).toMatch(/^\/laws\/gbr-modern-slavery-act-2015\/provisions\/sec_3\?at=/);

    const href = await page.getByRole('link', { name: 'Download as CSV' }).getAttribute('href');
    const csv = await page.request.get(`${base}${href}`);
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await csv.text()).toContain('GBR,purposes_open_list,partially,exploitation_list_closed');

    expect(await seriousViolations(page)).toEqual([]);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await cell.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(bg);

    await evidence.click();
    await page.waitForURL(/\/provisions\/sec_3/);
    expect(await page.locator('h1').textContent()).toContain('s. 3');
    expect(await seriousViolations(page)).toEqual([]);

    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${base}/compliance`);
    expect(await page.locator('table.gap thead th').count()).toBeGreaterThanOrEqual(6);
    expect(await seriousViolations(page)).toEqual([]);
    await page.context().close();
  });
});
