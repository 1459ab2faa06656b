/** Wiring: config -> store -> search engine -> every module's services. */
import type { Config } from '../kernel/config/config.ts';
import { AppError } from '../kernel/errors.ts';
import { SqliteSearch } from '../kernel/search/sqlite/sqlite-search.ts';
import { PostgresSearch } from '../kernel/search/postgres/postgres-search.ts';
import {
  createPostgresStore,
  createSqliteStore,
  SqliteStore,
  type PostgresStore,
  type SearchEngine,
  type Services as CaseAndPlatformServices,
} from '../modules/cases/index.ts';
import { allMigrations, MODULES } from './modules.ts';
import type { AssistanceServices } from '../modules/assistance/index.ts';
import type { GrantsServices } from '../modules/grants/index.ts';
import type { TreatyServices } from '../modules/treaties/index.ts';
import type { LegislationServices } from '../modules/legislation/index.ts';
import type { SearchSource } from '../kernel/search/search-source.ts';
import { SqlDatabase } from '../kernel/db/sql-database.ts';
import type { LibraryServices } from '../modules/library/index.ts';

/** Every module's services (a register adds its own here when it joins the registry), and the database. */
export type Services = CaseAndPlatformServices & { database: SqlDatabase } & TreatyServices &
  LegislationServices &
  AssistanceServices &
  GrantsServices & { library: LibraryServices };

/** The settings that choose and open the database (PALERMO_PG_WORK_MEM: the server's own when absent). */
export type StoreConfig = Pick<Config, 'dbPath' | 'databaseUrl' | 'databaseReadUrls'> &
  Partial<Pick<Config, 'pgWorkMem'>>;

/** PostgreSQL when DATABASE_URL is set (with DATABASE_READ_URLS as read replicas), else the SQLite file. */
export function openStore(config: StoreConfig): SqliteStore | PostgresStore {
  if (config.databaseUrl)
    return createPostgresStore({
      url: config.databaseUrl,
      readUrls: config.databaseReadUrls,
      workMem: config.pgWorkMem,
    });
  return createSqliteStore({ path: config.dbPath });
}

/** The SQLite store, or a clear error for commands that only exist for SQLite. */
export function openSqliteStore(config: StoreConfig, what: string): SqliteStore {
  const store = openStore(config);
  if (store instanceof SqliteStore) return store;
  void store.close();
  throw new AppError(
    'BAD_REQUEST',
    `${what} works on the SQLite file only; on PostgreSQL use pg_dump / pg_restore (see docs/deploying.md)`,
    { field: 'DATABASE_URL' },
  );
}

/**
 * Opens the configured store and applies every module's migrations, opens the search engine on it
 * (its index is written in the store's transactions through a write hook) and builds the services of
 * each module in registry order.
 */
export async function boot(
  config: Readonly<Config>,
  /** Sources beyond the modules' (tests add a second kind); they index through engine.apply(). */
  options: {
    extraSources?: (store: SqliteStore | PostgresStore) => readonly SearchSource[];
    /**
     * The server: a search index without a current snapshot loads while it already answers (`pace`: how the
     * load gives the event loop a turn between pages; tests hold it with a gate).
     */
    backgroundLoad?: boolean | { pace: () => Promise<unknown>; pageSize: number };
  } = {},
): Promise<Services> {
  const store = openStore(config);
  await store.migrate(allMigrations());
  const sources = [
    ...MODULES.flatMap((m) => m.searchSources?.({ store }) ?? []),
    ...(options.extraSources?.(store) ?? []),
  ];
  const engine: SearchEngine =
    store instanceof SqliteStore
      ? new SqliteSearch(store.sqlite, store, sources, config.searchCache)
      : new PostgresSearch(store, sources, config.searchCache);
  // The case store notifies its writes; the index follows them inside its transactions.
  store.addWriteHook(engine.writeHookFor('case'));
  const database = moduleDatabase(store);
  database.useIndex((kind) => engine.writeHookFor(kind));
  const bg = options.backgroundLoad;
  await engine.open({ background: !!bg, ...(typeof bg === 'object' ? bg : {}) });
  const services: Record<string, unknown> = { database };
  for (const m of MODULES) Object.assign(services, m.services?.({ config, store, database, engine, services }));
  return services as unknown as Services;
}

/** The registers' view of the opened store: its connection, and its write lock on PostgreSQL. */
function moduleDatabase(store: SqliteStore | PostgresStore): SqlDatabase {
  if (store instanceof SqliteStore) return new SqlDatabase(store.db, 'sqlite');
  return new SqlDatabase(store.db, 'postgres', {
    serialize: (fn) => store.withWriteLock(fn),
    afterWrite: () => store.router.wrote(),
  });
}

/** Seeds every module's demo content into its empty register; the lines say what was written. */
export async function seedModules(services: Services): Promise<string[]> {
  const lines: string[] = [];
  for (const m of MODULES) {
    const line = await m.seed?.(services);
    if (line) lines.push(line);
  }
  return lines;
}

/** Closes the services: the engine saves its snapshot (fast next start), then the store closes. */
export async function closeServices(services: Services): Promise<void> {
  try {
    await services.engine.close();
  } finally {
    await services.store.close();
  }
}
