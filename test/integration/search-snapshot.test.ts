import { describe, it, expect } from 'vitest';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices } from '../../src/app/boot.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import type { SqliteSearch } from '../../src/kernel/search/sqlite/sqlite-search.ts';
import { caseInput } from '../factories/case-factory.ts';
import { tempDbPath } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';

describe('search state snapshot', () => {
  it('a clean shutdown saves a snapshot the next start loads; a start after a crash rebuilds it', async () => {
    const config = loadConfig({ PALERMO_DB_PATH: tempDbPath(), PALERMO_LOG_LEVEL: 'silent' }, {}, null);
    let s = await boot(config);
    await seedDemo(s);
    const query = { q: 'forced labour', selection: {}, limit: 50, facets: true } as const;
    const before = await s.search.search(query);
    const statsBefore = await s.stats.all({ q: 'forced labour', selection: {} });
    expect(statsBefore.find((t) => t.name === 'victim-nationality')!.rows.length).toBeGreaterThan(3);
    await closeServices(s);

    s = await boot(config);
    expect((s.engine as SqliteSearch).index.lastLoad).toBe('snapshot');
    expect(await s.search.search(query)).toEqual(before);
    expect(await s.stats.all({ q: 'forced labour', selection: {} })).toEqual(statsBefore);
    const restarted = await s.stats.all({ q: 'forced labour', selection: {} });
    await s.cases.create(
      caseInput({ id: 'after-snapshot', narratives: { en: { facts: 'Forced labour on a farm.' } } }),
      SYSTEM,
    );
    await s.store.close(); // a crash: no snapshot saved

    s = await boot(config);
    expect((s.engine as SqliteSearch).index.lastLoad).toBe('tables');
    const after = await s.search.search(query);
    expect(after.total).toBe(before.total + 1);
    expect(after.hits.map((h) => h.id)).toContain('after-snapshot');
    // Statistics columns reloaded from the tables: the new case (Philippines, a female victim) counts.
    const statsAfter = await s.stats.all({ q: 'forced labour', selection: {} });
    const phl = (tables: typeof restarted) =>
      tables.find((t) => t.name === 'victim-nationality')!.rows.find((r) => r.value === 'PHL');
    expect(statsAfter[0]!.cases).toBe(restarted[0]!.cases + 1);
    expect(phl(statsAfter)).not.toEqual(phl(restarted));
    await closeServices(s);
  });
});
