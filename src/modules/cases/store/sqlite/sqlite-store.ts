/** The embedded SQLite adapter: one file (WAL mode), better-sqlite3 under Kysely. */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect, type Transaction } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from '../schema.ts';
import { SqlCaseStore, type ChangedIds, type SqlBatchLog, type SqlCaseWriter } from '../sql-case-store.ts';
import type { WriteHook } from '../case-store.ts';
import {
  prepareStatements,
  SqliteBatchLog,
  SqliteEditorialRepo,
  SqliteCaseReader,
  SqliteCaseWriter,
  type SqliteStatements,
} from './sqlite-case-writer.ts';

export interface SqliteStoreOptions {
  /** File path, or ':memory:' for a throwaway database. */
  path: string;
  readonly?: boolean;
}

export function openSqliteDatabase(path: string, readonly = false): BetterSqlite3.Database {
  if (path !== ':memory:' && !readonly) mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

export class SqliteStore extends SqlCaseStore {
  private statements: SqliteStatements | undefined;

  constructor(readonly sqlite: BetterSqlite3.Database) {
    super(new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), 'sqlite');
    this.cases = new SqliteCaseReader(this.db, () => this.prepared());
  }

  /** Statements are prepared on first use, after migration (the tables must exist), once. */
  private prepared(): SqliteStatements {
    this.statements ??= prepareStatements(this.sqlite);
    return this.statements;
  }

  protected override writer(trx: Transaction<Database>, hooks: WriteHook[], changes: ChangedIds): SqlCaseWriter {
    return new SqliteCaseWriter(trx, hooks, changes, this.prepared());
  }

  protected override batchLog(trx: Transaction<Database>): SqlBatchLog {
    return new SqliteBatchLog(trx, this.prepared());
  }

  protected override editorialRepo(trx: Transaction<Database>): SqliteEditorialRepo {
    return new SqliteEditorialRepo(trx, this.prepared());
  }
}

export function createSqliteStore(opts: SqliteStoreOptions): SqliteStore {
  return new SqliteStore(openSqliteDatabase(opts.path, opts.readonly));
}
