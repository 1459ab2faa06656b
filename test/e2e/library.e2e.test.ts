/**
 * The library pages in Chromium: browse with facets (demo seed), search a phrase inside a PDF and
 * see the page it is on, the resource page with its files, cite box and related items, the
 * tombstone; axe-core finds nothing serious on any of them.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { seedLibrary } from '../../src/modules/library/seed/demo-resources.ts';
import { makePdf } from '../fixtures/documents.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('library pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let id = '';

  beforeAll(async () => {
    t = await makeTestApp();
    const lib = t.services.library;
    expect(await seedLibrary(lib)).toContain('seeded');
    expect(await seedLibrary(lib)).toBeNull();
    const r = await lib.resources.create(
      {
        type: 'training_curriculum',
        title: 'Training course for labour inspectors',
        corporateAuthors: ['United Nations Office on Drugs and Crime'],
        date: '2022',
        languages: [{ language: 'en' }],
        topics: ['labour_exploitation'],
        countries: ['THA'],
        related: { cases: ['some-case'], laws: [], treaties: [] },
      },
      SYSTEM,
    );
    id = r.id;
    const pdf = await makePdf(['Module one. Introduction.', 'Module two. Interviewing workers on fishing boats.']);
    await lib.files.upload({ resourceId: id, language: 'en', filename: 'course.pdf', bytes: pdf }, SYSTEM);
    await lib.resources.transition(id, { to: 'in_review' }, SYSTEM);
    await lib.resources.transition(id, { to: 'published' }, SYSTEM);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('browse with facets, find a phrase in a PDF with its page, open the resource and its citation', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/library`);
    expect(await page.locator('ol.hits > li').count()).toBeGreaterThanOrEqual(20);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole('checkbox', { name: /Issue paper/ }).check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/type=issue_paper/);
    const issuePapers = await page.locator('ol.hits > li').count();
    expect(issuePapers).toBeGreaterThanOrEqual(6);
    await page.goto(`${base}/library?q=${encodeURIComponent('"fishing boats"')}`);
    await expect.poll(() => page.locator('ol.hits > li').first().textContent()).toContain('page 2');
    await page.getByRole('link', { name: 'Training course for labour inspectors' }).click();
    await page.waitForURL(`${base}/library/${id}`);
    expect(await page.getByRole('link', { name: /Download course\.pdf/ }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Cite this' }).count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    const ris = await page.request.get(`${base}/api/v1/resources/${id}/citation?format=ris`);
    expect(await ris.text()).toContain('TI  - Training course for labour inspectors');
  });

  it('a withdrawn resource leaves an accessible tombstone pointing to its successor', async () => {
    const lib = t.services.library;
    const successor = 'global-report-on-trafficking-in-persons-2024';
    await lib.resources.transition(
      'global-report-on-trafficking-in-persons-2022',
      { to: 'withdrawn', reason: 'Replaced by the newer edition', successorId: successor },
      SYSTEM,
    );
    const page = await browser.newPage();
    const res = await page.goto(`${base}/library/global-report-on-trafficking-in-persons-2022`);
    expect(res?.status()).toBe(410);
    await page.getByRole('link', { name: 'Global Report on Trafficking in Persons 2024' }).click();
    await page.waitForURL(`${base}/library/${successor}`);
    await page.goBack();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
