/**
 * The public site in a real browser: search, a facet click, a case, the language switch, the Atom
 * link; the same flows with JavaScript off; axe-core on every page type; screenshots for the README.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import { chromiumAvailable, launch, SCREENSHOTS, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('public site in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await makeTestApp();
    await seedDemo(t.services);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(javaScriptEnabled: boolean, width = 1280): Promise<Page> {
    const ctx = await browser.newContext({ javaScriptEnabled, viewport: { width, height: 900 } });
    return ctx.newPage();
  }

  for (const js of [true, false]) {
    it(`search, facet, case, language, feed ${js ? 'with' : 'without'} JavaScript`, async () => {
      const page = await open(js);
      await page.goto(`${base}/`);
      await page.fill('#home-q', 'domestic servitude');
      await Promise.all([page.waitForURL(/\/search\?q=domestic\+servitude/), page.press('#home-q', 'Enter')]);
      const before = await page.locator('.hit').count();
      expect(before).toBeGreaterThan(2);
      expect(await page.locator('mark').count()).toBeGreaterThan(0);

      // A facet: with JavaScript the click alone updates results and URL; without, the form's button.
      const facet = page.locator('form.facets input[name=jurisdiction][value=USA]');
      if (js) {
        await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
        await Promise.all([page.waitForURL(/jurisdiction=USA/), facet.check()]);
        await page.waitForSelector('form.facets input[name=jurisdiction][value=USA]:checked');
        // No full page load happened: the window object is the same.
        expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
      } else {
        await facet.check();
        await Promise.all([page.waitForURL(/jurisdiction=USA/), page.click('form.facets button[type=submit]')]);
      }
      await page.waitForSelector('form.facets input[name=jurisdiction][value=USA]:checked');
      const titles = await page.locator('.hit h3 a').allTextContents();
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.every((x) => /United States|Sabhnani|Calimlim|Kozminski|Dann/.test(x))).toBe(true);

      // The Atom link of this search.
      const feed = await page.locator('a', { hasText: 'Atom feed' }).getAttribute('href');
      const atom = await (await page.request.get(`${base}${feed}`)).text();
      expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');

      // Open a case, switch language.
      await page.goto(`${base}/search?q=siliadin`);
      await Promise.all([page.waitForURL(/\/cases\/siliadin-v-france/), page.locator('.hit h3 a').first().click()]);
      expect(await page.locator('h1').textContent()).toBe('Siliadin v. France');
      await Promise.all([page.waitForURL(/lang=fr/), page.click('.lang-switch a[hreflang=fr]')]);
      expect(await page.locator('div[lang=fr]').count()).toBe(1);
      await page.context().close();
    });
  }

  it('every page type has no serious or critical accessibility violation (axe-core)', async () => {
    const page = await open(true);
    const found: Record<string, string[]> = {};
    for (const path of [
      '/',
      '/search?q=forced+labour',
      '/cases/rantsev-v-cyprus-and-russia',
      '/countries/XIR',
      '/about',
      '/api',
      '/search?q=%22open',
    ]) {
      await page.goto(`${base}${path}`);
      const v = await seriousViolations(page);
      if (v.length) found[path] = v;
    }
    expect(found).toEqual({});
    await page.context().close();
  });

  it('works on a 360 px phone, and the README screenshots are taken', async () => {
    const phone = await open(true, 360);
    await phone.goto(`${base}/search?q=forced+labour`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await phone.context().close();
    const page = await open(true);
    await page.goto(`${base}/search?q=${encodeURIComponent('"forced labour"')}&jurisdiction=XIR`);
    await page.screenshot({ path: `${SCREENSHOTS}search.png` });
    await page.goto(`${base}/cases/hacienda-brasil-verde-workers-v-brazil`);
    await page.screenshot({ path: `${SCREENSHOTS}case.png` });
    await page.context().close();
  });
});
