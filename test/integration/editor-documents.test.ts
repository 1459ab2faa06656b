/** Judgment documents from the editor's case page: multipart upload with its CSRF token, checks, removal. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { AUTH, makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createUser, formToken, postForm, signIn } from '../helpers/accounts.ts';
import { caseInput } from '../factories/case-factory.ts';

/** A multipart body as a browser sends it: the CSRF field, then the file. */
async function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

describe('documents in the editor', () => {
  let t: TestApp;
  let jar: Record<string, string>;
  beforeAll(async () => {
    t = await makeTestApp({ documentMaxBytes: 4096 });
    await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: caseInput({ id: 'doc-ed', status: 'published' }),
    });
    jar = await signIn(t.app, (await createUser(t.services, 'editor')).email);
  });
  afterAll(async () => t.close());

  const upload = async (fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) => {
    const body = await multipart(fields, file);
    return t.app.inject({
      method: 'POST',
      url: '/editor/cases/doc-ed/documents',
      payload: body.payload,
      headers: { cookie: cookieHeader(jar), 'content-type': body.type, accept: 'text/html' },
    });
  };
  const listed = async () =>
    (await t.app.inject({ url: '/api/v1/cases/doc-ed/documents' }))
      .json()
      .items.map((d: { filename: string }) => d.filename);

  it('attaches a file sent from the form; its text is searchable; it can be removed', async () => {
    const { csrf, jar: j } = await formToken(t.app, '/editor/cases/doc-ed', jar);
    jar = j;
    const res = await upload(
      { _csrf: csrf },
      {
        name: 'judgment.txt',
        type: 'text/plain',
        bytes: Buffer.from('The Brobdingnagian syndicate recruited the workers.'),
      },
    );
    expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
    expect(await listed()).toEqual(['judgment.txt']);
    expect(
      (await t.app.inject({ url: '/api/v1/search?q=Brobdingnagian' })).json().hits.map((h: { id: string }) => h.id),
    ).toEqual(['doc-ed']);
    const page = await formToken(t.app, '/editor/cases/doc-ed', jar);
    expect(page.body).toMatch(/<a href="\/api\/v1\/cases\/doc-ed\/documents\/[0-9a-f]{64}">judgment\.txt<\/a>/);
    // Its format in words, not the raw media type.
    expect(page.body).toMatch(/judgment\.txt<\/a> <span class="muted">Text, /);
    expect(page.body).not.toMatch(/<span class="muted">text\/plain/);
    const sha = /documents\/([0-9a-f]{64})\/remove/.exec(page.body)![1]!;
    expect(
      (await postForm(t.app, `/editor/cases/doc-ed/documents/${sha}/remove`, page.jar, { _csrf: page.csrf }))
        .statusCode,
    ).toBe(303);
    expect(await listed()).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/search?q=Brobdingnagian' })).json().total).toBe(0);
  });

  it(
    'refuses a forged upload, a disguised executable and a file over the limit, beside the file field, attaching ' +
      'nothing',
    async () => {
      const forged = await upload({}, { name: 'judgment.txt', type: 'text/plain', bytes: Buffer.from('forged') });
      expect(forged.statusCode).toBe(403);
      const { csrf } = await formToken(t.app, '/editor/cases/doc-ed', jar);
      const exe = await upload(
        { _csrf: csrf },
        { name: 'judgment.pdf', type: 'application/pdf', bytes: readFileSync('/usr/bin/true').subarray(0, 4000) },
      );
      expect(exe.statusCode).toBe(415);
      expect(exe.body).toMatch(/id="doc-file-error"[^>]*>[^<]*judgment\.pdf/);
      expect(exe.body).toMatch(/aria-describedby="doc-file-error"/);
      const big = await upload(
        { _csrf: csrf },
        { name: 'big.txt', type: 'text/plain', bytes: Buffer.alloc(5000, 0x61) },
      );
      expect(big.statusCode).toBe(413);
      expect(big.body).toMatch(
        /id="doc-file-error"[^>]*>big\.txt is larger than the limit of 4 KB; nothing was attached/,
      );
      const none = await upload({ _csrf: csrf });
      expect(none.statusCode).toBe(400);
      expect(none.body).toMatch(/Choose a file to attach/);
      expect(await listed()).toEqual([]);
    },
  );

  it('a contributor cannot attach to a case that is not their draft', async () => {
    const c = await signIn(t.app, (await createUser(t.services, 'contributor')).email);
    const { csrf, jar: cj } = await formToken(t.app, '/editor', c);
    const body = await multipart({ _csrf: csrf }, { name: 'j.txt', type: 'text/plain', bytes: Buffer.from('text') });
    const res = await t.app.inject({
      method: 'POST',
      url: '/editor/cases/doc-ed/documents',
      payload: body.payload,
      headers: { cookie: cookieHeader(cj), 'content-type': body.type, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(403);
    expect(await listed()).toEqual([]);
  });
});
