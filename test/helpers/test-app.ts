/**
 * A real app for in-process tests (app.inject): on a real SQLite file in a temp folder, or, with
 * PALERMO_TEST_BACKEND=postgres, on a fresh database of the test PostgreSQL server.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { boot } from '../../src/main.ts';
import { createApp } from '../../src/http/app.ts';
import type { Services } from '../../src/services/services.ts';
import { freshPgDatabase, testBackend } from './pg.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';
export const AUTH = { authorization: `Bearer ${ADMIN_TOKEN}` };

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  config: Readonly<Config>;
  close(): Promise<void>;
}

export function tempDir(prefix = 'palermo-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function tempDbPath(): string {
  return join(tempDir(), 'palermo.db');
}

/** Environment of a test app's database: a fresh SQLite file, or a fresh PostgreSQL database. */
export async function testDatabaseEnv(backend = testBackend()): Promise<Record<string, string>> {
  return backend === 'postgres' ? { DATABASE_URL: await freshPgDatabase() } : { PALERMO_DB_PATH: tempDbPath() };
}

export async function makeTestApp(overrides: Partial<Config> = {}, backend = testBackend()): Promise<TestApp> {
  const config = loadConfig(
    { ...(await testDatabaseEnv(backend)), PALERMO_ADMIN_TOKEN: ADMIN_TOKEN, PALERMO_LOG_LEVEL: 'silent' },
    overrides,
    null,
  );
  const services = await boot(config);
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
