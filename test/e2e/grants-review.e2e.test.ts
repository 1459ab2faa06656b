/**
 * The reviewer's flow in a real browser: sign in, see the assignment waiting for a declaration (the
 * application itself refused until then), declare no conflict, read the blind application (the
 * applicant's name scrubbed from its text), score it; axe-core on each page.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/accounts.ts';
import { SYSTEM, userActor } from '../../src/modules/platform/index.ts';
import { chromiumAvailable, launch, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('grants reviewer flow in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let appId = '';
  let reviewer: { id: string; email: string; password: string };

  beforeAll(async () => {
    t = await makeTestApp();
    const g = t.services.grants;
    const callId = (
      await g.calls.createCall(
        {
          title: 'Blind call 2027',
          opensAt: '2026-01-01T00:00:00Z',
          closesAt: '2099-12-31T23:59:59Z',
          currency: 'USD',
          capPerYear: 25_000,
          maxYears: 3,
          blindReview: true,
          rubric: [{ id: 'relevance', label: 'Relevance to victims', weight: 1 }],
        },
        SYSTEM,
      )
    ).id;
    const applicant = await createUser(t.services, 'contributor', 'office@lakeside.example.org');
    const actor = userActor({ id: applicant.id, email: applicant.email, role: 'contributor' });
    const org = await g.calls.registerOrganisation(
      {
        legalName: 'Lakeside Legal Clinic',
        legalStatus: 'ngo',
        registrationNumber: 'LLC-77',
        registrationCountry: 'UGA',
        contactEmail: 'office@lakeside.example.org',
      },
      actor,
    );
    const a = await g.applications.createDraft(
      {
        callId,
        organisationId: org.id,
        title: 'Legal aid for returning victims',
        summary: 'Lakeside Legal Clinic represents victims in compensation claims; see www.lakeside.example.org.',
        durationYears: 1,
        currency: 'USD',
      },
      actor,
    );
    await g.applications.submit(a.id, actor);
    await g.decisions.decide(a.id, { to: 'eligible', reason: 'All checks pass' }, SYSTEM);
    reviewer = await createUser(t.services, 'contributor', 'reviewer@example.org');
    await g.reviews.assign(a.id, reviewer.id, SYSTEM);
    appId = a.id;
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

  it('declares no conflict, reads the scrubbed application and scores it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.goto(`${base}/login?next=/grants/reviews`);
    await page.fill('#email', reviewer.email);
    await page.fill('#password', reviewer.password);
    await click(page, 'form[action="/login"] button[type=submit]', /\/grants\/reviews$/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator('main').textContent()).not.toContain('Legal aid for returning victims');

    await page.goto(`${base}/grants/reviews/${appId}`);
    await page.waitForURL(/\/declaration$/);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator('main').textContent()).not.toContain('Lakeside');
    await page.check('#conflict-no');
    await click(page, 'form[action$="/declaration"] button[type=submit]', new RegExp(`/grants/reviews/${appId}$`));

    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain('Legal aid for returning victims');
    expect(main).toContain('represents victims in compensation claims');
    expect(main).not.toMatch(/Lakeside|lakeside/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.selectOption('#score_relevance', '4');
    await page.fill('#comment', 'Clear plan for compensation claims.');
    await click(page, `form[action="/grants/reviews/${appId}"] button[type=submit]`, /\?done=saved$/);
    await page.locator('[role=status]').waitFor();
    const ranked = await t.services.grants.reviews.meeting(
      (await t.services.grants.applications.get(appId, SYSTEM)).callId,
      SYSTEM,
    );
    expect(ranked[0]).toMatchObject({ applicationId: appId, mean: 4, reviews: 1 });
  });
});
