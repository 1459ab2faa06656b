/**
 * The secretariat's and the reviewers' pages, through real forms (CSRF, sessions): the secretariat
 * assigns by e-mail address and decides; the reviewer declares, reads, scores; a recusal shows on the
 * panel; the call page lists applications by status with the scores; the award, its tranches and reports.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { createUser, formToken, postForm, signIn } from '../helpers/accounts.ts';
import { SYSTEM, userActor } from '../../src/modules/platform/index.ts';

let t: TestApp;
let sec: Record<string, string>;
let rev: Record<string, string>;
let other: Record<string, string>;
let callId = '';
let appId = '';
let app: Record<string, string>;
let draftId = '';

/** A multipart body as a browser sends it: the fields, then the file. */
async function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Uint8Array }) {
  const fd = new FormData();
  for (const [k, v] of Object.entries(fields)) fd.append(k, v);
  if (file) fd.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = new Response(fd);
  return { payload: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type')! };
}

async function post(jar: Record<string, string>, from: string, url: string, fields: Record<string, string>) {
  const { csrf, jar: withCsrf } = await formToken(t.app, from, jar);
  return postForm(t.app, url, withCsrf, { ...fields, _csrf: csrf });
}
const get = (jar: Record<string, string>, url: string) =>
  t.app.inject({
    url,
    headers: {
      cookie: Object.entries(jar)
        .map(([k, v]) => `${k}=${v}`)
        .join('; '),
    },
  });

beforeAll(async () => {
  t = await makeTestApp();
  const g = t.services.grants;
  const editor = await createUser(t.services, 'editor', 'sgf-secretariat@example.org');
  await createUser(t.services, 'contributor', 'reviewer-one@example.org');
  await createUser(t.services, 'contributor', 'reviewer-two@example.org');
  const applicant = await createUser(t.services, 'contributor', 'applicant@example.org');
  const actor = userActor({ id: applicant.id, email: applicant.email, role: 'contributor' });
  callId = (
    await g.calls.createCall(
      {
        title: 'Web call',
        opensAt: '2020-01-01T00:00:00Z',
        closesAt: '2099-12-31T23:59:59Z',
        currency: 'USD',
        capPerYear: 25_000,
        maxYears: 3,
        rubric: [{ id: 'relevance', label: 'Relevance', weight: 1 }],
        requiredAttachments: [{ id: 'registration', label: 'Registration certificate' }],
      },
      SYSTEM,
    )
  ).id;
  const org = await g.calls.registerOrganisation(
    {
      legalName: 'Coastal Shelter Trust',
      legalStatus: 'ngo',
      registrationNumber: 'CST-1',
      registrationCountry: 'PHL',
      contactEmail: 'office@coastal.example.org',
    },
    actor,
  );
  const a = await g.applications.createDraft(
    {
      callId,
      organisationId: org.id,
      title: 'Return and reintegration in Mindanao',
      durationYears: 1,
      currency: 'USD',
    },
    actor,
  );
  await g.applications.submit(a.id, actor);
  appId = a.id;
  draftId = (
    await g.applications.createDraft(
      { callId, organisationId: org.id, title: 'Second proposal', durationYears: 1, currency: 'USD' },
      actor,
    )
  ).id;
  app = await signIn(t.app, applicant.email);
  sec = await signIn(t.app, editor.email);
  rev = await signIn(t.app, 'reviewer-one@example.org');
  other = await signIn(t.app, 'reviewer-two@example.org');
});
afterAll(async () => t?.close());

describe('grants pages for the secretariat and reviewers', () => {
  it('runs eligibility, assignment, declaration, review, recusal, decision and award through forms', async () => {
    const manage = `/grants/manage/applications/${appId}`;
    expect((await get(rev, manage)).statusCode).toBe(403);
    expect((await get({}, manage)).headers.location).toMatch(/^\/login\?next=/);
    let res = await post(sec, manage, `${manage}/decision`, { to: 'eligible', reason: '' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('reason');
    res = await post(sec, manage, `${manage}/decision`, { to: 'eligible', reason: 'All checks pass' });
    expect(res.headers.location).toBe(manage);
    res = await post(sec, manage, `${manage}/reviewers`, { reviewer: 'nobody@example.org' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('no account with the e-mail address');
    for (const reviewer of ['reviewer-one@example.org', 'reviewer-two@example.org'])
      expect((await post(sec, manage, `${manage}/reviewers`, { reviewer })).statusCode).toBe(303);

    // The reviewer: the list asks for a declaration; the application redirects to it until then.
    let page = await get(rev, '/grants/reviews');
    expect(page.body).toContain(`/grants/reviews/${appId}/declaration`);
    expect(page.body).not.toContain('Mindanao');
    expect((await get(rev, `/grants/reviews/${appId}`)).headers.location).toBe(`/grants/reviews/${appId}/declaration`);
    const decl = `/grants/reviews/${appId}/declaration`;
    expect((await get(rev, decl)).body).toContain('Coastal Shelter Trust');
    expect((await post(rev, decl, decl, {})).statusCode).toBe(400);
    res = await post(rev, decl, decl, { conflict: 'no', reason: '' });
    expect(res.headers.location).toBe(`/grants/reviews/${appId}`);
    page = await get(rev, `/grants/reviews/${appId}`);
    expect(page.body).toContain('Return and reintegration in Mindanao');
    res = await post(rev, `/grants/reviews/${appId}`, `/grants/reviews/${appId}`, { comment: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('relevance is not scored');
    res = await post(rev, `/grants/reviews/${appId}`, `/grants/reviews/${appId}`, {
      score_relevance: '4',
      comment: 'Sound',
    });
    expect(res.headers.location).toBe(`/grants/reviews/${appId}?done=saved`);

    // The second reviewer recuses.
    res = await post(other, decl, decl, { conflict: 'yes', reason: 'I advised the applicant in 2024' });
    expect(res.headers.location).toBe('/grants/reviews?done=recused');
    expect((await get(other, `/grants/reviews/${appId}`)).statusCode).toBe(404);

    page = await get(sec, manage);
    expect(page.body).toContain('Recused: I advised the applicant in 2024');
    expect(page.body).toMatch(/reviewer-one@example.org<\/td><td>No conflict<\/td>\s*<td>4<\/td>/);
    const call = await get(sec, `/grants/manage/calls/${callId}?status=in_review`);
    expect(call.body).toContain('Return and reintegration in Mindanao');
    expect(call.body).toContain('fewer than two reviews');
    expect(call.body).toContain('Coastal Shelter Trust');
    const drafts = (await get(sec, `/grants/manage/calls/${callId}?status=draft`)).body;
    expect(drafts.split('Scores for the decision meeting')[0]).toContain('Second proposal');
    expect(drafts.split('Scores for the decision meeting')[0]).not.toContain('Mindanao');

    res = await post(sec, manage, `${manage}/decision`, { to: 'approved', reason: 'Ranked first' });
    expect(res.statusCode).toBe(303);
    res = await post(sec, manage, `${manage}/award`, {
      currency: 'USD',
      amount: '20000',
      agreementRef: 'SGF/W/1',
      signedOn: '2026-01-15',
      tranches: '2026-02-01; 10000\n2026-08-01; 9000',
      reports: 'narrative; 2026-07-15',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('tranches: total 19000, not 20000');
    res = await post(sec, manage, `${manage}/award`, {
      currency: 'USD',
      amount: '20000',
      agreementRef: 'SGF/W/1',
      signedOn: '2026-01-15',
      tranches: '2026-02-01; 10000\n2026-08-01; 10000',
      reports: 'narrative; 2026-07-15',
    });
    expect(res.statusCode).toBe(303);
    page = await get(sec, manage);
    expect(page.body).toContain('SGF/W/1');
    expect(page.body).toContain(`${manage}/tranches/1/release`);
    res = await post(sec, manage, `${manage}/tranches/1/release`, {});
    expect(res.statusCode).toBe(303);
    expect((await get(sec, manage)).body).not.toContain(`${manage}/tranches/1/release`);
    res = await post(sec, manage, `${manage}/tranches/2/release`, {});
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('not approved: narrative report due 2026-07-15');
    const report = (await t.services.grants.awards.get(appId, SYSTEM)).reports[0]!.id;
    expect((await post(sec, manage, `${manage}/reports/${report}/received`, {})).statusCode).toBe(303);
    expect((await post(sec, manage, `${manage}/reports/${report}/approve`, {})).statusCode).toBe(303);
    expect((await post(sec, manage, `${manage}/tranches/2/release`, {})).statusCode).toBe(303);
    expect((await get(sec, manage)).body).not.toContain('/release"');
  });

  it('uploads an attachment from the application page; a second upload keeps the first, listed', async () => {
    const url = `/grants/applications/${draftId}`;
    const upload = async (name: string, bytes: Buffer, type = 'text/plain') => {
      const { csrf, jar } = await formToken(t.app, url, app);
      const body = await multipart({ _csrf: csrf, requirement: 'registration' }, { name, type, bytes });
      const cookie = Object.entries(jar)
        .map(([k, v]) => `${k}=${v}`)
        .join('; ');
      return t.app.inject({
        method: 'POST',
        url: `${url}/attachments`,
        payload: body.payload,
        headers: { cookie, 'content-type': body.type, accept: 'text/html' },
      });
    };
    expect((await get(app, url)).body).toContain('enctype="multipart/form-data"');
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]);
    const refused = await upload('cert.pdf', exe, 'application/pdf');
    expect(refused.statusCode).toBe(415);
    expect(refused.body).toContain('role="alert"');
    expect((await upload('registration-2009.txt', Buffer.from('Registered in 2009 under No. CST-1.'))).statusCode).toBe(
      303,
    );
    expect((await upload('registration-2024.txt', Buffer.from('Registration renewed in 2024.'))).statusCode).toBe(303);
    const page = (await get(app, url)).body;
    expect(page).toContain('Version 2: registration-2024.txt');
    expect(page).toContain('Version 1: registration-2009.txt');
    expect(page.indexOf('Version 2')).toBeLessThan(page.indexOf('Version 1'));
    const versions = (await t.services.grants.attachments.catalogue(draftId, SYSTEM)).attachments[0]!.versions;
    expect(versions.map((v) => [v.version, v.filename])).toEqual([
      [2, 'registration-2024.txt'],
      [1, 'registration-2009.txt'],
    ]);
    // Each upload is a revision of the application: a review names what it read.
    const revs = await t.services.grants.applications.revisions(draftId, SYSTEM);
    expect(revs.map((r) => r.revision)).toEqual([1, 2, 3]);
    // Another person cannot upload to it (404).
    const { csrf, jar } = await formToken(t.app, '/account', rev);
    const body = await multipart(
      { _csrf: csrf, requirement: 'registration' },
      {
        name: 'x.txt',
        type: 'text/plain',
        bytes: Buffer.from('x'),
      },
    );
    const cookie = Object.entries(jar)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
    const res = await t.app.inject({
      method: 'POST',
      url: `${url}/attachments`,
      payload: body.payload,
      headers: { cookie, 'content-type': body.type, accept: 'text/html' },
    });
    expect(res.statusCode).toBe(404);
    expect((await t.services.grants.attachments.catalogue(draftId, SYSTEM)).attachments[0]!.versions).toHaveLength(2);
  });
});
