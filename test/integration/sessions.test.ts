/** Sign-in, sessions, CSRF, lockout and rate limits, through the real forms and the real API. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import { cookieHeader, createToken, createUser, formToken, postForm, signIn, PASSWORD } from '../helpers/accounts.ts';

describe('sessions and CSRF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => t.close());

  it('signs in with a session cookie that is HttpOnly and SameSite, and signs out', async () => {
    const u = await createUser(t.services, 'editor');
    const { csrf, jar } = await formToken(t.app, '/login');
    const res = await postForm(t.app, '/login', jar, {
      _csrf: csrf,
      email: u.email,
      password: PASSWORD,
      next: '/editor',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/editor');
    const set = ([] as string[])
      .concat(res.headers['set-cookie'] as string | string[])
      .find((c) => c.startsWith('palermo_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).not.toMatch(/Secure/i); // plain http here; see the HTTPS test
    const session = await signIn(t.app, u.email);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieHeader(session) } });
    expect(me.json()).toMatchObject({ kind: 'user', label: u.email, role: 'editor' });
    expect((await t.app.inject({ url: '/editor', headers: { cookie: cookieHeader(session) } })).statusCode).toBe(200);
  });

  it('a stolen session cookie is worthless after sign-out', async () => {
    const u = await createUser(t.services, 'editor');
    const session = await signIn(t.app, u.email);
    const stolen = { ...session };
    const { csrf, jar } = await formToken(t.app, '/editor', session);
    expect((await postForm(t.app, '/logout', jar, { _csrf: csrf })).statusCode).toBe(303);
    const after = await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieHeader(stolen) } });
    expect(after.statusCode).toBe(401);
    const page = await t.app.inject({ url: '/editor', headers: { cookie: cookieHeader(stolen) } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/login\?next=/);
  });

  it('a forged form post (no CSRF token, or one from another browser) fails and changes nothing', async () => {
    const admin = await createUser(t.services, 'admin');
    const session = await signIn(t.app, admin.email);
    const before = (await t.services.accounts.listUsers(SYSTEM)).length;
    const fields = { email: 'forged@example.org', role: 'admin', password: 'forged password 123' };
    const noToken = await postForm(t.app, '/admin/users', session, fields);
    expect(noToken.statusCode).toBe(403);
    expect(noToken.body).toMatch(/CSRF/);
    const other = await formToken(t.app, '/login'); // an attacker's own token and cookie
    const foreign = await postForm(t.app, '/admin/users', session, { ...fields, _csrf: other.csrf });
    expect(foreign.statusCode).toBe(403);
    const after = (await t.services.accounts.listUsers(SYSTEM)).length;
    expect(after).toBe(before);
    // The same form with the page's own token works.
    const { csrf, jar } = await formToken(t.app, '/admin/users', session);
    expect(
      (await postForm(t.app, '/admin/users', jar, { ...fields, email: 'real@example.org', _csrf: csrf })).statusCode,
    ).toBe(303);
  });

  it('API writes ignore session cookies: a cross-site request cannot write through the API', async () => {
    const u = await createUser(t.services, 'admin');
    const session = await signIn(t.app, u.email);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: cookieHeader(session) },
      payload: { title: 'x', jurisdiction: 'FRA' },
    });
    expect(res.statusCode).toBe(401);
  });

  it('password change ends the other sessions, keeps this one, and the old password stops working', async () => {
    const u = await createUser(t.services, 'contributor');
    const a = await signIn(t.app, u.email);
    const b = await signIn(t.app, u.email);
    const { csrf, jar } = await formToken(t.app, '/account', a);
    const res = await postForm(t.app, '/account/password', jar, {
      _csrf: csrf,
      current: PASSWORD,
      password: 'a brand new passphrase',
    });
    expect(res.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieHeader(a) } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: cookieHeader(b) } })).statusCode).toBe(401);
    await expect(signIn(t.app, u.email)).rejects.toThrow(/401/);
    await signIn(t.app, u.email, 'a brand new passphrase');
  });

  it('a wrong current password or a short new one is named beside its field', async () => {
    const u = await createUser(t.services, 'contributor');
    const s = await signIn(t.app, u.email);
    const { csrf, jar } = await formToken(t.app, '/account', s);
    const wrong = await postForm(t.app, '/account/password', jar, {
      _csrf: csrf,
      current: 'not it at all',
      password: 'a brand new passphrase',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toMatch(/id="current-error"[^>]*>the current password is wrong|wrong password/);
    const short = await postForm(t.app, '/account/password', jar, {
      _csrf: csrf,
      current: PASSWORD,
      password: 'short',
    });
    expect(short.statusCode).toBe(400);
    expect(short.body).toMatch(/at least 12 characters/);
  });
});

describe('brute force and rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({
      loginMaxFailures: 3,
      loginLockMinutes: 15,
      rateLimit: 5,
      rateLimitToken: 8,
      rateLimitWindowSeconds: 60,
    });
  });
  afterAll(async () => t.close());

  it('locks an account after repeated wrong passwords, even against the right one, and logs it', async () => {
    const u = await createUser(t.services, 'editor');
    const attempt = async (password: string) => {
      const { csrf, jar } = await formToken(t.app, '/login');
      return postForm(t.app, '/login', jar, { _csrf: csrf, email: u.email, password });
    };
    for (let i = 0; i < 2; i++) expect((await attempt('guess number ' + i)).statusCode).toBe(401);
    const locking = await attempt('guess number 2');
    expect(locking.statusCode).toBe(429);
    expect(Number(locking.headers['retry-after'])).toBeGreaterThan(800);
    const right = await attempt(PASSWORD);
    expect(right.statusCode).toBe(429);
    expect(right.body).toMatch(/locked/);
    const log = await t.services.store.audit.list({ targetId: u.id, limit: 20 });
    expect(log.map((e) => e.action)).toEqual(
      expect.arrayContaining(['login.failure', 'login.lockout', 'login.locked']),
    );
    // An administrator's enable clears the lock.
    await t.services.accounts.updateUser(u.id, { disabled: false }, SYSTEM);
    expect((await attempt(PASSWORD)).statusCode).toBe(303);
  });

  it('an unknown email answers exactly like a wrong password', async () => {
    const { csrf, jar } = await formToken(t.app, '/login');
    const res = await postForm(t.app, '/login', jar, {
      _csrf: csrf,
      email: 'nobody@example.org',
      password: 'whatever it is',
    });
    expect(res.statusCode).toBe(401);
    expect(res.body).toMatch(/the email or the password is wrong/);
  });

  it('limits API requests per client address and per token, with 429 and Retry-After', async () => {
    const ip = (n: number) => ({ remoteAddress: `10.0.0.${n}` });
    for (let i = 0; i < 5; i++)
      expect((await t.app.inject({ url: '/api/v1/taxonomy', ...ip(1) })).statusCode).toBe(200);
    const limited = await t.app.inject({ url: '/api/v1/taxonomy', ...ip(1) });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
    // Another address has its own budget; pages are not limited.
    expect((await t.app.inject({ url: '/api/v1/taxonomy', ...ip(2) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/about', ...ip(1) })).statusCode).toBe(200);
    // A token has its own, larger budget, whatever address it comes from.
    const tok = await createToken(t.services, ['read']);
    for (let i = 0; i < 8; i++)
      expect((await t.app.inject({ url: '/api/v1/taxonomy', headers: tok.header, ...ip(1) })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/taxonomy', headers: tok.header, ...ip(3) })).statusCode).toBe(429);
  });
});

describe('cookies behind HTTPS', () => {
  it('marks the session cookie Secure when the proxy says the request came over HTTPS', async () => {
    const t = await makeTestApp({ trustProxy: true });
    try {
      const u = await createUser(t.services, 'editor');
      const login = await t.app.inject({ url: '/login', headers: { 'x-forwarded-proto': 'https' } });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(login.body)![1]!;
      const csrfCookie = login.cookies.find((c: { name: string }) => c.name === 'palermo_csrf')!;
      expect(csrfCookie).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
      const res = await t.app.inject({
        method: 'POST',
        url: '/login',
        headers: {
          'x-forwarded-proto': 'https',
          cookie: `palermo_csrf=${csrfCookie.value}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({ _csrf: csrf, email: u.email, password: PASSWORD }).toString(),
      });
      expect(res.statusCode).toBe(303);
      expect(res.cookies.find((c: { name: string }) => c.name === 'palermo_session')).toMatchObject({
        secure: true,
        httpOnly: true,
        sameSite: 'Lax',
      });
    } finally {
      await t.close();
    }
  });
});

describe('sign-in attempts per address', () => {
  it('limits POST /login per client address, across accounts (429 with Retry-After)', async () => {
    const t = await makeTestApp({ loginRateLimit: 3 });
    try {
      const from = (n: number) => ({ remoteAddress: `10.9.0.${n}` });
      const { csrf, jar } = await formToken(t.app, '/login');
      const attempt = (n: number, email: string) =>
        t.app.inject({
          method: 'POST',
          url: '/login',
          ...from(n),
          headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ _csrf: csrf, email, password: 'some wrong guess' }).toString(),
        });
      for (let i = 0; i < 3; i++) expect((await attempt(1, `user${i}@example.org`)).statusCode).toBe(401);
      const limited = await attempt(1, 'user9@example.org');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await attempt(2, 'user9@example.org')).statusCode).toBe(401); // another address
    } finally {
      await t.close();
    }
  });
});

describe('API tokens', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => t.close());

  it('is stored as a hash only, records its last use; revocation takes effect on the next request', async () => {
    const { id, header } = await createToken(t.services, ['read']);
    const secret = header.authorization.slice('Bearer '.length);
    expect(secret).toMatch(/^plm_[\w-]{43}$/);
    const row = await t.services.store.accounts.getToken(id);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.lastUsedAt).toBeNull();
    expect((await t.app.inject({ url: '/api/v1/me', headers: header })).json()).toMatchObject({
      kind: 'token',
      scopes: ['read'],
    });
    expect((await t.services.store.accounts.getToken(id))!.lastUsedAt).not.toBeNull();
    expect((await t.services.accounts.listTokens(SYSTEM)).find((x) => x.id === id)).not.toHaveProperty('hash');
    await t.services.accounts.revokeToken(id, SYSTEM);
    const after = await t.app.inject({ url: '/api/v1/me', headers: header });
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/unknown, revoked or expired/);
  });

  it("an expired token, or a disabled owner's, is refused; a demoted owner's token loses rights at once", async () => {
    const expired = await t.services.accounts.createToken(
      { label: 'old', scopes: ['read'], expiresAt: '2020-01-01T00:00:00Z' },
      SYSTEM,
    );
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${expired.secret}` } })).statusCode,
    ).toBe(401);
    const ed = await createUser(t.services, 'editor');
    const tok = await createToken(t.services, ['read', 'write'], ed.id);
    const draft = { title: 'Token rights', jurisdiction: 'FRA', status: 'published' };
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: tok.header, payload: draft })).statusCode,
    ).toBe(201);
    await t.services.accounts.updateUser(ed.id, { role: 'contributor' }, SYSTEM);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: tok.header,
          payload: { ...draft, title: 'Again' },
        })
      ).statusCode,
    ).toBe(403);
    await t.services.accounts.updateUser(ed.id, { disabled: true }, SYSTEM);
    expect((await t.app.inject({ url: '/api/v1/me', headers: tok.header })).statusCode).toBe(401);
    const log = (await t.services.store.audit.list({ targetId: ed.id, limit: 10 })).map((e) => e.action);
    expect(log).toEqual(expect.arrayContaining(['user.role', 'user.disable', 'user.create']));
  });

  it('the last administrator cannot be demoted or disabled', async () => {
    const fresh = await makeTestApp();
    try {
      const admin = await createUser(fresh.services, 'admin');
      await expect(fresh.services.accounts.updateUser(admin.id, { role: 'editor' }, SYSTEM)).rejects.toThrow(
        /last active administrator/,
      );
      await expect(fresh.services.accounts.updateUser(admin.id, { disabled: true }, SYSTEM)).rejects.toThrow(
        /last active administrator/,
      );
    } finally {
      await fresh.close();
    }
  });
});

describe('assets for signed-in users', () => {
  it('stay publicly cacheable and need no session lookup', async () => {
    const t = await makeTestApp();
    try {
      const jar = await signIn(t.app, (await createUser(t.services, 'editor')).email);
      const css = await t.app.inject({ url: '/assets/editor.css', headers: { cookie: cookieHeader(jar) } });
      expect(css.headers['cache-control']).toBe('public, max-age=3600');
      const page = await t.app.inject({ url: '/editor', headers: { cookie: cookieHeader(jar) } });
      expect(page.headers['cache-control']).toBe('private, no-store');
    } finally {
      await t.close();
    }
  });
});
