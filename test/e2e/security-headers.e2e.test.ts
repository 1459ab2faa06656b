/**
 * Issue 21: security headers on every page, and no page of any type breaks its own Content-Security-
 * Policy (script-src 'self', no inline script) in a real Chromium: one page of each type, public
 * and editorial, with the browser's CSP violation reports collected.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, signIn } from '../helpers/accounts.ts';
import { seedModules } from '../../src/app/boot.ts';
import { chromiumAvailable, launch } from './browser.ts';

describe.runIf(chromiumAvailable())('security headers and CSP in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const firstId = async (list: string) =>
    /"id":"([^"]+)"/.exec((await t.app.inject({ url: `/api/v1/${list}` })).body)?.[1] ?? 'missing';

  beforeAll(async () => {
    t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 });
    await seedModules(t.services);
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launch();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('every page sends CSP, frame-ancestors, Referrer-Policy; HSTS only over HTTPS', async () => {
    for (const url of ['/', '/search?q=labour', '/login', '/api/v1/taxonomy', '/assets/site.js']) {
      const res = await t.app.inject({ url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe-eval');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
    const https = await makeTestApp({ trustProxy: true });
    try {
      const res = await https.app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' } });
      expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    } finally {
      await https.close();
    }
  });

  it('no page of any type logs a CSP violation', async () => {
    const caseId = (await t.app.inject({ url: '/api/v1/search?limit=1' })).json().hits[0].id as string;
    const pages = [
      '/',
      '/search?q=forced+labour',
      '/search?q=Dosar+nr+1ra+-+433%2F2009',
      `/cases/${caseId}`,
      '/statistics',
      '/about',
      '/treaties',
      '/countries/PHL',
      '/laws',
      `/laws/${await firstId('laws')}`,
      '/compliance',
      '/library',
      `/library/${await firstId('resources')}`,
      '/assistance',
      '/grants',
      '/login',
      '/api/v1/docs/',
    ];
    const editor = await createUser(t.services, 'editor');
    const cookies = await signIn(t.app, editor.email);
    const ctx = await browser.newContext();
    await ctx.addCookies(Object.entries(cookies).map(([name, value]) => ({ name, value, url: base })));
    const page = await ctx.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(m.text()))
        violations.push(`${page.url()}: ${m.text()}`);
    });
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { reportCspViolation: (v: string) => void }).reportCspViolation(
          `${location.pathname}: ${e.violatedDirective} ${e.blockedURI}`,
        ),
      );
    });
    for (const path of [...pages, '/editor', `/editor/cases/${caseId}`]) {
      const res = await page.goto(`${base}${path}`, { waitUntil: 'load' });
      expect(res?.status(), path).toBeLessThan(400);
      await page.waitForTimeout(50);
    }
    expect(violations).toEqual([]);
  }, 180_000);
});
