/** A bulk transaction leaves in-memory search state stale; it is reloaded on first use, not at once. */
import { describe, it, expect } from 'vitest';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.ts';
import { SqliteSearch } from '../../../../kernel/search/sqlite/sqlite-search.ts';
import { sqliteCaseSource } from '../case-source.ts';
import { CaseService } from '../../services/case-service.ts';
import { SYSTEM } from '../../../platform/index.ts';
import { parseQuery } from '../query-parser.ts';
import { caseInput } from '../../../../../test/factories/case-factory.ts';
import { CaseInputSchema } from '../../domain/case-schema.ts';

describe('SqliteIndex after a bulk transaction', () => {
  it('answers from the tables once used, and drops the snapshot rather than load state only to save it', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    const source = sqliteCaseSource(store, store.sqlite);
    const engine = new SqliteSearch(store.sqlite, store, [source], 16, { pending: 5 }); // bulk: > 5
    store.addWriteHook(engine.writeHookFor('case'));
    await engine.open();
    const cases = new CaseService(store);
    await cases.create(caseInput({ id: 'single', jurisdiction: 'FRA' }), SYSTEM);
    engine.index.saveSnapshot();
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM search_snapshot').get()).toEqual({ n: 1 });

    await store.transaction(async (tx) => {
      for (let i = 0; i < 12; i++)
        await cases.upsertInTx(
          tx,
          CaseInputSchema.parse(caseInput({ id: `bulk-${i}`, jurisdiction: i % 2 ? 'PHL' : 'THA' })),
        );
    });
    engine.index.saveSnapshot(); // stale: not loaded to be saved
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM search_snapshot').get()).toEqual({ n: 0 });

    const r = await engine.search({ query: parseQuery(''), selection: {}, sort: 'date_desc', limit: 50, facets: true });
    expect(r.total).toBe(13);
    expect(r.facets.jurisdiction).toEqual(
      expect.arrayContaining([
        { value: 'PHL', count: 6 },
        { value: 'THA', count: 6 },
        { value: 'FRA', count: 1 },
      ]),
    );
    engine.index.saveSnapshot(); // loaded now: saved again
    expect(store.sqlite.prepare('SELECT count(*) AS n FROM search_snapshot').get()).toEqual({ n: 1 });
    await store.close();
  });
});

describe('SqliteIndex with more term changes in one transaction than it holds', () => {
  const open = async (terms?: number) => {
    const store = createSqliteStore({ path: ':memory:' });
    await store.migrate();
    const engine = new SqliteSearch(store.sqlite, store, [sqliteCaseSource(store, store.sqlite)], 16, { terms });
    store.addWriteHook(engine.writeHookFor('case'));
    await engine.open();
    return { store, engine, cases: new CaseService(store) };
  };
  const facts = (i: number) => `The accused recruited worker${i} and worker${i + 1} for the farm number ${i}.`;
  const narratives = (i: number) => ({
    en: { facts: facts(i), reasoning: null, commentary: null, crossCutting: null },
  });
  // The same inputs for both engines (the factory numbers its dockets).
  const inputs = Array.from({ length: 12 }, (_, i) =>
    CaseInputSchema.parse(caseInput({ id: `t-${i}`, narratives: narratives(i) })),
  );
  const edit = CaseInputSchema.parse({ ...inputs[5], narratives: narratives(50) });
  const bulk = async ({ store, cases }: Awaited<ReturnType<typeof open>>, fail = false) =>
    store.transaction(async (tx) => {
      for (const input of inputs) await cases.upsertInTx(tx, input);
      for (let i = 0; i < 4; i++) await tx.cases.delete(`t-${i}`);
      await cases.upsertInTx(tx, edit);
      if (fail) throw new Error('rolled back');
    });
  const terms = (store: ReturnType<typeof createSqliteStore>) =>
    store.sqlite.prepare('SELECT term, df, word FROM search_terms ORDER BY term').all();

  it('writes them as it goes: the same terms, frequencies and answers as holding them all', async () => {
    const held = await open();
    const written = await open(3); // every few documents
    await bulk(held);
    await bulk(written);
    const expected = terms(held.store);
    expect(expected.length).toBeGreaterThan(20);
    expect(terms(written.store)).toEqual(expected);
    expect(expected).not.toContainEqual(expect.objectContaining({ term: 'worker1' })); // pruned: its cases went
    for (const w of ['worker6', 'worker50', 'worker2', 'recruited'])
      expect(written.engine.index.vocabulary.docFreq(w)).toBe(held.engine.index.vocabulary.docFreq(w));
    const q = { query: parseQuery('worker7'), selection: {}, sort: 'relevance' as const, limit: 10, facets: true };
    const answer = async (e: SqliteSearch) => {
      const r = await e.search(q);
      return { total: r.total, facets: r.facets, hits: r.hits.map((h) => [h.id, h.score]) };
    };
    expect(await answer(written.engine)).toEqual(await answer(held.engine));
    const before = terms(written.store);
    await expect(bulk(written, true)).rejects.toThrow('rolled back');
    expect(terms(written.store)).toEqual(before); // a failed transaction leaves no written term change
    await held.store.close();
    await written.store.close();
  });
});
