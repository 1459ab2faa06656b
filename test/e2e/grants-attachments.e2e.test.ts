/**
 * An applicant uploads an attachment from the application page in Chromium, then downloads it from
 * the link beside its version: the browser saves the very bytes under the real (non-ASCII) name.
 * axe-core on the page with the links.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/accounts.ts';
import { SYSTEM, userActor } from '../../src/modules/platform/index.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

const NAME = 'Registro – São Paulo.txt';
const BYTES = Buffer.from('Registro n.º 2027, renovado en São Paulo.\n', 'utf8');

describe.runIf(chromiumAvailable())('grants attachment download in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let appId = '';
  let applicant: { id: string; email: string; password: string };

  beforeAll(async () => {
    t = await makeTestApp();
    const g = t.services.grants;
    const call = await g.calls.createCall(
      {
        title: 'Small grants 2027',
        opensAt: '2026-01-01T00:00:00Z',
        closesAt: '2099-12-31T23:59:59Z',
        currency: 'USD',
        capPerYear: 25_000,
        maxYears: 3,
        requiredAttachments: [{ id: 'registration', label: 'Registration certificate' }],
      },
      SYSTEM,
    );
    applicant = await createUser(t.services, 'contributor', 'lucia@example.org');
    const who = userActor({ id: applicant.id, email: applicant.email, role: 'contributor' });
    const org = await g.calls.registerOrganisation(
      {
        legalName: 'Casa Abrigo',
        legalStatus: 'ngo',
        registrationNumber: 'CA-1',
        registrationCountry: 'BRA',
        contactEmail: 'office@casa.example.org',
      },
      who,
    );
    appId = (
      await g.applications.createDraft(
        { callId: call.id, organisationId: org.id, title: 'Shelter in São Paulo', durationYears: 1, currency: 'USD' },
        who,
      )
    ).id;
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('uploads, lists the version with its link, and downloads the same bytes under the real name', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${base}/login?next=/grants/applications/${appId}`);
    await page.fill('#email', applicant.email);
    await page.fill('#password', applicant.password);
    await Promise.all([
      page.waitForURL(new RegExp(`/grants/applications/${appId}$`)),
      page.click('form[action="/login"] button[type=submit]'),
    ]);
    await page.setInputFiles('#attachment-file', { name: NAME, mimeType: 'text/plain', buffer: BYTES });
    await Promise.all([
      page.waitForURL(new RegExp(`/grants/applications/${appId}$`)),
      page.click('form[action$="/attachments"] button[type=submit]'),
    ]);
    const link = page.locator(`a[href="/grants/applications/${appId}/attachments/registration/versions/1"]`);
    expect(await link.textContent()).toBe('Download version 1');
    expect(await page.locator('main').textContent()).toContain(`Version 1: ${NAME}`);
    expect(await seriousViolations(page)).toEqual([]);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(NAME);
    expect(Buffer.compare(await readFile((await download.path())!), BYTES)).toBe(0);
    await context.close();
  });
});
