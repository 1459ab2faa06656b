/**
 * The spreadsheet import in Chromium, with and without JavaScript: an editor uploads a CSV of messy
 * values, sees the proposed mapping as a form (the ambiguous value marked), runs a dry run whose
 * report highlights the bad cell, settles the value, downloads the mapping, imports, and undoes the
 * batch, which runs as a job: its progress page fills its bar (JavaScript) or refreshes itself (without)
 * until the batch page opens. axe-core finds nothing serious on the upload, mapping, report, progress
 * and batch pages.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/accounts.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

const CSV = [
  'Case,Country,Victim nationality,Victims,Means',
  'Row A,Namibia,Namibian (implied),at least 3 (one per count),threats',
  'Row B,Brazil,Congolese,2,confiscation of documents',
].join('\n');

describe.runIf(chromiumAvailable())('spreadsheet import in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let editor: { email: string; password: string };
  const dir = mkdtempSync(join(tmpdir(), 'palermo-e2e-import-'));
  const file = join(dir, 'partner.csv');

  beforeAll(async () => {
    writeFileSync(file, CSV);
    t = await makeTestApp();
    editor = await createUser(t.services, 'editor', 'edith@example.org');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function click(page: Page, name: string | RegExp, url: RegExp | string): Promise<void> {
    await Promise.all([page.waitForURL(url), page.getByRole('button', { name }).click()]);
  }

  for (const javaScriptEnabled of [true, false]) {
    const js = javaScriptEnabled ? 'on' : 'off';
    it(`upload, mapping form, dry run with the bad cell, import and undo (JavaScript ${js})`, async () => {
      // axe-core runs in the page, so only where scripts run; the pages are the same either way.
      const axe = async (page: Page) => {
        if (javaScriptEnabled) expect(await seriousViolations(page)).toEqual([]);
      };
      const ctx = await browser.newContext({ javaScriptEnabled, acceptDownloads: true });
      const page = await ctx.newPage();
      await page.goto(`${base}/login`);
      await page.fill('#email', editor.email);
      await page.fill('#password', editor.password);
      await Promise.all([page.waitForURL(`${base}/editor`), page.click('form[action="/login"] button[type=submit]')]);
      await Promise.all([
        page.waitForURL(`${base}/editor/imports`),
        page.getByRole('link', { name: 'Import a spreadsheet' }).click(),
      ]);
      await axe(page);

      await page.setInputFiles('#import-file', file);
      await click(page, 'Propose a mapping', /\/editor\/imports\/[a-f0-9]{32}$/);
      expect(await page.getByRole('heading', { name: 'Mapping for partner.csv' }).count()).toBe(1);
      expect(await page.getByLabel('Country', { exact: true }).inputValue()).toBe('jurisdiction');
      expect(await page.getByLabel('Namibian (implied)').inputValue()).toBe('NAM');
      expect(await page.getByLabel('Congolese').inputValue()).toBe('');
      expect(await page.locator('tr.bad', { hasText: 'Congolese' }).textContent()).toContain('To fill in');
      expect(await page.locator('tr', { hasText: 'confiscation of documents' }).last().textContent()).toContain(
        'Proposal: confirm',
      );
      await axe(page);

      await click(page, 'Dry run', /\/editor\/imports\/[a-f0-9]{32}$/);
      expect(await page.locator('p[role=status]').first().textContent()).toContain('Nothing was written: 1 error');
      const bad = page.locator('table.report td.bad');
      expect(await bad.count()).toBe(1);
      expect(await bad.textContent()).toContain('Congolese');
      await axe(page);

      await page.getByLabel('Congolese').fill('COD');
      await click(page, 'Dry run', /\/editor\/imports\/[a-f0-9]{32}$/);
      expect(await page.locator('p[role=status]').first().textContent()).toContain('The file can be imported: 2 cases');
      expect(await page.locator('table.report td.warn').count()).toBeGreaterThan(0);

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Download the mapping' }).click(),
      ]);
      expect(download.suggestedFilename()).toBe('partner.mapping.yaml');
      expect(readFileSync((await download.path())!, 'utf8')).toMatch(/Congolese: COD/);

      // The import runs as a job. The server's runner is held for a moment, so the page is seen while the job
      // waits: then the job runs, and the script's polling (or the page's own refresh) follows it to the batch.
      const runNow = t.services.imports.kick;
      await t.services.imports.stop();
      t.services.imports.kick = () => Promise.resolve();
      await click(page, 'Import', /\/editor\/imports\/[a-f0-9]{32}\/progress$/);
      expect(await page.getByRole('heading', { name: 'Importing partner.csv' }).count()).toBe(1);
      expect(await page.locator('#import-progress').getAttribute('data-state')).toBe('running');
      expect(await page.locator('#import-progress-text').textContent()).toContain('Waiting to start');
      await axe(page);
      t.services.imports.kick = runNow;
      await t.services.imports.kick();
      t.services.imports.start();
      if (javaScriptEnabled) {
        // The script polls the status and fills the bar; at 100% it says so, then opens the batch.
        await page.waitForFunction(() => {
          const bar = document.getElementById('import-progress') as HTMLProgressElement | null;
          return !!bar && bar.value === bar.max && bar.textContent === '100%';
        });
        expect(await page.locator('#import-progress-text').textContent()).toContain('2 cases created');
      }
      // With JavaScript the script opens the batch; without, the page's meta refresh does.
      await page.waitForURL(/\/editor\/imports\/batches\/[^/?]+\?created=2/, { timeout: 20_000 });
      expect(await page.locator('p[role=status]').textContent()).toContain('2 cases created');
      await axe(page);
      await click(page, 'Undo this import', /\/editor\/imports\?notice=import-undone/);
      expect(await page.locator('p.notice[role=status]').textContent()).toContain('Import undone: 2 cases removed');
      await ctx.close();
    }, 120_000);
  }
});
