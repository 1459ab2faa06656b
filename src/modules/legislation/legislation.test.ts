/**
 * The legislation register end to end on a real SQLite file: laws with point-in-time provisions,
 * bad input refused with the field named and nothing written, the pre-assessment's flags on laws
 * built here, assessments with workflow and as-at reproduction after an amendment, the AKN round
 * trip and refusal, the seeded demo content and the pages.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, AUTH, type TestApp } from '../../../test/helpers/test-app.ts';
import { SYSTEM } from '../platform/index.ts';
import { caseInput } from '../../../test/factories/case-factory.ts';
import { lawToAkn } from './akn/akn-export.ts';
import { aknToLawInput } from './akn/akn-import.ts';
import { validateAkn } from './akn/validate.ts';
import { seedLegislation } from './seed/seed.ts';
import { legislationSection } from './web/country-section.ts';
import { I18n } from '../../kernel/i18n/i18n.ts';
import { KERNEL_MESSAGES } from '../../kernel/i18n/kernel-messages.ts';
import { legislationModule } from './module.ts';

const english = () =>
  new I18n([
    { owner: 'kernel', catalogs: KERNEL_MESSAGES },
    { owner: 'legislation', catalogs: legislationModule.messages },
  ]).translator('en');

let t: TestApp;
const json = { ...AUTH, 'content-type': 'application/json' };
const TAGS_DEF = {
  articles: ['tip.3.a'],
  acts: ['recruitment', 'transportation', 'transfer', 'harbouring', 'receipt'],
  means: ['threat_force_coercion', 'deception'],
  purposes: ['sexual_exploitation'],
  purposeList: 'closed',
};
const law = (over: Record<string, unknown> = {}) => ({
  id: 'ken-test-act',
  country: 'KEN',
  title: 'Test Trafficking Act',
  type: 'act',
  adopted: '2010-01-01',
  status: 'draft',
  provisions: [
    {
      eid: 'sec_1',
      heading: 'Definition',
      text: 'Trafficking means recruitment by force or deception for sexual exploitation.',
      tags: TAGS_DEF,
    },
    { eid: 'sec_2__subsec_1', heading: 'Penalty', text: 'Imprisonment for ten years.' },
  ],
  ...over,
});
const post = (url: string, payload: unknown, method: 'POST' | 'PUT' = 'POST') =>
  t.app.inject({ method, url, headers: json, payload: JSON.stringify(payload) });
const count = async (table: string) =>
  Number(
    (
      (await t.services.database
        .kysely<Record<string, { n: number }>>()
        .selectFrom(table as never)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirst()) as { n: number }
    ).n,
  );

beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

describe('laws', () => {
  it('creates a law, hides the draft from the public, and gives a provision as in force on a date', async () => {
    const r = await post('/api/v1/laws', law());
    expect(r.statusCode, r.body).toBe(201);
    expect((await t.app.inject({ url: '/api/v1/laws/ken-test-act' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/v1/laws/ken-test-act', headers: AUTH })).statusCode).toBe(200);
    const a = await post('/api/v1/laws/ken-test-act/amendments', {
      by: 'Test Amendment Act 2015',
      date: '2015-06-01',
      provisions: [{ eid: 'sec_2__subsec_1', heading: 'Penalty', text: 'Imprisonment for twenty years.' }],
    });
    expect(a.statusCode, a.body).toBe(200);
    const at = (d: string) =>
      t.app.inject({ url: `/api/v1/laws/ken-test-act/provisions/sec_2__subsec_1?at=${d}`, headers: AUTH });
    expect((await at('2012-01-01')).json().text).toBe('Imprisonment for ten years.');
    expect((await at('2016-01-01')).json().text).toBe('Imprisonment for twenty years.');
    expect((await at('2009-01-01')).statusCode).toBe(404);
    const csv = await t.app.inject({ url: '/api/v1/laws/ken-test-act/provisions?format=csv&all=true', headers: AUTH });
    expect(csv.body.split('\n').filter(Boolean)).toHaveLength(4);
  });

  it('refuses bad input with the field named and writes nothing', async () => {
    const before = [await count('law_works'), await count('law_provisions'), await count('record_versions')];
    const clash = await post(
      '/api/v1/laws',
      law({ id: 'ken-clash', provisions: [law().provisions[0], law().provisions[0]] }),
    );
    expect(clash.statusCode).toBe(400);
    expect(clash.json().error.details[0].path).toBe('provisions.1.eid');
    const early = await post('/api/v1/laws/ken-test-act/amendments', {
      by: 'Old Act',
      date: '2009-12-31',
      provisions: [],
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details[0].path).toBe('date');
    const badEid = await post('/api/v1/laws', law({ id: 'ken-bad', provisions: [{ eid: 'Section 1', text: 'x' }] }));
    expect(badEid.json().error.details[0].path).toBe('provisions.0.eid');
    expect([await count('law_works'), await count('law_provisions'), await count('record_versions')]).toEqual(before);
  });
});

describe('pre-assessment and assessments', () => {
  it('flags means required for children and a closed list of purposes', async () => {
    const r = await t.app.inject({ url: '/api/v1/compliance/KEN/proposals', headers: AUTH });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.child_no_means.flags).toContain('means_required_for_children');
    expect(p.child_no_means.result).toBe('does_not');
    expect(p.purposes_open_list.flags).toEqual(
      expect.arrayContaining(['exploitation_list_closed', 'only_sexual_exploitation']),
    );
    expect(p.means_all.notes).toContain('means_missing:abduction');
    expect(p.legal_persons_liability.flags).toContain('no_liability_legal_persons');
  });

  it('refuses an unknown element, evidence of another country and a result without reasoning', async () => {
    await post('/api/v1/laws', law({ id: 'uga-test-act', country: 'UGA' }));
    const before = await count('compliance_assessments');
    const unknown = await post('/api/v1/compliance/KEN/no_such_element', { result: 'meets', reasoning: 'x' }, 'PUT');
    expect(unknown.json().error.details[0].path).toBe('element');
    const other = await post(
      '/api/v1/compliance/KEN/child_no_means',
      { result: 'meets', reasoning: 'x', evidence: { provisions: ['uga-test-act/sec_1'] } },
      'PUT',
    );
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details[0].path).toBe('evidence.provisions.0');
    const noCase = await post(
      '/api/v1/compliance/KEN/child_no_means',
      { result: 'meets', reasoning: 'x', evidence: { cases: ['no-such-case'] } },
      'PUT',
    );
    expect(noCase.json().error.details[0].path).toBe('evidence.cases.0');
    const noReason = await post('/api/v1/compliance/KEN/child_no_means', { result: 'meets' }, 'PUT');
    expect(noReason.json().error.details[0].path).toBe('reasoning');
    expect(await count('compliance_assessments')).toBe(before);
  });

  it('keeps proposal and decision, follows the workflow, reproduces the old result as at a past instant', async () => {
    const put = await post(
      '/api/v1/compliance/KEN/child_no_means',
      {
        result: 'does_not',
        reasoning: 'Means are required for every victim.',
        evidence: { provisions: ['ken-test-act/sec_1'] },
        failurePatterns: ['means_required_for_children'],
      },
      'PUT',
    );
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      decision: 'confirmed',
      proposal: { result: 'does_not' },
      status: 'draft',
      checklistVersion: '2026.1',
    });
    expect((await t.app.inject({ url: '/api/v1/compliance/KEN' })).json().assessments).toEqual([]);
    for (const to of ['in_review', 'published'])
      expect((await post('/api/v1/compliance/KEN/child_no_means/transitions', { to })).statusCode).toBe(200);
    await t.services.laws.transition('ken-test-act', 'in_review', SYSTEM);
    await t.services.laws.transition('ken-test-act', 'published', SYSTEM);
    const published = (await t.app.inject({ url: '/api/v1/compliance/KEN' })).json();
    expect(published.assessments.map((a: { result: string }) => a.result)).toEqual(['does_not']);
    await new Promise((r) => setTimeout(r, 5));
    const then = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    // The law is amended with a child rule and the assessment is revised, overriding nothing.
    await post('/api/v1/laws/ken-test-act/amendments', {
      by: 'Children Amendment Act 2020',
      date: '2020-01-01',
      provisions: [
        {
          eid: 'sec_3',
          heading: 'Children',
          text: 'No means is required where the victim is a child.',
          tags: { articles: ['tip.3.c'] },
        },
      ],
    });
    const revised = await post(
      '/api/v1/compliance/KEN/child_no_means',
      {
        result: 'partially',
        reasoning: 'The child rule exists but applies only to some purposes.',
        evidence: { provisions: ['ken-test-act/sec_3'] },
      },
      'PUT',
    );
    expect(revised.json()).toMatchObject({
      decision: 'overridden',
      proposal: { result: 'meets' },
      status: 'published',
      version: 4,
    });
    const old = (await t.app.inject({ url: `/api/v1/compliance/KEN?at=${encodeURIComponent(then)}` })).json();
    expect(old.assessments).toEqual(published.assessments);
    expect(old.checklistVersions).toEqual(['2026.1']);
    // Cases as evidence: the public sees the published one only.
    const pub = await t.services.cases.create(caseInput({ title: 'Kenya v. Published', status: 'published' }), SYSTEM);
    const draft = await t.services.cases.create(caseInput({ title: 'Kenya v. Draft', status: 'draft' }), SYSTEM);
    const withCases = await post(
      '/api/v1/compliance/KEN/attempt',
      { result: 'unclear', reasoning: 'Not settled.', evidence: { cases: [pub.id, draft.id] }, status: 'published' },
      'PUT',
    );
    expect(withCases.json().evidence.cases).toEqual([pub.id, draft.id]);
    const publicView = (await t.app.inject({ url: '/api/v1/compliance/KEN' })).json();
    expect(publicView.assessments.find((a: { element: string }) => a.element === 'attempt').evidence.cases).toEqual([
      pub.id,
    ]);
    const csv = await t.app.inject({ url: '/api/v1/compliance/KEN?format=csv' });
    expect(csv.body).toContain('child_no_means,partially');
    const page = await t.app.inject({ url: '/compliance/KEN' });
    expect(page.body).toContain('class="r-partially"');
    expect(page.body).toContain('Test Trafficking Act');
  });
});

describe('Akoma Ntoso', () => {
  it('round trip: export, schema-valid, import, equal in content', async () => {
    const w = await t.services.laws.get('ken-test-act', SYSTEM);
    const ps = await t.services.laws.provisions('ken-test-act', SYSTEM, { at: '2021-01-01' });
    const xml = (await t.app.inject({ url: '/api/v1/laws/ken-test-act/akn?at=2021-01-01' })).body;
    expect(xml).toBe(lawToAkn(w, ps, '2021-01-01'));
    expect(() => validateAkn(xml)).not.toThrow();
    const back = aknToLawInput(xml);
    const copy = await t.services.laws.create({ ...back, id: 'ken-test-act-copy' }, SYSTEM);
    expect({ ...copy, id: 'x', createdAt: '', updatedAt: '', status: 'x', version: 0 }).toEqual({
      ...w,
      id: 'x',
      createdAt: '',
      updatedAt: '',
      status: 'x',
      version: 0,
    });
    const strip = (list: typeof ps) => list.map(({ lawId: _l, from: _f, to: _t, ...p }) => p);
    expect(strip(await t.services.laws.provisions('ken-test-act-copy', SYSTEM, { at: '2021-01-01' }))).toEqual(
      strip(ps),
    );
  });

  it('refuses a file that is not schema-valid, with the schema message and line', () => {
    const xml =
      '<?xml version="1.0"?>\n<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">\n<act><nonsense/></act>\n</akomaNtoso>';
    expect(() => aknToLawInput(xml)).toThrow(/line 3/);
    expect(() => aknToLawInput('<akomaNtoso>')).toThrow(/not well-formed/);
  });
});

describe('demo content and search', () => {
  it('seeds real laws into an empty register only; provisions are found by search with facets', async () => {
    const s = await makeTestApp();
    try {
      expect(await seedLegislation(s.services)).toMatch(/seeded 6 demo laws/);
      expect(await seedLegislation(s.services)).toBeNull();
      const res = await s.services.search.searchKinds({
        q: 'exploitation',
        kinds: ['provision'],
        selection: { jurisdiction: ['GBR'] },
        limit: 20,
        facets: true,
      });
      expect(res.hits.map((h) => h.id)).toContain('gbr-modern-slavery-act-2015/sec_3');
      const both = await s.app.inject({ url: '/api/v1/search?kind=provision&kind=case&means=deception' });
      expect(both.statusCode, both.body).toBe(200);
      expect(both.json().hits.every((h: { kind: string }) => h.kind === 'provision' || h.kind === 'case')).toBe(true);
      expect((await s.app.inject({ url: '/compliance' })).body).toContain('r-meets');
      const asia = (await s.app.inject({ url: '/compliance?region=142' })).body; // UN M49: Asia
      expect(asia).toContain('href="/compliance/PHL"');
      expect(asia).not.toContain('href="/compliance/GBR"');
      const api = (await s.app.inject({ url: '/api/v1/openapi.json' })).json();
      expect(Object.keys(api.paths)).toEqual(
        expect.arrayContaining(['/api/v1/laws/{id}/provisions/{eid}', '/api/v1/compliance/{country}']),
      );
      expect(api.components.schemas.AssessmentInput.properties.reasoning).toBeDefined();
      expect((await s.app.inject({ url: '/compliance/elements/child_no_means' })).statusCode).toBe(200);
      expect((await s.app.inject({ url: '/laws/phl-ra-9208' })).body).toContain('RA 10364');
      // The country profile's section (order 30), loaded and rendered as the profile page will.
      const section = legislationSection(s.services);
      expect(section.order).toBe(30);
      const data = await section.load('GBR');
      expect(data).toMatchObject({ country: 'GBR', assessed: 4, laws: [{ id: 'gbr-modern-slavery-act-2015' }] });
      const rendered = section.render(data!, english()).toString();
      expect(rendered).toContain('<section id="legislation">');
      expect(rendered).toContain('href="/compliance/GBR"');
      expect(rendered).toContain('Exploitation an open list covering the five named forms: Partially');
      expect(await section.load('FJI')).toBeNull();
    } finally {
      await s.close();
    }
  });
});
