/**
 * The library over HTTP on a real database: validation (ISBN check digit, future date, a language
 * version without a file), workflow with versions and audit, tombstones (410 with reason and
 * successor), files checked by their bytes and replaced under a stable URL, phrase search inside
 * a PDF with its page, and citations that parse back with citation-js.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { makePdf } from '../fixtures/documents.ts';
import { parseCitation } from '../../src/modules/library/services/citations.ts';
import { caseInput } from '../factories/case-factory.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';

let t: TestApp;
let n = 0;
const base = (over: Record<string, unknown> = {}) => ({
  type: 'manual',
  title: `Manual for labour inspectors ${++n}`,
  corporateAuthors: ['United Nations Office on Drugs and Crime'],
  publisher: 'United Nations',
  date: '2020-05',
  languages: [{ language: 'en' }],
  topics: ['labour_exploitation'],
  countries: ['PHL'],
  ...over,
});
const post = (url: string, payload: unknown) =>
  t.app.inject({ method: 'POST', url, headers: AUTH, payload: payload as object });
const upload = (id: string, bytes: Buffer, filename: string, type = 'application/pdf', language = 'en') =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/resources/${id}/files?language=${language}&filename=${encodeURIComponent(filename)}`,
    headers: { ...AUTH, 'content-type': type },
    payload: bytes,
  });
const publish = async (id: string) => {
  expect((await post(`/api/v1/resources/${id}/transitions`, { to: 'in_review' })).statusCode).toBe(200);
  const r = await post(`/api/v1/resources/${id}/transitions`, { to: 'published' });
  expect(r.statusCode, r.body).toBe(200);
};
const count = async () =>
  Number(
    (
      await t.services.database
        .kysely<{ library_resources: { id: string } }>()
        .selectFrom('library_resources')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('library resources: bad input', () => {
  it('refuses an ISBN with a bad checksum, naming the expected check digit, and writes nothing', async () => {
    const before = await count();
    const r = await post('/api/v1/resources', base({ isbn: '978-92-1-133789-4' }));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('isbn');
    expect(r.json().error.details[0].message).toContain('should be 1');
    expect(await count()).toBe(before);
  });

  it('refuses a date in the future and an unknown type', async () => {
    const r = await post('/api/v1/resources', base({ date: '2999-01-01', type: 'leaflet' }));
    expect(r.statusCode).toBe(400);
    const paths = r.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['date', 'type']));
  });

  it('refuses to submit a language version without a file or link', async () => {
    const r = await post('/api/v1/resources', base());
    expect(r.statusCode).toBe(201);
    const s = await post(`/api/v1/resources/${r.json().id}/transitions`, { to: 'in_review' });
    expect(s.statusCode).toBe(400);
    expect(s.json().error.details[0].path).toBe('languages.0');
  });

  it('refuses a file whose bytes disagree with its name, and writes nothing', async () => {
    const r = await post('/api/v1/resources', base());
    const id = r.json().id;
    const bad = await upload(
      id,
      Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'),
      'manual.pdf',
    );
    expect(bad.statusCode).toBeGreaterThanOrEqual(400);
    expect(bad.statusCode).toBeLessThan(500);
    expect((await t.app.inject({ url: `/api/v1/resources/${id}/files`, headers: AUTH })).json().items).toEqual([]);
  });
});

describe('library resources: workflow, files, search, tombstones', () => {
  let id = '';
  let pdf1: Buffer;

  it('drafts are invisible to the public; a published resource is; versions are kept', async () => {
    const r = await post(
      '/api/v1/resources',
      base({ title: 'Handbook on forced labour in fishing', isbn: '978-92-1-133789-1' }),
    );
    id = r.json().id;
    expect(r.json().isbn).toBe('9789211337891');
    expect((await t.app.inject({ url: `/api/v1/resources/${id}` })).statusCode).toBe(404);
    pdf1 = await makePdf([
      'Chapter one. General introduction.',
      'Chapter two. The debt bondage of deckhands aboard longline vessels.',
    ]);
    const u = await upload(id, pdf1, 'handbook.pdf');
    expect(u.statusCode, u.body).toBe(201);
    expect(u.json().file.pages).toBe(2);
    await publish(id);
    const pub = await t.app.inject({ url: `/api/v1/resources/${id}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.json().files[0].url).toBe(`/library/${id}/files/en/handbook.pdf`);
    const versions = (await t.app.inject({ url: `/api/v1/resources/${id}/versions`, headers: AUTH })).json().items;
    expect(versions.map((v: { action: string }) => v.action)).toEqual(['publish', 'submit', 'add-file', 'create']);
    expect((await t.app.inject({ url: `/api/v1/resources/${id}/versions` })).statusCode).toBe(404);
    const audit = await t.services.database
      .kysely<{ audit_log: { id: number; action: string; target_id: string | null } }>()
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', id)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'resource.create',
      'resource.add-file',
      'resource.submit',
      'resource.publish',
    ]);
  });

  it('finds a phrase inside the PDF, with a snippet and the page number', async () => {
    const r = await t.app.inject({ url: `/api/v1/resources?q=${encodeURIComponent('"longline vessels"')}` });
    expect(r.statusCode, r.body).toBe(200);
    const hit = r.json().items.find((i: { id: string }) => i.id === id);
    expect(hit).toBeDefined();
    expect(hit.snippet.text).toContain('longline vessels');
    expect(hit.snippet.page).toBe(2);
    const kinds = await t.app.inject({ url: `/api/v1/search?kind=resource&q=deckhands` });
    expect(kinds.json().hits.map((h: { id: string }) => h.id)).toContain(id);
    const facets = r.json().facets;
    expect(facets.resourceType.map((f: { value: string }) => f.value)).toContain('manual');
  });

  it('a corrected upload keeps the URL; the history shows the old file', async () => {
    const pdf2 = await makePdf([
      'Chapter one. Corrected introduction.',
      'Chapter two. Purse seine crews in debt bondage.',
    ]);
    const u = await upload(id, pdf2, 'handbook.pdf');
    expect(u.statusCode).toBe(201);
    expect(u.json().replaced.sha256).not.toBe(u.json().file.sha256);
    const current = await t.app.inject({ url: `/library/${id}/files/en/handbook.pdf` });
    expect(current.statusCode).toBe(200);
    expect(current.rawPayload.equals(pdf2)).toBe(true);
    const files = (await t.app.inject({ url: `/api/v1/resources/${id}/files` })).json().items;
    expect(files).toHaveLength(2);
    const old = files.find((f: { replacedAt: string | null }) => f.replacedAt);
    const oldBytes = await t.app.inject({ url: old.url });
    expect(oldBytes.rawPayload.equals(pdf1)).toBe(true);
    const search = await t.app.inject({ url: `/api/v1/resources?q=${encodeURIComponent('"purse seine"')}` });
    expect(search.json().items.map((i: { id: string }) => i.id)).toContain(id);
    const stale = await t.app.inject({ url: `/api/v1/resources?q=longline` });
    expect(stale.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('a withdrawn resource is a tombstone (410) with reason and successor, on the API and the page', async () => {
    const succ = (
      await post(
        '/api/v1/resources',
        base({
          title: 'Handbook on forced labour at sea, second edition',
          languages: [{ language: 'en', url: 'https://www.unodc.org/' }],
        }),
      )
    ).json().id;
    await publish(succ);
    const noReason = await post(`/api/v1/resources/${id}/transitions`, { to: 'withdrawn' });
    expect(noReason.statusCode).toBe(400);
    const w = await post(`/api/v1/resources/${id}/transitions`, {
      to: 'withdrawn',
      reason: 'superseded by the second edition',
      successorId: succ,
    });
    expect(w.statusCode, w.body).toBe(200);
    const api = await t.app.inject({ url: `/api/v1/resources/${id}` });
    expect(api.statusCode).toBe(410);
    expect(api.json().error.details.tombstone).toMatchObject({
      reason: 'superseded by the second edition',
      successorId: succ,
    });
    const pageRes = await t.app.inject({ url: `/library/${id}` });
    expect(pageRes.statusCode).toBe(410);
    expect(pageRes.body).toContain('superseded by the second edition');
    expect(pageRes.body).toContain(`/library/${succ}`);
    expect((await t.app.inject({ url: `/library/${id}/files/en/handbook.pdf` })).statusCode).toBe(410);
    const search = await t.app.inject({ url: `/api/v1/resources?q=purse` });
    expect(search.json().items.map((i: { id: string }) => i.id)).not.toContain(id);
    expect((await t.app.inject({ url: '/library/no-such-thing' })).statusCode).toBe(404);
  });
});

describe('citations', () => {
  it('CSL-JSON, BibTeX and RIS of a resource parse back with citation-js', async () => {
    const r = await post(
      '/api/v1/resources',
      base({
        title: 'Global Report on Trafficking in Persons 2020',
        type: 'report',
        isbn: '978-92-1-133789-1',
        symbol: 'E.20.IV.3',
        languages: [{ language: 'en', url: 'https://www.unodc.org/' }],
      }),
    );
    const id = r.json().id;
    await publish(id);
    const csl = await t.app.inject({ url: `/api/v1/resources/${id}/citation?format=csl-json` });
    expect(csl.headers['content-type']).toContain('csl+json');
    expect(csl.json()[0]).toMatchObject({ type: 'report', title: 'Global Report on Trafficking in Persons 2020' });
    for (const format of ['bibtex', 'ris']) {
      const res = await t.app.inject({ url: `/api/v1/resources/${id}/citation?format=${format}` });
      expect(res.statusCode).toBe(200);
      const [back] = parseCitation(res.body);
      expect(back, format).toMatchObject({ title: 'Global Report on Trafficking in Persons 2020', type: 'report' });
      expect((back!.issued as { 'date-parts': number[][] })['date-parts'][0]![0]).toBe(2020);
    }
    expect((await t.app.inject({ url: `/api/v1/resources/${id}/citation?format=mla` })).statusCode).toBe(400);
  });

  it('cases get the same formats; BibTeX keeps the court in the note', async () => {
    const c = await t.services.cases.create(
      caseInput({ title: 'R v Example', court: 'Court of Appeal', status: 'draft' }),
      SYSTEM,
    );
    const id = c.id;
    const bib = await t.app.inject({ url: `/api/v1/cases/${id}/citation?format=bibtex`, headers: AUTH });
    expect(bib.statusCode, bib.body).toBe(200);
    expect(bib.body).toContain('Court of Appeal');
    expect(parseCitation(bib.body)[0]).toMatchObject({ title: 'R v Example' });
    const ris = await t.app.inject({ url: `/api/v1/cases/${id}/citation?format=ris`, headers: AUTH });
    expect(ris.body).toContain('TY  - CASE');
    expect(parseCitation(ris.body)[0]).toMatchObject({ type: 'legal_case' });
    const csl = await t.app.inject({ url: `/api/v1/cases/${id}/citation`, headers: AUTH });
    expect(csl.json()[0].type).toBe('legal_case');
  });
});
