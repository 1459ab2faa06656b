/**
 * Reading a grant application's attachments over the API and the web, on SQLite and PostgreSQL: the
 * applicant's member gets the very bytes uploaded, with the sniffed type and a safe file name; another
 * organisation gets 404; the secretariat reads; a reviewer reads once declared, on an open call only
 * (a blind call's reviewer is refused, and the page says why); unknown versions are named; the public
 * is refused or sent to sign in. The pages link every version.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createUser, signIn } from '../helpers/accounts.ts';
import { SYSTEM, userActor, type Actor } from '../../src/modules/platform/index.ts';
import { backfillAttachmentRevisions } from '../../src/modules/grants/store/migrations.ts';
import type { GrantsDb } from '../../src/modules/grants/store/schema.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const TEXT = Buffer.from('Registro n.º 2027 — renovado en São Paulo.\n', 'utf8');
const TEXT_NAME = 'Registro – São Paulo.txt';

function suite(backend: 'sqlite' | 'postgres') {
  describe(`grants attachments: download and list (${backend})`, () => {
    let t: TestApp;
    const actor: Record<string, Actor & { userId: string }> = {};
    const cookie: Record<string, { cookie: string }> = {};
    let openId = '';
    let blindId = '';

    const api = (id: string, rest = '') => `/api/v1/grants/applications/${id}/attachments${rest}`;
    const get = (url: string, who?: string) =>
      t.app.inject({ url, headers: who ? cookie[who] : {} }).then((r) => ({
        status: r.statusCode,
        headers: r.headers,
        raw: r.rawPayload,
        body: r.body,
        json: () => r.json() as Record<string, unknown> & { error?: { message: string; details: unknown } },
      }));

    beforeAll(async () => {
      t = await makeTestApp({}, backend);
      const g = t.services.grants;
      for (const [name, role] of [
        ['sec', 'editor'],
        ['alice', 'contributor'],
        ['bob', 'contributor'],
        ['rita', 'contributor'],
        ['una', 'contributor'],
      ] as const) {
        const u = await createUser(t.services, role, `${name}-${backend}@attach.example.org`);
        actor[name] = userActor({ id: u.id, email: u.email, role }) as Actor & { userId: string };
        cookie[name] = { cookie: cookieHeader(await signIn(t.app, u.email)) };
      }
      const call = (title: string, blindReview: boolean) =>
        g.calls.createCall(
          {
            title,
            opensAt: '2020-01-01T00:00:00Z',
            closesAt: '2099-12-31T23:59:59Z',
            currency: 'USD',
            capPerYear: 25_000,
            maxYears: 3,
            blindReview,
            requiredAttachments: [
              { id: 'registration', label: 'Registration certificate' },
              { id: 'budget', label: 'Budget notes' },
            ],
            rubric: [{ id: 'relevance', label: 'Relevance', weight: 1 }],
          },
          SYSTEM,
        );
      const org = (legalName: string, who: Actor) =>
        g.calls.registerOrganisation(
          {
            legalName,
            legalStatus: 'ngo',
            registrationNumber: 'AT-1',
            registrationCountry: 'BRA',
            contactEmail: 'office@attach.example.org',
          },
          who,
        );
      const orgA = await org('Attachment Aid', actor.alice!);
      await org('Other Org', actor.bob!);
      const apply = async (callId: string) => {
        const a = await g.applications.createDraft(
          { callId, organisationId: orgA.id, title: 'Shelter files', durationYears: 1, currency: 'USD' },
          actor.alice!,
        );
        await g.attachments.attach(
          a.id,
          { requirement: 'registration', filename: 'cert.pdf', bytes: PDF },
          actor.alice!,
        );
        await g.attachments.attach(
          a.id,
          { requirement: 'registration', filename: TEXT_NAME, bytes: TEXT },
          actor.alice!,
        );
        await g.applications.submit(a.id, actor.alice!);
        await g.decisions.decide(a.id, { to: 'eligible', reason: 'All checks pass' }, SYSTEM);
        await g.reviews.assign(a.id, actor.rita!.userId, SYSTEM);
        await g.reviews.declare(a.id, { conflict: false }, actor.rita!);
        await g.reviews.assign(a.id, actor.una!.userId, SYSTEM);
        return a.id;
      };
      openId = await apply((await call('Open call', false)).id);
      blindId = await apply((await call('Blind call', true)).id);
    });
    afterAll(async () => {
      await t?.close();
    });

    it('gives the member the very bytes uploaded, with the sniffed type, a safe name and no caching', async () => {
      const v1 = await get(api(openId, '/registration/versions/1'), 'alice');
      expect(v1.status).toBe(200);
      expect(Buffer.compare(v1.raw, PDF)).toBe(0);
      expect(v1.headers['content-type']).toBe('application/pdf');
      expect(v1.headers['content-disposition']).toBe('attachment; filename="cert.pdf"');
      expect(v1.headers['x-content-type-options']).toBe('nosniff');
      expect(v1.headers['cache-control']).toBe('private, no-store');
      const v2 = await get(api(openId, '/registration/versions/2'), 'alice');
      expect(Buffer.compare(v2.raw, TEXT)).toBe(0);
      expect(v2.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(v2.headers['content-disposition']).toBe(
        `attachment; filename="Registro _ Sao Paulo.txt"; filename*=UTF-8''Registro%20%E2%80%93%20S%C3%A3o%20Paulo.txt`,
      );
      // The web link answers the same, through the session.
      const web = await get(`/grants/applications/${openId}/attachments/registration/versions/2`, 'alice');
      expect(web.status).toBe(200);
      expect(Buffer.compare(web.raw, TEXT)).toBe(0);
      expect(web.headers['content-disposition']).toBe(v2.headers['content-disposition']);
    });

    it('lists every version, newest first, with its revision, type, size and download', async () => {
      const res = await get(api(openId), 'alice');
      expect(res.status).toBe(200);
      const { attachments } = res.json() as { attachments: { requirement: string; versions: Json[] }[] };
      type Json = Record<string, unknown>;
      expect(attachments.map((a) => [a.requirement, a.versions.length])).toEqual([
        ['registration', 2],
        ['budget', 0],
      ]);
      expect(attachments[0]!.versions).toEqual([
        expect.objectContaining({
          version: 2,
          filename: TEXT_NAME,
          size: TEXT.length,
          contentType: 'text/plain; charset=utf-8',
          revision: 3,
          uploadedBy: actor.alice!.label,
          download: api(openId, '/registration/versions/2'),
        }),
        expect.objectContaining({ version: 1, filename: 'cert.pdf', contentType: 'application/pdf', revision: 2 }),
      ]);
      const revs = await t.services.grants.applications.revisions(openId, actor.alice!);
      expect(revs.map((r) => r.revision)).toEqual([1, 2, 3]);
    });

    it('fills in the revision of uploads recorded before the column existed (the migration)', async () => {
      const conn = t.services.database.kysely<GrantsDb>();
      await conn.updateTable('grants_attachment_versions').set({ revision: null }).execute();
      expect(await backfillAttachmentRevisions(conn)).toBe(4); // two versions on each of the two applications
      expect(await backfillAttachmentRevisions(conn)).toBe(0);
      const rows = await conn
        .selectFrom('grants_attachment_versions')
        .select(['version', 'revision'])
        .where('application_id', '=', openId)
        .orderBy('version')
        .execute();
      expect(rows.map((r) => [Number(r.version), Number(r.revision)])).toEqual([
        [1, 2],
        [2, 3],
      ]);
    });

    it('answers 404 to another organisation, as for the application, and for a guessed id', async () => {
      for (const url of [
        api(openId),
        api(openId, '/registration/versions/1'),
        `/grants/applications/${openId}/attachments/registration/versions/1`,
        api('app-00000000-0000', '/registration/versions/1'),
      ]) {
        const res = await get(url, 'bob');
        expect(res.status, url).toBe(404);
        expect(res.body).not.toContain('%PDF');
      }
    });

    it('lets the secretariat read every version, on the API and the web', async () => {
      expect(Buffer.compare((await get(api(blindId, '/registration/versions/1'), 'sec')).raw, PDF)).toBe(0);
      const web = await get(`/grants/applications/${openId}/attachments/registration/versions/2`, 'sec');
      expect(Buffer.compare(web.raw, TEXT)).toBe(0);
      expect((await get(api(blindId), 'sec')).json().attachments).toHaveLength(2);
    });

    it('lets a reviewer who declared no conflict read on an open call, without who uploaded', async () => {
      const res = await get(api(openId, '/registration/versions/1'), 'rita');
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.raw, PDF)).toBe(0);
      const list = await get(api(openId), 'rita');
      expect(list.status).toBe(200);
      expect(list.body).not.toContain(actor.alice!.label);
      const web = await get(`/grants/applications/${openId}/attachments/registration/versions/2`, 'rita');
      expect(Buffer.compare(web.raw, TEXT)).toBe(0);
    });

    it("refuses a blind call's reviewer (403 blind_attachment), and the page says why instead of a link", async () => {
      for (const url of [api(blindId, '/registration/versions/1'), api(blindId)]) {
        const res = await get(url, 'rita');
        expect(res.status, url).toBe(403);
        expect(res.json().error!.details).toMatchObject({ reason: 'blind_attachment' });
        expect(res.json().error!.message).toMatch(/blind/);
      }
      const web = await get(`/grants/applications/${blindId}/attachments/registration/versions/1`, 'rita');
      expect(web.status).toBe(403);
      expect(web.raw.includes(PDF)).toBe(false);
      const view = await get(`/api/v1/grants/reviews/${blindId}`, 'rita');
      expect(view.body).not.toMatch(/cert\.pdf|Registro|\/versions\//);
      const page = (await get(`/grants/reviews/${blindId}`, 'rita')).body;
      expect(page).toContain('Registration certificate');
      expect(page).toContain('Version 2 (1 KB)');
      expect(page).toContain('not available on a blind call');
      expect(page).not.toContain('/versions/');
      expect(page).not.toContain('cert.pdf');
      // On the open call, the reviewer's page links each version.
      const open = (await get(`/grants/reviews/${openId}`, 'rita')).body;
      expect(open).toContain(`href="/grants/applications/${openId}/attachments/registration/versions/1"`);
      expect(open).toContain('Download version 2');
    });

    it('tells a reviewer who has not declared to declare first (403 declaration_required)', async () => {
      for (const url of [api(openId, '/registration/versions/1'), api(blindId, '/registration/versions/1')]) {
        const res = await get(url, 'una');
        expect(res.status, url).toBe(403);
        expect(res.json().error!.details).toMatchObject({ reason: 'declaration_required' });
      }
    });

    it('answers 404 naming an unknown version or requirement', async () => {
      const seven = await get(api(openId, '/registration/versions/7'), 'alice');
      expect(seven.status).toBe(404);
      expect(seven.json().error!.message).toContain("has no version '7'");
      expect(seven.json().error!.details).toMatchObject({ requirement: 'registration', versions: [1, 2] });
      const word = await get(api(openId, '/registration/versions/latest'), 'alice');
      expect(word.status).toBe(404);
      expect(word.json().error!.message).toContain("'latest'");
      for (const req of ['budget', 'passport']) {
        const res = await get(api(openId, `/${req}/versions/1`), 'alice');
        expect(res.status).toBe(404);
        expect(res.json().error!.message).toContain(`no attachment '${req}'`);
      }
    });

    it('refuses the public: 401 on the API, sent to sign in on the web', async () => {
      expect((await get(api(openId, '/registration/versions/1'))).status).toBe(401);
      expect((await get(api(openId))).status).toBe(401);
      const web = await t.app.inject({ url: `/grants/applications/${openId}/attachments/registration/versions/1` });
      expect(web.statusCode).toBe(303);
      expect(web.headers.location).toBe(
        `/login?next=${encodeURIComponent(`/grants/applications/${openId}/attachments/registration/versions/1`)}`,
      );
    });

    it("links every version with its number and date on the applicant's and the secretariat's pages", async () => {
      for (const [url, who] of [
        [`/grants/applications/${openId}`, 'alice'],
        [`/grants/manage/applications/${openId}`, 'sec'],
      ] as const) {
        const page = (await get(url, who)).body;
        for (const n of [1, 2])
          expect(page, url).toContain(`href="/grants/applications/${openId}/attachments/registration/versions/${n}"`);
        expect(page).toMatch(/Version 2: Registro – São Paulo\.txt \(1 KB\), \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
        expect(page).toContain('Download version 1');
      }
    });

    it('keeps the files in the grants folder: a case documents sweep leaves them', async () => {
      expect(await t.services.documents.sweep(SYSTEM)).toBeGreaterThanOrEqual(0);
      const res = await get(api(openId, '/registration/versions/1'), 'alice');
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.raw, PDF)).toBe(0);
    });
  });
}

suite('sqlite');
suite('postgres');
