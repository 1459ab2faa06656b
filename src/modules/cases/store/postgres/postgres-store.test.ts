import { describe, it, expect } from 'vitest';
import { runCaseStoreContract } from '../case-store.contract.ts';
import { createPostgresStore } from './postgres-store.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../../../../../test/helpers/pg.ts';
import { parseLsn } from '../../../../kernel/db/postgres/replica-router.ts';

// Needs a PostgreSQL server: without one (a developer machine without postgresql-15) the suite is
// reported as skipped under a name that says why; CI always provides one, so there it always runs.
describe.skipIf(!pgTestUrl())(`PostgreSQL store${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  runCaseStoreContract('postgres', async () => {
    const store = createPostgresStore({ url: await freshPgDatabase() });
    await store.migrate();
    return store;
  });

  it("sets work_mem on each session when asked, and leaves the server's otherwise", async () => {
    const url = await freshPgDatabase();
    const show = async (workMem?: string) => {
      const store = createPostgresStore({ url, workMem, poolSize: 2 });
      const clients = await Promise.all([store.pool.connect(), store.pool.connect()]);
      const values = await Promise.all(clients.map(async (c) => (await c.query('SHOW work_mem')).rows[0].work_mem));
      for (const c of clients) c.release();
      await store.close();
      return values;
    };
    expect(await show('24MB')).toEqual(['24MB', '24MB']);
    const server = await show();
    expect(server[0]).not.toBe('24MB');
    expect(await show('')).toEqual(server);
  });
});

describe('replica router', () => {
  it('orders WAL positions', () => {
    expect(parseLsn('0/16B3748') < parseLsn('0/16B3750')).toBe(true);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });
});
