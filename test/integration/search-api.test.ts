/** The search API in-process, on a real SQLite file seeded with the demo briefs plus controlled cases. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { makeTestApp, AUTH, type TestApp } from '../helpers/test-app.ts';
import { moveTo } from '../helpers/workflow.ts';
import { caseInput } from '../factories/case-factory.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import { CaseInputSchema } from '../../src/modules/cases/domain/case-schema.ts';

let t: TestApp;
const search = async (qs: string) => {
  const res = await t.app.inject({ url: `/api/v1/search?${qs}` });
  return { status: res.statusCode, body: res.json() };
};
const ids = (body: { hits: { id: string }[] }) => body.hits.map((h) => h.id);
const post = (body: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: body as object });

beforeAll(async () => {
  t = await makeTestApp();
  await seedDemo(t.services);
  // Controlled cases for exact facet and ranking checks.
  const fishing = (
    id: string,
    jurisdiction: string,
    verdict: 'convicted' | 'acquitted',
    facts: string,
    decisionDate: string,
  ) =>
    post(
      caseInput({
        id,
        jurisdiction,
        decisionDate,
        title: `Prosecutor v. Captain ${id}`,
        narratives: { en: { facts } },
        tags: {
          acts: ['recruitment'],
          means: ['deception'],
          purposes: ['forced_labour'],
          forms: ['transnational'],
          sectors: ['fishing'],
          offences: ['trafficking_adults'],
        },
        defendants: [
          { kind: 'person', label: 'Captain', nationalities: ['THA'], charges: [{ charge: 'Trafficking', verdict }] },
        ],
      }),
    );
  await fishing(
    'zz-fish-1',
    'THA',
    'convicted',
    'Migrant crew were held in debt bondage on a fishing trawler and beaten at sea.',
    '2016-04-01',
  );
  await fishing(
    'zz-fish-2',
    'IDN',
    'acquitted',
    'The men worked on fishing boats under debt bondage; the court acquitted the recruiter.',
    '2018-01-01',
  );
  await fishing(
    'zz-fish-3',
    'THA',
    'convicted',
    'Workers on a fishing vessel were recruited by deception; no debt was recorded.',
    '2019',
  );
});
afterAll(async () => {
  await t.close();
});

describe('search API', () => {
  it('finds by words, ranks title matches first, and highlights the snippet without HTML', async () => {
    const { status, body } = await search('q=Siliadin');
    expect(status).toBe(200);
    expect(ids(body)[0]).toBe('siliadin-v-france');
    const hit = body.hits[0];
    expect(hit.snippet.text).not.toMatch(/<mark>/);
    for (const [a, b] of hit.snippet.highlights)
      expect(hit.snippet.text.slice(a, b).toLowerCase()).toContain('siliadin');
  });

  it('stems: traffic / trafficked / trafficking find the same cases', async () => {
    const totals = await Promise.all(
      ['trafficked', 'trafficking', 'traffic'].map(
        async (w) => (await search(`q=${w}&facets=false&limit=1`)).body.total,
      ),
    );
    expect(totals[0]).toBeGreaterThan(5);
    expect(new Set(totals).size).toBe(1);
  });

  it('phrases, negation, OR and prefixes', async () => {
    const phrase = await search(`q=${encodeURIComponent('"debt bondage" fishing')}`);
    expect(ids(phrase.body).sort()).toEqual(['zz-fish-1', 'zz-fish-2']);
    const not = await search(`q=${encodeURIComponent('"debt bondage" fishing -acquitted')}`);
    expect(ids(not.body)).toEqual(['zz-fish-1']);
    const or = await search(`q=${encodeURIComponent('trawler OR vessel')}`);
    expect(ids(or.body).sort()).toEqual(['zz-fish-1', 'zz-fish-3']);
    const prefix = await search('q=trawl*');
    expect(ids(prefix.body)).toEqual(['zz-fish-1']);
  });

  it('filters written in the query and as parameters narrow the results', async () => {
    const inQuery = await search(
      `q=${encodeURIComponent('fishing country:THA purpose:forced_labour year:2015..2016')}`,
    );
    expect(ids(inQuery.body)).toEqual(['zz-fish-1']);
    const asParams = await search('q=fishing&jurisdiction=THA&year_from=2015&year_to=2016');
    expect(ids(asParams.body)).toEqual(['zz-fish-1']);
    const region = await search('q=fishing&region=035');
    expect(ids(region.body).sort()).toEqual(['zz-fish-1', 'zz-fish-2', 'zz-fish-3']);
  });

  it('facet counts are disjunctive: a facet ignores its own selection but applies the others', async () => {
    const { body } = await search('sectors=fishing&jurisdiction=THA');
    expect(body.total).toBe(2);
    const count = (field: string) =>
      Object.fromEntries(body.facets[field].map((f: { value: string; count: number }) => [f.value, f.count]));
    // The sector filter applies, the jurisdiction filter does not.
    expect(count('jurisdiction')).toEqual({ THA: 2, IDN: 1 });
    expect(count('verdict')).toEqual({ convicted: 2 }); // both filters apply
    expect(body.facets.jurisdiction.find((f: { value: string }) => f.value === 'THA').label).toBe('Thailand');
    expect(Object.keys(body.facets)).toEqual(
      expect.arrayContaining([
        'jurisdiction',
        'region',
        'year',
        'courtLevel',
        'verdict',
        'acts',
        'means',
        'purposes',
        'forms',
        'sectors',
        'victimGender',
        'childVictims',
        'victimNationality',
        'defendantNationality',
        'language',
      ]),
    );
  });

  it('browsing with no words sorts by date and pages with a cursor without repeats', async () => {
    const first = await search('limit=10&facets=false');
    expect(first.body.sort).toBe('date_desc');
    const all: string[] = [];
    let url: string | null = '/api/v1/search?limit=10&facets=false';
    while (url) {
      const page: { hits: { id: string; decisionDate: string | null }[]; next: string | null; total: number } = (
        await t.app.inject({ url })
      ).json();
      all.push(...page.hits.map((h) => h.id));
      url = page.next;
    }
    expect(all.length).toBe(first.body.total);
    expect(new Set(all).size).toBe(all.length);
    const relevance: string[] = [];
    url = '/api/v1/search?q=court&limit=4&facets=false';
    while (url) {
      const page: { hits: { id: string }[]; next: string | null } = (await t.app.inject({ url })).json();
      relevance.push(...page.hits.map((h) => h.id));
      url = page.next;
    }
    expect(new Set(relevance).size).toBe(relevance.length);
    expect(relevance.length).toBe((await search('q=court&facets=false')).body.total);
  });

  it('forgives misspellings with a did-you-mean, ranking exact matches first', async () => {
    const { body } = await search('q=Rantsve');
    expect(ids(body)[0]).toBe('rantsev-v-cyprus-and-russia');
    expect(body.hits[0].fuzzy).toBe(true);
    expect(body.didYouMean).toBe('rantsev');
  });

  it('ranks a corrected word by its best spelling: two spellings in one text do not add up', async () => {
    // The name in the title of one case; another names the same man in its text, once misspelled.
    const name = (id: string, title: string, facts: string) =>
      post(caseInput({ id, title, jurisdiction: 'USA', narratives: { en: { facts } } }));
    await name('zz-velkharin', 'Prosecutor v. Velkharin', 'Velkharin kept a domestic servant from Indonesia.');
    await name(
      'zz-velkharin-civil',
      'Civil claim No. 08-2970',
      'A domestic servant from Indonesia sued Velkharin for wages (the filing spells him Velharin once).',
    );
    // The misspelling is a real word of the index too (as rare as the name), so both readings weigh alike.
    await name('zz-velharin', 'Prosecutor v. Velharin', 'Velharin, a fishing captain, was acquitted.');
    for (const id of ['zz-velkharin', 'zz-velkharin-civil', 'zz-velharin']) await moveTo(t.app, id, 'published');
    const { body } = await search('q=velkarin+domestic+servant&facets=false');
    expect(body.corrections[0].alternatives.slice(0, 2).sort()).toEqual(['velharin', 'velkharin']);
    expect(ids(body).slice(0, 2)).toEqual(['zz-velkharin', 'zz-velkharin-civil']);
  });

  it('finds titles and citations however they are typed', async () => {
    for (const q of ['US v Dann', 'United States v. Dann', 'u.s. v. dann', 'us vs dann']) {
      expect(ids((await search(`q=${encodeURIComponent(q)}&facets=false`)).body)[0]).toBe('united-states-v-dann');
    }
    const echr = await search(`q=${encodeURIComponent('25965/04')}`);
    expect(ids(echr.body)[0]).toBe('rantsev-v-cyprus-and-russia');
    const ecli = await search(`q=${encodeURIComponent('ECLI:NL:HR:2009:BI7099')}`);
    expect(ids(ecli.body)[0]).toBe('hoge-raad-2009-chinese-restaurant');
  });

  it('similar cases share the profile and give a reason', async () => {
    const res = await t.app.inject({ url: '/api/v1/cases/zz-fish-1/similar?limit=3' });
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: string; reason: string }[];
    expect(
      items
        .map((i) => i.id)
        .slice(0, 2)
        .sort(),
    ).toEqual(['zz-fish-2', 'zz-fish-3']);
    expect(items[0]!.reason).toMatch(/Same purpose forced labour/);
    expect((await t.app.inject({ url: '/api/v1/cases/no-such/similar' })).statusCode).toBe(404);
  });
});

describe('search index stays in step with the store', () => {
  it('create, update, unpublish and delete re-index at once; drafts never show', async () => {
    const marker = 'xylophonequartz';
    await post(caseInput({ id: 'zz-step', status: 'draft', narratives: { en: { facts: `A ${marker} draft.` } } }));
    const before = (await search('facets=true')).body;
    expect((await search(`q=${marker}`)).body.total).toBe(0);
    // the draft changes no facet count
    expect((await search('facets=true')).body.facets).toEqual(before.facets);
    expect((await search('q=xylophonequarz')).body.didYouMean).toBeNull(); // no suggestion from unpublished words

    await moveTo(t.app, 'zz-step', 'published');
    expect(ids((await search(`q=${marker}`)).body)).toEqual(['zz-step']);
    await t.app.inject({
      method: 'PATCH',
      url: '/api/v1/cases/zz-step',
      headers: AUTH,
      payload: { narratives: { en: { facts: 'Now about glockenspiel only.' } } },
    });
    expect((await search(`q=${marker}`)).body.total).toBe(0);
    expect(ids((await search('q=glockenspiel')).body)).toEqual(['zz-step']);
    await moveTo(t.app, 'zz-step', 'withdrawn');
    expect((await search('q=glockenspiel')).body.total).toBe(0);
    expect((await t.app.inject({ url: '/api/v1/cases/zz-step/similar' })).statusCode).toBe(404);
    await moveTo(t.app, 'zz-step', 'published');
    await t.app.inject({ method: 'DELETE', url: '/api/v1/cases/zz-step', headers: AUTH });
    expect((await search('q=glockenspiel')).body.total).toBe(0);
    expect((await search('facets=true')).body.facets).toEqual(before.facets);
  });

  it('a transaction of more changes than the engine keeps pending reloads its facets from the database', async () => {
    const before = (await search('facets=true&limit=1')).body;
    // 25,000 > the SQLite engine's PENDING_LIMIT; the PostgreSQL engine has no such limit and writes
    // its index every 500 changes, so 2,000 crosses that boundary four times (and keeps the test
    // within its time on a server a round trip away): created and deleted again in one
    // transaction, then one more case.
    const n = t.services.store.dialect === 'postgres' ? 2_000 : 25_000;
    await t.services.store.transaction(async (tx) => {
      for (let i = 0; i < n; i++)
        await t.services.cases.upsertInTx(
          tx,
          CaseInputSchema.parse(caseInput({ id: `bulk-${i}`, jurisdiction: 'NPL' })),
        );
      for (let i = 0; i < n; i++) await tx.cases.delete(`bulk-${i}`);
      await t.services.cases.upsertInTx(tx, CaseInputSchema.parse(caseInput({ id: 'bulk-kept', jurisdiction: 'NPL' })));
    });
    const after = (await search('facets=true&limit=1')).body;
    expect(after.total).toBe(before.total + 1);
    expect(after.facets.jurisdiction.find((f: { value: string }) => f.value === 'NPL').count).toBe(1);
    expect(ids((await search('jurisdiction=NPL')).body)).toEqual(['bulk-kept']);
    await t.app.inject({ method: 'DELETE', url: '/api/v1/cases/bulk-kept', headers: AUTH });
  }, 120_000);

  it('reindex rebuilds the same results', async () => {
    // Scores may differ in the last digits (deleted rows leave FTS5's length statistics slightly
    // different from a fresh build), so compare the result sets, totals and facets.
    const a = (await search('q=forced+labour&limit=100')).body;
    expect(await t.services.search.reindex()).toBeGreaterThan(30);
    const b = (await search('q=forced+labour&limit=100')).body;
    expect(b.total).toBe(a.total);
    expect(ids(b).sort()).toEqual(ids(a).sort());
    expect(b.facets).toEqual(a.facets);
    expect(ids((await search('q=Siliadin')).body)[0]).toBe('siliadin-v-france');
  });
});

describe('search API: bad input', () => {
  // strict=true: the 400 for programs that want it (without it the query's correction is searched).
  const bad = async (qs: string, code = 'QUERY_SYNTAX') => {
    const { status, body } = await search(`${qs}&strict=true`);
    expect(status).toBe(400);
    expect(body.error.code).toBe(code);
    return body.error;
  };

  it.each([
    ['"debt bondage', 'UNTERMINATED_PHRASE'],
    ['(fishing OR boats', 'UNBALANCED_PARENTHESIS'],
    ['fishing)', 'UNBALANCED_PARENTHESIS'],
    ['fishing AND', 'DANGLING_OPERATOR'],
    ['OR fishing', 'DANGLING_OPERATOR'],
    ['foo:bar', 'UNKNOWN_FIELD'],
    ['purpose:forced_labor', 'UNKNOWN_CODE'],
    ['country:XYZ', 'UNKNOWN_CODE'],
    ['a*', 'PREFIX_TOO_SHORT'],
  ])('%s -> %s with position and suggestion', async (q, reason) => {
    const err = await bad(`q=${encodeURIComponent(q)}`);
    expect(err.details.reason).toBe(reason);
    expect(typeof err.details.position).toBe('number');
    expect(err.details.position).toBeGreaterThanOrEqual(0);
    expect(err.details.position).toBeLessThanOrEqual(q.length);
    expect(err.details.suggestion.length).toBeGreaterThan(0);
  });

  it('a query over 2,000 characters, control characters and invalid UTF-8', async () => {
    expect((await search(`q=${'a'.repeat(2_000)}&strict=true`)).status).toBe(200);
    expect((await bad(`q=${'a'.repeat(2_001)}`, 'VALIDATION_FAILED')).details[0].path).toBe('q');
    expect((await bad(`q=fish%00ing`)).details.reason).toBe('INVALID_CHARACTER');
    const invalidUtf8 = await search('q=%FF%FEfishing');
    expect(invalidUtf8.status).toBe(400);
  });

  it('unknown filter codes name the allowed ones; page size; tampered cursor; sort without words', async () => {
    const err = await bad('purposes=forced_labor', 'VALIDATION_FAILED');
    expect(err.details[0].message).toMatch(/allowed: sexual_exploitation, forced_labour/);
    await bad('region=999', 'VALIDATION_FAILED');
    await bad('limit=101', 'VALIDATION_FAILED');
    await bad('cursor=abc.def', 'INVALID_CURSOR');
    const page = (await search('q=court&limit=2&facets=false')).body;
    await bad(`q=courts&limit=2&cursor=${page.nextCursor}`, 'INVALID_CURSOR');
    await bad('sort=relevance', 'BAD_REQUEST');
  });

  it('never answers 5xx to random query strings (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          // lone surrogates cannot be percent-encoded at all: make them U+FFFD, which the server must refuse cleanly
          fc.string({ unit: 'binary', maxLength: 40 }).map((x) => x.replace(/[\uD800-\uDFFF]/gu, '\uFFFD')),
          fc
            .array(
              fc.constantFrom(
                '"',
                '(',
                ')',
                'AND',
                'OR',
                'NOT',
                '-',
                '*',
                'title:',
                'country:',
                'year:',
                'PHL',
                '..',
                'fishing',
                'debt',
                ' ',
                ':',
                '\u0000',
                'é',
                '贩卖',
              ),
              { maxLength: 12 },
            )
            .map((a) => a.join(' ')),
        ),
        async (q) => {
          const res = await t.app.inject({ url: `/api/v1/search?q=${encodeURIComponent(q)}&facets=false&limit=3` });
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode === 400)
            expect(res.json().error.code).toMatch(/QUERY_SYNTAX|VALIDATION_FAILED|BAD_REQUEST/);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the kind parameter', () => {
  // With the test token: the anonymous rate limit is spent by the suites above.
  const search = async (qs: string) => {
    const res = await t.app.inject({ url: `/api/v1/search?${qs}`, headers: AUTH });
    return { status: res.statusCode, body: res.json() };
  };
  it('without it the answer is the case search as before; with it hits carry their kind and a kind facet', async () => {
    const plain = await search('q=fishing');
    expect(plain.status).toBe(200);
    expect(plain.body.facets.kind).toBeUndefined();
    expect(plain.body.hits[0].kind).toBeUndefined();
    const kinds = await search('q=fishing&kind=case');
    expect(kinds.status).toBe(200);
    expect(kinds.body.total).toBe(plain.body.total);
    expect(ids(kinds.body)).toEqual(ids(plain.body));
    expect(kinds.body.hits.every((h: { kind: string }) => h.kind === 'case')).toBe(true);
    expect(kinds.body.facets.kind).toEqual([{ value: 'case', label: 'case', count: plain.body.total }]);
    const bad = await search('q=fishing&kind=nope');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('BAD_REQUEST');
    expect(bad.body.error.message).toContain("unknown kind 'nope'");
  });
});
