/** Wiring: config -> store -> services -> http / cli. */
import { loadConfig, type Config } from './config/config.ts';
import { AppError } from './domain/errors.ts';
import { createSqliteStore, type SqliteStore } from './store/sqlite/sqlite-store.ts';
import { SqliteSearch } from './search/sqlite/sqlite-search.ts';
import { createServices, type Services } from './services/services.ts';
import { buildCli } from './cli/cli.ts';
import { DiskDocumentFiles } from './store/disk-document-files.ts';

export function openStore(config: Pick<Config, 'dbPath' | 'databaseUrl'>): SqliteStore {
  if (config.databaseUrl) {
    throw new AppError('VALIDATION_FAILED', 'DATABASE_URL is set, but the PostgreSQL backend is not available in this version; unset it to use SQLite (PALERMO_DB_PATH)', { field: 'DATABASE_URL' });
  }
  return createSqliteStore({ path: config.dbPath });
}

/**
 * Opens and migrates the configured store, opens the search engine on it (its index is written in
 * the store's transactions through a write hook) and builds the services.
 */
export async function boot(config: Readonly<Config>): Promise<Services> {
  const store = openStore(config);
  await store.migrate();
  const engine = new SqliteSearch(store.sqlite, store, config.searchCache);
  store.addWriteHook(engine.writeHook);
  await engine.open();
  return createServices(store, engine, { files: new DiskDocumentFiles(config.documentsDir), documentMaxBytes: config.documentMaxBytes, statsMinCell: config.statsMinCell });
}

/** Closes the services: the engine saves its snapshot (fast next start), then the store closes. */
export async function closeServices(services: Services): Promise<void> {
  try {
    await services.engine.close();
  } finally {
    await services.store.close();
  }
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
