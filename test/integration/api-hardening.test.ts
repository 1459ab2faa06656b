/**
 * Issue 21, found by fuzzing from outside: the import route's 500 on a body that is not JSON Lines
 * (and its wrong 415 text), validation before authentication on writes, and the rate limit's message.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';

describe('POST /api/v1/imports with a body that is not JSON Lines', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 });
  });
  afterAll(async () => t.close());

  it('answers 415 naming application/x-ndjson for no body, a JSON body, a text body and octet-stream', async () => {
    const tries = [
      { headers: AUTH },
      { headers: { ...AUTH, 'content-type': 'application/json' }, payload: '{"id":"x"}' },
      { headers: { ...AUTH, 'content-type': 'text/plain' }, payload: '{"id":"x"}\n' },
      { headers: { ...AUTH, 'content-type': 'application/octet-stream' }, payload: Buffer.from('{"id":"x"}\n') },
    ];
    for (const extra of tries) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/imports', ...extra });
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.json().error.message).toMatch(/application\/x-ndjson/);
      expect(res.json().error.message).not.toMatch(/application\/json/);
    }
  });

  it('still imports JSON Lines', async () => {
    const line = JSON.stringify(caseInput({ id: 'hardening-import-1' }));
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...AUTH, 'content-type': 'application/x-ndjson' },
      payload: `${line}\n`,
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('authentication before validation on writes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({ rateLimit: 0, rateLimitToken: 0 });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: caseInput({ id: 'hardening-case' }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
  afterAll(async () => t.close());

  const writes: [string, string, unknown][] = [
    ['POST', '/api/v1/cases/hardening-case/comments', { nope: 1 }],
    ['POST', '/api/v1/cases/hardening-case/transitions', { to: 42, extra: true }],
    ['PUT', '/api/v1/cases/hardening-case/restricted', { version: 'x' }],
    ['POST', '/api/v1/cases/hardening-case/versions/not-a-number/restore?acknowledge_warnings=maybe', {}],
    ['POST', '/api/v1/cases', { id: 12 }],
    ['PATCH', '/api/v1/cases/hardening-case', '{not json'],
    ['POST', '/api/v1/laws', { nope: true }],
    ['POST', '/api/v1/resources', []],
    ['POST', '/api/v1/activities', 'x'],
  ];
  for (const [method, url, payload] of writes) {
    it(`anonymous ${method} ${url.split('?')[0]} with a bad body is 401, not 400`, async () => {
      const res = await t.app.inject({
        method: method as 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHORIZED');
      expect(JSON.stringify(res.json())).not.toMatch(/comment|body|version|"to"/i);
    });
  }

  it('a write to a route that does not exist stays 404', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/no-such-thing', payload: {} });
    expect(res.statusCode).toBe(404);
  });
});

describe('the rate limit message', () => {
  it('names the window, not the time left', async () => {
    const t = await makeTestApp({ rateLimit: 2, rateLimitWindowSeconds: 60 });
    try {
      const ask = () => t.app.inject({ url: '/api/v1/taxonomy', remoteAddress: '10.9.9.9' });
      await ask();
      await ask();
      const res = await ask();
      expect(res.statusCode).toBe(429);
      expect(res.json().error.message).toMatch(/2 requests per 60 s for this client; retry after \d+ s/);
      expect(res.json().error.details).toMatchObject({ limit: 2, windowSeconds: 60 });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect(res.headers['x-ratelimit-limit']).toBe('2');
      expect(res.headers['x-ratelimit-remaining']).toBe('0');
      expect(Number(res.headers['x-ratelimit-reset'])).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
