/**
 * The applicant's flow in a real browser: sign in, register an organisation, open the call, apply,
 * see the budget over the cap refused in the form, correct it, save, submit and see the status;
 * axe-core on the call page, the application form and the application page.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/accounts.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('grants applicant flow in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let callId = '';
  let applicant: { email: string; password: string };

  beforeAll(async () => {
    t = await makeTestApp();
    callId = (
      await t.services.grants.calls.createCall(
        {
          title: 'Small grants 2027',
          description: 'Support to victims across borders.',
          opensAt: '2026-01-01T00:00:00Z',
          closesAt: '2099-12-31T23:59:59Z',
          currency: 'USD',
          capPerYear: 25_000,
          maxYears: 3,
          questions: [{ id: 'remedies', text: 'How does the project give victims effective remedies?' }],
        },
        SYSTEM,
      )
    ).id;
    applicant = await createUser(t.services, 'contributor', 'amina@example.org');
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function click(page: Page, selector: string, url: RegExp | string): Promise<void> {
    await Promise.all([page.waitForURL(url), page.click(selector)]);
  }

  it('registers, applies, is refused over the cap, corrects, submits and sees the status', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${base}/login?next=/grants/applications`);
    await page.fill('#email', applicant.email);
    await page.fill('#password', applicant.password);
    await click(page, 'form[action="/login"] button[type=submit]', /\/grants\/applications$/);

    await click(page, 'a[href="/grants/organisations/new"]', /\/grants\/organisations\/new$/);
    await page.fill('#legalName', 'Harbour Legal Aid');
    await page.selectOption('#legalStatus', 'ngo');
    await page.fill('#registrationNumber', 'NGO-2016-114');
    await page.fill('#registrationCountry', 'KEN');
    await page.fill('#contactEmail', 'office@harbour.example.org');
    await page.fill('#timeZone', 'Africa/Nairobi');
    await click(page, 'form[action="/grants/organisations"] button[type=submit]', /\/grants\/applications$/);

    await page.goto(`${base}/grants/calls/${callId}`);
    expect(await page.locator('main').textContent()).toContain('Africa/Nairobi');
    expect(await seriousViolations(page)).toEqual([]);
    await click(page, `a[href="/grants/calls/${callId}/apply"]`, /\/apply$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#title', 'Legal aid for victims returning to Mombasa');
    await page.fill('#summary', 'Lawyers and shelter for victims returning through the port.');
    await page.fill('#countries', 'KEN, TZA');
    await page.fill('#themes', 'effective remedies');
    await page.fill('#durationYears', '2');
    await page.fill('#budget', '1; legal aid; 20000\n1; shelter; 9000');
    await page.fill('#answer_remedies', 'Compensation claims in court.');
    await Promise.all([page.waitForLoadState('load'), page.click('form[action$="/apply"] button[type=submit]')]);
    expect(await page.locator('[role=alert]').textContent()).toContain('year 1 totals 29000, over the cap of 25000');
    await page.fill('#budget', '1; legal aid; 20000\n2; shelter; 9000');
    await click(page, 'form[action$="/apply"] button[type=submit]', /\/grants\/applications\/app-/);
    expect(await page.locator('main').textContent()).toContain('Draft');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('form[action$="/submit"] button[type=submit]');
    await page.locator('main strong', { hasText: 'Submitted' }).waitFor();
    expect(await page.locator('form[action$="/submit"]').count()).toBe(0);
  });
});
