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
    expect((await get(sec, `/grants/manage/calls/${callId}?status=draft`)).body).not.toContain('Coastal Shelter Trust');

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
  });
});
