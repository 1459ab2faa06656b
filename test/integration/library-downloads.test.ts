/**
 * Download counting, COUNTER style, over HTTP on a real database. What counts, rule by rule:
 * - a full 200 download in a download session the server issued earlier: counts;
 * - a double click (same session, same file, within 30 s): counts once;
 * - a robot user agent (COUNTER list, any case): never;
 * - a 304 (If-None-Match): never; a 206 range request: never; a failed download (503): never;
 * - a client without the session cookie (a cookieless script, however often it loops): never;
 * - a script that fetches a fresh cookie each time: at most the per-address cap of new sessions an hour;
 * - unique downloads: once per session, resource and day.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { rm } from 'node:fs/promises';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { makePdf } from '../fixtures/documents.ts';

const BROWSER = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
let t: TestApp;
let id = '';
let url = '';
let sha = '';

const total = async () =>
  Number(
    (
      await t.services.database
        .kysely<{ library_downloads: { id: number } }>()
        .selectFrom('library_downloads')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** A browser's visit to the resource page: the download session cookie it is given. */
async function visit(ip = '127.0.0.1'): Promise<string> {
  const r = await t.app.inject({ url: `/library/${id}`, headers: { 'user-agent': BROWSER }, remoteAddress: ip });
  expect(r.statusCode).toBe(200);
  const c = r.cookies.find((x) => x.name === 'palermo_dl');
  expect(c).toBeDefined();
  return `palermo_dl=${c!.value}`;
}

async function download(headers: Record<string, string> = {}, ip = '127.0.0.1') {
  const r = await t.app.inject({ url, headers: { 'user-agent': BROWSER, ...headers }, remoteAddress: ip });
  await t.services.library.downloads.settled();
  return r;
}

beforeAll(async () => {
  t = await makeTestApp();
  const lib = t.services.library;
  const r = await lib.resources.create(
    { type: 'manual', title: 'Manual on counting', date: '2021', languages: [{ language: 'en' }], countries: ['PHL'] },
    SYSTEM,
  );
  id = r.id;
  const up = await lib.files.upload(
    { resourceId: id, language: 'en', filename: 'manual.pdf', bytes: await makePdf(['Counting downloads honestly.']) },
    SYSTEM,
  );
  sha = up.file.sha256;
  await lib.resources.transition(id, { to: 'in_review' }, SYSTEM);
  await lib.resources.transition(id, { to: 'published' }, SYSTEM);
  url = `/library/${id}/files/en/manual.pdf`;
});
afterAll(() => t.close());

