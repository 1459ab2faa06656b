/**
 * A durable job queue on Kysely, the same on SQLite and PostgreSQL (no maintained queue supports
 * both on Node 20). Jobs are rows of `jobs`; modules enqueue them, inside their own write
 * transaction when they pass it, so a job exists exactly when the change that asked for it committed.
 *
 * - **Idempotency key**: unique; a second enqueue with the same key is a no-op (`created: false`).
 * - **Claim with a lease**: one UPDATE ... WHERE id = (SELECT ... LIMIT 1 [FOR UPDATE SKIP LOCKED])
 *   ... RETURNING, with the eligibility repeated in the outer WHERE, so two workers never hold the
 *   same job: SQLite runs the statement under its write lock, PostgreSQL skips rows another claim
 *   holds and re-checks the row it updates. Each claim gets a fresh lease token.
 * - **Finish only while holding the lease**: completing or failing needs the claim's token and an
 *   unexpired lease; a worker that comes back after its lease ran out is refused (its job may already
 *   run elsewhere).
 * - **Retries**: a failure puts the job back after an exponential backoff (base * 2^(attempt-1),
 *   capped) until max attempts; then it is `failed`. A crashed worker's job is claimed again once
 *   its lease has expired (the crash counts as an attempt).
 *
 * Delivery is therefore at-least-once: a handler must tolerate running twice (see the mail sender).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Dialect } from '../db/migrations.ts';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface JobsTable {
  id: string;
  type: string;
  payload: string;
  idempotency_key: string | null;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  run_at: string;
  lease_token: string | null;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

export interface JobsDb {
  jobs: JobsTable;
}

export type JobRow = Selectable<JobsTable>;

/** A claimed job: what a handler gets. */
export interface ClaimedJob<P = unknown> {
  id: string;
  type: string;
  payload: P;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  idempotencyKey: string | null;
  leaseToken: string;
  lockedUntil: string;
}

export interface EnqueueOptions {
  /** A second enqueue with this key does nothing. */
  idempotencyKey?: string;
  /** Not before this instant (default: now). */
  runAt?: Date;
  maxAttempts?: number;
}

export interface JobQueueOptions {
  /** The clock (tests fix it). */
  now?: () => Date;
  /** How long a claim holds a job. */
  leaseMs?: number;
  /** First retry delay; doubles each attempt. */
  backoffMs?: number;
  maxBackoffMs?: number;
  defaultMaxAttempts?: number;
}

/** Raised by complete/fail when the lease is no longer this worker's. */
export class LeaseLostError extends Error {
  constructor(readonly jobId: string) {
    super(`job ${jobId}: the lease expired or passed to another worker; the result is not recorded`);
    this.name = 'LeaseLostError';
  }
}

const iso = (d: Date) => d.toISOString();

export class JobQueue {
  readonly now: () => Date;
  readonly leaseMs: number;
  private readonly backoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly defaultMaxAttempts: number;

  constructor(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any database that holds the jobs table
    private readonly db: Kysely<any>,
    readonly dialect: Dialect,
    opts: JobQueueOptions = {},
  ) {
    this.now = opts.now ?? (() => new Date());
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.backoffMs = opts.backoffMs ?? 5_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 3_600_000;
    this.defaultMaxAttempts = opts.defaultMaxAttempts ?? 5;
  }

  private jobs(conn?: Kysely<JobsDb>): Kysely<JobsDb> {
    return conn ?? (this.db as Kysely<JobsDb>);
  }

