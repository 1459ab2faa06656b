/**
 * The database as the registers' modules see it: the one opened connection (SQLite file or the
 * PostgreSQL primary) under Kysely, typed by each module with its own tables, and write transactions
 * that keep the one search index in step. A module writes its rows and reports each change of a
 * searchable record with `tx.indexed(kind, change)`; the index rows commit or roll back with them.
 *
 * On PostgreSQL the write transactions of one process run one at a time (the index writers gather
 * per-transaction state, and the cases store already serialises its own writes on the same lock).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Dialect } from './migrations.ts';
import type { IndexWriteHook, SourceChange } from '../search/search-source.ts';

export interface WriteTx<DB> {
  readonly trx: Transaction<DB>;
  /** Keeps the search index in step with a change of a record of `kind` (a module's search source). */
  indexed<R>(kind: string, change: SourceChange<R>): Promise<void>;
}

export interface ModuleDatabase {
  readonly dialect: Dialect;
  /** The connection, typed with the calling module's tables (reads, and writes that index nothing). */
  kysely<DB>(): Kysely<DB>;
  /** Runs fn in one transaction: its rows and their index entries commit together or not at all. */
  transaction<DB, T>(fn: (tx: WriteTx<DB>) => Promise<T>): Promise<T>;
}

export interface SqlDatabaseOptions {
  /** Runs a write transaction under the process's write lock (PostgreSQL); by default directly. */
  serialize?: <T>(fn: () => Promise<T>) => Promise<T>;
  /** After a committed write (PostgreSQL: read-your-writes on the replicas). */
  afterWrite?: () => Promise<void>;
}

export class SqlDatabase implements ModuleDatabase {
  private hookOf: ((kind: string) => IndexWriteHook) | undefined;
  private readonly hooks = new Map<string, IndexWriteHook>();

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module types it with its own tables
    private readonly db: Kysely<any>,
    readonly dialect: Dialect,
    private readonly opts: SqlDatabaseOptions = {},
  ) {}

  /** Connects the search index (the app does it once the engine is open). */
  useIndex(hookFor: (kind: string) => IndexWriteHook): void {
    this.hookOf = hookFor;
    this.hooks.clear();
  }

  kysely<DB>(): Kysely<DB> {
    return this.db as Kysely<DB>;
  }

  private hook(kind: string): IndexWriteHook {
    if (!this.hookOf) throw new Error(`no search index is connected to index '${kind}' records`);
    let h = this.hooks.get(kind);
    if (!h) this.hooks.set(kind, (h = this.hookOf(kind)));
    return h;
  }

  async transaction<DB, T>(fn: (tx: WriteTx<DB>) => Promise<T>): Promise<T> {
    const serialize = this.opts.serialize ?? ((f) => f());
    const result = await serialize(() => this.run(fn));
    await this.opts.afterWrite?.();
    return result;
  }

  private async run<DB, T>(fn: (tx: WriteTx<DB>) => Promise<T>): Promise<T> {
    const touched = new Map<IndexWriteHook, string[]>();
    let result: T;
    try {
      result = await this.kysely<DB>()
        .transaction()
        .execute(async (trx) => {
          const r = await fn({
            trx,
            indexed: async (kind, change) => {
              const h = this.hook(kind);
              const ids = touched.get(h) ?? [];
              touched.set(h, [...ids, change.id]);
              await h.onWrite(trx, change);
            },
          });
          for (const h of touched.keys()) await h.beforeCommit?.(trx);
          return r;
        });
    } catch (e) {
      for (const h of touched.keys()) h.afterRollback?.();
      throw e;
    }
    for (const [h, ids] of touched) h.afterCommit?.(ids);
    return result;
  }
}
