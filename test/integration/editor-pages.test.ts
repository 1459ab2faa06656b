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
  const auditCount = async () => (await t.services.store.audit.list({ limit: 10_000 })).items.length;

  /** Clicks an add/remove row button, expects the form back (200) and returns it. */
  async function op(c: WebClient, f: FormFill, label: string): Promise<{ res: PageResponse; form: FormFill }> {
    const res = await c.submit(f, label);
    expect(res.status, res.body.slice(0, 500)).toBe(200);
    return { res, form: res.form(f.action) };
  }

  const autofocused = (res: PageResponse) => [...res.page().byId.values()].filter((e) => 'autofocus' in e.attrs && e.attrs.id?.startsWith('f-')).map((e) => e.attrs.id);

  let draftId = '';

  it('a contributor drafts a case with rows, charges, two narrative languages and tags, without JavaScript', async () => {
    const c = await WebClient.signIn(t.app, contributor.email);
    let page = await c.get('/editor/cases/new');
    expect(page.status).toBe(200);
    let f = page.form('/editor/cases/new');
    f.fill('f-title', 'Prosecutor v. Quillfeather').select('f-jurisdiction', 'PHL').fill('f-court', 'Regional Trial Court, Manila')
      .select('f-courtLevel', 'first_instance').select('f-legalSystem', 'mixed').fill('f-decisionDate', '2019-03')
      .fill('f-narratives-en-facts', 'The accused recruited two women with offers of work abroad.\nThey were held in a bar.');

    // Victims: add three rows, fill them, then remove the second: the third moves up with its values.
    ({ res: page, form: f } = await op(c, f, 'Add a victim'));
    expect(f.value('f-title')).toBe('Prosecutor v. Quillfeather'); // what was typed comes back
    expect(f.value('f-narratives-en-facts')).toBe('The accused recruited two women with offers of work abroad.\nThey were held in a bar.');
    expect(f.value('f-victims-0-kind')).toBe('person');
    expect(autofocused(page)).toEqual(['f-victims-0-kind']);
    f.fill('f-victims-0-label', 'AAA').select('f-victims-0-gender', 'female').select('f-victims-0-child', 'yes')
      .fill('f-victims-0-ageAtOffence', '16').fill('f-victims-0-nationalities', 'phl, tha');
    ({ form: f } = await op(c, f, 'Add a victim'));
    f.fill('f-victims-1-label', 'to be removed');
    ({ form: f } = await op(c, f, 'Add a victim'));
    f.select('f-victims-2-kind', 'group').fill('f-victims-2-label', 'Fishermen').fill('f-victims-2-count', '12').select('f-victims-2-gender', 'male');
    ({ res: page, form: f } = await op(c, f, 'Remove victim 2'));
    expect(autofocused(page)).toEqual([]);
    expect(f.has('f-victims-2-kind')).toBe(false);
    expect([f.value('f-victims-0-label'), f.value('f-victims-1-label'), f.value('f-victims-1-count')]).toEqual(['AAA', 'Fishermen', '12']);

    // Defendants with charges.
    ({ form: f } = await op(c, f, 'Add a defendant'));
    f.fill('f-defendants-0-label', 'Accused 1').select('f-defendants-0-gender', 'male').fill('f-defendants-0-nationalities', 'PHL');
    ({ res: page, form: f } = await op(c, f, 'Add a charge to defendant 1'));
    expect(autofocused(page)).toEqual(['f-defendants-0-charges-0-statute']);
    f.fill('f-defendants-0-charges-0-statute', 'RA 9208 s. 4').fill('f-defendants-0-charges-0-charge', 'Qualified trafficking')
      .select('f-defendants-0-charges-0-verdict', 'convicted').fill('f-defendants-0-charges-0-prisonMonths', '480')
      .fill('f-defendants-0-charges-0-fine-amount', '2000000').fill('f-defendants-0-charges-0-fine-currency', 'php');
    ({ form: f } = await op(c, f, 'Add a charge to defendant 1'));
    f.fill('f-defendants-0-charges-1-charge', 'Illegal recruitment').select('f-defendants-0-charges-1-verdict', 'acquitted');
    ({ form: f } = await op(c, f, 'Add a defendant'));
    f.select('f-defendants-1-kind', 'legal_entity').fill('f-defendants-1-label', 'Agency X Ltd.');

    // A second narrative language.
    f.select('f-_newLanguage', 'es');
    ({ res: page, form: f } = await op(c, f, 'Add language'));
    expect(autofocused(page)).toEqual(['f-narratives-es-facts']);
    expect(page.page().byId.get('f-narratives-es-facts')?.attrs.lang).toBe('es');
    f.fill('f-narratives-es-facts', 'Los acusados reclutaron a dos mujeres.').fill('f-narratives-en-reasoning', 'Deception was proven.');

    // Taxonomy boxes and the restricted notes.
    for (const id of ['f-tags-acts-recruitment', 'f-tags-acts-harbouring', 'f-tags-means-deception', 'f-tags-purposes-sexual_exploitation', 'f-tags-forms-transnational', 'f-tags-sectors-hospitality', 'f-tags-offences-trafficking_adults']) f.check(id);
    f.fill('f-restricted-internalNotes', 'Check the appeal docket.');

    const saved = await c.submit(f, 'Save draft');
    draftId = caseIdFrom(saved);
    const shown = await c.follow(saved);
    expect(shown.body).toContain('Draft saved');

    const rec = await stored(draftId);
    expect(rec).toMatchObject({ status: 'draft', version: 1, title: 'Prosecutor v. Quillfeather', jurisdiction: 'PHL', court: 'Regional Trial Court, Manila', courtLevel: 'first_instance', legalSystem: 'mixed', decisionDate: '2019-03' });
    expect(rec.narratives).toEqual({
      en: { facts: 'The accused recruited two women with offers of work abroad.\nThey were held in a bar.', reasoning: 'Deception was proven.', commentary: null, crossCutting: null },
      es: { facts: 'Los acusados reclutaron a dos mujeres.', reasoning: null, commentary: null, crossCutting: null },
    });
    expect(rec.victims).toEqual([
      { kind: 'person', label: 'AAA', count: null, gender: 'female', child: true, ageAtOffence: 16, ageAtTrial: null, birthYear: null, nationalities: ['PHL', 'THA'] },
      { kind: 'group', label: 'Fishermen', count: 12, gender: 'male', child: null, ageAtOffence: null, ageAtTrial: null, birthYear: null, nationalities: [] },
    ]);
    expect(rec.defendants).toEqual([
      {
        kind: 'person', label: 'Accused 1', count: null, gender: 'male', child: null, ageAtOffence: null, ageAtTrial: null, birthYear: null, nationalities: ['PHL'],
        charges: [
          { statute: 'RA 9208 s. 4', charge: 'Qualified trafficking', verdict: 'convicted', prisonMonths: 480, fine: { amount: 2000000, currency: 'PHP' }, otherSentence: null },
          { statute: null, charge: 'Illegal recruitment', verdict: 'acquitted', prisonMonths: null, fine: null, otherSentence: null },
        ],
      },
      { kind: 'legal_entity', label: 'Agency X Ltd.', count: null, gender: null, child: null, ageAtOffence: null, ageAtTrial: null, birthYear: null, nationalities: [], charges: [] },
    ]);
    expect(rec.tags).toEqual({ acts: ['recruitment', 'harbouring'], means: ['deception'], purposes: ['sexual_exploitation'], forms: ['transnational'], sectors: ['hospitality'], offences: ['trafficking_adults'] });
    const editorial = await api(`/api/v1/cases/${draftId}/editorial`);
    expect(editorial).toMatchObject({ ownerId: contributor.id, restricted: { internalNotes: 'Check the appeal docket.', sourceContacts: null } });

    // Saving the form again unchanged writes no new version.
    const again = await c.get(`/editor/cases/${draftId}`);
    expect(caseIdFrom(await c.submit(again.form(`/editor/cases/${draftId}`), 'Save'))).toBe(draftId);
    expect((await stored(draftId)).version).toBe(1);
  });
});
