/**
 * The PostgreSQL adapter: the generic Kysely store over a `pg` pool on the primary, with optional
 * read replicas (DATABASE_READ_URLS) for public reads and search. Writes and every read inside a
 * transaction go to the primary; a process that has just written reads from the primary until the
 * replicas have replayed its commit (read-your-writes, see ReplicaRouter).
 */
import pg from 'pg';
import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import type { Database } from '../schema.ts';
import { SqlCaseReader, SqlCaseStore, type ChangedIds, type SqlCaseWriter } from '../sql-case-store.ts';
import type { CaseReader, StoreTx, WriteHook } from '../case-store.ts';
import { PostgresCaseWriter } from './postgres-case-writer.ts';
import { ReplicaRouter } from '../../../../kernel/db/postgres/replica-router.ts';

export interface PostgresStoreOptions {
  /** postgres://user@host:port/database of the primary. */
  url: string;
  /** Read replicas (streaming standbys of the primary). */
  readUrls?: readonly string[];
  /** Connections per pool. */
  poolSize?: number;
  /** work_mem set on each session ('32MB'); unset or '' leaves the server's. */
  workMem?: string;
}

/** bigint (int8) and numeric counts come back as JavaScript numbers: seq never exceeds 2^53. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20
      ? (v: string) => Number(v)
      : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export function openPool(url: string, max = 10, workMem = ''): pg.Pool {
  // work_mem as a start-up option of each session: a frequent word's matches at 1,000,000 cases overflow the default
  // 4 MB, the bitmap goes lossy and every row of those pages is tested again (ADR 0002, addendum of 2026-12-05).
  const options = workMem ? `-c work_mem=${workMem}` : undefined;
  const pool = new pg.Pool({ connectionString: url, max, types, connectionTimeoutMillis: 5000, options });
  // An idle connection dropped by the server (restart, failover) must not crash the process:
  // the next query gets a new connection, or a clear error if the server is still away.
  pool.on('error', () => {});
  return pool;
}

export function openKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

export class PostgresStore extends SqlCaseStore {
  readonly router: ReplicaRouter;

  constructor(
    readonly pool: pg.Pool,
    readonly readPools: pg.Pool[] = [],
  ) {
    super(openKysely(pool), 'postgres');
    this.router = new ReplicaRouter(pool, readPools);
    const primary = this.cases;
    const replicas = readPools.map((p) => new SqlCaseReader(openKysely(p)));
    this.cases = replicas.length ? routedReader(primary, replicas, this.router) : primary;
  }

  protected override writer(trx: Transaction<Database>, hooks: WriteHook[], changes: ChangedIds): SqlCaseWriter {
    return new PostgresCaseWriter(trx, hooks, changes);
  }

  /**
   * Write transactions of one process run one at a time: the write hooks (the search index) gather
   * per-transaction state, and index writers serialise on the generation row in any case.
   */
  override async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const result = await this.withWriteLock(() => super.transaction(fn));
    await this.router.wrote();
    return result;
  }

  private lock: Promise<unknown> = Promise.resolve();

  /** Runs fn after every earlier write of this process has finished. */
  withWriteLock<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }

  override async close(): Promise<void> {
    await super.close();
    await Promise.all(this.readPools.map((p) => p.end()));
  }
}

/** A reader that sends each read to a replica that has caught up with this process's writes, else the primary. */
function routedReader(primary: CaseReader, replicas: SqlCaseReader[], router: ReplicaRouter): CaseReader {
  const pick = async (): Promise<CaseReader> => {
    const i = await router.pick();
    return i === null ? primary : replicas[i]!;
  };
  return {
    get: async (id) => (await pick()).get(id),
    getMany: async (ids) => (await pick()).getMany(ids),
    list: async (q) => (await pick()).list(q),
    count: async (s) => (await pick()).count(s),
    // Duplicate checks and scans feed writes and exports: always the primary.
    findByIdentifier: (t, v) => primary.findByIdentifier(t, v),
    findByJurisdictionAndDate: (j, d) => primary.findByJurisdictionAndDate(j, d),
    scan: (n) => primary.scan(n),
  };
}

export function createPostgresStore(opts: PostgresStoreOptions): PostgresStore {
  const size = opts.poolSize ?? 10;
  return new PostgresStore(
    openPool(opts.url, size, opts.workMem),
    (opts.readUrls ?? []).map((u) => openPool(u, size, opts.workMem)),
  );
}