describe('download counting', () => {
  it('a full download in an issued session counts; a double click within 30 s counts once', async () => {
    const cookie = await visit();
    const before = await total();
    expect((await download({ cookie })).statusCode).toBe(200);
    expect((await download({ cookie })).statusCode).toBe(200);
    expect(await total()).toBe(before + 1);
  });

  it('the 30-second window: 10:01:00 and 10:01:29 count once, 10:01:35 again', async () => {
    const counter = t.services.library.downloads;
    const e = (at: string) => ({
      resourceId: id,
      language: 'en',
      sha256: sha,
      session: 'test-session-window',
      userAgent: BROWSER,
      full: true,
      at: new Date(at),
    });
    expect(await counter.record(e('2026-01-05T10:01:00Z'))).toBe('counted');
    expect(await counter.record(e('2026-01-05T10:01:29Z'))).toBe('double-click');
    expect(await counter.record(e('2026-01-05T10:01:35Z'))).toBe('counted');
  });

  it('robots never count, whatever the case of their user agent', async () => {
    const cookie = await visit();
    const before = await total();
    for (const ua of [
      'Mozilla/5.0 (compatible; Googlebot/2.1)',
      'MOZILLA/5.0 (COMPATIBLE; BINGBOT/2.0)',
      'python-requests/2.31',
      '',
    ])
      expect((await download({ cookie, 'user-agent': ua })).statusCode).toBe(200);
    expect(await total()).toBe(before);
  });

  it('a 304, a partial range request and a failed download never count', async () => {
    const cookie = await visit();
    const before = await total();
    const notModified = await download({ cookie, 'if-none-match': `"${sha}"` });
    expect(notModified.statusCode).toBe(304);
    const partial = await download({ cookie, range: 'bytes=0-99' });
    expect(partial.statusCode).toBe(206);
    expect(partial.headers['content-range']).toMatch(/^bytes 0-99\/\d+$/);
    expect(partial.rawPayload.length).toBe(100);
    expect(await total()).toBe(before);
    // The file is gone from the disk: the download fails (503) and counts nothing.
    const dir = (t.services.library.files.files as unknown as { path(s: string): string }).path(sha);
    const bytes = (await download({ cookie: await visit() })).rawPayload;
    const counted = await total();
    await rm(dir);
    const failed = await download({ cookie: await visit() });
    expect(failed.statusCode).toBe(503);
    expect(await total()).toBe(counted);
    await t.services.library.files.files.put(sha, bytes);
  });

  it('a cookieless script in a loop never counts; each answer only offers a new session', async () => {
    const before = await total();
    for (let i = 0; i < 25; i++) {
      const r = await download({}, '10.0.0.7');
      expect(r.statusCode).toBe(200);
      expect(r.cookies.some((c) => c.name === 'palermo_dl')).toBe(true);
    }
    expect(await total()).toBe(before);
  });

  it('a script that takes a fresh session each time is capped per address; forged cookies are refused', async () => {
    const before = await total();
    for (let i = 0; i < 25; i++) await download({ cookie: await visit('10.0.0.9') }, '10.0.0.9');
    expect(await total()).toBe(before + t.services.library.downloads.sessionsPerAddressHour);
    const forged = await download({
      cookie: 'palermo_dl=AAAAAAAAAAAAAAAAAAAAAA.1700000000.1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    expect(forged.statusCode).toBe(200);
    expect(await total()).toBe(before + t.services.library.downloads.sessionsPerAddressHour);
  });

  it('reports by month, resource, language and country, as JSON and CSV, for editors only', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const q = `from=2020-01-01&to=${today}`;
    expect((await t.app.inject({ url: `/api/v1/downloads/report?${q}` })).statusCode).toBe(401);
    const r = await t.app.inject({ url: `/api/v1/downloads/report?${q}`, headers: AUTH });
    expect(r.statusCode, r.body).toBe(200);
    const rep = r.json();
    expect(rep.total).toBe(await total());
    expect(rep.byResource[0]).toMatchObject({ key: id });
    expect(rep.byCountry[0]).toMatchObject({ key: 'PHL' });
    expect(rep.byLanguage[0]).toMatchObject({ key: 'en' });
    // The two events of the 30-second test share one session and day: one unique download.
    expect(rep.unique).toBeLessThan(rep.total);
    const csv = await t.app.inject({ url: `/api/v1/downloads/report?${q}&format=csv`, headers: AUTH });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('dimension,key,label,total_item_requests,unique_item_requests');
    expect(csv.body).toContain(`resource,${id},Manual on counting,`);
    const bad = await t.app.inject({ url: `/api/v1/downloads/report?from=2024-13-01&to=2024-01-01`, headers: AUTH });
    expect(bad.statusCode).toBe(400);
  });

  it('stores no address, cookie or user agent: only an HMAC of the session', async () => {
    const rows = await t.services.database
      .kysely<{ library_downloads: Record<string, unknown> }>()
      .selectFrom('library_downloads')
      .selectAll()
      .execute();
    const text = JSON.stringify(rows);
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain('10.0.0.9');
    expect(text).not.toContain('Firefox');
    expect(Object.keys(rows[0]!).sort()).toEqual([
      'at',
      'day',
      'id',
      'language',
      'month',
      'resource_id',
      'session_key',
      'sha256',
    ]);
  });
});
