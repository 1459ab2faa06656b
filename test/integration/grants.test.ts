/**
 * The Small Grants Facility end to end on the services, with a fixed clock and a real SMTP server:
 * the deadline at the boundary, isolation between organisations, bad input refused with nothing
 * written, every revision kept, eligibility (rules and decisions with reasons), attachments checked
 * by their bytes, conflicts of interest, blind review, the decision meeting and the mails.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { cookieHeader, createUser, postForm, signIn } from '../helpers/accounts.ts';
import { startSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { userActor, SYSTEM, type Actor } from '../../src/modules/platform/index.ts';
import { createGrantsServices, kernelJobs } from '../../src/modules/grants/services/grants-services.ts';
import { JobWorker } from '../../src/kernel/jobs/index.ts';
import type { GrantsServices } from '../../src/modules/grants/index.ts';

const CLOSES = '2027-04-30T23:59:59.000Z';
let t: TestApp;
let smtp: TestSmtp;
let g: GrantsServices['grants'];
let jobs: GrantsServices['jobs'];
let clock = Date.parse('2027-03-10T12:00:00.000Z');
const people: Record<string, Actor & { userId: string }> = {};
let callId = '';
let blindCallId = '';
let orgA = '';
let orgB = '';
let orgGov = '';

const draft = (over: Record<string, unknown> = {}) => ({
  callId,
  organisationId: orgA,
  title: 'Shelter network across the Mekong borders',
  summary: 'Legal aid and shelter for victims returning across borders.',
  countries: ['THA', 'LAO'],
  themes: ['cross-border support'],
  durationYears: 2,
  currency: 'USD',
  budget: [
    { year: 1, category: 'legal aid', amount: 15_000 },
    { year: 1, category: 'shelter', amount: 10_000 },
    { year: 2, category: 'legal aid', amount: 20_000 },
  ],
  answers: { interregional: 'Thai and Lao partners', remedies: 'Compensation claims' },
  ...over,
});
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

async function person(name: string, role: 'contributor' | 'editor' = 'contributor') {
  const u = await createUser(t.services, role, `${name}@example.org`);
  people[name] = userActor({ id: u.id, email: u.email, role }) as Actor & { userId: string };
  return people[name]!;
}

async function drainMail(): Promise<number> {
  return new JobWorker(jobs.queue, jobs.handlers, 'test').drain();
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await makeTestApp({ smtpUrl: smtp.url, mailFrom: 'Trust Fund <sgf@example.org>' });
  jobs = kernelJobs(t.services.database, t.config, () => new Date(clock));
  g = createGrantsServices(t.services.database, t.config, { jobs }, () => new Date(clock)).grants;
  await person('secretariat', 'editor');
  for (const n of ['alice', 'bob', 'rita', 'rex', 'gov']) await person(n);
  const base = {
    opensAt: '2027-03-01T00:00:00Z',
    closesAt: CLOSES,
    currency: 'USD',
    capPerYear: 25_000,
    maxYears: 3,
    questions: [
      { id: 'interregional', text: 'Interregional or cross-border victim support?' },
      { id: 'remedies', text: 'Effective remedies for victims?' },
    ],
    requiredAttachments: [{ id: 'registration', label: 'Registration certificate' }],
    rubric: [
      { id: 'relevance', label: 'Relevance', weight: 2 },
      { id: 'feasibility', label: 'Feasibility', weight: 1 },
    ],
  };
  callId = (await g.calls.createCall({ ...base, title: 'Test call 2027' }, people.secretariat!)).id;
  blindCallId = (
    await g.calls.createCall({ ...base, title: 'Blind call 2027', blindReview: true }, people.secretariat!)
  ).id;
  const org = (name: string, legalStatus = 'ngo') => ({
    legalName: name,
    legalStatus,
    registrationNumber: 'R-1',
    registrationCountry: 'THA',
    contactEmail: `contact@${name.toLowerCase().replace(/\W/g, '')}.example.org`,
    timeZone: 'Asia/Bangkok',
  });
  orgA = (await g.calls.registerOrganisation(org('Alpha Aid'), people.alice!)).id;
  orgB = (await g.calls.registerOrganisation(org('Beta Help'), people.bob!)).id;
  orgGov = (await g.calls.registerOrganisation(org('Ministry Unit', 'government'), people.gov!)).id;
  // Rex works for Alpha Aid too: he may never review its applications.
  await g.calls.addMember(orgA, people.rex!.userId, people.secretariat!);
});
afterAll(async () => {
  jobs.close();
  await t.close();
  await smtp.close();
});

describe('grants: applications and the deadline', () => {
  it('refuses a submission one second after the close, naming the deadline, and accepts one at it', async () => {
    const a = await g.applications.createDraft(draft(), people.alice!);
    const b = await g.applications.createDraft(draft({ title: 'Second proposal' }), people.alice!);
    clock = Date.parse(CLOSES) + 1000;
    const err = await g.applications.submit(a.id, people.alice!).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CONFLICT', details: { path: 'deadline', closesAt: CLOSES } });
    expect((err as Error).message).toContain(CLOSES);
    expect((await g.applications.get(a.id, people.alice!)).status).toBe('draft');
    clock = Date.parse(CLOSES);
    expect((await g.applications.submit(b.id, people.alice!)).status).toBe('submitted');
    clock = Date.parse('2027-03-10T12:00:00.000Z');
  });

  it('refuses bad input with a clear error and writes nothing', async () => {
    const before = (await g.applications.list(people.secretariat!)).length;
    const over = draft({ budget: [{ year: 1, category: 'x', amount: 25_001 }] });
    await expect(g.applications.createDraft(over, people.alice!)).rejects.toThrow(/budget.year1: year 1 totals 25001/);
    const neg = draft({ budget: [{ year: 1, category: 'x', amount: -5 }] });
    await expect(g.applications.createDraft(neg, people.alice!)).rejects.toMatchObject({
      details: [expect.objectContaining({ path: 'budget.0.amount' })],
    });
    await expect(g.applications.createDraft(draft({ currency: 'EUR' }), people.alice!)).rejects.toThrow(
      /currency: must be the call's currency, USD/,
    );
    // Alice cannot apply in Beta Help's name.
    await expect(g.applications.createDraft(draft({ organisationId: orgB }), people.alice!)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect((await g.applications.list(people.secretariat!)).length).toBe(before);
  });

  it("shows an applicant only their own organisation's applications: 404 by id or guess", async () => {
    const a = await g.applications.createDraft(draft(), people.alice!);
    await expect(g.applications.get(a.id, people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(g.applications.get('app-00000000-0000', people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(g.applications.revisions(a.id, people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(g.applications.save(a.id, draft(), people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await g.applications.list(people.bob!)).map((x) => x.id)).not.toContain(a.id);
    await expect(g.calls.getOrganisation(orgA, people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an executable disguised as a PDF, and keeps a real one', async () => {
    const a = await g.applications.createDraft(draft(), people.alice!);
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(200)]);
    await expect(
      g.attachments.attach(a.id, { requirement: 'registration', filename: 'cert.pdf', bytes: exe }, people.alice!),
    ).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(await g.attachments.list(a.id, people.alice!)).toEqual([]);
    const ok = await g.attachments.attach(
      a.id,
      { requirement: 'registration', filename: 'cert.pdf', bytes: PDF },
      people.alice!,
    );
    expect(ok.kind).toBe('pdf');
    expect(ok.version).toBe(1);
    const again = await g.attachments.attach(
      a.id,
      { requirement: 'registration', filename: 'cert-2027.pdf', bytes: Buffer.concat([PDF, Buffer.from('\n')]) },
      people.alice!,
    );
    expect(again.version).toBe(2);
    const versions = (await g.attachments.catalogue(a.id, people.alice!)).attachments[0]!.versions;
    expect(versions.map((v) => [v.version, v.filename])).toEqual([
      [2, 'cert-2027.pdf'],
      [1, 'cert.pdf'],
    ]);
    expect((await g.attachments.list(a.id, people.alice!)).map((x) => x.filename)).toEqual(['cert-2027.pdf']);
    await expect(g.attachments.catalogue(a.id, people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('grants: eligibility, requests for information, decisions and mail', () => {
  it('checks each eligibility rule', async () => {
    const a = await g.applications.createDraft(
      draft({ answers: { interregional: 'yes' }, durationYears: 3 }),
      people.alice!,
    );
    let e = await g.applications.eligibility(a.id, people.alice!);
    const by = (rule: string) => e.current.find((r) => r.rule === rule)!;
    expect(by('lead_is_ngo').passed).toBe(true);
    expect(by('years_within_cap').passed).toBe(true);
    expect(by('duration_within_max').passed).toBe(true);
    expect(by('criteria_answered')).toMatchObject({ passed: false, details: ['remedies'] });
    expect(by('attachments_present')).toMatchObject({ passed: false, details: ['registration'] });
    await g.attachments.attach(a.id, { requirement: 'registration', filename: 'c.pdf', bytes: PDF }, people.alice!);
    await g.applications.save(a.id, draft(), people.alice!);
    e = await g.applications.eligibility(a.id, people.alice!);
    expect(e.current.every((r) => r.passed)).toBe(true);
    const gov = await g.applications.createDraft(draft({ organisationId: orgGov }), people.gov!);
    const ge = await g.applications.eligibility(gov.id, people.gov!);
    expect(ge.current.find((r) => r.rule === 'lead_is_ngo')).toMatchObject({ passed: false, details: ['government'] });
  });

  it('keeps every revision through a request for information, and mails receipt, request and decision', async () => {
    const a = await g.applications.createDraft(draft(), people.alice!);
    await g.applications.submit(a.id, people.alice!);
    await expect(g.applications.save(a.id, draft(), people.alice!)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(g.decisions.decide(a.id, { to: 'info_requested', reason: '' }, people.secretariat!)).rejects.toThrow(
      /reason/,
    );
    await expect(
      g.decisions.decide(
        a.id,
        { to: 'info_requested', reason: 'Which partner holds the bank account?' },
        people.alice!,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await g.decisions.decide(
      a.id,
      { to: 'info_requested', reason: 'Which partner holds the bank account?' },
      people.secretariat!,
    );
    clock = Date.parse(CLOSES) + 86_400_000; // an answer to a request may come after the close
    await g.applications.save(a.id, draft({ summary: 'Alpha Aid holds the account.' }), people.alice!);
    expect((await g.applications.submit(a.id, people.alice!)).status).toBe('submitted');
    clock = Date.parse('2027-03-10T12:00:00.000Z');
    const revs = await g.applications.revisions(a.id, people.alice!);
    expect(revs.map((r) => r.revision)).toEqual([1, 2]);
    expect(revs[0]!.content.summary).toContain('Legal aid');
    expect(revs[1]!.content.summary).toBe('Alpha Aid holds the account.');
    await g.decisions.decide(a.id, { to: 'ineligible', reason: 'Registered less than a year' }, people.secretariat!);
    await g.decisions.decide(
      a.id,
      { to: 'rejected', reason: 'Not eligible: registered less than a year' },
      people.secretariat!,
    );

    smtp.received.length = 0;
    clock = Date.parse(CLOSES) + 2 * 86_400_000; // every message due
    expect(await drainMail()).toBeGreaterThanOrEqual(4);
    clock = Date.parse('2027-03-10T12:00:00.000Z');
    const mine = smtp.received.filter((m) => m.text?.includes(a.id));
    expect(mine.map((m) => m.subject).sort()).toEqual([
      'Application received: Shelter network across the Mekong borders',
      'Application received: Shelter network across the Mekong borders',
      'Decision on your application: Shelter network across the Mekong borders',
      'More information requested: Shelter network across the Mekong borders',
    ]);
    const subject = (s: string) => mine.find((m) => m.subject?.startsWith(s))!;
    expect(subject('More information').text).toContain('Which partner holds the bank account?');
    expect(subject('Decision').text).toContain('not funded');
    expect(subject('Decision').text).toContain('registered less than a year');
    expect(mine.every((m) => (m.to as { text: string }).text === 'contact@alphaaid.example.org')).toBe(true);
    // A second run sends nothing more.
    expect(await drainMail()).toBe(0);
    expect(smtp.received.filter((m) => m.text?.includes(a.id))).toHaveLength(4);
  });
});

describe("grants: mail in the applicant's language", () => {
  it('writes the receipt and the decision in French when the applicant submitted from /fr/, else English', async () => {
    // A call open in real time: the web app's services run on the real clock.
    const open = await g.calls.createCall(
      {
        title: 'Open call',
        opensAt: '2020-01-01T00:00:00Z',
        closesAt: '2099-01-01T00:00:00Z',
        currency: 'USD',
        capPerYear: 25_000,
        maxYears: 3,
        questions: [
          { id: 'interregional', text: 'Interregional or cross-border victim support?' },
          { id: 'remedies', text: 'Effective remedies for victims?' },
        ],
      },
      people.secretariat!,
    );
    const fr = await g.applications.createDraft(draft({ callId: open.id, title: 'Projet francophone' }), people.alice!);
    const en = await g.applications.createDraft(draft({ callId: open.id, title: 'English project' }), people.alice!);
    const jar = await signIn(t.app, 'alice@example.org');
    for (const [prefix, a] of [
      ['/fr', fr],
      ['', en],
    ] as const) {
      const page = await t.app.inject({
        url: `${prefix}/grants/applications/${a.id}`,
        headers: { cookie: cookieHeader(jar) },
      });
      const csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
      const res = await postForm(t.app, `${prefix}/grants/applications/${a.id}/submit`, jar, { _csrf: csrf });
      expect(res.statusCode).toBe(303);
    }
    await g.decisions.decide(fr.id, { to: 'info_requested', reason: 'Quel partenaire ?' }, people.secretariat!);
    smtp.received.length = 0;
    clock = Date.parse('2027-03-12T12:00:00.000Z');
    await drainMail();
    clock = Date.parse('2027-03-10T12:00:00.000Z');
    const about = (id: string) =>
      smtp.received
        .filter((m) => m.text?.includes(id))
        .map((m) => m.subject)
        .sort();
    expect(about(fr.id)).toEqual([
      'Demande reçue : Projet francophone',
      'Informations complémentaires demandées : Projet francophone',
    ]);
    expect(about(en.id)).toEqual(['Application received: English project']);
  });
});

describe('grants: review', () => {
  let appId = '';
  let blindId = '';
  beforeAll(async () => {
    const a = await g.applications.createDraft(draft(), people.alice!);
    await g.applications.submit(a.id, people.alice!);
    await g.decisions.decide(a.id, { to: 'eligible', reason: 'All checks pass' }, people.secretariat!);
    appId = a.id;
    const b = await g.applications.createDraft(draft({ callId: blindCallId, title: 'Blind proposal' }), people.alice!);
    await g.applications.submit(b.id, people.alice!);
    await g.decisions.decide(b.id, { to: 'eligible', reason: 'All checks pass' }, people.secretariat!);
    blindId = b.id;
  });

  it('blocks assignment on a declared conflict and on a shared organisation', async () => {
    await g.reviews.declareConflict(orgA, 'Former board member', people.bob!);
    await expect(g.reviews.assign(appId, people.bob!.userId, people.secretariat!)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'declared_conflict' },
    });
    await expect(g.reviews.assign(appId, people.rex!.userId, people.secretariat!)).rejects.toMatchObject({
      details: { reason: 'shared_organisation' },
    });
    await expect(g.reviews.assign(appId, people.rita!.userId, people.alice!)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await g.reviews.assign(appId, people.rita!.userId, people.secretariat!);
    await g.reviews.assign(appId, people.gov!.userId, people.secretariat!);
  });

  it('shows nothing of an application until the reviewer declares no conflict; a conflict recuses', async () => {
    const refused = { code: 'FORBIDDEN', details: { path: 'declaration', reason: 'declaration_required' } };
    await expect(g.reviews.view(appId, people.rita!)).rejects.toMatchObject(refused);
    const score = { scores: { relevance: 5, feasibility: 4 } };
    await expect(g.reviews.submitReview(appId, score, people.rita!)).rejects.toMatchObject(refused);
    expect((await g.reviews.assignedToMe(people.rita!)).map((a) => a.id)).not.toContain(appId);
    expect((await g.reviews.awaitingDeclaration(people.rita!)).map((a) => a.applicationId)).toContain(appId);
    // Before declaring: the call and, the call being open, the applicant's name to judge against.
    const before = await g.reviews.declarationView(appId, people.rita!);
    expect(before).toMatchObject({ blind: false, organisations: ['Alpha Aid'], declaredAt: null });
    expect(JSON.stringify(before)).not.toContain('Shelter network');
    // Bob is not assigned: 404 on the declaration as on the application.
    await expect(g.reviews.declare(appId, { conflict: false }, people.bob!)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(g.reviews.declare(appId, { conflict: true, reason: ' ' }, people.rita!)).rejects.toThrow(/reason/);
    await g.reviews.declare(appId, { conflict: false }, people.rita!);
    expect((await g.reviews.view(appId, people.rita!)).content.title).toBe('Shelter network across the Mekong borders');
    expect((await g.reviews.awaitingDeclaration(people.rita!)).map((a) => a.applicationId)).not.toContain(appId);

    // A third reviewer recuses: the assignment goes (audited) and cannot be made again.
    const sam = await person('sam');
    await g.reviews.assign(appId, sam.userId, people.secretariat!);
    await g.reviews.declare(appId, { conflict: true, reason: 'My sister works for the applicant' }, sam);
    await expect(g.reviews.view(appId, sam)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await g.reviews.awaitingDeclaration(sam)).toEqual([]);
    await expect(g.reviews.assign(appId, sam.userId, people.secretariat!)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { reason: 'declared_conflict' },
    });
    const rows = await t.services.database
      .kysely<{ audit_log: { action: string; target_id: string; details: string } }>()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'grants.review.recuse')
      .where('target_id', '=', appId)
      .execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({
      reviewer: sam.userId,
      reason: 'My sister works for the applicant',
    });
    await g.reviews.declare(appId, { conflict: false }, people.gov!);
  });

  it('lets only an assigned reviewer score, tied to the revision read, with n/a left out', async () => {
    await expect(
      g.reviews.submitReview(appId, { scores: { relevance: 5, feasibility: 4 } }, people.bob!),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(g.reviews.submitReview(appId, { scores: { relevance: 5 } }, people.rita!)).rejects.toThrow(
      /feasibility/,
    );
    const r = await g.reviews.submitReview(appId, { scores: { relevance: 5, feasibility: null } }, people.rita!);
    expect(r).toMatchObject({ revision: 1, score: 5 });
    const r2 = await g.reviews.submitReview(appId, { scores: { relevance: 1, feasibility: 4 } }, people.gov!);
    expect(r2.score).toBe(2);
    const ranked = await g.reviews.meeting(callId, people.secretariat!);
    const row = ranked.find((x) => x.applicationId === appId)!;
    expect(row).toMatchObject({ mean: 3.5, spread: 3, reviews: 2, flags: ['disagreement'] });
    await expect(g.reviews.meeting(callId, people.rita!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('hides the applicant identity on a blind call in the view, the list, the page and the export', async () => {
    await g.reviews.assign(blindId, people.rita!.userId, people.secretariat!);
    const declaring = await g.reviews.declarationView(blindId, people.rita!);
    expect(declaring).toMatchObject({ blind: true, organisations: null });
    await g.reviews.declare(blindId, { conflict: false }, people.rita!);
    const v = await g.reviews.view(blindId, people.rita!);
    expect(v.blind).toBe(true);
    expect(JSON.stringify(v)).not.toMatch(/Alpha Aid|alphaaid|org-/);
    const open = await g.reviews.view(appId, people.rita!);
    expect(open.organisation?.legalName).toBe('Alpha Aid');
    const list = await g.reviews.assignedToMe(people.rita!);
    expect(JSON.stringify(list.filter((x) => x.id === blindId))).not.toMatch(/Alpha Aid|alphaaid|org-/);

    const { cookieHeader, signIn } = await import('../helpers/accounts.ts');
    const jar = await signIn(t.app, 'rita@example.org');
    const headers = { cookie: cookieHeader(jar) };
    const pageRes = await t.app.inject({ method: 'GET', url: `/grants/reviews/${blindId}`, headers });
    expect(pageRes.statusCode).toBe(200);
    expect(pageRes.body).toContain('Hidden for blind review');
    expect(pageRes.body).not.toContain('Alpha Aid');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/grants/reviews/${blindId}`, headers });
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toContain('Alpha Aid');
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/grants/reviews?format=csv', headers });
    const blindLine = csv.body.split('\n').find((l) => l.startsWith(blindId))!;
    expect(blindLine).toBeDefined();
    expect(blindLine).not.toContain('Alpha Aid');
    expect(csv.body).toContain('Alpha Aid'); // the open call's row names it
  });
});

describe('grants: blind review scrubs the free text', () => {
  it("hides the applicant's names, people, e-mail and web addresses written into the proposal", async () => {
    const staff = await t.services.accounts.createUser(
      {
        email: 'malee.srisuk@alphaaid.example.org',
        role: 'contributor',
        name: 'Malee Srisuk',
        password: 'x'.repeat(16),
      },
      SYSTEM,
    );
    await g.calls.addMember(orgA, staff.id, people.secretariat!);
    const text = {
      title: 'Alpha Aid: safe return for survivors in Chiang Rai',
      summary:
        'Since 2009 ALPHA aid (registration R-1) has run a shelter in Chiang Rai. Our coordinator, Malee ' +
        'Srisuk, answers at contact@alphaaid.example.org; see https://www.alphaaid.example.org/shelter, ' +
        'alphaaid.example.org or www.facebook.example.com/alphaaid for our reports.',
      themes: ['cross-border support', 'Alpha Aid outreach'],
      budget: [{ year: 1, category: 'Alpha Aid shelter staff', amount: 12_000 }],
      answers: { interregional: 'Ms Srisuk leads the Thai-Lao referral', remedies: 'Compensation claims' },
    };
    const a = await g.applications.createDraft(draft({ callId: blindCallId, ...text }), people.alice!);
    await g.applications.submit(a.id, people.alice!);
    await g.decisions.decide(a.id, { to: 'eligible', reason: 'All checks pass' }, people.secretariat!);
    await g.reviews.assign(a.id, people.rita!.userId, people.secretariat!);
    await g.reviews.declare(a.id, { conflict: false }, people.rita!);
    const v = await g.reviews.view(a.id, people.rita!);
    const seen = JSON.stringify(v);
    expect(seen).not.toMatch(/alpha|malee|srisuk|R-1|@|https?:|www\.|org-/i);
    expect(v.content.title).toBe('[…]: safe return for survivors in Chiang Rai');
    expect(v.content.summary).toContain('Since 2009 […] (registration […]) has run a shelter in Chiang Rai.');
    expect(v.content.answers.interregional).toBe('Ms […] leads the Thai-Lao referral');
    expect(v.content.budget[0]!.category).toBe('[…] shelter staff');
    // The secretariat and the applicant still read the text as written.
    expect((await g.applications.get(a.id, people.secretariat!)).content.summary).toContain('Malee');
  });
});

describe('grants: awards, reminders, dashboard and export', () => {
  it('records the agreement and tranches, reminds before the due date, and not after the report came in', async () => {
    const a = await g.applications.createDraft(draft({ title: 'Awarded proposal' }), people.alice!);
    await g.applications.submit(a.id, people.alice!);
    await g.decisions.decide(a.id, { to: 'eligible', reason: 'All checks pass' }, people.secretariat!);
    await g.decisions.decide(a.id, { to: 'approved', reason: 'Ranked first' }, people.secretariat!);
    const award = {
      amount: 45_000,
      currency: 'USD',
      agreementRef: 'SGF/2027/01',
      signedOn: '2027-05-15',
      tranches: [
        { dueOn: '2027-06-01', amount: 25_000 },
        { dueOn: '2028-06-01', amount: 20_000 },
      ],
      reports: [{ kind: 'narrative', dueOn: '2027-06-30' }],
    };
    await expect(
      g.awards.award(a.id, { ...award, tranches: [{ dueOn: '2027-06-01', amount: 1 }] }, people.secretariat!),
    ).rejects.toThrow(/tranches: total 1, not 45000/);
    await expect(g.awards.award(a.id, award, people.alice!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(g.awards.award(a.id, { ...award, reports: [] }, people.secretariat!)).rejects.toThrow(
      /tranches.1: no report is due before 2028-06-01/,
    );
    const made = await g.awards.award(a.id, award, people.secretariat!);
    expect(made.tranches.map((t) => t.amount)).toEqual([25_000, 20_000]);
    expect((await g.awards.get(a.id, people.alice!)).agreementRef).toBe('SGF/2027/01');
    await expect(g.awards.get(a.id, people.bob!)).rejects.toMatchObject({ code: 'NOT_FOUND' });

    const reminders = () => smtp.received.filter((m) => m.subject === 'Report due: Awarded proposal');
    clock = Date.parse('2027-06-10T00:00:00Z');
    await drainMail();
    expect(reminders()).toHaveLength(0); // not yet: 14 days before is 16 June
    clock = Date.parse('2027-06-17T00:00:00Z');
    await drainMail();
    expect(reminders()).toHaveLength(1);
    expect(reminders()[0]!.text).toContain('narrative report');
    expect(reminders()[0]!.text).toContain('due on June 30, 2027'); // the ISO date written in the mail's language
    // A later tranche waits for the report due before it: received is not enough, approved is.
    await g.awards.releaseTranche(a.id, 1, people.secretariat!);
    const waiting = { code: 'CONFLICT', details: { reason: 'report_not_approved', reports: [made.reports[0]!.id] } };
    await expect(g.awards.releaseTranche(a.id, 2, people.secretariat!)).rejects.toMatchObject(waiting);
    await expect(g.awards.approveReport(made.reports[0]!.id, people.secretariat!)).rejects.toMatchObject({
      details: { reason: 'not_received' },
    });
    await g.awards.receiveReport(made.reports[0]!.id, people.secretariat!);
    await expect(g.awards.releaseTranche(a.id, 2, people.secretariat!)).rejects.toMatchObject(waiting);
    await expect(g.awards.approveReport(made.reports[0]!.id, people.alice!)).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await g.awards.approveReport(made.reports[0]!.id, people.secretariat!);
    await g.awards.releaseTranche(a.id, 2, people.secretariat!);
    const paid = await g.awards.get(a.id, people.alice!);
    expect(paid.tranches.every((x) => x.releasedOn !== null)).toBe(true);
    expect(paid.reports[0]).toMatchObject({ receivedOn: expect.any(String), approvedOn: expect.any(String) });
    clock = Date.parse('2027-07-08T00:00:00Z');
    await drainMail();
    expect(reminders()).toHaveLength(1); // the report came in: the "after" reminder sends nothing
    clock = Date.parse('2027-03-10T12:00:00.000Z');

    const d = await g.awards.dashboard(callId, people.secretariat!);
    expect(d.byStatus.approved).toBe(1);
    expect(d.byCountry.THA).toBe(d.applications);
    expect(d.awarded).toBe(45_000);
    expect(d.successRate).toBeGreaterThan(0);
    const csv = await g.awards.csv(callId, people.secretariat!);
    expect(csv.split('\n')[0]).toBe(
      'id,organisation,status,revision,title,countries,themes,requested,awarded,submitted_at',
    );
    expect(csv).toContain(`${a.id},Alpha Aid,approved,1,Awarded proposal,THA LAO,cross-border support,45000,45000,`);
    await expect(g.awards.csv(callId, people.rita!)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('grants: demo seed', () => {
  it('seeds the 2011 call with its real terms, closed and without applications', async () => {
    const { seedGrants } = await import('../../src/modules/grants/services/demo-seed.ts');
    const fresh = await makeTestApp();
    try {
      const s = fresh.services.grants;
      expect(await seedGrants(s.calls)).toContain('2011');
      expect(await seedGrants(s.calls)).toBeNull();
      const c = await s.calls.getCall('sgf-2011');
      expect(c).toMatchObject({
        opensAt: '2011-03-08T00:00:00.000Z',
        currency: 'USD',
        capPerYear: 25_000,
        maxYears: 3,
        state: 'closed',
      });
      expect(c.questions).toHaveLength(2);
      expect(await s.applications.list(SYSTEM)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});

describe('grants over the API', () => {
  it("an editor's personal token acts for the secretariat, a partner token is refused, deadline shown", async () => {
    const { createToken } = await import('../helpers/accounts.ts');
    const sec = await createToken(t.services, ['write'], people.secretariat!.userId);
    const partner = await createToken(t.services, ['read', 'write']);
    const alice = await createToken(t.services, ['write'], people.alice!.userId);
    const body = {
      title: 'API call',
      opensAt: '2020-01-01T00:00:00Z',
      closesAt: '2021-01-01T00:00:00+01:00',
      currency: 'USD',
      capPerYear: 10_000,
      maxYears: 1,
    };
    const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
      t.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
    expect((await post('/api/v1/grants/calls', partner.header, body)).statusCode).toBe(403);
    const bad = await post('/api/v1/grants/calls', sec.header, { ...body, currency: 'dollars' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('currency');
    const made = await post('/api/v1/grants/calls', sec.header, body);
    expect(made.statusCode).toBe(201);
    expect(made.json().closesAt).toBe('2020-12-31T23:00:00.000Z');
    const page = await t.app.inject({ url: `/grants/calls/${made.json().id}?tz=America/Bogota` });
    expect(page.body).toContain('(UTC)');
    expect(page.body).toContain('America/Bogota');
    // The call has closed (server time is now): a draft is refused with the deadline in the answer.
    const draftRes = await post('/api/v1/grants/applications', alice.header, {
      callId: made.json().id,
      organisationId: orgA,
      title: 'Too late',
      durationYears: 1,
      currency: 'USD',
    });
    expect(draftRes.statusCode).toBe(409);
    expect(draftRes.json().error.message).toContain('2020-12-31T23:00:00.000Z');
  });
});
