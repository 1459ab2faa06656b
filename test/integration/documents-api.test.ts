/** Judgment documents through the API, in-process, on a real SQLite file and a real documents folder. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { moveTo } from '../helpers/workflow.ts';
import { caseInput } from '../factories/case-factory.ts';
import { makeDocx, makePdf } from '../fixtures/documents.ts';

let t: TestApp;
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const upload = (
  caseId: string,
  body: Buffer,
  contentType: string,
  filename?: string,
  headers: Record<string, string> = AUTH,
) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/documents${filename ? `?filename=${encodeURIComponent(filename)}` : ''}`,
    headers: { ...headers, 'content-type': contentType },
    payload: body,
  });
const searchIds = async (q: string, headers: Record<string, string> = {}) =>
  (await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}`, headers }))
    .json()
    .hits.map((h: { id: string }) => h.id);
const filesOnDisk = () =>
  existsSync(t.config.documentsDir)
    ? readdirSync(t.config.documentsDir, { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f)))
    : [];
const caseVersion = async (id: string) =>
  (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: AUTH })).json().version as number;

beforeAll(async () => {
  t = await makeTestApp({ documentMaxBytes: 200_000 });
  for (const [id, status] of [
    ['doc-pub', 'published'],
    ['doc-draft', 'draft'],
  ] as const) {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: caseInput({ id, status }),
    });
    expect(r.statusCode).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

describe('documents API', () => {
  it(
    'attaches a PDF: stored by hash, served back byte for byte with its type, and its text is searchable with a ' +
      'snippet from it',
    async () => {
      const pdf = await makePdf([
        'JUDGMENT. The accused kept the workers in the quarry at Zanzibarville.',
        'The court finds peonage proven beyond reasonable doubt.',
      ]);
      expect(await searchIds('Zanzibarville')).toEqual([]);
      const before = await caseVersion('doc-pub');
      const r = await upload('doc-pub', pdf, 'application/pdf', 'Judgment 2015.pdf');
      expect(r.statusCode).toBe(201);
      const doc = r.json();
      expect(doc).toMatchObject({
        sha256: sha(pdf),
        filename: 'Judgment 2015.pdf',
        mediaType: 'application/pdf',
        size: pdf.length,
        pages: 2,
      });
      expect(doc.textLength).toBeGreaterThan(60);
      expect(r.headers.location).toBe(doc.url);
      expect(await caseVersion('doc-pub')).toBe(before + 1);
      expect(readFileSync(join(t.config.documentsDir, doc.sha256.slice(0, 2), doc.sha256))).toEqual(pdf);

      const dl = await t.app.inject({ url: doc.url });
      expect(dl.statusCode).toBe(200);
      expect(dl.headers['content-type']).toBe('application/pdf');
      expect(dl.headers['content-disposition']).toBe('inline; filename="Judgment 2015.pdf"');
      expect(dl.headers['content-security-policy']).toMatch(/^sandbox/);
      expect(dl.rawPayload).toEqual(pdf);

      const hits = (await t.app.inject({ url: '/api/v1/search?q=Zanzibarville' })).json().hits;
      expect(hits.map((h: { id: string }) => h.id)).toEqual(['doc-pub']);
      expect(hits[0].snippet.field).toBe('fulltext');
      expect(hits[0].snippet.text).toContain('Zanzibarville');
      expect(await searchIds('peonage quarry')).toEqual(['doc-pub']);

      const page = (await t.app.inject({ url: '/cases/doc-pub' })).body;
      expect(page).toContain(`<a href="${doc.url}" type="application/pdf">Judgment 2015.pdf</a>`);
      expect((await t.app.inject({ url: '/search?q=Zanzibarville' })).body).toMatch(
        /From the judgment: <\/span>[^<]*<mark>Zanzibarville<\/mark>/,
      );
    },
  );

  it('attaches DOCX, HTML and text; re-sending the same file changes nothing', async () => {
    const docx = await makeDocx([
      'Sentencia del tribunal.',
      'The defendant confiscated the passports of the Quixotelanders.',
    ]);
    const r = await upload('doc-pub', docx, 'application/octet-stream', 'sentencia.docx');
    expect(r.statusCode).toBe(201);
    expect(r.json().mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(await searchIds('Quixotelanders')).toEqual(['doc-pub']);

    const html = Buffer.from(
      '<!doctype html><html><head><title>x</title><script>alert(1)</script></head><body><p>Appeal of the ' +
        'Brobdingnagians dismissed.</p></body></html>',
    );
    expect((await upload('doc-pub', html, 'text/html', 'appeal.html')).statusCode).toBe(201);
    expect(await searchIds('Brobdingnagians')).toEqual(['doc-pub']);
    expect(await searchIds('alert')).toEqual([]); // scripts are not text
    const dl = await t.app.inject({ url: `/api/v1/cases/doc-pub/documents/${sha(html)}` });
    expect(dl.headers['content-disposition']).toMatch(/^attachment/);
    expect(dl.headers['content-type']).toBe('text/html; charset=utf-8');

    const version = await caseVersion('doc-pub');
    const again = await upload('doc-pub', docx, 'application/octet-stream', 'copy.docx');
    expect(again.statusCode).toBe(200);
    expect(again.json().filename).toBe('sentencia.docx');
    expect(await caseVersion('doc-pub')).toBe(version);

    const list = (await t.app.inject({ url: '/api/v1/cases/doc-pub/documents' })).json().items;
    expect(list.map((d: { filename: string }) => d.filename)).toEqual([
      'Judgment 2015.pdf',
      'sentencia.docx',
      'appeal.html',
    ]);
  });

  it('refuses a PDF that is really an executable, an oversized file, and a nameless one, writing nothing', async () => {
    const exe = readFileSync('/usr/bin/true');
    const files = filesOnDisk().length;
    const version = await caseVersion('doc-pub');
    const bad = await upload('doc-pub', exe.subarray(0, 100_000), 'application/pdf', 'judgment.pdf');
    expect(bad.statusCode).toBe(415);
    expect(bad.json().error).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      message: expect.stringMatching(/^judgment\.pdf claims to be PDF but its bytes are a Linux executable/),
    });

    const big = await upload('doc-pub', Buffer.alloc(200_001, 0x41), 'text/plain', 'big.txt');
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('PAYLOAD_TOO_LARGE');

    const nameless = await upload('doc-pub', Buffer.from('text'), 'text/plain');
    expect(nameless.statusCode).toBe(400);
    expect(nameless.json().error.details).toEqual([{ path: 'filename', message: 'missing' }]);

    const named = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/doc-pub/documents',
      headers: { ...AUTH, 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="notes.txt"' },
      payload: 'Some notes',
    });
    expect(named.statusCode).toBe(201);
    expect(named.json().filename).toBe('notes.txt');
    await t.app.inject({ method: 'DELETE', url: named.json().url, headers: AUTH });

    expect(filesOnDisk().length).toBe(files);
    expect(await caseVersion('doc-pub')).toBe(version + 2); // the notes added, then removed
  });

  it('needs a token to attach or remove, and answers 404 for an unknown case or document', async () => {
    const pdf = await makePdf(['x']);
    expect((await upload('doc-pub', pdf, 'application/pdf', 'a.pdf', {})).statusCode).toBe(401);
    expect((await upload('no-such-case', pdf, 'application/pdf', 'a.pdf')).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/cases/doc-pub/documents/${'0'.repeat(64)}` })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/cases/doc-pub/documents/${sha(pdf)}` })).statusCode,
    ).toBe(401);
  });

  it("never shows a draft case's documents or their words to the public", async () => {
    const pdf = await makePdf(['The Lilliputian recruiter was convicted.']);
    const r = await upload('doc-draft', pdf, 'application/pdf', 'draft.pdf');
    expect(r.statusCode).toBe(201);
    expect(await searchIds('Lilliputian')).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/cases/doc-draft/documents' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: r.json().url })).statusCode).toBe(404);
    expect((await t.app.inject({ url: r.json().url, headers: AUTH })).statusCode).toBe(200);
    // Published later: the text becomes searchable with it.
    await moveTo(t.app, 'doc-draft', 'published');
    expect(await searchIds('Lilliputian')).toEqual(['doc-draft']);
  });

  it('removes a document: its words leave the index and its file leaves the disk', async () => {
    const pdf = await makePdf(['Testimony of the Houyhnhnm witnesses.']);
    const doc = (await upload('doc-pub', pdf, 'application/pdf', 'testimony.pdf')).json();
    expect(await searchIds('Houyhnhnm')).toEqual(['doc-pub']);
    const del = await t.app.inject({ method: 'DELETE', url: doc.url, headers: AUTH });
    expect(del.statusCode).toBe(204);
    expect(await searchIds('Houyhnhnm')).toEqual([]);
    expect(existsSync(join(t.config.documentsDir, doc.sha256.slice(0, 2), doc.sha256))).toBe(false);
    expect((await t.app.inject({ url: doc.url })).statusCode).toBe(404);
  });

  it('keeps document text in the index through a full reindex', async () => {
    await t.services.engine.reindex();
    expect(await searchIds('Zanzibarville')).toEqual(['doc-pub']);
  });
});
