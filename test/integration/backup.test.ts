import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { makeTestApp, AUTH, tempDir } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { backupDatabase, checkDatabaseFile } from '../../src/kernel/db/sqlite/backup-service.ts';
import type { SqliteStore } from '../../src/modules/cases/store/sqlite/sqlite-store.ts';

describe('online backup', () => {
  it('copies a live database while the app keeps serving and writing', async () => {
    const t = await makeTestApp({}, 'sqlite'); // SQLite's online backup; PostgreSQL uses pg_dump
    try {
      for (let i = 0; i < 20; i++)
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/cases',
          headers: AUTH,
          payload: caseInput({ id: `b${i}` }),
        });
      const file = join(tempDir(), 'live.db');
      const [result, write] = await Promise.all([
        backupDatabase((t.services.store as SqliteStore).sqlite, file),
        t.app.inject({ method: 'POST', url: '/api/v1/cases', headers: AUTH, payload: caseInput({ id: 'during' }) }),
      ]);
      expect(write.statusCode).toBe(201);
      expect([20, 21]).toContain(result.cases); // a consistent snapshot: before or after the write
      expect(checkDatabaseFile(file).cases).toBe(result.cases);
      expect((await t.app.inject({ url: '/api/v1/cases/b3' })).statusCode).toBe(200);
    } finally {
      await t.close();
    }
  });
});
