import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { runCaseStoreContract } from '../case-store.contract.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { tempDir } from '../../../../../test/helpers/temp-dirs.ts';

runCaseStoreContract('sqlite (file)', async () => {
  const store = createSqliteStore({ path: join(tempDir('palermo-store-'), 'p.db') });
  await store.migrate();
  return store;
});

describe('sqlite adapter', () => {
  it('uses WAL mode on a file database', async () => {
    const store = createSqliteStore({ path: join(tempDir('palermo-wal-'), 'p.db') });
    expect(store.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    await store.close();
  });
});
