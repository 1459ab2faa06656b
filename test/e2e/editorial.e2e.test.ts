/**
 * The editorial workflow in a real browser: a contributor drafts a case in the form (typing, a new
 * victim row, taxonomy boxes, a narrative), saves it and submits it; an editor publishes it from the
 * review queue; it is found by public search; the editor withdraws it and it is gone. axe-core on
 * the case form and the review queue; screenshots for the README; the form without JavaScript.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { createUser } from '../helpers/accounts.ts';
import { moveTo } from '../helpers/workflow.ts';
import { caseInput } from '../factories/case-factory.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import { chromiumAvailable, launch, SCREENSHOTS, seriousViolations } from './browser.ts';

describe.runIf(chromiumAvailable())('editorial workflow in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let contributor: { email: string; password: string };
  let editor: { email: string; password: string };

  beforeAll(async () => {
    t = await makeTestApp();
    await seedDemo(t.services);
    contributor = await createUser(t.services, 'contributor', 'carla@example.org');
    editor = await createUser(t.services, 'editor', 'edith@example.org');
    // Two other cases wait for review, so the queue looks like a working day.
    for (const title of ['Public Prosecutor v. Hendrawan', 'R v. Okafor and Mensah']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: AUTH,
        payload: { ...caseInput({ title, jurisdiction: title.startsWith('R v.') ? 'GBR' : 'IDN' }), status: 'draft' },
      });
      expect(res.statusCode, res.body).toBe(201);
      await moveTo(t.app, res.json().id, 'in_review');
    }
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function open(javaScriptEnabled = true): Promise<Page> {
    const ctx = await browser.newContext({ javaScriptEnabled, viewport: { width: 1280, height: 900 } });
    return ctx.newPage();
  }

  async function signIn(page: Page, who: { email: string; password: string }): Promise<void> {
    await page.goto(`${base}/login`);
    await page.fill('#email', who.email);
    await page.fill('#password', who.password);
    await Promise.all([page.waitForURL(`${base}/editor`), page.click('form[action="/login"] button[type=submit]')]);
  }

  /** Clicks a submit button and waits for the page the server answers with. */
  async function click(page: Page, selector: string, url: RegExp | string): Promise<void> {
    await Promise.all([page.waitForURL(url), page.click(selector)]);
  }

  const notice = (page: Page) => page.locator('p.notice[role=status]').textContent();

  it('contributor drafts and submits, editor publishes, public search finds it, withdrawal takes it down', async () => {
    const page = await open();

    // The contributor.
    await signIn(page, contributor);
    expect(await page.locator('h1').textContent()).toBe('Your cases');
    await click(page, 'main a.button[href="/editor/cases/new"]', `${base}/editor/cases/new`);
    await page.fill('#f-title', 'Prosecutor v. Zephyrine Okonkwo-Bassey');
    await page.selectOption('#f-jurisdiction', 'NGA');
    await page.fill('#f-court', 'Federal High Court, Lagos');
    await page.selectOption('#f-courtLevel', 'first_instance');
    await page.fill('#f-decisionDate', '2021-11-04');
    await page.fill(
      '#f-narratives-en-facts',
      'The accused recruited the victim from Benin City with a zephyrine promise of hairdressing work in Italy.',
    );
    // A victim row: the button posts the form; it comes back with the new row and its first field focused.
    await click(page, 'button[value="add:victims"]', `${base}/editor/cases/new`);
    // (autofocus is applied just after the load event)
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 5000 })
      .toBe('f-victims-0-kind');
    expect(await page.inputValue('#f-title')).toBe('Prosecutor v. Zephyrine Okonkwo-Bassey');
    await page.fill('#f-victims-0-label', 'Victim A');
    await page.selectOption('#f-victims-0-gender', 'female');
    await page.selectOption('#f-victims-0-child', 'yes');
    await page.fill('#f-victims-0-ageAtOffence', '17');
    await page.fill('#f-victims-0-nationalities', 'NGA');
    for (const box of [
      '#f-tags-acts-recruitment',
      '#f-tags-acts-transportation',
      '#f-tags-means-deception',
      '#f-tags-purposes-sexual_exploitation',
      '#f-tags-forms-transnational',
    ]) {
      await page.check(box);
    }
    await page.fill('#f-restricted-internalNotes', "Source: prosecutor's office, by phone.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('#f-identity').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SCREENSHOTS}editor.png` });
    await click(page, 'form.case-editor button.primary', /\/editor\/cases\/[^/?]+\?notice=draft-saved/);
    expect(await notice(page)).toBe('Draft saved');
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]!);
    const saved = (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: AUTH })).json();
    expect(saved).toMatchObject({
      status: 'draft',
      title: 'Prosecutor v. Zephyrine Okonkwo-Bassey',
      jurisdiction: 'NGA',
      court: 'Federal High Court, Lagos',
      decisionDate: '2021-11-04',
      victims: [
        { kind: 'person', label: 'Victim A', gender: 'female', child: true, ageAtOffence: 17, nationalities: ['NGA'] },
      ],
      tags: {
        acts: ['recruitment', 'transportation'],
        means: ['deception'],
        purposes: ['sexual_exploitation'],
        forms: ['transnational'],
        sectors: [],
        offences: [],
      },
    });
    expect(saved.narratives.en.facts).toContain('zephyrine promise');
    await click(page, 'form.transition button[value="in_review"]', /notice=moved/);
    expect(await notice(page)).toBe('Now in review');
    await click(page, 'form.signout button', /\/login\?notice=/);
    expect(await notice(page)).toBe('You are signed out.');
    expect((await page.goto(`${base}/editor`))!.url()).toMatch(/\/login\?next=%2Feditor$/);

    // The editor: the review queue, then publish.
    await signIn(page, editor);
    expect(await page.locator('h1').textContent()).toBe('Review queue');
    const inReview = page.locator('table.queue').first();
    expect(await inReview.locator('a').allTextContents()).toEqual(
      expect.arrayContaining([
        'Prosecutor v. Zephyrine Okonkwo-Bassey',
        'Public Prosecutor v. Hendrawan',
        'R v. Okafor and Mensah',
      ]),
    );
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SCREENSHOTS}review-queue.png` });
    await click(page, `table.queue a[href="/editor/cases/${id}"]`, `${base}/editor/cases/${id}`);
    expect(await page.locator('.warnings').count()).toBe(0); // no party name in the narrative
    await click(page, 'form.transition button[value="published"]', /notice=moved/);
    expect(await notice(page)).toBe('Now published');

    // Public search finds it; the public page shows no restricted field.
    await page.goto(`${base}/search?q=zephyrine`);
    const hits = page.locator('.hit h3 a');
    expect(await hits.allTextContents()).toEqual(['Prosecutor v. Zephyrine Okonkwo-Bassey']);
    await Promise.all([page.waitForURL(`${base}/cases/${id}`), hits.first().click()]);
    expect(await page.locator('h1').textContent()).toBe('Prosecutor v. Zephyrine Okonkwo-Bassey');
    expect(await page.content()).not.toContain("prosecutor's office, by phone");

    // The takedown.
    await page.goto(`${base}/editor/cases/${id}`);
    await click(page, 'form.transition button[value="withdrawn"]', /notice=moved/);
    expect(await notice(page)).toBe('Now withdrawn');
    await page.goto(`${base}/search?q=zephyrine`);
    expect(await page.locator('.hit').count()).toBe(0);
    expect((await page.goto(`${base}/cases/${id}`))!.status()).toBe(404);
    await page.context().close();
  });

  it(
    'without JavaScript the form still adds rows and a language, switches language tabs, and saves; ' +
      'Enter in a field saves rather than adding a row',
    async () => {
      const page = await open(false);
      await signIn(page, contributor);
      await page.goto(`${base}/editor/cases/new`);
      await page.fill('#f-title', 'Prosecutor v. Quirinal Noscript');
      await page.selectOption('#f-jurisdiction', 'ITA');
      await click(page, 'button[value="add:defendants"]', `${base}/editor/cases/new`);
      await page.fill('#f-defendants-0-label', 'Accused 1');
      await click(page, 'button[value="add:defendants.0.charges"]', `${base}/editor/cases/new`);
      await page.fill('#f-defendants-0-charges-0-charge', 'Riduzione in schiavitù');
      await page.selectOption('#f-defendants-0-charges-0-verdict', 'convicted');
      await page.check('#f-tags-purposes-forced_labour');
      // Language tabs work on CSS alone: the added language shows; a tab click switches panels.
      await page.fill('#f-narratives-en-facts', 'English facts.');
      await page.selectOption('#f-_newLanguage', 'it');
      await click(page, 'button[value="add:narratives"]', `${base}/editor/cases/new`);
      const shown = () =>
        page.$$eval('.lang-panel', (els) => els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.id));
      expect(await shown()).toEqual(['f-narratives-it']);
      await page.fill('#f-narratives-it-facts', 'Fatti del caso.');
      await page.click('.lang-tabs a[hreflang=en]');
      expect(await shown()).toEqual(['f-narratives-en']);
      expect(await page.inputValue('#f-narratives-en-facts')).toBe('English facts.');
      await page.fill('#f-court', 'Corte di Assise di Roma');
      await Promise.all([
        page.waitForURL(/\/editor\/cases\/[^/?]+\?notice=draft-saved/),
        page.press('#f-court', 'Enter'),
      ]);
      expect(await notice(page)).toBe('Draft saved');
      const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]!);
      const saved = (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: AUTH })).json();
      expect(saved).toMatchObject({
        title: 'Prosecutor v. Quirinal Noscript',
        jurisdiction: 'ITA',
        court: 'Corte di Assise di Roma',
        identifiers: [],
        defendants: [{ label: 'Accused 1', charges: [{ charge: 'Riduzione in schiavitù', verdict: 'convicted' }] }],
        tags: { purposes: ['forced_labour'] },
        narratives: { en: { facts: 'English facts.' }, it: { facts: 'Fatti del caso.' } },
      });
      await page.context().close();
    },
  );

  it('with JavaScript, leaving a case form with unsaved changes asks first; saving does not', async () => {
    const page = await open();
    await signIn(page, contributor);
    await page.goto(`${base}/editor/cases/new`);
    // Untouched: leaving asks nothing.
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.type());
      void d.accept();
    });
    await page.goto(`${base}/editor`);
    expect(asked).toEqual([]);
    await page.goto(`${base}/editor/cases/new`);
    await page.fill('#f-title', 'Prosecutor v. Unsaved');
    await page.goto(`${base}/editor`);
    expect(asked).toEqual(['beforeunload']);
    // Typing then saving (or adding a row) is no reason to ask.
    await page.goto(`${base}/editor/cases/new`);
    await page.fill('#f-title', 'Prosecutor v. Saved Properly');
    await page.selectOption('#f-jurisdiction', 'FRA');
    await click(page, 'button[value="add:victims"]', `${base}/editor/cases/new`);
    await click(page, 'form.case-editor button.primary', /notice=draft-saved/);
    expect(asked).toEqual(['beforeunload']);
    await page.context().close();
  });

  it('every other editor page type has no serious or critical accessibility violation (axe-core)', async () => {
    const admin = await createUser(t.services, 'admin', 'ada@example.org');
    const named = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: {
        ...caseInput({
          title: 'Prosecutor v. Axe',
          victims: [{ kind: 'person', label: 'Maria Santos' }],
          narratives: {
            en: { facts: 'Maria Santos was recruited.', reasoning: null, commentary: null, crossCutting: null },
            es: { facts: 'Hechos.', reasoning: null, commentary: null, crossCutting: null },
          },
        }),
        status: 'draft',
      },
    });
    const id = named.json().id as string;
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${id}`,
      headers: AUTH,
      payload: { court: 'Another court' },
    });
    await moveTo(t.app, id, 'in_review');
    const page = await open();
    const found: Record<string, string[]> = {};
    const check = async (label: string) => {
      const v = await seriousViolations(page);
      if (v.length) found[label] = v;
    };
    await page.goto(`${base}/login`);
    await check('/login');
    await page.fill('#email', admin.email);
    await page.fill('#password', 'wrong password');
    await Promise.all([page.waitForURL(`${base}/login`), page.click('form[action="/login"] button[type=submit]')]);
    await check('/login (error)');
    await signIn(page, admin);
    for (const path of [
      `/editor/cases/${id}`,
      `/editor/cases/${id}/history`,
      `/editor/cases/${id}/versions/2`,
      '/admin/users',
      '/admin/tokens',
      '/admin/audit',
      '/account',
    ]) {
      await page.goto(`${base}${path}`);
      await check(path);
    }
    // The case page with the publish refusal and with field errors.
    await page.goto(`${base}/editor/cases/${id}`);
    await click(page, 'form.transition button[value="published"]', `${base}/editor/cases/${id}/transition`);
    await check('publish refused');
    await page.goto(`${base}/editor/cases/${id}`);
    await page.fill('#f-title', '');
    await page.fill('#f-victims-0-ageAtOffence', 'ten');
    await click(page, 'form.case-editor button.primary', `${base}/editor/cases/${id}`);
    expect(await page.locator('#error-summary').count()).toBe(1);
    await check('case form with errors');
    expect(found).toEqual({});
    await page.context().close();
  });
});
