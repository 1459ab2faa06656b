/**
 * The spreadsheet import as a job of the queue (issue 22), on SQLite and PostgreSQL: the POST answers
 * 303 to the progress page; the importer reports real progress (validating, then writing, rows done
 * of the total) while the server runs the job; the job completes into a batch with its undo button;
 * a file with a bad row ends with its errors and nothing written; a second POST of the same upload
 * imports once; only the editor who started it and administrators see its progress.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createUser, formToken, postForm, signIn } from '../helpers/accounts.ts';
import { pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { userActor, type Actor } from '../../src/modules/platform/index.ts';
import type { ImportStatus } from '../../src/modules/cases/services/import-jobs.ts';
import { boot } from '../../src/app/boot.ts';
import { createApp } from '../../src/app/http-app.ts';

const ROWS = 300;
const bigCsv = () =>
  ['Case,Country', ...Array.from({ length: ROWS }, (_, i) => `Progress case ${i + 1},Chile`)].join('\n');
const FORM: [string, string][] = [
  ['col0', 'title'],
  ['col1', 'jurisdiction'],
  ['vk0', 'jurisdiction'],
  ['vv0', 'Chile'],
  ['vc0', 'CHL'],
];

const backends = [
  ['SQLite', 'sqlite', true],
  [`PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, 'postgres', !!pgTestUrl()],
] as const;

describe.each(backends)('the import job on %s', (_name, backend, available) => {
  let t: TestApp;
  let editor: Record<string, string>;
  let other: Record<string, string>;
  let admin: Record<string, string>;
  let actor: Actor;

  beforeAll(async () => {
    if (!available) return;
    t = await makeTestApp({}, backend);
    const e = await createUser(t.services, 'editor');
    const o = await createUser(t.services, 'editor');
    const a = await createUser(t.services, 'admin');
    editor = await signIn(t.app, e.email);
    other = await signIn(t.app, o.email);
    admin = await signIn(t.app, a.email);
    actor = userActor({ id: e.id, email: e.email, role: 'editor' });
  }, 60_000);
  afterAll(async () => t?.close());

  async function upload(csv: string, name = 'partner.csv'): Promise<string> {
    const { csrf, jar } = await formToken(t.app, '/editor/imports', editor);
    const b = 'progressboundary';
    const part = (field: string, value: string, file?: string) =>
      `--${b}\r\nContent-Disposition: form-data; name="${field}"${file ? `; filename="${file}"` : ''}\r\n` +
      `${file ? 'Content-Type: text/csv\r\n' : ''}\r\n${value}\r\n`;
    const r = await t.app.inject({
      method: 'POST',
      url: '/editor/imports',
      headers: { cookie: cookieHeader(jar), 'content-type': `multipart/form-data; boundary=${b}` },
      payload: `${part('_csrf', csrf)}${part('file', csv, name)}--${b}--\r\n`,
    });
    expect(r.statusCode).toBe(303);
    return String(r.headers.location).split('/').pop()!;
  }

  async function startImport(id: string, form = FORM) {
    const { csrf, jar } = await formToken(t.app, `/editor/imports/${id}`, editor);
    return postForm(t.app, `/editor/imports/${id}`, jar, [['_csrf', csrf], ...form, ['action', 'import']]);
  }

  async function caseCount(): Promise<number> {
    const r = await sql<{ n: number | string }>`SELECT count(*) AS n FROM cases`.execute(t.services.database.kysely());
    return Number(r.rows[0]!.n);
  }

  /** Watches the job from inside the server until it ends: every distinct state it reported. */
  async function watch(id: string): Promise<ImportStatus[]> {
    const seen: ImportStatus[] = [];
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const s = await t.services.imports.status(id, actor);
      const last = seen.at(-1);
      if (!last || last.phase !== s.phase || last.done !== s.done || last.state !== s.state) seen.push(s);
      if (s.state !== 'running') return seen;
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`the import of ${id} did not end`);
  }

  it.runIf(available)(
    'reports real progress, completes, and lands on the batch with its undo button',
    async () => {
      const before = await caseCount();
      const id = await upload(bigCsv());
      const res = await startImport(id);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe(`/editor/imports/${id}/progress`);
      const seen = await watch(id);
      const running = (phase: string) => seen.filter((s) => s.phase === phase && s.done > 0 && s.done < ROWS);
      // Reported by the importer as it goes: rows done of the total, while checking and while writing.
      expect(running('validating').length).toBeGreaterThan(1);
      expect(running('writing').length).toBeGreaterThan(1);
      expect(seen.every((s) => s.total === ROWS || s.phase === 'queued' || s.state === 'done')).toBe(true);
      const done = seen.at(-1)!;
      expect(done).toMatchObject({ state: 'done', done: ROWS, total: ROWS, outcome: { ok: true, created: ROWS } });
      expect(await caseCount()).toBe(before + ROWS);

      const json = await t.app.inject({
        url: `/editor/imports/${id}/progress.json`,
        headers: { cookie: cookieHeader(editor) },
      });
      expect(json.statusCode).toBe(200);
      const batch = done.outcome!.ok ? done.outcome!.batch : '';
      expect(json.json()).toMatchObject({ state: 'done', percent: 100 });
      expect(json.json().next).toMatch(
        new RegExp(`^/editor/imports/batches/${batch}\\?created=${ROWS}&updated=0&warnings=\\d+$`),
      );
      const page = await t.app.inject({
        url: `/editor/imports/${id}/progress`,
        headers: { cookie: cookieHeader(editor) },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toMatch(new RegExp(`<progress id="import-progress" max="${ROWS}" value="${ROWS}"`));
      expect(page.body).toContain(`href="/editor/imports/batches/${batch}?created=${ROWS}`);
      expect(page.body).toContain('<script src="/assets/import-progress.js" defer></script>');
      const batchPage = await t.app.inject({ url: json.json().next, headers: { cookie: cookieHeader(editor) } });
      expect(batchPage.body).toContain(`${ROWS} cases created`);
      expect(batchPage.body).toContain('Undo this import');
    },
    120_000,
  );

  it.runIf(available)(
    'a running import refreshes itself without JavaScript and is polled with it',
    async () => {
      const id = await upload(bigCsv().replace(/Progress case/g, 'Polled case'));
      // Queued but not yet run: the page shows the bar at 0 and refreshes itself (inside <noscript>).
      await t.services.imports.stop(); // let the test, not the server, run the queue for a moment
      await t.services.jobs.queue.enqueue('hold', null); // nothing: only to prove other job types are left alone
      const { csrf, jar } = await formToken(t.app, `/editor/imports/${id}`, editor);
      const holdKick = t.services.imports.kick;
      t.services.imports.kick = () => Promise.resolve();
      try {
        const r = await postForm(t.app, `/editor/imports/${id}`, jar, [['_csrf', csrf], ...FORM, ['action', 'import']]);
        expect(r.statusCode).toBe(303);
      } finally {
        t.services.imports.kick = holdKick;
      }
      const page = await t.app.inject({
        url: `/editor/imports/${id}/progress`,
        headers: { cookie: cookieHeader(editor) },
      });
      expect(page.body).toContain('<noscript><meta http-equiv="refresh" content="2"></noscript>');
      expect(page.body).toMatch(/<progress id="import-progress" max="1" value="0"[^>]*data-state="running"/);
      expect(page.body).toContain('aria-live="polite"');
      const queued = await t.app.inject({
        url: `/editor/imports/${id}/progress.json`,
        headers: { cookie: cookieHeader(editor) },
      });
      expect(queued.json()).toMatchObject({ state: 'running', phase: 'queued', percent: 0, next: null });
      await t.services.imports.kick();
      expect((await t.services.imports.status(id, actor)).state).toBe('done');
      expect((await t.services.jobs.queue.list({ type: 'hold' })).map((j) => j.status)).toEqual(['queued']);
      t.services.imports.start();
    },
    120_000,
  );

  it.runIf(available)(
    'a file with a bad row ends with its errors (line, column, message) and writes nothing',
    async () => {
      const before = await caseCount();
      const csv = ['Case,Country', 'Good row,Chile', 'Bad row,Atlantis', 'Another good row,Chile'].join('\n');
      const id = await upload(csv, 'bad.csv');
      expect((await startImport(id)).statusCode).toBe(303);
      const end = (await watch(id)).at(-1)!;
      expect(end.state).toBe('failed');
      expect(end.outcome).toMatchObject({ ok: false, issues: [expect.objectContaining({ line: 3 })] });
      expect(await caseCount()).toBe(before);
      const page = await t.app.inject({
        url: `/editor/imports/${id}/progress`,
        headers: { cookie: cookieHeader(editor) },
      });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Nothing was written.');
      expect(page.body).toMatch(/<tr><td>3<\/td><td>[^<]+<\/td><td class="bad">[^<]*Atlantis/);
      expect(page.body).toContain(`href="/editor/imports/${id}"`);
      expect(page.body).not.toContain('http-equiv="refresh"');
      // Corrected, the same upload imports (a new round, a new job).
      const fixed = await startImport(id, [...FORM, ['vk1', 'jurisdiction'], ['vv1', 'Atlantis'], ['vc1', 'CHL']]);
      expect(fixed.statusCode).toBe(303);
      expect((await watch(id)).at(-1)).toMatchObject({ state: 'done', outcome: { ok: true, created: 3 } });
      expect(await caseCount()).toBe(before + 3);
    },
    120_000,
  );

  it.runIf(available)(
    'a second POST of the same upload imports once',
    async () => {
      const before = await caseCount();
      const csv = ['Case,Country', 'Twice A,Chile', 'Twice B,Chile'].join('\n');
      const id = await upload(csv, 'twice.csv');
      const [a, b] = await Promise.all([startImport(id), startImport(id)]);
      expect([a.statusCode, b.statusCode]).toEqual([303, 303]);
      await watch(id);
      const again = await startImport(id); // after it went through: the same job's progress, no new import
      expect(again.headers.location).toBe(`/editor/imports/${id}/progress`);
      await t.services.imports.kick();
      const jobs = (await t.services.jobs.queue.list({ type: 'cases.import' })).filter((j) => j.payload.includes(id));
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ status: 'done', idempotency_key: `cases.import:${id}:0` });
      expect(await caseCount()).toBe(before + 2);
    },
    120_000,
  );

  it.runIf(available)(
    'only the editor who started it and administrators see the progress; others get 404',
    async () => {
      const id = await upload(['Case,Country', 'Private A,Chile'].join('\n'), 'private.csv');
      await startImport(id);
      await watch(id);
      for (const url of [`/editor/imports/${id}/progress`, `/editor/imports/${id}/progress.json`]) {
        const as = (jar: Record<string, string>) => t.app.inject({ url, headers: { cookie: cookieHeader(jar) } });
        expect((await as(editor)).statusCode).toBe(200);
        expect((await as(admin)).statusCode).toBe(200);
        expect((await as(other)).statusCode).toBe(404);
      }
      // An upload with no import yet has no progress either.
      const fresh = await upload(['Case,Country', 'Fresh,Chile'].join('\n'), 'fresh.csv');
      const none = await t.app.inject({
        url: `/editor/imports/${fresh}/progress`,
        headers: { cookie: cookieHeader(editor) },
      });
      expect(none.statusCode).toBe(404);
    },
    120_000,
  );

  it.runIf(available)(
    'a job queued before a restart runs on the next server, once',
    async () => {
      const before = await caseCount();
      const id = await upload(['Case,Country', 'Restart A,Chile', 'Restart B,Chile'].join('\n'), 'restart.csv');
      // The server stops before it runs the job (its runner held): the job waits in the queue.
      const runNow = t.services.imports.kick;
      await t.services.imports.stop();
      t.services.imports.kick = () => Promise.resolve();
      try {
        expect((await startImport(id)).statusCode).toBe(303);
      } finally {
        t.services.imports.kick = runNow;
      }
      expect((await t.services.jobs.queue.list({ type: 'cases.import', status: 'queued' })).length).toBe(1);
      // A second server on the same database and uploads runs it when it starts.
      const services = await boot(t.config);
      const app = await createApp({ config: t.config, services, logger: false });
      try {
        const deadline = Date.now() + 60_000;
        while ((await services.imports.status(id, actor)).state === 'running' && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 50));
        expect(await services.imports.status(id, actor)).toMatchObject({ state: 'done', outcome: { created: 2 } });
      } finally {
        await app.close();
        await services.store.close();
      }
      expect(await caseCount()).toBe(before + 2);
      // A run that finds its batch written (it died before saying so) records the batch, not a second import.
      const job = t.services.imports.uploads.job(id)!;
      rmSync(join(t.services.imports.uploads.dir(id), `result-${job.jobId}.json`));
      await sql`UPDATE jobs SET status = 'queued', finished_at = NULL WHERE id = ${job.jobId}`.execute(
        t.services.database.kysely(),
      );
      t.services.imports.start();
      await t.services.imports.kick();
      expect(await t.services.imports.status(id, actor)).toMatchObject({ state: 'done', outcome: { created: 2 } });
      expect(await caseCount()).toBe(before + 2);
    },
    120_000,
  );

  it.runIf(available)('the server removes uploads unused for a day when it starts', async () => {
    const id = await upload(['Case,Country', 'Recent,Chile'].join('\n'), 'recent.csv');
    const stale = join(t.services.imports.uploads.root, 'e'.repeat(32));
    mkdirSync(stale);
    writeFileSync(join(stale, 'data.csv'), 'Case\nOld\n');
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    for (const path of [join(stale, 'data.csv'), stale]) utimesSync(path, dayAgo, dayAgo);
    await t.services.imports.stop();
    t.services.imports.start();
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(t.services.imports.uploads.dir(id))).toBe(true);
  });
});
