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
    const engine = new SqliteSearch(store.sqlite, store, [sqliteCaseSource(store, store.sqlite)], 16, 5); // bulk: > 5
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
