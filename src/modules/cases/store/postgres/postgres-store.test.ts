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
});

describe('replica router', () => {
  it('orders WAL positions', () => {
    expect(parseLsn('0/16B3748') < parseLsn('0/16B3750')).toBe(true);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });
});
