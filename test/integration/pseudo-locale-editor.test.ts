/**
 * The pseudo-locale check of the editorial pages: every page type (sign-in, account, users, tokens,
 * audit, review queue, case form, case page, history, version diff, refused actions) rendered with
 * `Accept-Language: en-XA` shows no visible text outside the catalogs' ⟦ ⟧ marks except data: the
 * seeded records, users and tokens, and reference names (countries, languages). In plain English the
 * same pages carry no mark.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createUser } from '../helpers/accounts.ts';
import { WebClient, type PageResponse } from '../helpers/web-client.ts';
import { moveTo } from '../helpers/workflow.ts';
import { unmarkedText } from '../helpers/pseudo-locale.ts';
import { caseInput } from '../factories/case-factory.ts';
import { richCase } from '../fixtures/test-cases.ts';
import { createI18n } from '../../src/app/modules.ts';
import { COUNTRIES } from '../../src/kernel/geo/countries.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import { LANGUAGE_CHOICES, languageLabel } from '../../src/modules/cases/editor/form-spec.ts';

const PSEUDO = { 'accept-language': 'en-XA' };
/** The pseudo-locale's text of a key: how a test finds a button by what it shows. */
const X = createI18n().translator('en-XA');

/** A multipart body as a browser sends it: the CSRF field, then the file (if any). */
async function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

/** Every dotted path inside a value (`victims.0.label`), as the diff view and the history show them. */
function paths(v: unknown, prefix = '', out: string[] = []): string[] {
  if (prefix) out.push(prefix);
  if (Array.isArray(v) || (typeof v === 'object' && v !== null))
    for (const [k, x] of Object.entries(v)) paths(x, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Every string inside a value, and the compact JSON of each object in it (the diff view shows rows as JSON). */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v) || (typeof v === 'object' && v !== null)) {
    out.push(JSON.stringify(v));
    for (const x of Object.values(v)) strings(x, out);
  }
  return out;
}

