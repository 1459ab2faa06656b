import { describe, it, expect } from 'vitest';
import { runCaseStoreContract } from '../case-store.contract.ts';
import { createPostgresStore } from './postgres-store.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../../../test/helpers/pg.ts';
import { parseLsn } from './replica-router.ts';

if (pgTestUrl()) {
  runCaseStoreContract('postgres', async () => {
    const store = createPostgresStore({ url: await freshPgDatabase() });
    await store.migrate();
    return store;
  });
} else {
  describe.skip(`CaseStore contract: postgres (${PG_MISSING})`, () => {
    it('runs when a server is available', () => {});
  });
}

describe('replica router', () => {
  it('orders WAL positions', () => {
    expect(parseLsn('0/16B3748') < parseLsn('0/16B3750')).toBe(true);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });
});
