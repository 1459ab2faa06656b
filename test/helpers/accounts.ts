/**
 * Accounts in tests: users of each role, their sessions (cookies), API tokens of each scope and
 * CSRF tokens for form posts, all through the real services and the real sign-in form.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role, Scope } from '../../src/modules/platform/domain/accounts.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import type { Services } from '../../src/modules/cases/services/services.ts';

export const PASSWORD = 'correct horse battery staple';

let n = 0;

export async function createUser(
  services: Services,
  role: Role,
  email = `${role}-${++n}@example.org`,
): Promise<{ id: string; email: string; password: string }> {
  const u = await services.accounts.createUser({ email, role, name: null, password: PASSWORD }, SYSTEM);
  return { id: u.id, email: u.email, password: PASSWORD };
}

export async function createToken(
  services: Services,
  scopes: Scope[],
  userId: string | null = null,
): Promise<{ id: string; header: { authorization: string } }> {
  const { token, secret } = await services.accounts.createToken(
    { label: `test ${scopes.join('+')}`, scopes, userId },
    SYSTEM,
  );
  return { id: token.id, header: { authorization: `Bearer ${secret}` } };
}

/** Cookies from Set-Cookie headers, as one Cookie header value (merged over `jar`). */
export function cookiesOf(res: LightMyRequestResponse, jar: Record<string, string> = {}): Record<string, string> {
  const out = { ...jar };
  for (const c of res.cookies as { name: string; value: string }[]) {
    if (c.value === '') delete out[c.name];
    else out[c.name] = c.value;
  }
  return out;
}

export const cookieHeader = (jar: Record<string, string>) =>
  Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

/** GETs a page and returns the CSRF token of its first form, with the cookies that go with it. */
export async function formToken(
  app: FastifyInstance,
  url: string,
  jar: Record<string, string> = {},
): Promise<{ csrf: string; jar: Record<string, string>; body: string }> {
  const res = await app.inject({ url, headers: { cookie: cookieHeader(jar), accept: 'text/html' } });
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
  if (!m) throw new Error(`no CSRF token on ${url}`);
  return { csrf: m[1]!, jar: cookiesOf(res, jar), body: res.body };
}

/** Posts a form (urlencoded, with nested names) with the jar's cookies. */
export function postForm(
  app: FastifyInstance,
  url: string,
  jar: Record<string, string>,
  fields: Record<string, string> | [string, string][],
) {
  return app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(jar), 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams(fields as Record<string, string>).toString(),
  });
}

/** Signs in through the real form; returns the cookie jar holding the session. */
export async function signIn(
  app: FastifyInstance,
  email: string,
  password = PASSWORD,
): Promise<Record<string, string>> {
  const { csrf, jar } = await formToken(app, '/login');
  const res = await postForm(app, '/login', jar, { _csrf: csrf, email, password, next: '/editor' });
  if (res.statusCode !== 303)
    throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body.slice(0, 300)}`);
  const out = cookiesOf(res, jar);
  if (!out.palermo_session) throw new Error('no session cookie after sign-in');
  return out;
}
