/**
 * The kernel job queue's contract, on SQLite (two connections to one file) and on PostgreSQL (a
 * pool): two concurrent workers run every job exactly once, a crashed worker's job runs again after
 * its lease and its late finish is refused, failures back off exponentially up to max attempts, an
 * idempotency key dedupes, and an enqueue inside a rolled-back transaction leaves no job.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { migrateToLatest, type Dialect } from '../../src/kernel/db/migrations.ts';
import {
  JOB_MIGRATIONS,
  JobHandlers,
  JobQueue,
  JobWorker,
  LeaseLostError,
  type JobQueueOptions,
} from '../../src/kernel/jobs/index.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { tempDbPath } from '../helpers/test-app.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the jobs table only
type Db = Kysely<any>;
interface Engine {
  dialect: Dialect;
  /** Two independent connections to one database (two workers, two processes' worth). */
  open(): Promise<{ a: Db; b: Db; close(): Promise<void> }>;
}

const sqliteEngine: Engine = {
  dialect: 'sqlite',
  async open() {
    const path = tempDbPath();
    const conn = () => {
      const d = new Database(path);
      d.pragma('journal_mode = WAL');
      d.pragma('busy_timeout = 5000');
      return new Kysely({ dialect: new SqliteDialect({ database: d }) });
    };
    const a = conn();
    const b = conn();
    return { a, b, close: async () => void (await Promise.all([a.destroy(), b.destroy()])) };
  },
};

const pgEngine: Engine = {
  dialect: 'postgres',
  async open() {
    const url = await freshPgDatabase('jobs');
    const conn = () => new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url }) }) });
    const a = conn();
    const b = conn();
    return { a, b, close: async () => void (await Promise.all([a.destroy(), b.destroy()])) };
  },
};

function contract(engine: Engine): void {
  describe(`job queue contract: ${engine.dialect}`, () => {
    let dbs: Awaited<ReturnType<Engine['open']>>;
    let t: number;
    const clock = () => new Date(t);
    const opts: JobQueueOptions = { now: clock, leaseMs: 30_000, backoffMs: 1_000, defaultMaxAttempts: 3 };
    let qa: JobQueue;
    let qb: JobQueue;

    beforeEach(async () => {
      t = Date.parse('2026-12-04T10:00:00.000Z');
      dbs = await engine.open();
      await migrateToLatest(dbs.a, engine.dialect, JOB_MIGRATIONS);
      qa = new JobQueue(dbs.a, engine.dialect, opts);
      qb = new JobQueue(dbs.b, engine.dialect, opts);
    });
    afterEach(() => dbs.close());

    it('runs every job exactly once with two concurrent workers', async () => {
      for (let i = 0; i < 40; i++) await qa.enqueue('count', { n: i });
      const runs: number[] = [];
      const handlers = new JobHandlers();
      handlers.register<{ n: number }>('count', async (job) => {
        runs.push(job.payload.n);
        await new Promise((r) => setTimeout(r, 1));
      });
      const [ra, rb] = await Promise.all([
        new JobWorker(qa, handlers, 'A').drain(),
        new JobWorker(qb, handlers, 'B').drain(),
      ]);
      expect(ra + rb).toBe(40);
      expect(ra).toBeGreaterThan(0);
      expect(rb).toBeGreaterThan(0);
      expect([...runs].sort((x, y) => x - y)).toEqual([...Array(40).keys()]);
      expect((await qa.list({ status: 'done' })).length).toBe(40);
    });

    it("re-runs a crashed worker's job after its lease, and refuses the late finish", async () => {
      const { id } = await qa.enqueue('crash', {});
      const first = await qa.claim('A');
      expect(first?.id).toBe(id);
      expect(await qb.claim('B')).toBeUndefined(); // held
      t += 29_999;
      expect(await qb.claim('B')).toBeUndefined(); // still held
      t += 1;
      const second = await qb.claim('B');
      expect(second?.id).toBe(id);
      expect(second?.attempt).toBe(2);
      await expect(qa.complete(first!)).rejects.toBeInstanceOf(LeaseLostError);
      await qb.complete(second!);
      const row = await qa.get(id);
      expect(row?.status).toBe('done');
      expect(row?.locked_by).toBeNull();
    });

    it('refuses a finish after the lease expired even when nobody else claimed the job', async () => {
      await qa.enqueue('slow', {});
      const job = (await qa.claim('A'))!;
      t += 30_000;
      await expect(qa.complete(job)).rejects.toBeInstanceOf(LeaseLostError);
      await expect(qa.fail({ ...job }, 'late')).rejects.toBeInstanceOf(LeaseLostError);
    });

    it('retries with exponential backoff up to max attempts, then fails', async () => {
      const { id } = await qa.enqueue('flaky', {});
      const handlers = new JobHandlers();
      let calls = 0;
      handlers.register('flaky', async () => {
        calls++;
        throw new Error('smtp down');
      });
      const w = new JobWorker(qa, handlers, 'A');
      expect((await w.runOnce())?.outcome).toBe('retry');
      let row = await qa.get(id);
      expect(row?.run_at).toBe(new Date(t + 1_000).toISOString());
      expect(row?.last_error).toContain('smtp down');
      t += 999;
      expect(await w.runOnce()).toBeUndefined(); // not before the backoff
      t += 1;
      expect((await w.runOnce())?.outcome).toBe('retry');
      row = await qa.get(id);
      expect(row?.run_at).toBe(new Date(t + 2_000).toISOString()); // doubled
      t += 2_000;
      expect((await w.runOnce())?.outcome).toBe('failed');
      t += 3_600_000;
      expect(await w.runOnce()).toBeUndefined();
      expect(calls).toBe(3);
      row = await qa.get(id);
      expect(row?.status).toBe('failed');
      expect(row?.attempts).toBe(3);
    });

    it('fails a job whose last attempt crashed, instead of running it again', async () => {
      const { id } = await qa.enqueue('once', {}, { maxAttempts: 1 });
      expect(await qa.claim('A')).toBeDefined();
      t += 30_000;
      expect(await qb.claim('B')).toBeUndefined();
      expect((await qa.get(id))?.status).toBe('failed');
    });

    it('dedupes by idempotency key: a second enqueue is a no-op', async () => {
      const one = await qa.enqueue('mail', { to: 'x' }, { idempotencyKey: 'receipt:app-1:1' });
      const two = await qb.enqueue('mail', { to: 'y' }, { idempotencyKey: 'receipt:app-1:1' });
      expect(one.created).toBe(true);
      expect(two).toEqual({ id: one.id, created: false });
      const rows = await qa.list({ type: 'mail' });
      expect(rows.length).toBe(1);
      expect(JSON.parse(rows[0]!.payload)).toEqual({ to: 'x' });
    });

    it('enqueues inside the caller transaction: a rollback leaves no job', async () => {
      await expect(
        dbs.a.transaction().execute(async (trx) => {
          await qa.enqueue('mail', {}, { idempotencyKey: 'k' }, trx);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await qa.list()).toEqual([]);
    });

    it('claims only the types asked for and only due jobs', async () => {
      await qa.enqueue('later', {}, { runAt: new Date(t + 60_000) });
      await qa.enqueue('other', {});
      expect(await qa.claim('A', ['later'])).toBeUndefined();
      expect((await qa.claim('A', ['other']))?.type).toBe('other');
      t += 60_000;
      expect((await qa.claim('A', ['later']))?.type).toBe('later');
    });
  });
}

contract(sqliteEngine);
describe.skipIf(!pgTestUrl())(`job queue on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  contract(pgEngine);
});
