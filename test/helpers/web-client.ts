/**
 * A browser without JavaScript, in-process (app.inject): keeps cookies, reads pages, fills and
 * submits their forms exactly as rendered (CSRF token and all), follows a redirect on request.
 */
import type { FastifyInstance } from 'fastify';
import { cookieHeader, cookiesOf, PASSWORD } from './accounts.ts';
import { formOn, parsePage, type Control, type FormFill, type ParsedPage } from './html-form.ts';

export interface PageResponse {
  status: number;
  url: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
  location: string | null;
  page(): ParsedPage;
  form(action: string | RegExp): FormFill;
}

function response(
  url: string,
  res: { statusCode: number; body: string; headers: Record<string, unknown> },
): PageResponse {
  let parsed: ParsedPage | undefined;
  const loc = res.headers.location;
  return {
    status: res.statusCode,
    url,
    body: res.body,
    headers: res.headers as PageResponse['headers'],
    location: typeof loc === 'string' ? loc : null,
    page: () => (parsed ??= parsePage(res.body)),
    form: (action) => formOn(res.body, action),
  };
}

export class WebClient {
  jar: Record<string, string> = {};
  /** Sent with every request, e.g. `accept-language` for a locale. */
  headers: Record<string, string> = {};
  constructor(readonly app: FastifyInstance) {}

  async get(url: string): Promise<PageResponse> {
    const res = await this.app.inject({
      url,
      headers: { ...this.headers, cookie: cookieHeader(this.jar), accept: 'text/html' },
    });
    this.jar = cookiesOf(res, this.jar);
    return response(url, res);
  }

  /**
   * Submits the form as if `button` (its visible text, or the control) were clicked; without one, as
   * Enter in a field does.
   */
  async submit(form: FormFill, button?: string | Control): Promise<PageResponse> {
    const submitter = typeof button === 'string' ? form.button(button) : button;
    const payload = new URLSearchParams(form.entries(submitter)).toString();
    const method = (form.form.method || 'get').toUpperCase();
    if (method === 'GET') return this.get(`${form.action}?${payload}`);
    const res = await this.app.inject({
      method: 'POST',
      url: form.action,
      payload,
      headers: {
        ...this.headers,
        cookie: cookieHeader(this.jar),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
    });
    this.jar = cookiesOf(res, this.jar);
    return response(form.action, res);
  }

  /** GETs the redirect target of a 303 (and fails the test on anything else). */
  async follow(res: PageResponse): Promise<PageResponse> {
    if (res.status !== 303 && res.status !== 302)
      throw new Error(`expected a redirect from ${res.url}, got ${res.status}: ${res.body.slice(0, 400)}`);
    return this.get(res.location!);
  }

  /** Signs in through the real sign-in page. */
  static async signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<WebClient> {
    const c = new WebClient(app);
    const login = await c.get('/login');
    const form = login.form('/login').fill('email', email).fill('password', password);
    const res = await c.submit(form, 'Sign in');
    if (res.status !== 303 || !c.jar.palermo_session)
      throw new Error(`sign-in of ${email} failed: ${res.status} ${res.body.slice(0, 300)}`);
    return c;
  }

  /** Signs out with the menu's button. */
  async signOut(): Promise<void> {
    const page = await this.get('/account');
    const res = await this.submit(page.form('/logout'), 'Sign out');
    if (res.status !== 303) throw new Error(`sign-out failed: ${res.status}`);
  }
}
