/**
 * The search contract: one suite, run against every engine (SQLite FTS5 and PostgreSQL), through
 * the search service on a real store. Engines pass a factory that returns fresh, empty services.
 * It holds the query language, field scoping, ranking ties, facets, paging, spelling, known items,
 * similar cases, index consistency with the store's transactions, and bad input.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import type { Services } from '../services/services.ts';
import { SYSTEM } from '../../platform/index.ts';
import { AppError } from '../../../kernel/errors.ts';
import { CaseInputSchema } from '../domain/case-schema.ts';
import { caseInput } from '../../../../test/factories/case-factory.ts';
import { noteSource, type Note } from '../../../../test/fixtures/test-kind-source.ts';
import type { SearchSource } from '../../../kernel/search/search-source.ts';
import { FACET_FIELDS } from './facet-fields.ts';
import { parseQuery } from './query-parser.ts';

export const CONTRACT_CASES = [
  caseInput({
    id: 'c-fish',
    title: 'Prosecutor v. Somchai',
    jurisdiction: 'THA',
    decisionDate: '2016-04-01',
    narratives: {
      en: {
        facts: 'Migrant crew were held in debt bondage on a fishing trawler and beaten at sea.',
        reasoning: 'The court found forced labour.',
        commentary: null,
        crossCutting: null,
      },
    },
    tags: { purposes: ['forced_labour'], sectors: ['fishing'], means: ['deception'] },
  }),
  caseInput({
    id: 'c-farm',
    title: 'State v. Okafor',
    jurisdiction: 'NGA',
    decisionDate: '2012-01-01',
    narratives: {
      en: {
        facts: 'Children were trafficked to work on cocoa farms; the bondage lasted years.',
        reasoning: null,
        commentary: null,
        crossCutting: null,
      },
    },
    tags: { purposes: ['forced_labour'], sectors: ['agriculture'] },
  }),
  caseInput({
    id: 'c-bar',
    title: 'Regina v. Tang',
    jurisdiction: 'AUS',
    decisionDate: '2008-08-28',
    identifiers: [{ type: 'neutral_citation', value: '[2008] HCA 39' }],
    narratives: {
      en: {
        facts: 'Women were recruited abroad and held in a brothel under a debt of forty thousand dollars.',
        reasoning: 'Slavery is the exercise of powers of ownership.',
        commentary: null,
        crossCutting: null,
      },
    },
    tags: { purposes: ['slavery', 'sexual_exploitation'], sectors: ['commercial_sex'] },
  }),
  caseInput({
    id: 'c-es',
    title: 'Fiscalía c. Pérez',
    jurisdiction: 'ARG',
    decisionDate: '2019',
    narratives: {
      es: {
        facts: 'Las víctimas fueron captadas con engaños y explotadas en un taller textil.',
        reasoning: null,
        commentary: null,
        crossCutting: null,
      },
    },
    tags: { purposes: ['forced_labour'], sectors: ['manufacturing'] },
  }),
  caseInput({
    id: 'c-court',
    title: 'People v. Reyes',
    jurisdiction: 'PHL',
    court: 'Court of Appeals',
    decisionDate: '2014-03-03',
    narratives: {
      en: {
        facts: 'Recruiters promised hotel work and sold the women to a bar.',
        reasoning: null,
        commentary: null,
        crossCutting: null,
      },
    },
  }),
  caseInput({
    id: 'c-draft',
    title: 'Draft v. Hidden',
    status: 'draft',
    narratives: {
      en: {
        facts: 'A secret fishing trawler draft about debt bondage.',
        reasoning: null,
        commentary: null,
        crossCutting: null,
      },
    },
  }),
].map((c) => CaseInputSchema.parse(c));

export function runSearchContract(
  name: string,
  makeServices: () => Promise<{ services: Services; close(): Promise<void> }>,
): void {
  describe(`search contract: ${name}`, () => {
    let s: Services;
    let close: () => Promise<void>;
    const ids = async (q: string, extra: Partial<Parameters<Services['search']['search']>[0]> = {}) =>
      (await s.search.search({ q, selection: {}, limit: 50, facets: false, ...extra })).hits.map((h) => h.id);
    const sorted = async (q: string) => (await ids(q)).sort();

    beforeAll(async () => {
      ({ services: s, close } = await makeServices());
      for (const c of CONTRACT_CASES) await s.cases.create(c, SYSTEM);
    });
    afterAll(async () => close());

    it('words, phrases, OR, NOT and prefixes', async () => {
      expect(await sorted('debt bondage')).toEqual(['c-fish']);
      expect(await sorted('bondage')).toEqual(['c-farm', 'c-fish']);
      expect(await sorted('"debt bondage"')).toEqual(['c-fish']);
      expect(await sorted('"bondage debt"')).toEqual([]);
      expect(await sorted('trawler OR cocoa')).toEqual(['c-farm', 'c-fish']);
      expect(await sorted('bondage -cocoa')).toEqual(['c-fish']);
      expect(await sorted('-bondage')).toEqual(['c-bar', 'c-court', 'c-es']);
      expect(await sorted('trawl*')).toEqual(['c-fish']);
      expect(await sorted('bond* -trawl*')).toEqual(['c-farm']);
    });

    it('statistics count exactly the documents the search finds, for every kind of query', async () => {
      // Aggregates read the match set without ranking it (engine-core `candidates(..., scored = false)`).
      const queries = [
        'debt bondage',
        'bondage',
        '"debt bondage"',
        'trawler OR cocoa',
        'bondage -cocoa',
        '-bondage',
        'trawl*',
        'bond* -trawl*',
        'bondaje',
        'debt bondage zebrafish',
        '2008 HCA 39',
        'reginavtang',
        '',
      ];
      for (const q of queries) {
        const found = await s.search.search({ q, selection: {}, limit: 50, facets: false });
        const figures = await s.engine.aggregate({ query: parseQuery(q), selection: {} });
        expect(figures.total, q).toBe(found.total);
      }
    });

    it('stems per language and ignores accents', async () => {
      expect(await sorted('traffic')).toEqual(await sorted('trafficking'));
      expect(await sorted('traffic')).toContain('c-farm');
      expect(await sorted('victimas engano')).toEqual(['c-es']);
      expect(await sorted('Pérez')).toEqual(await sorted('perez'));
    });

    it('field scoping: title, facts, reasoning, court, citation', async () => {
      expect(await sorted('title:tang')).toEqual(['c-bar']);
      expect(await sorted('facts:tang')).toEqual([]);
      expect(await sorted('facts:brothel')).toEqual(['c-bar']);
      expect(await sorted('reasoning:slavery')).toEqual(['c-bar']);
      expect(await sorted('facts:slavery')).toEqual([]);
      expect(await sorted('court:appeals')).toEqual(['c-court']);
      expect(await sorted('citation:"2008 HCA 39"')).toEqual(['c-bar']);
      expect(await sorted('title:"tang regina"')).toEqual([]);
      expect(await sorted('title:"regina v tang"')).toEqual(['c-bar']);
    });

    it('a phrase never spans two fields', async () => {
      // The title ends with "tang" and the facts begin with "women": no case has the phrase.
      expect(await sorted('"tang women"')).toEqual([]);
    });

    it('ranks a title match above a match in the facts, and a known item first', async () => {
      expect((await ids('tang'))[0]).toBe('c-bar');
      expect((await ids('regina v tang'))[0]).toBe('c-bar');
      expect((await ids('[2008] HCA 39'))[0]).toBe('c-bar');
    });

    it('finds identifiers and titles however typed: punctuation, spacing, case, run together', async () => {
      for (const q of ['2008 hca 39', '2008HCA39', '2008-HCA-39', 'No. 2008 HCA 39', 'nº2008hca39', 'reginavtang'])
        expect((await ids(q))[0], q).toBe('c-bar');
      // An identifier inside a longer query still ranks its case first.
      expect((await ids('australia 2008hca39'))[0]).toBe('c-bar');
      expect((await ids('Prosecutor v. Somchai'))[0]).toBe('c-fish');
    });

    it('filters and disjunctive facet counts', async () => {
      const r = await s.search.search({ q: 'bondage', selection: { sectors: ['fishing'] }, limit: 10, facets: true });
      expect(r.hits.map((h) => h.id)).toEqual(['c-fish']);
      const sectors = Object.fromEntries((r.facets.sectors ?? []).map((f) => [f.value, f.count]));
      expect(sectors).toMatchObject({ fishing: 1, agriculture: 1 });
      expect(await sorted('bondage country:NGA')).toEqual(['c-farm']);
      expect(await sorted('year:2010..2015')).toEqual(['c-court', 'c-farm']);
    });

    it('pages with a cursor without repeats, by relevance and by date', async () => {
      for (const sort of ['relevance', 'date_desc', 'date_asc'] as const) {
        const all = await ids('the OR women OR children OR victimas OR crew', { sort });
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 10; guard++) {
          const page = await s.search.search({
            q: 'the OR women OR children OR victimas OR crew',
            selection: {},
            limit: 2,
            facets: false,
            sort,
            cursor,
          });
          seen.push(...page.hits.map((h) => h.id));
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(seen).toEqual(all);
        expect(new Set(seen).size).toBe(seen.length);
      }
    });

    it('corrects a misspelling with did-you-mean, and relaxes a query no case fully matches', async () => {
      const r = await s.search.search({ q: 'trawlr', selection: {}, limit: 10, facets: false });
      expect(r.hits.map((h) => h.id)).toEqual(['c-fish']);
      expect(r.didYouMean).toBe('trawler');
      const relaxed = await s.search.search({ q: 'cocoa brothel', selection: {}, limit: 10, facets: false });
      expect(relaxed.relaxed).toBe(true);
      expect(relaxed.hits.map((h) => h.id).sort()).toEqual(['c-bar', 'c-farm']);
      // Three of four words, one through its corrected spelling, beat two words as typed.
      const typo = await s.search.search({ q: 'debt bondage trawlr cocoa', selection: {}, limit: 10, facets: false });
      expect(typo.relaxed).toBe(true);
      expect(typo.hits.map((h) => h.id).slice(0, 2)).toEqual(['c-fish', 'c-farm']);
    });

    it('snippets highlight the matched words as plain text', async () => {
      const [hit] = (await s.search.search({ q: 'trawler', selection: {}, limit: 1, facets: false })).hits;
      const snip = hit!.snippet!;
      expect(snip.highlights.map(([a, b]) => snip.text.slice(a, b).toLowerCase())).toContain('trawler');
    });

    it('similar cases: published only, each with a reason', async () => {
      const list = await s.search.similar('c-fish', 5);
      expect(list.length).toBeGreaterThan(0);
      expect(list.map((c) => c.id)).not.toContain('c-draft');
      expect(list.map((c) => c.id)).not.toContain('c-fish');
      expect(list[0]!.reason).toMatch(/\w/);
    });

    it('never shows a draft; follows updates, unpublishing, deletes and rollbacks at once', async () => {
      expect(await sorted('secret')).toEqual([]);
      await s.cases.patch(
        'c-court',
        {
          narratives: {
            en: {
              facts: 'Recruiters promised hotel work; a pangolin was seen.',
              reasoning: null,
              commentary: null,
              crossCutting: null,
            },
          },
        },
        SYSTEM,
      );
      expect(await sorted('pangolin')).toEqual(['c-court']);
      expect(await sorted('hotel')).toEqual(['c-court']);
      await s.workflow.transition('c-court', { to: 'withdrawn' }, SYSTEM);
      expect(await sorted('pangolin')).toEqual([]);
      for (const to of ['draft', 'in_review', 'published']) await s.workflow.transition('c-court', { to }, SYSTEM);
      expect(await sorted('pangolin')).toEqual(['c-court']);
      await expect(
        s.store.transaction(async (tx) => {
          await s.cases.upsertInTx(
            tx,
            CaseInputSchema.parse(
              caseInput({
                id: 'c-rolled',
                narratives: { en: { facts: 'An armadillo.', reasoning: null, commentary: null, crossCutting: null } },
              }),
            ),
          );
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await sorted('armadillo')).toEqual([]);
      await s.cases.delete('c-court', SYSTEM);
      expect(await sorted('pangolin')).toEqual([]);
      const r = await s.search.search({ selection: {}, limit: 1, facets: true });
      expect(r.total).toBe(4);
      expect(r.facets.jurisdiction?.find((f) => f.value === 'PHL')).toBeUndefined();
    });

    it('bad input: typed errors with position, never anything else (property)', async () => {
      // Strict (strict=true in the API): a typed error with its position.
      await expect(
        s.search.search({ q: '"debt bondage', selection: {}, limit: 10, facets: false, strict: true }),
      ).rejects.toMatchObject({ code: 'QUERY_SYNTAX' });
      await expect(
        s.search.search({ q: 'fishing OR -boat', selection: {}, limit: 10, facets: false, strict: true }),
      ).rejects.toMatchObject({ code: 'QUERY_SYNTAX' });
      // Forgiving (the default): the correction is searched, and said.
      const fixed = await s.search.search({ q: '"debt bondage', selection: {}, limit: 10, facets: false });
      expect(fixed.corrected).toMatchObject({ from: '"debt bondage', to: '"debt bondage"' });
      // Text that is syntax in FTS5 or tsquery is only ever a word.
      for (const q of [
        "it's",
        'a\\b',
        "'debt':*",
        'debt & !bondage',
        'x <-> y',
        'NEAR(a b)',
        'a:*B',
        "'); DROP TABLE cases; --",
      ]) {
        await s.search
          .search({ q, selection: {}, limit: 10, facets: false })
          .catch((e) => expect(e).toBeInstanceOf(AppError));
      }
      expect(await s.store.cases.count()).toBeGreaterThan(0);
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 40 }), async (q) => {
          try {
            await s.search.search({ q, selection: {}, limit: 5, facets: true });
          } catch (e) {
            expect(e).toBeInstanceOf(AppError);
            expect((e as AppError).code).not.toBe('INTERNAL');
          }
        }),
        { numRuns: 150 },
      );
    });
  });
}

/**
 * The one search across kinds: a second source (test/fixtures/test-kind-source.ts, kind 'note')
 * beside the cases, on the same engine. Engines pass a factory that adds the given sources.
 */
