/** A real app on a real SQLite file in a temp folder, for in-process tests (app.inject). */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/config.ts';
import { boot } from '../../src/main.ts';
import { createApp } from '../../src/http/app.ts';
import type { Services } from '../../src/services/services.ts';

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

export async function makeTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const config = loadConfig(
    { PALERMO_DB_PATH: tempDbPath(), PALERMO_ADMIN_TOKEN: ADMIN_TOKEN, PALERMO_LOG_LEVEL: 'silent' },
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