  /** Adds a job (on `conn` to join the caller's transaction). With a key already queued, nothing happens. */
  async enqueue<P>(
    type: string,
    payload: P,
    opts: EnqueueOptions = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a module's own transaction
    conn?: Kysely<any>,
  ): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    const now = this.now();
    const res = await this.jobs(conn)
      .insertInto('jobs')
      .values({
        id,
        type,
        payload: JSON.stringify(payload ?? null),
        idempotency_key: opts.idempotencyKey ?? null,
        status: 'queued',
        attempts: 0,
        max_attempts: opts.maxAttempts ?? this.defaultMaxAttempts,
        run_at: iso(opts.runAt ?? now),
        created_at: iso(now),
      })
      .onConflict((oc) => oc.column('idempotency_key').doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0n) === 1) return { id, created: true };
    const existing = await this.jobs(conn)
      .selectFrom('jobs')
      .select('id')
      .where('idempotency_key', '=', opts.idempotencyKey ?? '')
      .executeTakeFirstOrThrow();
    return { id: existing.id, created: false };
  }

  /** Claims one due job of the given types (all types when empty), or undefined. */
  async claim(workerId: string, types: readonly string[] = []): Promise<ClaimedJob | undefined> {
    await this.expireExhausted();
    const now = iso(this.now());
    const until = iso(new Date(this.now().getTime() + this.leaseMs));
    const token = randomUUID();
    const typeFilter = types.length ? sql`AND type IN (${sql.join(types)})` : sql``;
    const due = sql`(attempts < max_attempts AND ((status = 'queued' AND run_at <= ${now})
      OR (status = 'running' AND locked_until <= ${now})))`;
    const lock = this.dialect === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : sql``;
    const result = await sql<JobRow>`
      UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = ${token},
        locked_by = ${workerId}, locked_until = ${until}
      WHERE id = (SELECT id FROM jobs WHERE ${due} ${typeFilter} ORDER BY run_at, created_at, id LIMIT 1 ${lock})
        AND ${due}
      RETURNING *`.execute(this.db);
    const row = result.rows[0];
    if (!row) return undefined;
    return {
      id: row.id,
      type: row.type,
      payload: JSON.parse(row.payload) as unknown,
      attempt: Number(row.attempts),
      maxAttempts: Number(row.max_attempts),
      idempotencyKey: row.idempotency_key,
      leaseToken: token,
      lockedUntil: until,
    };
  }

  /** Jobs whose last attempt crashed with none left: failed, so they stop looking due. */
  private async expireExhausted(): Promise<void> {
    const now = iso(this.now());
    await this.jobs()
      .updateTable('jobs')
      .set({ status: 'failed', last_error: 'lease expired on the last attempt', finished_at: now, lease_token: null })
      .where('status', '=', 'running')
      .where('locked_until', '<=', now)
      .where((eb) => eb('attempts', '>=', eb.ref('max_attempts')))
      .execute();
  }

  /** Records success; refused (LeaseLostError) when the lease expired or another worker holds the job. */
  async complete(job: Pick<ClaimedJob, 'id' | 'leaseToken'>): Promise<void> {
    const now = iso(this.now());
    const res = await this.held(job, now)
      .set({ status: 'done', finished_at: now, lease_token: null, locked_by: null, locked_until: null })
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new LeaseLostError(job.id);
  }

  /** Records a failure: back in the queue after the backoff, or failed for good after the last attempt. */
  async fail(job: Pick<ClaimedJob, 'id' | 'leaseToken' | 'attempt' | 'maxAttempts'>, error: string): Promise<void> {
    const now = this.now();
    const last = job.attempt >= job.maxAttempts;
    const res = await this.held(job, iso(now))
      .set({
        status: last ? 'failed' : 'queued',
        run_at: iso(new Date(now.getTime() + this.backoff(job.attempt))),
        last_error: error.slice(0, 2000),
        finished_at: last ? iso(now) : null,
        lease_token: null,
        locked_by: null,
        locked_until: null,
      })
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new LeaseLostError(job.id);
  }

  /** The delay before the retry that follows attempt n. */
  backoff(attempt: number): number {
    return Math.min(this.maxBackoffMs, this.backoffMs * 2 ** Math.max(0, attempt - 1));
  }

  private held(job: Pick<ClaimedJob, 'id' | 'leaseToken'>, now: string) {
    return this.jobs()
      .updateTable('jobs')
      .where('id', '=', job.id)
      .where('status', '=', 'running')
      .where('lease_token', '=', job.leaseToken)
      .where('locked_until', '>', now);
  }

  async get(id: string): Promise<JobRow | undefined> {
    return this.jobs().selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async list(filter: { type?: string; status?: JobStatus } = {}): Promise<JobRow[]> {
    let q = this.jobs().selectFrom('jobs').selectAll();
    if (filter.type) q = q.where('type', '=', filter.type);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('created_at').orderBy('id').execute();
  }
}
