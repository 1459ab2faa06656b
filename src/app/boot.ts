/** Wiring: config -> store -> services -> http / cli. */
import { loadConfig, type Config } from '../kernel/config/config.ts';
import { AppError } from '../kernel/errors.ts';
import { createSqliteStore, SqliteStore } from '../modules/cases/store/sqlite/sqlite-store.ts';
import { createPostgresStore, type PostgresStore } from '../modules/cases/store/postgres/postgres-store.ts';
import { SqliteSearch } from '../modules/cases/search/sqlite/sqlite-search.ts';
import { PostgresSearch } from '../modules/cases/search/postgres/postgres-search.ts';
import type { SearchEngine } from '../modules/cases/search/search-engine.ts';
import { createServices, type Services } from '../modules/cases/services/services.ts';
import { buildCli } from './cli.ts';
import { DiskDocumentFiles } from '../kernel/files/disk-document-files.ts';

/** PostgreSQL when DATABASE_URL is set (with DATABASE_READ_URLS as read replicas), else the SQLite file. */
export function openStore(config: Pick<Config, 'dbPath' | 'databaseUrl' | 'databaseReadUrls'>): SqliteStore | PostgresStore {
  if (config.databaseUrl) return createPostgresStore({ url: config.databaseUrl, readUrls: config.databaseReadUrls });
  return createSqliteStore({ path: config.dbPath });
}

/** The SQLite store, or a clear error for commands that only exist for SQLite. */
export function openSqliteStore(config: Pick<Config, 'dbPath' | 'databaseUrl' | 'databaseReadUrls'>, what: string): SqliteStore {
  const store = openStore(config);
  if (store instanceof SqliteStore) return store;
  void store.close();
  throw new AppError('BAD_REQUEST', `${what} works on the SQLite file only; on PostgreSQL use pg_dump / pg_restore (see docs/deploying.md)`, { field: 'DATABASE_URL' });
}

/**
 * Opens and migrates the configured store, opens the search engine on it (its index is written in
 * the store's transactions through a write hook) and builds the services.
 */
export async function boot(config: Readonly<Config>): Promise<Services> {
  const store = openStore(config);
  await store.migrate();
  const engine: SearchEngine = store instanceof SqliteStore ? new SqliteSearch(store.sqlite, store, config.searchCache) : new PostgresSearch(store, config.searchCache);
  store.addWriteHook(engine.writeHook);
  await engine.open();
  return createServices(store, engine, { files: new DiskDocumentFiles(config.documentsDir), documentMaxBytes: config.documentMaxBytes, statsMinCell: config.statsMinCell,
    accounts: { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes, sessionHours: config.sessionHours },
  });
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
