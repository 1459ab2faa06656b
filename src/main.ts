/** Wiring: config -> store -> services -> http / cli. */
import { loadConfig, type Config } from './config/config.ts';
import { AppError } from './domain/errors.ts';
import { createSqliteStore } from './store/sqlite/sqlite-store.ts';
import type { CaseStore } from './store/case-store.ts';
import { createServices, type Services } from './services/services.ts';
import { buildCli } from './cli/cli.ts';

export function openStore(config: Pick<Config, 'dbPath' | 'databaseUrl'>): CaseStore {
  if (config.databaseUrl) {
    throw new AppError('VALIDATION_FAILED', 'DATABASE_URL is set, but the PostgreSQL backend is not available in this version; unset it to use SQLite (PALERMO_DB_PATH)', { field: 'DATABASE_URL' });
  }
  return createSqliteStore({ path: config.dbPath });
}

/** Opens and migrates the configured store and builds the services on it. */
export async function boot(config: Readonly<Config>): Promise<Services> {
  const store = openStore(config);
  await store.migrate();
  return createServices(store);
}

export async function runCli(argv: string[]): Promise<number> {
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`palermo: ${(e as Error).message}\n`);
    return e instanceof AppError ? e.exitCode : 1;
  }
  return buildCli(config).run(argv);
}
