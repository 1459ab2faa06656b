/**
 * A real app for in-process tests (app.inject): on a real SQLite file in a temp folder, or, with
 * PALERMO_TEST_BACKEND=postgres, on a fresh database of the test PostgreSQL server.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/kernel/config/config.ts';
import { boot } from '../../src/app/boot.ts';
import { createApp } from '../../src/app/http-app.ts';
import type { Services } from '../../src/app/boot.ts';
import { freshPgDatabase, testBackend } from './pg.ts';
import { tempDir } from './temp-dirs.ts';

/**
 * Every test app holds one API token with this secret and the scopes read, write and import (a
 * partner system's editorial rights; no user or token management). Its hash is put in the store
 * directly, as a fixture: real tokens are random and come from AccountService.createToken.
 */
export const ADMIN_TOKEN = 'plm_test-editor-token-0123456789';
export const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  config: Readonly<Config>;
  close(): Promise<void>;
}

export { tempDir };

export function tempDbPath(): string {
  return join(tempDir(), 'palermo.db');
}

/** Environment of a test app's database: a fresh SQLite file, or a fresh PostgreSQL database. */
export async function testDatabaseEnv(backend = testBackend()): Promise<Record<string, string>> {
  return backend === 'postgres' ? { DATABASE_URL: await freshPgDatabase() } : { PALERMO_DB_PATH: tempDbPath() };
}

/** Puts the ADMIN_TOKEN fixture (scopes read, write, import) into a test database. */
export async function installTestToken(services: Services): Promise<void> {
  await services.store.accounts.insertToken({
    id: 'test-editor-token',
    label: 'tests',
    userId: null,
    scopes: ['import', 'read', 'write'],
    hash: createHash('sha256').update(ADMIN_TOKEN).digest('hex'),
    prefix: ADMIN_TOKEN.slice(0, 10),
    createdBy: 'test fixture',
    createdAt: new Date().toISOString(),
    expiresAt: null,
    lastUsedAt: null,
    revokedAt: null,
  });
}

export async function makeTestApp(overrides: Partial<Config> = {}, backend = testBackend()): Promise<TestApp> {
  const config = loadConfig({ ...(await testDatabaseEnv(backend)), PALERMO_LOG_LEVEL: 'silent' }, overrides, null);
  const services = await boot(config);
  await installTestToken(services);
  const app = await createApp({ config, services, logger: false });
  return {
    app,
    services,
    config,
    async close() {
      await app.close();
      await services.store.close();
    },
  };
}