describe('editorial pages in the pseudo-locale', () => {
  let t: TestApp;
  let admin: WebClient;
  let editor: WebClient;
  let contributor: WebClient;
  const ids = { named: 'pseudo-named', published: 'pseudo-published' };
  let tokenPrefix = '';

  beforeAll(async () => {
    t = await makeTestApp({ pseudoLocale: true });
    const users = [
      await createUser(t.services, 'admin', 'ada@example.org'),
      await createUser(t.services, 'editor', 'edith@example.org'),
      await createUser(t.services, 'contributor', 'carla@example.org'),
    ];
    await t.services.accounts.createUser(
      { email: 'nina@example.org', name: 'Nina Okafor', role: 'editor', password: 'correct horse battery staple' },
      SYSTEM,
    );
    admin = await WebClient.signIn(t.app, users[0]!.email);
    editor = await WebClient.signIn(t.app, users[1]!.email);
    contributor = await WebClient.signIn(t.app, users[2]!.email);
    for (const c of [admin, editor, contributor]) c.headers = PSEUDO;

    // A case in review whose narrative names a party (warnings), with review comments and a document.
    const named = caseInput({
      id: ids.named,
      status: 'draft',
      title: 'Prosecutor v. Quillfeather',
      jurisdiction: 'PHL',
      victims: [{ kind: 'person', label: 'Maria Santos' } as never],
      narratives: { en: { facts: 'Maria Santos was recruited in Manila.' } } as never,
    });
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: named });
    expect(created.statusCode, created.body).toBe(201);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${ids.named}`,
      headers: AUTH,
      payload: { court: 'Regional Trial Court of Manila' },
    });
    await t.services.workflow.comment(ids.named, 'Please check the names.\nThen submit.', SYSTEM);
    await t.services.documents.attach(
      { caseId: ids.named, filename: 'judgment.txt', declaredType: 'text/plain', bytes: Buffer.from('The judgment.') },
      SYSTEM,
    );
    await moveTo(t.app, ids.named, 'in_review');

    // A published case that names a party (the "public and names a party" warning), from the rich fixture.
    const base = richCase();
    const victims = base.victims ?? [];
    const rich = {
      ...base,
      id: ids.published,
      status: 'published',
      victims: [{ ...victims[0]!, label: 'Lucia Ferrante' }, ...victims.slice(1)],
      narratives: { ...base.narratives, en: { ...base.narratives?.en, facts: 'Lucia Ferrante was recruited.' } },
    };
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases?acknowledge_warnings=true',
      headers: AUTH,
      payload: rich,
    });
    expect(res.statusCode, res.body).toBe(201);

    const { token } = await t.services.accounts.createToken(
      { label: 'Partner NGO feed', scopes: ['read'], userId: null },
      SYSTEM,
    );
    tokenPrefix = token.prefix;
  });
  afterAll(async () => t?.close());

  /** The data a page may show as it is: records, users, tokens, audit entries, reference names. */
  async function data(): Promise<string[]> {
    const out: string[] = [];
    for (const id of Object.values(ids)) {
      const v = await t.services.workflow.view(id, SYSTEM);
      strings(v.record, out);
      strings(v.restricted, out);
      paths(v.record, '', out);
      paths(v.restricted, 'restricted', out);
      for (const c of v.comments) out.push(c.authorLabel, ...c.body.split('\n'));
      for (const w of v.warnings) out.push(w.path, w.party, w.name);
      for (const x of await t.services.workflow.history(id, SYSTEM)) {
        out.push(x.actorLabel, ...x.changed);
        // Older versions: the diff view shows their values.
        const old = await t.services.workflow.version(id, x.version, SYSTEM);
        strings(old.record, out);
        strings(old.restricted, out);
        paths(old.record, '', out);
      }
      for (const d of await t.services.documents.list(id, SYSTEM)) out.push(d.filename, d.mediaType);
    }
    for (const u of await t.services.accounts.listUsers(SYSTEM)) out.push(u.email, u.name ?? '');
    for (const k of await t.services.accounts.listTokens(SYSTEM)) out.push(k.label, k.prefix, k.createdBy);
    for (const e of await t.services.store.audit.list({ limit: 10_000 })) {
      out.push(e.actorLabel, e.action, e.targetType ?? '', e.targetId ?? '', e.ip ?? '');
      strings(e.details, out);
      out.push(`${e.targetType} ${e.targetId}`);
    }
    for (const c of COUNTRIES) out.push(`${c.name} (${c.code})`, c.name, c.code);
    for (const l of LANGUAGE_CHOICES) out.push(languageLabel(l), l);
    return out;
  }

  async function expectAllMarked(res: PageResponse, what: string, extra: string[] = []) {
    expect(res.status, `${what}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
    expect(res.body, what).toContain('⟦');
    expect(unmarkedText(res.body, [...(await data()), ...extra]), what).toEqual([]);
  }

  it('marks every string of the sign-in page, with and without an error', async () => {
    const visitor = new WebClient(t.app);
    visitor.headers = PSEUDO;
    const login = await visitor.get('/login');
    await expectAllMarked(login, 'sign-in');
    const form = login.form('/login').fill('email', 'ada@example.org').fill('password', 'wrong password, surely');
    const refused = await visitor.submit(form, X.t('platform.signIn.submit'));
    expect(refused.status).toBe(401);
    await expectAllMarked(refused, 'sign-in refused');
    await expectAllMarked(await visitor.get('/login?notice=signed-out'), 'signed out');
  });

  it('marks the account page, its errors and its notice', async () => {
    const page = await admin.get('/account');
    await expectAllMarked(page, 'account');
    const form = page.form('/account/password').fill('current', 'not it').fill('password', 'short');
    const refused = await admin.submit(form, X.t('platform.account.changePassword'));
    expect(refused.status).toBe(400);
    await expectAllMarked(refused, 'account refused');
    await expectAllMarked(await admin.get('/account?notice=password-changed'), 'account notice');
  });

  it('marks the users page, a refused new user and a refused change', async () => {
    const page = await admin.get('/admin/users');
    await expectAllMarked(page, 'users');
    const add = page.form('/admin/users').fill('email', 'not an address').fill('password', 'short');
    const refused = await admin.submit(add, X.t('platform.users.addSubmit'));
    expect(refused.status).toBe(400);
    await expectAllMarked(refused, 'users refused', ['not an address']);
    const added = await admin.submit(
      page.form('/admin/users').fill('email', 'newbie@example.org').fill('password', 'correct horse battery staple'),
      X.t('platform.users.addSubmit'),
    );
    await expectAllMarked(await admin.follow(added), 'user added');
  });

  it('marks the tokens page, a refused token and the one-time secret', async () => {
    const page = await admin.get('/admin/tokens');
    await expectAllMarked(page, 'tokens');
    const refused = await admin.submit(
      page.form('/admin/tokens').fill('label', 'No scopes'),
      X.t('platform.tokens.createSubmit'),
    );
    expect(refused.status).toBe(400);
    await expectAllMarked(refused, 'token refused', ['No scopes']);
    const created = await admin.submit(
      page.form('/admin/tokens').fill('label', 'Court feed').check('scopes[]', true, 'read'),
      X.t('platform.tokens.createSubmit'),
    );
    const secretPage = await admin.follow(created);
    const secret = /<code id="new-token">([^<]+)<\/code>/.exec(secretPage.body)?.[1];
    expect(secret).toBeTruthy();
    await expectAllMarked(secretPage, 'token secret', [secret!]);
    const revoke = secretPage.form(/\/revoke$/);
    const revoked = await admin.follow(await admin.submit(revoke));
    await expectAllMarked(revoked, 'token revoked', [secret!.slice(0, 10), tokenPrefix]);
  });

  it('marks the audit log', async () => {
    await expectAllMarked(await admin.get('/admin/audit'), 'audit');
    await expectAllMarked(await admin.get('/admin/audit?action=login.failure'), 'audit filtered', ['login.failure']);
  });

  it("marks the review queue, an editor's and a contributor's", async () => {
    await expectAllMarked(await editor.get('/editor'), 'queue (editor)');
    await expectAllMarked(await contributor.get('/editor'), 'queue (contributor)');
  });

  it('marks the new-case form, empty and with field errors', async () => {
    const page = await contributor.get('/editor/cases/new');
    await expectAllMarked(page, 'new case');
    let form = page.form('/editor/cases/new').fill('f-court', 'Tribunal de Paris');
    const added = await contributor.submit(form, X.t('cases.editor.list.victims.add'));
    form = added
      .form('/editor/cases/new')
      .fill('f-decisionDate', '2019-13-45')
      .fill('f-victims-0-ageAtOffence', 'sixteen')
      .fill('f-victims-0-nationalities', 'PHL, ZZZ');
    const refused = await contributor.submit(form, X.t('cases.editor.new.save'));
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('id="error-summary"');
    await expectAllMarked(refused, 'new case refused', [
      'Tribunal de Paris',
      '2019-13-45',
      'sixteen',
      'PHL, ZZZ',
      'ZZZ',
    ]);
  });

  it('marks the case page with warnings, comments, documents and notices', async () => {
    await expectAllMarked(await editor.get(`/editor/cases/${ids.named}`), 'case page (editor)');
    await expectAllMarked(await editor.get(`/editor/cases/${ids.named}?notice=moved&status=in_review`), 'notice');
    await expectAllMarked(await editor.get(`/editor/cases/${ids.published}`), 'published case page');
  });

  it('marks a refused workflow move and a refused comment', async () => {
    const page = await editor.get(`/editor/cases/${ids.named}`);
    const refused = await editor.submit(page.form(/\/transition$/), X.t('cases.editor.workflow.move.publish'));
    expect(refused.status).toBe(409);
    expect(refused.body).toContain('class="form-error"');
    await expectAllMarked(refused, 'refused move');
    const empty = await editor.submit(
      page.form(/\/comments$/).fill('cm-body', '  '),
      X.t('cases.editor.comments.submit'),
    );
    expect(empty.status).toBe(400);
    await expectAllMarked(empty, 'refused comment');
  });

  it('marks a save that clashed with another one', async () => {
    const page = await editor.get(`/editor/cases/${ids.published}`);
    const form = page.form(`/editor/cases/${ids.published}`).fill('f-court', 'Tribunal de Paris');
    const other = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${ids.published}?acknowledge_warnings=true`,
      headers: AUTH,
      payload: { court: 'Cour de cassation' },
    });
    expect(other.statusCode, other.body).toBe(200);
    const clash = await editor.submit(form, X.t('cases.editor.case.save'));
    expect(clash.status).toBe(409);
    await expectAllMarked(clash, 'clash', ['Tribunal de Paris', 'court']);
  });

  it('marks refused uploads beside the file field', async () => {
    const page = await editor.get(`/editor/cases/${ids.named}`);
    const csrf = page.form(/\/documents$/).value('_csrf');
    const upload = async (file?: { name: string; type: string; bytes: Uint8Array }) => {
      const body = await multipart({ _csrf: csrf }, file);
      const res = await t.app.inject({
        method: 'POST',
        url: `/editor/cases/${ids.named}/documents`,
        payload: body.payload,
        headers: { ...PSEUDO, cookie: cookieHeader(editor.jar), 'content-type': body.type, accept: 'text/html' },
      });
      return { status: res.statusCode, body: res.body } as PageResponse;
    };
    const none = await upload();
    expect(none.status).toBe(400);
    await expectAllMarked(none, 'upload without a file');
    const exe = await upload({ name: 'judgment.pdf', type: 'application/pdf', bytes: Buffer.from('MZ not a pdf') });
    expect(exe.status).toBe(415);
    expect(exe.body).toContain('id="doc-file-error"');
    await expectAllMarked(exe, 'upload of a disguised file', ['judgment.pdf']);
  });

  it('marks the history and the version diff', async () => {
    await expectAllMarked(await editor.get(`/editor/cases/${ids.named}/history`), 'history');
    await expectAllMarked(await editor.get(`/editor/cases/${ids.published}/history`), 'history (published)');
    await expectAllMarked(await editor.get(`/editor/cases/${ids.named}/versions/2`), 'version diff');
    await expectAllMarked(await editor.get(`/editor/cases/${ids.named}/versions/1`), 'first version');
  });

  it('shows no pseudo-locale mark in plain English', async () => {
    const plain = await WebClient.signIn(t.app, 'ada@example.org');
    expect((await new WebClient(t.app).get('/login')).body).not.toMatch(/[⟦⟧]/);
    for (const url of [
      '/account',
      '/admin/users',
      '/admin/tokens',
      '/admin/audit',
      '/editor',
      '/editor/cases/new',
      `/editor/cases/${ids.named}`,
      `/editor/cases/${ids.named}/history`,
      `/editor/cases/${ids.named}/versions/2`,
    ]) {
      const res = await plain.get(url);
      expect(res.status, url).toBe(200);
      expect(res.body, url).not.toMatch(/[⟦⟧]/);
    }
  });
});