export function runKindsContract(
  name: string,
  makeServices: (sources: readonly SearchSource[]) => Promise<{ services: Services; close(): Promise<void> }>,
): void {
  describe(`search across kinds: ${name}`, () => {
    let s: Services;
    let close: () => Promise<void>;
    const notes = noteSource();
    const note = (o: Partial<Note> & { id: string; text: string }): Note => ({
      title: `Note ${o.id}`,
      jurisdiction: 'THA',
      topic: 'labour',
      date: '2020-01-01',
      status: 'published',
      ...o,
    });
    const put = async (...list: Note[]) => {
      const changes = list.map((n) => ({ id: n.id, before: notes.notes.get(n.id), after: n }));
      for (const n of list) notes.notes.set(n.id, n);
      await s.engine.apply('note', changes);
    };
    const both = (q: string, extra: Partial<Parameters<Services['search']['searchKinds']>[0]> = {}) =>
      s.search.searchKinds({ q, kinds: ['case', 'note'], selection: {}, limit: 50, facets: true, ...extra });
    const counts = (facet: { value: string; count: number }[] | undefined) =>
      Object.fromEntries((facet ?? []).map((f) => [f.value, f.count]));

    beforeAll(async () => {
      ({ services: s, close } = await makeServices([notes]));
      for (const c of CONTRACT_CASES) await s.cases.create(c, SYSTEM);
      await put(
        note({
          id: 'n-trawler',
          title: 'Trawler crews',
          text: 'Debt bondage aboard a fishing trawler; trawler crews.',
        }),
        note({ id: 'n-cocoa', jurisdiction: 'GHA', topic: 'children', text: 'Children on cocoa plantations.' }),
        note({ id: 'n-draft', status: 'draft', text: 'A secret zebrafish trawler memo about bondage.' }),
        note({ id: 'n-restricted', restricted: true, text: 'An okapi memo the public may not read.' }),
      );
    });
    afterAll(async () => close());

    it('a query matching both kinds returns both, ranked together by score', async () => {
      const r = await both('trawler');
      expect(r.hits.map((h) => `${h.kind}:${h.id}`).sort()).toEqual(['case:c-fish', 'note:n-trawler']);
      expect(r.total).toBe(2);
      const scores = r.hits.map((h) => h.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      // The note says "trawler" three times in its title and text; the case once, in its facts.
      expect(r.hits[0]!.id).toBe('n-trawler');
      const kase = r.hits.find((h) => h.kind === 'case')!;
      expect(kase).toMatchObject({ id: 'c-fish', title: 'Prosecutor v. Somchai', jurisdiction: 'THA' });
    });

    it('the kind facet counts each kind, disjunctively, and a kind selection narrows the hits', async () => {
      const r = await both('bondage');
      expect(counts(r.facets.kind)).toEqual({ case: 2, note: 1 });
      expect(counts(r.facets.topic)).toEqual({ labour: 1 });
      const onlyNotes = await s.search.searchKinds({
        q: 'bondage',
        kinds: ['note'],
        selection: {},
        limit: 50,
        facets: true,
      });
      expect(onlyNotes.hits.map((h) => h.id)).toEqual(['n-trawler']);
      expect(onlyNotes.total).toBe(1);
      expect(counts(onlyNotes.facets.kind)).toEqual({ case: 2, note: 1 });
      // Facets shared by name count across kinds; other filters apply to every kind.
      const tha = await both('', { selection: { jurisdiction: ['THA'] } });
      // (n-restricted is THA too: the index counts it, its source shows it to nobody.)
      expect(tha.hits.map((h) => h.id).sort()).toEqual(['c-fish', 'n-trawler']);
      expect(counts(tha.facets.kind)).toEqual({ case: 1, note: 2 });
      await expect(
        s.search.searchKinds({ q: '', kinds: ['nope'], selection: {}, limit: 5, facets: false }),
      ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    });

    it('hydration rights: an unpublished note never appears, not in hits, counts or suggestions', async () => {
      for (const q of ['zebrafish', 'zebrafish secret', '"zebrafish trawler"']) {
        const r = await both(q);
        expect(r.total, q).toBe(0);
        expect(r.hits, q).toEqual([]);
        expect(counts(r.facets.kind), q).toEqual({});
      }
      expect((await both('zebrafsh')).didYouMean).toBeNull();
      // Indexed but refused by the source's rights: counted by the index, never shown.
      const refused = await both('okapi');
      expect(refused.hits).toEqual([]);
      // Published, then unpublished again: in, then out at once, counts included.
      await put(note({ id: 'n-draft', text: 'A secret zebrafish trawler memo about bondage.' }));
      expect((await both('zebrafish')).hits.map((h) => h.id)).toEqual(['n-draft']);
      await put(note({ id: 'n-draft', status: 'draft', text: 'A secret zebrafish trawler memo about bondage.' }));
      const gone = await both('zebrafish');
      expect([gone.total, gone.hits.length, counts(gone.facets.kind)]).toEqual([0, 0, {}]);
    });

    it('no leaks: the case search, statistics and similar cases see cases only', async () => {
      const r = await s.search.search({ q: 'trawler', selection: {}, limit: 50, facets: true });
      expect(r.hits.map((h) => h.id)).toEqual(['c-fish']);
      expect(r.total).toBe(1);
      expect(Object.keys(r.facets).every((f) => (FACET_FIELDS as readonly string[]).includes(f))).toBe(true);
      const browse = await s.search.search({ q: '', selection: {}, limit: 50, facets: true });
      expect(browse.hits.every((h) => h.id.startsWith('c-'))).toBe(true);
      expect(counts(browse.facets.jurisdiction).GHA).toBeUndefined();
      expect((await s.engine.aggregate({ query: parseQuery('trawler'), selection: {} })).total).toBe(1);
      expect((await s.search.similar('c-fish', 20)).every((h) => h.id.startsWith('c-'))).toBe(true);
    });

    it('a rebuild reads every source again', async () => {
      await s.search.reindex();
      const r = await both('trawler');
      expect(r.hits.map((h) => h.id).sort()).toEqual(['c-fish', 'n-trawler']);
      expect((await both('zebrafish')).total).toBe(0);
    });
  });
}
