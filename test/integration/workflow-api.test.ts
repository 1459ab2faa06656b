/** The editorial workflow over the API: who may move a case where, comments, restricted fields, versions, restore,
 * audit. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { AUTH, makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createToken, createUser, signIn } from '../helpers/accounts.ts';
import { caseInput } from '../factories/case-factory.ts';

const facts = (text: string) => ({ en: { facts: text, reasoning: null, commentary: null, crossCutting: null } });

describe('workflow API', () => {
  let t: TestApp;
  let contributor: { authorization: string };
  let other: { authorization: string };
  let editor: { authorization: string };
  let contributorId: string;

  beforeAll(async () => {
    t = await makeTestApp();
    const c = await createUser(t.services, 'contributor');
    contributorId = c.id;
    contributor = (await createToken(t.services, ['read', 'write'], c.id)).header;
    other = (await createToken(t.services, ['read', 'write'], (await createUser(t.services, 'contributor')).id)).header;
    editor = (await createToken(t.services, ['read', 'write'], (await createUser(t.services, 'editor')).id)).header;
  });
  afterAll(async () => t.close());

  const post = (url: string, headers: object, payload: object) =>
    t.app.inject({ method: 'POST', url, headers: headers as Record<string, string>, payload });
  const move = (id: string, headers: object, to: string, extra: object = {}) =>
    post(`/api/v1/cases/${id}/transitions`, headers, { to, ...extra });

  it('draft -> in review -> published -> withdrawn -> draft, each move by whom the rules allow', async () => {
    // A contributor cannot choose an id (a 409 would reveal hidden cases); theirs has a random suffix.
    expect((await post('/api/v1/cases', contributor, caseInput({ id: 'wf-1', status: 'draft' }))).statusCode).toBe(403);
    const created = await post(
      '/api/v1/cases',
      contributor,
      caseInput({ title: 'Workflow one', status: 'draft', narratives: facts('A trawler off the coast.') }),
    );
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(id).toMatch(/^workflow-one-[0-9a-f]{6}$/);
    expect((await post('/api/v1/cases', contributor, caseInput({ status: 'published' }))).statusCode).toBe(403);

    // Another contributor does not even see it; the owner cannot publish it.
    expect((await move(id, other, 'in_review')).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/api/v1/cases/${id}`, headers: other })).statusCode).toBe(404);
    const skip = await move(id, contributor, 'published');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error.details[0].allowed).toEqual(['in_review']);

    expect((await move(id, contributor, 'in_review', { comment: 'Ready for review' })).json().status).toBe('in_review');
    // Submitted: the contributor can no longer edit it, nor publish it.
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/cases/${id}`,
          headers: contributor,
          payload: { court: 'X' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await move(id, contributor, 'published')).statusCode).toBe(403);

    expect((await move(id, editor, 'draft', { comment: 'Please add the sentence.' })).json().status).toBe('draft');
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/cases/${id}`,
          headers: contributor,
          payload: { court: 'High Court' },
        })
      ).statusCode,
    ).toBe(200);
    await move(id, contributor, 'in_review');
    expect((await move(id, editor, 'published')).json().status).toBe('published');
    expect((await t.app.inject({ url: `/api/v1/cases/${id}` })).statusCode).toBe(200);
    expect((await move(id, editor, 'withdrawn')).json().status).toBe('withdrawn');
    expect((await t.app.inject({ url: `/api/v1/cases/${id}` })).statusCode).toBe(404);
    expect((await move(id, editor, 'draft')).json().status).toBe('draft');

    const comments = (await t.app.inject({ url: `/api/v1/cases/${id}/comments`, headers: contributor })).json().items;
    expect(comments.map((c: { body: string; transition: string }) => [c.body, c.transition])).toEqual([
      ['Ready for review', 'draft->in_review'],
      ['Please add the sentence.', 'in_review->draft'],
    ]);
    const history = (await t.app.inject({ url: `/api/v1/cases/${id}/versions`, headers: editor })).json().items;
    expect(history.map((v: { action: string }) => v.action)).toEqual([
      'redraft',
      'withdraw',
      'publish',
      'submit',
      'edit',
      'return',
      'submit',
      'create',
    ]);
    expect(history.find((v: { action: string }) => v.action === 'edit').changed).toEqual(['court']);
  });

  it('status is not a field: PATCH cannot publish', async () => {
    await post('/api/v1/cases', AUTH, caseInput({ id: 'wf-patch', status: 'draft' }));
    const r = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/cases/wf-patch',
      headers: AUTH,
      payload: { status: 'published' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.details[0].path).toBe('status');
    expect((await t.app.inject({ url: '/api/v1/cases/wf-patch', headers: AUTH })).json().status).toBe('draft');
  });

  it('the pseudonymisation check stops publishing a narrative that names a party until acknowledged', async () => {
    await post(
      '/api/v1/cases',
      AUTH,
      caseInput({
        id: 'wf-names',
        status: 'draft',
        victims: [{ kind: 'person', label: 'Maria Santos' }],
        narratives: facts('Maria was recruited in Manila.'),
      }),
    );
    await move('wf-names', AUTH, 'in_review');
    const refused = await move('wf-names', editor, 'published');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.details.warnings[0]).toMatchObject({
      path: 'narratives.en.facts',
      party: 'victims.0.label',
      name: 'Maria',
    });
    expect(
      (await t.app.inject({ url: '/api/v1/cases/wf-names/editorial', headers: editor })).json().warnings,
    ).toHaveLength(1);
    expect((await move('wf-names', editor, 'published', { acknowledgeWarnings: true })).statusCode).toBe(200);
    // Editing a published case, or restoring an old version of it, is publishing too.
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/cases/wf-names',
      headers: editor,
      payload: { narratives: facts('The victim was recruited in Manila.') },
    });
    const named = await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/cases/wf-names',
      headers: editor,
      payload: { narratives: facts('Santos was recruited.') },
    });
    expect(named.statusCode).toBe(409);
    expect(named.json().error.details.warnings[0]).toMatchObject({ name: 'Santos' });
    const clean = (await t.app.inject({ url: '/api/v1/cases/wf-names' })).json();
    expect(clean.narratives.en.facts).toBe('The victim was recruited in Manila.');
    expect((await post(`/api/v1/cases/wf-names/versions/1/restore`, editor, {})).statusCode).toBe(409);
    expect(
      (await post(`/api/v1/cases/wf-names/versions/1/restore?acknowledge_warnings=true`, editor, {})).statusCode,
    ).toBe(200);
    const audit = await t.services.store.audit.list({ targetId: 'wf-names', action: 'case.publish', limit: 5 });
    expect(audit[0]!.details).toMatchObject({ warningsAcknowledged: true });
  });

  it('restricted fields: set by editors and the owner, never in the public record; versions keep them', async () => {
    const id = (await post('/api/v1/cases', contributor, caseInput({ status: 'draft' }))).json().id as string;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/cases/${id}/restricted`,
      headers: contributor,
      payload: { internalNotes: 'Source is the prosecutor’s office', sourceContacts: 'clerk@example.org' },
    });
    expect(put.statusCode).toBe(200);
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/cases/${id}/restricted`,
          headers: other,
          payload: { internalNotes: 'x' },
        })
      ).statusCode,
    ).toBe(404);
    const rec = (await t.app.inject({ url: `/api/v1/cases/${id}`, headers: editor })).json();
    expect(JSON.stringify(rec)).not.toMatch(/prosecutor’s office|clerk@example/);
    const ed = (await t.app.inject({ url: `/api/v1/cases/${id}/editorial`, headers: editor })).json();
    expect(ed.restricted).toEqual({
      internalNotes: 'Source is the prosecutor’s office',
      sourceContacts: 'clerk@example.org',
    });
    expect(ed.ownerId).toBe(contributorId);
    const v2 = (await t.app.inject({ url: `/api/v1/cases/${id}/versions/2`, headers: editor })).json();
    expect(v2.restricted.sourceContacts).toBe('clerk@example.org');
    expect(v2.changed).toEqual(['restricted.internalNotes', 'restricted.sourceContacts']);
    // A read-only partner token may read them; the public may not.
    const reader = (await createToken(t.services, ['read'])).header;
    expect((await t.app.inject({ url: `/api/v1/cases/${id}/editorial`, headers: reader })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/cases/${id}/editorial` })).statusCode).toBe(401);
  });

  it('restores an earlier version as a new version, status unchanged', async () => {
    await post('/api/v1/cases', AUTH, caseInput({ id: 'wf-restore', status: 'draft', court: 'First Court' }));
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/cases/wf-restore',
      headers: AUTH,
      payload: { court: 'Second Court' },
    });
    const r = await post('/api/v1/cases/wf-restore/versions/1/restore', editor, {});
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ court: 'First Court', version: 3, status: 'draft' });
    const v3 = (await t.app.inject({ url: '/api/v1/cases/wf-restore/versions', headers: editor })).json().items[0];
    expect(v3).toMatchObject({ version: 3, action: 'restore', changed: ['court'] });
    const diff = (await t.app.inject({ url: '/api/v1/cases/wf-restore/versions/3/diff', headers: editor })).json();
    expect(diff).toEqual({
      version: 3,
      against: 2,
      changes: [{ path: 'court', kind: 'changed', before: 'Second Court', after: 'First Court' }],
    });
    expect(
      (await t.app.inject({ url: '/api/v1/cases/wf-restore/versions/3/diff?against=1', headers: editor })).json()
        .changes,
    ).toEqual([]);
    expect((await t.app.inject({ url: '/api/v1/cases/wf-restore/versions/3/diff' })).statusCode).toBe(401);
    expect((await post('/api/v1/cases/wf-restore/versions/9/restore', editor, {})).statusCode).toBe(404);
    expect((await post('/api/v1/cases/wf-restore/versions/1/restore', contributor, {})).statusCode).toBe(404);
  });

  it('every write, import and document change leaves a version and an audit entry with who did it', async () => {
    const imp = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...AUTH, 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(caseInput({ id: 'wf-imp', status: 'published' }))}\n`,
    });
    expect(imp.statusCode).toBe(201);
    const versions = await t.services.store.editorial.listVersions('wf-imp');
    expect(versions).toEqual([expect.objectContaining({ version: 1, action: 'import', actorLabel: 'token tests' })]);
    const batch = imp.json().batch;
    const log = await t.services.store.audit.list({ targetId: batch, limit: 5 });
    expect(log[0]).toMatchObject({
      action: 'import.batch',
      actorKind: 'token',
      details: expect.objectContaining({ created: 1 }),
    });
    const doc = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/wf-imp/documents?filename=j.txt',
      headers: { ...AUTH, 'content-type': 'text/plain' },
      payload: 'The judgment text.',
    });
    expect(doc.statusCode).toBe(201);
    expect((await t.services.store.editorial.listVersions('wf-imp'))[0]).toMatchObject({
      version: 2,
      action: 'documents',
    });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/imports/${batch}`, headers: AUTH })).statusCode).toBe(
      409,
    ); // changed since

    // Undoing an import that changed a case puts it back exactly, its history too.
    const before = await t.services.store.editorial.listVersions('wf-imp');
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...AUTH, 'content-type': 'application/x-ndjson' },
      payload: `${JSON.stringify(caseInput({ id: 'wf-imp', title: 'Retitled', status: 'published' }))}\n`,
    });
    expect(again.json()).toMatchObject({ updated: 1 });
    expect((await t.services.store.editorial.listVersions('wf-imp'))[0]).toMatchObject({
      version: 3,
      action: 'import',
      changed: expect.arrayContaining(['title']),
    });
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/imports/${again.json().batch}`, headers: AUTH }))
        .statusCode,
    ).toBe(200);
    expect(await t.services.store.editorial.listVersions('wf-imp')).toEqual(before);
    expect((await t.services.store.audit.list({ action: 'import.undo', limit: 1 }))[0]!.details).toMatchObject({
      restored: 1,
      cases: ['wf-imp'],
    });
  });

  it('the audit log is for administrators, as JSON pages, CSV and JSON Lines', async () => {
    const admin = await createUser(t.services, 'admin');
    const session = { cookie: cookieHeader(await signIn(t.app, admin.email)) };
    expect((await t.app.inject({ url: '/api/v1/audit', headers: editor })).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/v1/audit', headers: AUTH })).statusCode).toBe(403);
    const page = await t.app.inject({ url: '/api/v1/audit?limit=5', headers: session });
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(5);
    expect(page.json().next).toMatch(/before=\d+/);
    const csv = await t.app.inject({ url: '/api/v1/audit?format=csv', headers: session });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe('id,at,actorKind,actorId,actorLabel,ip,action,targetType,targetId,details');
    expect(csv.body).toMatch(/case\.publish/);
    expect(csv.body).toMatch(/login\.success/);
    const jsonl = await t.app.inject({ url: '/api/v1/audit?format=jsonl', headers: session });
    const entries = jsonl.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'case.create',
        'case.submit',
        'case.withdraw',
        'import.batch',
        'case.documents',
        'login.success',
      ]),
    );
    expect(entries.length).toBeGreaterThan(lines.length - 2); // the export itself was logged in between
  });

  it('documents the workflow and account routes in OpenAPI, with the bearer scheme', async () => {
    const doc = (await t.app.inject({ url: '/api/v1/openapi.json' })).json();
    for (const path of [
      '/api/v1/cases/{id}/transitions',
      '/api/v1/cases/{id}/editorial',
      '/api/v1/cases/{id}/restricted',
      '/api/v1/cases/{id}/comments',
      '/api/v1/cases/{id}/versions',
      '/api/v1/cases/{id}/versions/{version}',
      '/api/v1/cases/{id}/versions/{version}/diff',
      '/api/v1/cases/{id}/versions/{version}/restore',
      '/api/v1/review-queue',
      '/api/v1/me',
      '/api/v1/users',
      '/api/v1/tokens',
      '/api/v1/audit',
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/v1/cases/{id}/transitions'].post.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes.bearerAuth.description).toMatch(/scopes read, write and\/or import/);
  });
});
