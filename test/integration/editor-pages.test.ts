/**
 * The editor interface through its real forms, in-process: pages are read and their forms filled
 * and submitted as a browser without JavaScript does (CSRF tokens, session cookies, the _op row
 * buttons). What was saved is checked through the API; rights through forged posts.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { parse as parseCsv } from 'csv-parse/sync';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { createUser, cookieHeader } from '../helpers/accounts.ts';
import { WebClient, type PageResponse } from '../helpers/web-client.ts';
import type { FormFill } from '../helpers/html-form.ts';
import { richCase } from '../fixtures/test-cases.ts';

type Json = Record<string, unknown>;

describe('editor pages through the real forms', () => {
  let t: TestApp;
  let contributor: { id: string; email: string };
  let other: { id: string; email: string };
  let editor: { id: string; email: string };
  let admin: { id: string; email: string };

  beforeAll(async () => {
    t = await makeTestApp();
    [contributor, other, editor, admin] = [
      await createUser(t.services, 'contributor', 'carla@example.org'),
      await createUser(t.services, 'contributor', 'otto@example.org'),
      await createUser(t.services, 'editor', 'edith@example.org'),
      await createUser(t.services, 'admin', 'ada@example.org'),
    ];
  });
  afterAll(async () => t?.close());

  const api = async (url: string) => {
    const res = await t.app.inject({ url, headers: AUTH });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json();
  };
  /** The stored case as the API gives it (token with the read scope). */
  const stored = (id: string) => api(`/api/v1/cases/${id}`);
  const caseIdFrom = (res: PageResponse) => {
    expect(res.status, res.body.slice(0, 500)).toBe(303);
    const m = /^\/editor\/cases\/([^/?]+)\?notice=/.exec(res.location ?? '');
    expect(m, res.location ?? '').not.toBeNull();
    return decodeURIComponent(m![1]!);
  };
  const auditCount = async () => (await t.services.store.audit.list({ limit: 10_000 })).length;

  /** Clicks an add/remove row button, expects the form back (200) and returns it. */
  async function op(c: WebClient, f: FormFill, label: string): Promise<{ res: PageResponse; form: FormFill }> {
    const res = await c.submit(f, label);
    expect(res.status, res.body.slice(0, 500)).toBe(200);
    return { res, form: res.form(f.action) };
  }

  const autofocused = (res: PageResponse) =>
    [...res.page().byId.values()]
      .filter((e) => 'autofocus' in e.attrs && e.attrs.id?.startsWith('f-'))
      .map((e) => e.attrs.id);

  let draftId = '';

  it('a contributor drafts a case with rows, charges, two narrative languages and tags, without JS', async () => {
    const c = await WebClient.signIn(t.app, contributor.email);
    let page = await c.get('/editor/cases/new');
    expect(page.status).toBe(200);
    let f = page.form('/editor/cases/new');
    f.fill('f-title', 'Prosecutor v. Quillfeather')
      .select('f-jurisdiction', 'PHL')
      .fill('f-court', 'Regional Trial Court, Manila')
      .select('f-courtLevel', 'first_instance')
      .select('f-legalSystem', 'mixed')
      .fill('f-decisionDate', '2019-03')
      .fill(
        'f-narratives-en-facts',
        'The accused recruited two women with offers of work abroad.\nThey were held in a bar.',
      );

    // Victims: add three rows, fill them, then remove the second: the third moves up with its values.
    ({ res: page, form: f } = await op(c, f, 'Add a victim'));
    expect(f.value('f-title')).toBe('Prosecutor v. Quillfeather'); // what was typed comes back
    expect(f.value('f-narratives-en-facts')).toBe(
      'The accused recruited two women with offers of work abroad.\nThey were held in a bar.',
    );
    expect(f.value('f-victims-0-kind')).toBe('person');
    expect(autofocused(page)).toEqual(['f-victims-0-kind']);
    f.fill('f-victims-0-label', 'AAA')
      .select('f-victims-0-gender', 'female')
      .select('f-victims-0-child', 'yes')
      .fill('f-victims-0-ageAtOffence', '16')
      .fill('f-victims-0-nationalities', 'phl, tha');
    ({ form: f } = await op(c, f, 'Add a victim'));
    f.fill('f-victims-1-label', 'to be removed');
    ({ form: f } = await op(c, f, 'Add a victim'));
    f.select('f-victims-2-kind', 'group')
      .fill('f-victims-2-label', 'Fishermen')
      .fill('f-victims-2-count', '12')
      .select('f-victims-2-gender', 'male');
    ({ res: page, form: f } = await op(c, f, 'Remove victim 2'));
    expect(autofocused(page)).toEqual([]);
    expect(f.has('f-victims-2-kind')).toBe(false);
    expect([f.value('f-victims-0-label'), f.value('f-victims-1-label'), f.value('f-victims-1-count')]).toEqual([
      'AAA',
      'Fishermen',
      '12',
    ]);

    // Defendants with charges.
    ({ form: f } = await op(c, f, 'Add a defendant'));
    f.fill('f-defendants-0-label', 'Accused 1')
      .select('f-defendants-0-gender', 'male')
      .fill('f-defendants-0-nationalities', 'PHL');
    ({ res: page, form: f } = await op(c, f, 'Add a charge to defendant 1'));
    expect(autofocused(page)).toEqual(['f-defendants-0-charges-0-statute']);
    f.fill('f-defendants-0-charges-0-statute', 'RA 9208 s. 4')
      .fill('f-defendants-0-charges-0-charge', 'Qualified trafficking')
      .select('f-defendants-0-charges-0-verdict', 'convicted')
      .fill('f-defendants-0-charges-0-prisonMonths', '480')
      .fill('f-defendants-0-charges-0-fine-amount', '2000000')
      .fill('f-defendants-0-charges-0-fine-currency', 'php');
    ({ form: f } = await op(c, f, 'Add a charge to defendant 1'));
    f.fill('f-defendants-0-charges-1-charge', 'Illegal recruitment').select(
      'f-defendants-0-charges-1-verdict',
      'acquitted',
    );
    ({ form: f } = await op(c, f, 'Add a defendant'));
    f.select('f-defendants-1-kind', 'legal_entity').fill('f-defendants-1-label', 'Agency X Ltd.');

    // A second narrative language.
    f.select('f-_newLanguage', 'es');
    ({ res: page, form: f } = await op(c, f, 'Add language'));
    expect(autofocused(page)).toEqual(['f-narratives-es-facts']);
    expect(page.page().byId.get('f-narratives-es-facts')?.attrs.lang).toBe('es');
    f.fill('f-narratives-es-facts', 'Los acusados reclutaron a dos mujeres.').fill(
      'f-narratives-en-reasoning',
      'Deception was proven.',
    );

    // Taxonomy boxes and the restricted notes.
    for (const id of [
      'f-tags-acts-recruitment',
      'f-tags-acts-harbouring',
      'f-tags-means-deception',
      'f-tags-purposes-sexual_exploitation',
      'f-tags-forms-transnational',
      'f-tags-sectors-hospitality',
      'f-tags-offences-trafficking_adults',
    ])
      f.check(id);
    f.fill('f-restricted-internalNotes', 'Check the appeal docket.');

    const saved = await c.submit(f, 'Save draft');
    draftId = caseIdFrom(saved);
    const shown = await c.follow(saved);
    expect(shown.body).toContain('Draft saved');

    const rec = await stored(draftId);
    expect(rec).toMatchObject({
      status: 'draft',
      version: 1,
      title: 'Prosecutor v. Quillfeather',
      jurisdiction: 'PHL',
      court: 'Regional Trial Court, Manila',
      courtLevel: 'first_instance',
      legalSystem: 'mixed',
      decisionDate: '2019-03',
    });
    expect(rec.narratives).toEqual({
      en: {
        facts: 'The accused recruited two women with offers of work abroad.\nThey were held in a bar.',
        reasoning: 'Deception was proven.',
        commentary: null,
        crossCutting: null,
      },
      es: { facts: 'Los acusados reclutaron a dos mujeres.', reasoning: null, commentary: null, crossCutting: null },
    });
    expect(rec.victims).toEqual([
      {
        kind: 'person',
        label: 'AAA',
        count: null,
        gender: 'female',
        child: true,
        ageAtOffence: 16,
        ageAtTrial: null,
        birthYear: null,
        nationalities: ['PHL', 'THA'],
      },
      {
        kind: 'group',
        label: 'Fishermen',
        count: 12,
        gender: 'male',
        child: null,
        ageAtOffence: null,
        ageAtTrial: null,
        birthYear: null,
        nationalities: [],
      },
    ]);
    expect(rec.defendants).toEqual([
      {
        kind: 'person',
        label: 'Accused 1',
        count: null,
        gender: 'male',
        child: null,
        ageAtOffence: null,
        ageAtTrial: null,
        birthYear: null,
        nationalities: ['PHL'],
        charges: [
          {
            statute: 'RA 9208 s. 4',
            charge: 'Qualified trafficking',
            verdict: 'convicted',
            prisonMonths: 480,
            fine: { amount: 2000000, currency: 'PHP' },
            otherSentence: null,
          },
          {
            statute: null,
            charge: 'Illegal recruitment',
            verdict: 'acquitted',
            prisonMonths: null,
            fine: null,
            otherSentence: null,
          },
        ],
      },
      {
        kind: 'legal_entity',
        label: 'Agency X Ltd.',
        count: null,
        gender: null,
        child: null,
        ageAtOffence: null,
        ageAtTrial: null,
        birthYear: null,
        nationalities: [],
        charges: [],
      },
    ]);
    expect(rec.tags).toEqual({
      acts: ['recruitment', 'harbouring'],
      means: ['deception'],
      purposes: ['sexual_exploitation'],
      forms: ['transnational'],
      sectors: ['hospitality'],
      offences: ['trafficking_adults'],
    });
    const editorial = await api(`/api/v1/cases/${draftId}/editorial`);
    expect(editorial).toMatchObject({
      ownerId: contributor.id,
      restricted: { internalNotes: 'Check the appeal docket.', sourceContacts: null },
    });

    // Saving the form again unchanged writes no new version.
    const again = await c.get(`/editor/cases/${draftId}`);
    expect(caseIdFrom(await c.submit(again.form(`/editor/cases/${draftId}`), 'Save'))).toBe(draftId);
    expect((await stored(draftId)).version).toBe(1);
  });

  /** The error shown beside a control: the control points at it (aria-describedby, aria-invalid). */
  function errorBeside(res: PageResponse, controlId: string): string {
    const p = res.page();
    const control = p.byId.get(controlId);
    expect(control, `no element #${controlId}`).toBeDefined();
    const errorId = `${controlId}-error`;
    expect(control!.attrs['aria-describedby']?.split(' ') ?? [], `#${controlId} aria-describedby`).toContain(errorId);
    if (control!.tag !== 'fieldset') expect(control!.attrs['aria-invalid']).toBe('true');
    const err = p.byId.get(errorId);
    expect(err, `no #${errorId}`).toBeDefined();
    return err!.text.replace(/^Error: /, '').trim();
  }

  it('a bad post shows each message beside its field, keeps what was typed, and writes nothing', async () => {
    const c = await WebClient.signIn(t.app, contributor.email);
    const drafts = async () => (await api('/api/v1/review-queue?status=draft')).items.length;
    const [draftsBefore, auditBefore] = [await drafts(), await auditCount()];
    let f = (await c.get('/editor/cases/new')).form('/editor/cases/new');
    f.fill('f-title', '   ').fill('f-court', 'Court of Appeal').fill('f-decisionDate', '2019-13-45');
    ({ form: f } = await op(c, f, 'Add a victim'));
    f.fill('f-victims-0-label', 'BBB')
      .fill('f-victims-0-ageAtOffence', 'sixteen')
      .fill('f-victims-0-nationalities', 'PHL, ZZZ');
    // "Add language" with no language chosen: named beside the language list, nothing typed is lost.
    const noLanguage = await c.submit(f, 'Add language');
    expect(noLanguage.status).toBe(400);
    expect(errorBeside(noLanguage, 'f-_newLanguage')).toBe('choose a language to add');
    f = noLanguage.form('/editor/cases/new');
    expect([f.value('f-court'), f.value('f-victims-0-label')]).toEqual(['Court of Appeal', 'BBB']);
    ({ form: f } = await op(c, f, 'Add a source'));
    f.fill('f-sources-0-value', 'https://example.org/x');
    const res = await c.submit(f, 'Save draft');
    expect(res.status).toBe(400);
    expect(errorBeside(res, 'f-title')).toBe('Required.');
    expect(errorBeside(res, 'f-jurisdiction')).toBe('Required.');
    expect(errorBeside(res, 'f-victims-0-ageAtOffence')).toBe("Enter a number ('sixteen' is not one).");
    expect(errorBeside(res, 'f-decisionDate')).toBe("invalid date '2019-13-45': month 13 does not exist");
    expect(errorBeside(res, 'f-victims-0-nationalities')).toMatch(/^unknown country code 'ZZZ'/);
    expect(errorBeside(res, 'f-sources-0-kind')).toBe('Required.');
    // Fields without an error are not marked.
    expect(res.page().byId.get('f-court')?.attrs['aria-invalid']).toBeUndefined();
    // The summary at the top links to each field.
    const summary = res.page().byId.get('error-summary');
    expect(summary?.attrs.role).toBe('alert');
    const links = [...res.body.matchAll(/<li><a href="#(f-[^"]+)">/g)].map((m) => m[1]);
    expect(links).toEqual(
      expect.arrayContaining(['f-title', 'f-jurisdiction', 'f-victims-0-ageAtOffence', 'f-sources-0-kind']),
    );
    // What was typed is still there, ready to correct.
    const back = res.form('/editor/cases/new');
    expect([
      back.value('f-court'),
      back.value('f-victims-0-label'),
      back.value('f-victims-0-ageAtOffence'),
      back.value('f-sources-0-value'),
    ]).toEqual(['Court of Appeal', 'BBB', 'sixteen', 'https://example.org/x']);
    expect([await drafts(), await auditCount()]).toEqual([draftsBefore, auditBefore]);

    // Corrected, the same form saves.
    back
      .fill('f-title', 'Prosecutor v. Corrected')
      .select('f-jurisdiction', 'FRA')
      .fill('f-decisionDate', '2019-12-01')
      .fill('f-victims-0-ageAtOffence', '16')
      .fill('f-victims-0-nationalities', 'PHL')
      .select('f-sources-0-kind', 'url');
    const id = caseIdFrom(await c.submit(back, 'Save draft'));
    expect(await stored(id)).toMatchObject({
      title: 'Prosecutor v. Corrected',
      jurisdiction: 'FRA',
      decisionDate: '2019-12-01',
      victims: [{ label: 'BBB', ageAtOffence: 16, nationalities: ['PHL'] }],
    });
    expect(await drafts()).toBe(draftsBefore + 1);

    // A bad edit of a stored case changes nothing either.
    const before = await stored(id);
    const edit = (await c.get(`/editor/cases/${id}`)).form(`/editor/cases/${id}`);
    edit.fill('f-title', 'Renamed').fill('f-victims-0-ageAtOffence', '-3');
    const bad = await c.submit(edit, 'Save');
    expect(bad.status).toBe(400);
    expect(errorBeside(bad, 'f-victims-0-ageAtOffence')).not.toBe('');
    expect(bad.form(`/editor/cases/${id}`).value('f-title')).toBe('Renamed');
    expect(await stored(id)).toEqual(before);
  });

  /** The workflow form of a case page. */
  const workflowForm = (res: PageResponse, id: string) => res.form(`/editor/cases/${id}/transition`);
  const buttonsOf = (f: FormFill) =>
    f.controls.filter((x) => x.tag === 'button' && x.name === 'to').map((x) => x.value);
  /** A post the page does not offer (a forged or hand-made request), with a valid CSRF token of this client. */
  async function forge(
    c: WebClient,
    url: string,
    fields: [string, string][],
  ): Promise<{ status: number; body: string }> {
    const token = (await c.get('/account')).form('/logout').value('_csrf');
    const res = await t.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams([['_csrf', token], ...fields]).toString(),
      headers: {
        cookie: cookieHeader(c.jar),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'text/html',
      },
    });
    return { status: res.statusCode, body: res.body };
  }

  it('once submitted, the contributor cannot edit or publish; another contributor cannot see the draft', async () => {
    const c = await WebClient.signIn(t.app, contributor.email);
    let page = await c.get(`/editor/cases/${draftId}`);
    const staleEdit = page.form(`/editor/cases/${draftId}`); // the case form as it was while still a draft
    const wf = workflowForm(page, draftId);
    expect(buttonsOf(wf)).toEqual(['in_review']);
    wf.fill('wf-comment', 'Ready for review.');
    page = await c.follow(await c.submit(wf, 'Submit for review'));
    expect(page.body).toContain('Now in review');
    expect((await stored(draftId)).status).toBe('in_review');

    // No case form any more; the page says why. The only move left is taking it back.
    expect(page.page().forms.some((f) => f.action === `/editor/cases/${draftId}`)).toBe(false);
    expect(page.body).toContain('an editor reviews it now');
    expect(buttonsOf(workflowForm(page, draftId))).toEqual(['draft']);

    // A post of the old form, or a hand-made publish, is refused by the services and changes nothing.
    const before = await stored(draftId);
    staleEdit.fill('f-title', 'Changed after submitting');
    const edit = await c.submit(staleEdit, 'Save');
    expect(edit.status).toBe(403);
    const publish = await forge(c, `/editor/cases/${draftId}/transition`, [
      ['to', 'published'],
      ['acknowledge', 'yes'],
    ]);
    expect(publish.status).toBe(403);
    expect(publish.body).toMatch(/may not publish/);
    expect(await stored(draftId)).toEqual(before);

    // Another contributor: not in their queue, and the case, its history and its forms answer 404.
    const o = await WebClient.signIn(t.app, other.email);
    expect((await o.get('/editor')).body).not.toContain(draftId);
    for (const url of [
      `/editor/cases/${draftId}`,
      `/editor/cases/${draftId}/history`,
      `/editor/cases/${draftId}/versions/1`,
    ]) {
      expect((await o.get(url)).status, url).toBe(404);
    }
    for (const [url, fields] of [
      [
        `/editor/cases/${draftId}`,
        [
          ['title', 'Hijacked'],
          ['jurisdiction', 'PHL'],
        ],
      ],
      [`/editor/cases/${draftId}/transition`, [['to', 'draft']]],
      [`/editor/cases/${draftId}/comments`, [['body', 'hello']]],
      [`/editor/cases/${draftId}/versions/1/restore`, []],
    ] as [string, [string, string][]][]) {
      expect((await forge(o, url, fields)).status, url).toBe(404);
    }
    expect(await stored(draftId)).toEqual(before);
    expect((await api(`/api/v1/cases/${draftId}/comments`)).items.map((x: Json) => x.body)).toEqual([
      'Ready for review.',
    ]);
  });

  it('returned with a comment, a victim named, publishing waits for the acknowledgement, a takedown', async () => {
    const e = await WebClient.signIn(t.app, editor.email);
    let queue = await e.get('/editor');
    expect(queue.status).toBe(200);
    const inReview = queue.body.slice(queue.body.indexOf('<h2>In review</h2>'), queue.body.indexOf('<h2>Drafts</h2>'));
    expect(inReview).toContain(`<a href="/editor/cases/${draftId}">Prosecutor v. Quillfeather</a>`);

    let page = await e.get(`/editor/cases/${draftId}`);
    expect(buttonsOf(workflowForm(page, draftId)).sort()).toEqual(['draft', 'published']);
    const wf = workflowForm(page, draftId).fill(
      'wf-comment',
      'Please add what the victim was promised.\nAnd <where> she was held.',
    );
    page = await e.follow(await e.submit(wf, 'Return to draft'));
    expect((await stored(draftId)).status).toBe('draft');

    // The contributor reads the comment, edits (naming the victim in the narrative) and submits again.
    const c = await WebClient.signIn(t.app, contributor.email);
    page = await c.get(`/editor/cases/${draftId}`);
    const comments = page.body.slice(page.body.indexOf('id="cm-h"'), page.body.indexOf('id="ed-h"'));
    expect(comments).toContain('Please add what the victim was promised.<br>And &lt;where&gt; she was held.');
    expect(comments).toContain('edith@example.org');
    const f = page.form(`/editor/cases/${draftId}`);
    f.fill('f-victims-0-label', 'Maria Santos').fill(
      'f-narratives-en-facts',
      `${f.value('f-narratives-en-facts')}\nMaria Santos was promised work as a waitress.`,
    );
    caseIdFrom(await c.submit(f, 'Save'));
    page = await c.get(`/editor/cases/${draftId}`);
    expect(page.body).not.toContain('Pseudonymisation check'); // the contributor cannot publish: no warning block
    await c.submit(workflowForm(page, draftId), 'Submit for review');
    expect((await stored(draftId)).status).toBe('in_review');

    // The editor sees the warning; publishing without ticking the box is refused.
    page = await e.get(`/editor/cases/${draftId}`);
    const warnings = page.body.slice(
      page.body.indexOf('<div class="warnings"'),
      page.body.indexOf('</div>', page.body.indexOf('<div class="warnings"')),
    );
    expect(warnings).toContain('Pseudonymisation check');
    expect(warnings).toMatch(
      /narratives\.en\.facts contains (&#34;|&quot;|")Maria(&#34;|&quot;|"), a name from victims\.0\.label/,
    );
    expect(warnings).toMatch(/narratives\.en\.facts contains (&#34;|&quot;|")Santos/);
    const refused = await e.submit(
      workflowForm(page, draftId).fill('wf-comment', 'Names checked with the contributor.'),
      'Publish',
    );
    expect(refused.status).toBe(409);
    expect(refused.page().byId.size).toBeGreaterThan(0);
    expect(refused.body).toMatch(/<p class="form-error" role="alert">pseudonymisation check: 2 narrative/);
    expect((await stored(draftId)).status).toBe('in_review');
    expect((await t.app.inject({ url: `/cases/${draftId}` })).statusCode).toBe(404);

    const ack = workflowForm(refused, draftId).check('acknowledge');
    expect(ack.value('wf-comment')).toBe('Names checked with the contributor.'); // the comment typed is given back
    page = await e.follow(await e.submit(ack, 'Publish'));
    expect(page.body).toContain('Now published');
    expect((await stored(draftId)).status).toBe('published');
    const pub = await t.app.inject({ url: `/cases/${draftId}` });
    expect(pub.statusCode).toBe(200);
    expect(pub.body).toContain('Prosecutor v. Quillfeather');
    expect(pub.body).not.toContain('Check the appeal docket'); // internal notes stay inside
    expect(pub.body).not.toContain('Please add what the victim was promised'); // so do review comments
    expect((await t.app.inject({ url: '/search?q=Quillfeather' })).body).toContain(`/cases/${draftId}`);
    expect(page.body).toContain(`<a href="/cases/${draftId}">Public page</a>`);

    // The takedown.
    page = await e.follow(await e.submit(workflowForm(page, draftId), 'Withdraw (takedown)'));
    expect(page.body).toContain('Now withdrawn');
    expect((await t.app.inject({ url: `/cases/${draftId}` })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/search?q=Quillfeather' })).body).not.toContain(`/cases/${draftId}`);
    queue = await e.get('/editor');
    const withdrawn = queue.body.slice(queue.body.indexOf('<h2>Withdrawn</h2>'));
    expect(withdrawn).toContain(`/editor/cases/${draftId}`);
    const audit = (await t.services.store.audit.list({ limit: 10_000 }))
      .filter((x) => x.targetId === draftId)
      .map((x) => x.action);
    expect(audit).toEqual(
      expect.arrayContaining([
        'case.create',
        'case.submit',
        'case.return',
        'case.edit',
        'case.publish',
        'case.withdraw',
      ]),
    );
    const publishEntry = (await t.services.store.audit.list({ limit: 10_000 })).find(
      (x) => x.targetId === draftId && x.action === 'case.publish',
    );
    expect(publishEntry?.details).toMatchObject({ warningsAcknowledged: true, comment: true });
    expect(
      (await api(`/api/v1/cases/${draftId}/comments`)).items.map((x: Json) => [x.body, x.transition]),
    ).toContainEqual(['Names checked with the contributor.', 'in_review->published']);
  });

  /** The rows of the first data table: cells as text. */
  function tableRows(res: PageResponse): string[][] {
    const body = res.body.slice(res.body.indexOf('<tbody>'), res.body.indexOf('</tbody>'));
    return body
      .split(/<tr[^>]*>/)
      .slice(1)
      .map((tr) =>
        [...tr.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((m) =>
          m[1]!
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim(),
        ),
      );
  }

  it("history: every version with who and what changed; a version's diff; restore as a new version", async () => {
    const e = await WebClient.signIn(t.app, editor.email);
    const history = await e.get(`/editor/cases/${draftId}/history`);
    expect(history.status).toBe(200);
    const rows = tableRows(history).map(([version, , who, action, status, changed]) => ({
      version,
      who,
      action,
      status,
      changed,
    }));
    expect(rows.map((r) => [r.version, r.who, r.action, r.status])).toEqual([
      ['7', 'edith@example.org', 'withdraw', 'Withdrawn'],
      ['6', 'edith@example.org', 'publish', 'Published'],
      ['5', 'carla@example.org', 'submit', 'In review'],
      ['4', 'carla@example.org', 'edit', 'Draft'],
      ['3', 'edith@example.org', 'return', 'Draft'],
      ['2', 'carla@example.org', 'submit', 'In review'],
      ['1', 'carla@example.org', 'create', 'Draft'],
    ]);
    expect(rows.find((r) => r.version === '4')!.changed).toBe('narratives, victims');
    expect(rows.find((r) => r.version === '6')!.changed).toBe('status');

    // The diff of the edit: the victim's label and the narrative, before and after.
    const v4 = await e.get(`/editor/cases/${draftId}/versions/4`);
    expect(v4.status).toBe(200);
    expect(v4.body).toContain('edit by carla@example.org');
    expect(v4.body).toContain('Compared with version 3.');
    const diff = tableRows(v4);
    const label = diff.find((r) => r[0]!.startsWith('Victim 1 › Label'));
    expect(label?.slice(1)).toEqual(['AAA', 'Maria Santos']);
    const facts = v4.body.slice(v4.body.indexOf('narratives.en.facts'));
    expect(facts).toMatch(/<ins>[^<]*Maria Santos was promised work/);
    // Unchanged fields are not listed.
    expect(diff.map((r) => r[0])).not.toContainEqual(expect.stringMatching(/^Title/));
    // Against any other version.
    const against = await e.get(`/editor/cases/${draftId}/versions/7?against=1`);
    expect(against.body).toContain('Compared with version 1.');
    const statusRow = tableRows(against).find((r) => r[0]!.startsWith('Status'));
    expect(statusRow?.slice(1)).toEqual(['Draft draft', 'Withdrawn withdrawn']);

    // Restore version 1: a new version 8 with the old content; the status stays withdrawn.
    const restore = history.form(`/editor/cases/${draftId}/versions/1/restore`);
    const page = await e.follow(await e.submit(restore, 'Restore version 1'));
    expect(page.body).toContain('Version 1 restored as version 8');
    const rec = await stored(draftId);
    expect(rec).toMatchObject({ version: 8, status: 'withdrawn', victims: [{ label: 'AAA' }, { label: 'Fishermen' }] });
    expect(rec.narratives.en.facts).not.toContain('Maria Santos');
    const after = tableRows(await e.get(`/editor/cases/${draftId}/history`));
    expect(after[0]!.slice(0, 5).filter((_, i) => i !== 1)).toEqual(['8', 'edith@example.org', 'restore', 'Withdrawn']);
    expect(after[0]![5]).toBe('narratives, victims');
    // The current version offers no restore of itself.
    expect((await e.get(`/editor/cases/${draftId}/history`)).body).not.toContain('Restore version 8');

    // The contributor may read the history of their case but may not restore on a case that is not a draft.
    const c = await WebClient.signIn(t.app, contributor.email);
    const theirs = await c.get(`/editor/cases/${draftId}/history`);
    expect(theirs.status).toBe(200);
    expect(theirs.page().forms.some((f) => f.action.includes('/restore'))).toBe(false);
    expect((await forge(c, `/editor/cases/${draftId}/versions/4/restore`, [])).status).toBe(403);
    expect((await stored(draftId)).version).toBe(8);
    // A version that does not exist, and one that is not a number.
    expect((await e.get(`/editor/cases/${draftId}/versions/99`)).status).toBe(404);
    expect((await e.get(`/editor/cases/${draftId}/versions/abc`)).status).toBe(400);
  });

  it('admin pages: add a user, change a role, a token shown once, revoke it; audit page and CSV export', async () => {
    const a = await WebClient.signIn(t.app, admin.email);
    const e = await WebClient.signIn(t.app, editor.email);
    for (const url of ['/admin/users', '/admin/tokens', '/admin/audit'])
      expect((await e.get(url)).status, url).toBe(403);
    expect((await e.get('/editor')).body).not.toContain('href="/admin/users"'); // no admin menu for editors

    // Add a user: a bad password is named beside its field, the rest is kept; then it works.
    let page = await a.get('/admin/users');
    let f = page
      .form('/admin/users')
      .fill('email', 'newbie@example.org')
      .fill('name', 'New Person')
      .select('role', 'editor')
      .fill('password', 'short');
    page = await a.submit(f, 'Add user');
    expect(page.status).toBe(400);
    expect(page.page().byId.get('password')?.attrs).toMatchObject({
      'aria-invalid': 'true',
      'aria-describedby': 'password-error',
    });
    expect(page.page().byId.get('password-error')?.text).toMatch(/12/);
    f = page.form('/admin/users');
    expect([f.value('email'), f.value('name'), f.value('role')]).toEqual([
      'newbie@example.org',
      'New Person',
      'editor',
    ]);
    page = await a.follow(await a.submit(f.fill('password', 'a long enough password'), 'Add user'));
    expect(page.body).toContain('Added newbie@example.org');
    const row = tableRows(page).find((r) => r[0] === 'newbie@example.org');
    expect(row?.slice(1, 5)).toEqual(['New Person', 'editor', 'active', 'never']);
    const newbie = await WebClient.signIn(t.app, 'newbie@example.org', 'a long enough password');
    expect((await newbie.get('/editor')).body).toContain('<h1>Review queue</h1>');

    // Change the role to contributor: the user's sessions end; signed in again, the new rights apply.
    const users = await t.services.accounts.listUsers({
      kind: 'system',
      id: null,
      userId: null,
      label: 'test',
      role: null,
      scopes: [],
    });
    const id = users.find((u) => u.email === 'newbie@example.org')!.id;
    f = page.form(`/admin/users/${id}`).select(`role-${id}`, 'contributor');
    page = await a.follow(await a.submit(f, 'Save'));
    expect(page.body).toContain('Saved newbie@example.org');
    expect(tableRows(page).find((r) => r[0] === 'newbie@example.org')?.[2]).toBe('contributor');
    const ended = await newbie.get('/editor');
    expect([ended.status, ended.location]).toEqual([303, '/login?next=%2Feditor']);
    expect(
      (await (await WebClient.signIn(t.app, 'newbie@example.org', 'a long enough password')).get('/editor')).body,
    ).toContain('<h1>Your cases</h1>');
    // The last administrator cannot demote themself; the reason is shown above the table.
    f = page.form(`/admin/users/${admin.id}`).select(`role-${admin.id}`, 'editor');
    page = await a.submit(f, 'Save');
    expect(page.status).toBe(409);
    expect(page.body).toMatch(/<p class="form-error" role="alert">this is the last active administrator/);
    expect(page.page().byId.get('role')?.attrs['aria-invalid']).toBeUndefined(); // not blamed on the "add a user" form

    // Tokens: a form without a scope is refused beside the scopes; then a read token is created.
    page = await a.get('/admin/tokens');
    f = page.form('/admin/tokens').fill('label', 'Partner NGO feed');
    page = await a.submit(f, 'Create token');
    expect(page.status).toBe(400);
    expect(page.page().byId.get('scopes-error')?.text).toMatch(/at least one scope/);
    expect(page.page().byId.get('scopes')?.attrs['aria-describedby']).toBe('scopes-error');
    f = page.form('/admin/tokens');
    expect(f.value('label')).toBe('Partner NGO feed');
    const posted = await a.submit(f.check('scopes[]', true, 'read'), 'Create token');
    expect(posted.status).toBe(303); // post/redirect/get: a reload cannot create a second token
    expect(posted.body).not.toMatch(/plm_/);
    page = await a.follow(posted);
    const secret = page.page().byId.get('new-token')?.text ?? '';
    expect(secret).toMatch(/^plm_/);
    expect(page.body).toContain('it is shown only this once');
    // The same address again (a reload), or another admin with it: no secret.
    expect((await a.get(page.url)).body).not.toContain(secret);
    const reload = await a.get('/admin/tokens');
    expect(reload.body).not.toContain(secret);
    expect(reload.body).not.toContain('new-token');
    expect(reload.body).toContain(`<code>${secret.slice(0, 10)}…</code>`);
    const bearer = { authorization: `Bearer ${secret}` };
    const me = await t.app.inject({ url: '/api/v1/me', headers: bearer });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'token', scopes: ['read'] });
    const tokenRow = tableRows(await a.get('/admin/tokens')).find((r) => r[0] === 'Partner NGO feed')!;
    expect(tokenRow[5]).not.toBe('never'); // last used
    // Revoke: at once.
    page = await a.get('/admin/tokens');
    const revoke = page
      .page()
      .forms.find(
        (x) =>
          x.action.endsWith('/revoke') &&
          x.controls.some((c) => c.attrs['data-text']?.trim() === 'Revoke Partner NGO feed'),
      )!;
    page = await a.follow(await a.submit(page.form(revoke.action), 'Revoke Partner NGO feed'));
    expect(page.body).toContain('Revoked Partner NGO feed');
    expect(tableRows(page).find((r) => r[0] === 'Partner NGO feed')?.[6]).toMatch(/^revoked \d{4}-\d\d-\d\d$/);
    expect((await t.app.inject({ url: '/api/v1/me', headers: bearer })).statusCode).toBe(401);

    // The audit page lists these actions, newest first, and filters by action.
    page = await a.get('/admin/audit');
    expect(page.status).toBe(200);
    const actions = tableRows(page).map((r) => [r[1], r[2]]);
    for (const [who, action] of [
      ['ada@example.org', 'user.create'],
      ['ada@example.org', 'user.role'],
      ['ada@example.org', 'token.create'],
      ['ada@example.org', 'token.revoke'],
      ['newbie@example.org', 'login.success'],
      ['edith@example.org', 'case.publish'],
    ]) {
      expect(actions, `${who} ${action}`).toContainEqual([who, action]);
    }
    expect(actions.findIndex((x) => x[1] === 'token.revoke')).toBeLessThan(
      actions.findIndex((x) => x[1] === 'token.create'),
    );
    const filtered = await a.submit(page.form('/admin/audit').fill('action', 'user.role'), 'Filter');
    expect(filtered.url).toBe('/admin/audit?action=user.role');
    expect(tableRows(filtered).map((r) => r[2])).toEqual(['user.role']);
    expect(page.body).toContain('href="/api/v1/audit?format=csv"');

    // The CSV export, with the admin's session cookie (the link on the page).
    const csv = await t.app.inject({ url: '/api/v1/audit?format=csv', headers: { cookie: cookieHeader(a.jar) } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const records = parseCsv(csv.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual([
      'id',
      'at',
      'actorKind',
      'actorId',
      'actorLabel',
      'ip',
      'action',
      'targetType',
      'targetId',
      'details',
    ]);
    const created = records.find((r) => r.action === 'token.create' && r.actorLabel === 'ada@example.org');
    expect(JSON.parse(created!.details!)).toMatchObject({ label: 'Partner NGO feed', scopes: ['read'] });
    expect(records.filter((r) => r.action === 'case.publish' && r.targetId === draftId)).toHaveLength(1);
    // All of it, oldest first, up to the export's own entry (written as it began).
    expect(records.length).toBe((await t.services.store.audit.list({ limit: 100_000 })).length);
    expect(records.at(-1)).toMatchObject({ action: 'audit.export', actorLabel: 'ada@example.org' });
    expect(records.map((r) => r.at)).toEqual(records.map((r) => r.at).sort());
    // Editors cannot export it, even with the link.
    expect(
      (await t.app.inject({ url: '/api/v1/audit?format=csv', headers: { cookie: cookieHeader(e.jar) } })).statusCode,
    ).toBe(403);
  });

  it('a stale form is refused; an empty comment is named; odd version links; a party name is flagged', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: {
        title: 'Prosecutor v. Two Editors',
        jurisdiction: 'FRA',
        court: 'Tribunal correctionnel de Paris',
        status: 'draft',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const e1 = await WebClient.signIn(t.app, editor.email);
    const e2 = await WebClient.signIn(t.app, admin.email);
    const f1 = (await e1.get(`/editor/cases/${id}`)).form(`/editor/cases/${id}`);
    const f2 = (await e2.get(`/editor/cases/${id}`)).form(`/editor/cases/${id}`);
    expect(f1.value('version')).toBe('1');
    caseIdFrom(await e1.submit(f1.fill('f-title', 'Prosecutor v. First Editor'), 'Save'));
    // Different fields: the late save merges with the one made meanwhile.
    const late = await e2.submit(f2.fill('f-court', 'Cour d\u2019appel de Paris'), 'Save');
    expect(late.status).toBe(303);
    expect((await e2.follow(late)).body).toContain('Saved, merged with version 2');
    expect(await stored(id)).toMatchObject({
      version: 3,
      title: 'Prosecutor v. First Editor',
      court: 'Cour d\u2019appel de Paris',
    });
    // The same field: refused without overwriting; the form comes back merged, the field named, the typing kept.
    const g1 = (await e1.get(`/editor/cases/${id}`)).form(`/editor/cases/${id}`);
    const g2 = (await e2.get(`/editor/cases/${id}`)).form(`/editor/cases/${id}`);
    caseIdFrom(
      await e1.submit(g1.fill('f-court', 'Cour de cassation').fill('f-title', 'Prosecutor v. Both Editors'), 'Save'),
    );
    const clash = await e2.submit(g2.fill('f-court', 'Tribunal de Paris'), 'Save');
    expect(clash.status).toBe(409);
    expect(clash.page().byId.get('error-summary')?.text).toMatch(
      /Version 4 was saved while you were editing, and it also changed court\./,
    );
    const again = clash.form(`/editor/cases/${id}`);
    expect(again.value('f-court')).toBe('Tribunal de Paris'); // the typing is not lost
    expect(again.value('f-title')).toBe('Prosecutor v. Both Editors'); // their other change is kept
    expect(again.value('version')).toBe('4');
    expect(await stored(id)).toMatchObject({ version: 4, court: 'Cour de cassation' });
    caseIdFrom(await e2.submit(again, 'Save'));
    expect(await stored(id)).toMatchObject({
      version: 5,
      court: 'Tribunal de Paris',
      title: 'Prosecutor v. Both Editors',
    });

    // An empty comment: the message sits beside the comment box.
    const page = await e1.get(`/editor/cases/${id}`);
    const empty = await e1.submit(page.form(`/editor/cases/${id}/comments`).fill('cm-body', '   '), 'Add comment');
    expect(empty.status).toBe(400);
    expect(empty.page().byId.get('cm-body')?.attrs).toMatchObject({
      'aria-invalid': 'true',
      'aria-describedby': 'cm-body-error',
    });
    expect(empty.page().byId.get('cm-body-error')?.text).toBe('the comment is empty');
    expect((await api(`/api/v1/cases/${id}/comments`)).items).toEqual([]);

    // Version links: a version compared with one that does not exist is a 404, not "the first version".
    expect((await e1.get(`/editor/cases/${id}/versions/2?against=99`)).status).toBe(404);
    expect((await e1.get(`/editor/cases/${id}/versions/2?against=x`)).status).toBe(400);
    expect((await e1.get(`/editor/cases/${id}/versions/1`)).body).toContain('The first version.');

    // A published case whose narrative names a party: the editor sees it on the case page.
    const named = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases?acknowledge_warnings=true',
      headers: AUTH,
      payload: {
        title: 'Prosecutor v. Named',
        jurisdiction: 'ESP',
        status: 'published',
        victims: [{ kind: 'person', label: 'Lucia Ferrante' }],
        narratives: { en: { facts: 'Lucia Ferrante was recruited in Bucharest.' } },
      },
    });
    expect(named.statusCode, named.body).toBe(201);
    const shown = await e1.get(`/editor/cases/${named.json().id}`);
    expect(shown.body).toMatch(
      new RegExp(
        '<div class="warnings" role="alert"><h3>Pseudonymisation check</h3>' +
          '<p>This case is public and a narrative names a party',
      ),
    );
    expect(shown.body).toMatch(/contains (&#34;|&quot;|")Ferrante/);
    expect(
      shown
        .page()
        .forms.find((f) => f.action.endsWith('/transition'))
        ?.controls.some((c) => c.name === 'acknowledge'),
    ).toBe(false);
  });

  it('a signed-out visit to an editor page leads through sign-in back to that page', async () => {
    const c = new WebClient(t.app);
    const first = await c.get(`/editor/cases/${draftId}/history`);
    expect(first.status).toBe(303);
    expect(first.location).toBe(`/login?next=${encodeURIComponent(`/editor/cases/${draftId}/history`)}`);
    const login = await c.follow(first);
    const res = await c.submit(
      login.form('/login').fill('email', editor.email).fill('password', 'correct horse battery staple'),
      'Sign in',
    );
    expect(res.location).toBe(`/editor/cases/${draftId}/history`);
    expect((await c.follow(res)).body).toContain('<h1>History</h1>');
    // Signing out says so.
    const out = await c.follow(await c.submit((await c.get('/editor')).form('/logout'), 'Sign out'));
    expect(out.page().byId.get('main')?.text).toContain('You are signed out.');
    expect((await c.get('/editor')).status).toBe(303);
    // A form sent after the session ended leads, after signing in again, to the page the form was on
    // (a form's address has no page of its own).
    const e = await WebClient.signIn(t.app, editor.email);
    const casePage = await e.get(`/editor/cases/${draftId}`);
    const history = await e.get(`/editor/cases/${draftId}/history`);
    await e.signOut();
    for (const [res, page] of [
      [
        await e.submit(casePage.form(`/editor/cases/${draftId}/comments`).fill('cm-body', 'Too late'), 'Add comment'),
        `/editor/cases/${draftId}`,
      ],
      [
        await e.submit(casePage.form(`/editor/cases/${draftId}/transition`), 'Back to draft'),
        `/editor/cases/${draftId}`,
      ],
      [
        await e.submit(history.form(`/editor/cases/${draftId}/versions/1/restore`), 'Restore version 1'),
        `/editor/cases/${draftId}/history`,
      ],
    ] as [PageResponse, string][]) {
      expect([res.status, res.location]).toEqual([303, `/login?next=${encodeURIComponent(page)}`]);
    }
    const again = await e.submit(
      (await e.get(`/login?next=${encodeURIComponent(`/editor/cases/${draftId}`)}`))
        .form('/login')
        .fill('email', editor.email)
        .fill('password', 'correct horse battery staple'),
      'Sign in',
    );
    expect((await e.follow(again)).status).toBe(200);
    expect((await api(`/api/v1/cases/${draftId}/comments`)).items.map((x: Json) => x.body)).not.toContain('Too late');
    // A next that leaves the site is ignored.
    const d = new WebClient(t.app);
    const evil = await d.get('/login?next=//evil.example/x');
    const back = await d.submit(
      evil.form('/login').fill('email', editor.email).fill('password', 'correct horse battery staple'),
      'Sign in',
    );
    expect(back.location).toBe('/editor');
  });

  it('a rich case (every section, 3 languages) survives the form unchanged; one edit changes one field', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: AUTH,
      payload: { ...richCase(), title: 'Prosecutor v. "Round" & <script>alert(1)</script> Trip', status: 'draft' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const before = await stored(id);
    const e = await WebClient.signIn(t.app, editor.email);
    const f = (await e.get(`/editor/cases/${id}`)).form(`/editor/cases/${id}`);
    expect(f.value('f-narratives-en-facts')).toBe(before.narratives.en.facts);
    expect(caseIdFrom(await e.submit(f, 'Save'))).toBe(id);
    expect(await stored(id)).toEqual(before);
    f.select('f-victims-1-gender', 'female').fill(
      'f-defendants-0-charges-2-otherSentence',
      'Deportation after serving the sentence',
    );
    caseIdFrom(await e.submit(f, 'Save'));
    const after = await stored(id);
    expect(after.version).toBe(before.version + 1);
    const expected = structuredClone(before);
    expected.victims[1].gender = 'female';
    expected.defendants[0].charges[2].otherSentence = 'Deportation after serving the sentence';
    expect({ ...after, version: 0, updatedAt: '' }).toEqual({ ...expected, version: 0, updatedAt: '' });
    const history = await e.get(`/editor/cases/${id}/history`);
    const [latest] = tableRows(history);
    expect(latest!.slice(3, 6)).toEqual(['edit', 'Draft', 'defendants, victims']);
    // Markup in a record is text on every editor page.
    for (const url of [
      `/editor/cases/${id}`,
      `/editor/cases/${id}/history`,
      `/editor/cases/${id}/versions/1`,
      '/editor',
    ]) {
      const body = (await e.get(url)).body;
      expect(body, url).not.toContain('<script>alert(1)');
      expect(body, url).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });
});
