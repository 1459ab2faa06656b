import { describe, it, expect } from 'vitest';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices } from '../../src/app/boot.ts';
import { seedDemo } from '../../src/modules/cases/services/demo-seed.ts';
import type { SqliteSearch } from '../../src/kernel/search/sqlite/sqlite-search.ts';
import { caseInput } from '../factories/case-factory.ts';
import { tempDbPath } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/domain/accounts.ts';
import { createApp } from '../../src/app/http-app.ts';
import type { SqliteStore } from '../../src/modules/cases/index.ts';

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

  it('a start without a current snapshot serves at once, loads in the background and keeps the writes', async () => {
    const config = loadConfig({ PALERMO_DB_PATH: tempDbPath(), PALERMO_LOG_LEVEL: 'silent' }, {}, null);
    let s = await boot(config);
    await seedDemo(s);
    const query = { q: 'forced labour', selection: {}, limit: 50, facets: true } as const;
    const before = await s.search.search(query);
    const anyCase = before.hits[0]!.id;
    await s.store.close(); // a crash after writes: the snapshot is of an earlier generation

    // Every page of the load (3 documents) waits at the gate until the test opens it.
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    s = await boot(config, { backgroundLoad: { pace: () => gate, pageSize: 3 } });
    const app = await createApp({ config, services: s });
    try {
      expect(s.engine.ready()).toBe(false);
      const res = await app.inject('/api/v1/search?q=forced+labour');
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBe('10');
      expect(res.json().error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'SEARCH_INDEX_LOADING' } });
      expect((await app.inject('/api/v1/stats/years?q=forced+labour')).statusCode).toBe(503);
      // A reader's page says so in the reader's language, as a page.
      const page = await app.inject({ url: '/fr/search?q=travail', headers: { accept: 'text/html' } });
      expect(page.statusCode).toBe(503);
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('L’index de recherche est encore en cours de chargement');
      expect(page.body).not.toContain('/editor');
      expect((await app.inject('/healthz')).json()).toMatchObject({ status: 'ok', search: 'loading' });
      // A case page needs no search: it answers, without similar cases for the time of the load.
      expect((await app.inject(`/cases/${anyCase}`)).statusCode).toBe(200);
      // A write while the load runs reaches the state when it ends.
      await s.cases.create(
        caseInput({ id: 'during-load', narratives: { en: { facts: 'Forced labour on a farm.' } } }),
        SYSTEM,
      );
      openGate();
      await (s.engine as SqliteSearch).loaded();
      expect(s.engine.ready()).toBe(true);
      expect((await app.inject('/healthz')).json()).toMatchObject({ search: 'ready' });
      const after = await s.search.search(query);
      expect(after.total).toBe(before.total + 1);
      expect(after.hits.map((h) => h.id)).toContain('during-load');
      const res2 = await app.inject('/api/v1/search?q=forced+labour');
      expect(res2.statusCode).toBe(200);
      expect(res2.json().total).toBe(after.total);
    } finally {
      await app.close();
      await closeServices(s);
    }

    // The load saved a snapshot: the next start reads it and answers as a load from the tables does.
    s = await boot(config);
    expect((s.engine as SqliteSearch).index.lastLoad).toBe('snapshot');
    const fromSnapshot = await s.search.search(query);
    (s.store as SqliteStore).sqlite.prepare('DELETE FROM search_snapshot').run();
    await s.store.close();
    s = await boot(config);
    expect((s.engine as SqliteSearch).index.lastLoad).toBe('tables');
    expect(await s.search.search(query)).toEqual(fromSnapshot);
    expect(fromSnapshot.total).toBe(before.total + 1);
    await closeServices(s);
  });

  it('a shutdown during the background load stops it without saving a half-loaded state', async () => {
    const config = loadConfig({ PALERMO_DB_PATH: tempDbPath(), PALERMO_LOG_LEVEL: 'silent' }, {}, null);
    let s = await boot(config);
    await seedDemo(s);
    const total = (await s.search.search({ q: '', selection: {}, limit: 1, facets: false })).total;
    await s.store.close();
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    s = await boot(config, { backgroundLoad: { pace: () => gate, pageSize: 3 } });
    // The gate stays shut: closing must not wait for it.
    await closeServices(s);
    openGate();
    s = await boot(config);
    expect((s.engine as SqliteSearch).index.lastLoad).toBe('tables');
    expect((await s.search.search({ q: '', selection: {}, limit: 1, facets: false })).total).toBe(total);
    await closeServices(s);
  });
});
