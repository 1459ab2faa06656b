/**
 * The spreadsheet import as a durable job of the kernel queue (type `cases.import`). The editor's
 * POST queues it under an idempotency key (the upload and how many jobs of that upload came
 * before: a second POST of the same form finds the same job), and the server runs it at once in
 * its own process (the uploaded file lives beside it), with a worker that claims this type only:
 * `kick()` runs a job right after it is queued; `start()` runs those left by a restart, and a job
 * put back for a retry runs again when it is due.
 *
 * A job runs in two passes over the file, and reports real progress from the importer:
 * - **validating**: every row decoded and checked, without the database (rows done / total);
 * - **writing**: the import proper, one transaction (rows done / total); then **indexing** while
 *   the search index is flushed and the transaction commits. All or nothing, as ever.
 * A file with bad rows ends the job with its errors (line, field, message) and nothing written;
 * it is not retried (the same file would fail the same way). Any other failure is retried by the
 * queue; a run that finds its batch already written (a crash between commit and acknowledgement)
 * records that batch instead of importing twice.
 *
 * Progress lives in this process's memory while the job runs (on SQLite every other query waits for
 * the write transaction, so it cannot be read from the database then); the outcome is written
 * beside the upload (result-<job>.json).
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { parse as fromYaml, stringify as toYaml } from 'yaml';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import type { KernelJobs } from '../../../kernel/jobs/kernel-jobs.ts';
import { JobHandlers, JobWorker, type ClaimedJob } from '../../../kernel/jobs/index.ts';
import { can, userActor, type Actor } from '../../platform/index.ts';
import { parseMapping, type CsvMapping } from '../importers/csv-mapping.ts';
import { csvItems } from '../importers/csv-reader.ts';
import { xlsxItems } from '../importers/xlsx-reader.ts';
import { readTable } from '../importers/mapping/suggest.ts';
import type { CaseStore } from '../store/case-store.ts';
import { newBatchId, type JsonlTransfer } from './jsonl-transfer.ts';
import { Uploads } from './import-uploads.ts';

export const IMPORT_JOB = 'cases.import';

export type ImportPhase = 'queued' | 'validating' | 'writing' | 'indexing';

export interface ImportJobPayload {
  upload: string;
  userId: string;
  batch: string;
  /** The confirmed mapping, as YAML (the file format of mappings). */
  mapping: string;
}

export type ImportOutcome =
  | { ok: true; batch: string; created: number; updated: number; unchanged: number; warnings: number }
  | { ok: false; message: string; issues: FieldIssue[] };

export interface ImportStatus {
  jobId: string;
  state: 'running' | 'done' | 'failed';
  phase: ImportPhase;
  done: number;
  total: number;
  /** Set when state is done or failed. */
  outcome?: ImportOutcome;
}

interface Progress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export class ImportJobs {
  private readonly progress = new Map<string, Progress>();
  private readonly worker: JobWorker;
  private timer: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private started = false;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly jobs: KernelJobs,
    private readonly store: CaseStore,
    private readonly jsonl: JsonlTransfer,
    readonly uploads: Uploads,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    // Only this process runs import jobs: it holds the uploaded files. `palermo jobs work` leaves them.
    const own = new JobHandlers();
    own.register<ImportJobPayload>(IMPORT_JOB, (job) => this.run(job));
    this.worker = new JobWorker(jobs.queue, own, undefined, (id, e) =>
      this.log(`import job ${id}: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** Queues the import of an upload (once: the same upload and round give the same job). */
  async enqueue(upload: string, mapping: CsvMapping, actor: Actor): Promise<{ jobId: string; created: boolean }> {
    if (!can(actor, 'case.import') || !actor.userId)
      throw new AppError('FORBIDDEN', 'importing spreadsheets needs an editor or administrator account');
    this.uploads.meta(upload);
    const previous = this.uploads.job(upload);
    if (previous) {
      const status = await this.status(upload, actor);
      // A job that is under way or went through is the answer to a second POST; a refused one may be retried.
      if (status.state === 'running' || status.outcome?.ok) return { jobId: previous.jobId, created: false };
    }
    const n = previous ? previous.n + 1 : 0;
    const batch = newBatchId();
    const payload: ImportJobPayload = { upload, userId: actor.userId, batch, mapping: toYaml(mapping) };
    const r = await this.jobs.queue.enqueue(IMPORT_JOB, payload, {
      idempotencyKey: `${IMPORT_JOB}:${upload}:${n}`,
      maxAttempts: 3,
    });
    if (r.created) this.uploads.writeJob(upload, { jobId: r.id, userId: actor.userId, batch, n });
    void this.kick();
    return { jobId: r.id, created: r.created };
  }

  /**
   * Where the upload's import stands, for the editor who started it or an administrator; anyone
   * else gets NOT_FOUND (the upload's jobs are not theirs to see).
   */
  async status(upload: string, actor: Actor): Promise<ImportStatus> {
    const job = this.uploads.job(upload);
    if (!job || !(actor.userId === job.userId || actor.role === 'admin'))
      throw new AppError('NOT_FOUND', 'no import of this upload');
    const live = this.progress.get(job.jobId);
    if (live) return { jobId: job.jobId, state: 'running', ...live };
    const outcome = this.uploads.result<ImportOutcome>(upload, job.jobId);
    if (outcome) {
      const total = outcome.ok ? outcome.created + outcome.updated + outcome.unchanged : 0;
      return {
        jobId: job.jobId,
        state: outcome.ok ? 'done' : 'failed',
        phase: 'indexing',
        done: total,
        total,
        outcome,
      };
    }
    const row = await this.jobs.queue.get(job.jobId);
    if (row?.status === 'failed') {
      const message = `the import failed: ${row.last_error ?? 'unknown error'}`;
      return {
        jobId: job.jobId,
        state: 'failed',
        phase: 'queued',
        done: 0,
        total: 0,
        outcome: { ok: false, message, issues: [] },
      };
    }
    return { jobId: job.jobId, state: 'running', phase: 'queued', done: 0, total: 0 };
  }

  /** Runs the due import jobs now (after a POST), one run at a time. */
  kick(): Promise<unknown> {
    this.running = this.running
      .then(() => this.worker.drain())
      .then(() => this.scheduleRetry())
      .catch((e: unknown) => this.log(String(e)));
    return this.running;
  }

  /**
   * No polling: a job put back for a retry, or held under the lease of a run that died, is run again
   * when it is due.
   */
  private async scheduleRetry(): Promise<void> {
    if (!this.started) return;
    const queued = await this.jobs.queue.list({ type: IMPORT_JOB, status: 'queued' });
    const held = await this.jobs.queue.list({ type: IMPORT_JOB, status: 'running' });
    const due = [
      ...queued.map((j) => Date.parse(j.run_at)),
      ...held.filter((j) => !this.progress.has(j.id) && j.locked_until).map((j) => Date.parse(j.locked_until!)),
    ];
    clearTimeout(this.retry);
    if (!due.length) return;
    this.retry = setTimeout(() => void this.kick(), Math.max(100, Math.min(...due) - Date.now() + 100)).unref();
  }

  /**
   * In the server: runs the import jobs left by a restart, and removes uploads unused for a day, now
   * and then every `cleanupEveryMs`.
   */
  start(cleanupEveryMs = 3_600_000): void {
    this.started = true;
    const tick = () => {
      const removed = this.uploads.removeOld();
      if (removed) this.log(`removed ${removed} spreadsheet upload(s) unused for a day`);
      void this.kick();
    };
    tick();
    this.timer = setInterval(tick, cleanupEveryMs).unref();
  }

  async stop(): Promise<void> {
    this.started = false;
    clearInterval(this.timer);
    clearTimeout(this.retry);
    this.timer = undefined;
    await this.running;
  }

  private async run(job: ClaimedJob<ImportJobPayload>): Promise<void> {
    const p = job.payload;
    if (this.uploads.result(p.upload, job.id)) return; // recorded by an earlier run
    const entries = await this.store.transaction((tx) => tx.batches.entries(p.batch));
    if (entries.length) {
      // The batch committed but the run did not get to say so: record it, do not import again.
      const created = entries.filter((e) => e.previous === null).length;
      const outcome = {
        ok: true,
        batch: p.batch,
        created,
        updated: entries.length - created,
        unchanged: 0,
        warnings: 0,
      };
      return this.uploads.writeResult(p.upload, job.id, outcome);
    }
    const user = await this.store.accounts.getUser(p.userId);
    if (!user || user.disabled || !can(userActor(user), 'case.import')) {
      const message = 'the account that started this import may no longer import';
      return this.uploads.writeResult(p.upload, job.id, { ok: false, message, issues: [] });
    }
    const actor = userActor(user);
    const { dir, meta } = this.uploads.meta(p.upload);
    const path = join(dir, `data.${meta.format}`);
    const mapping = parseMapping(fromYaml(p.mapping), 'the mapping');
    const items = () =>
      paced(
        meta.format === 'xlsx'
          ? xlsxItems(path, mapping, { sheet: meta.sheet })
          : csvItems(createReadStream(path) as AsyncIterable<Buffer>, mapping),
      );
    const progress: Progress = { phase: 'validating', done: 0, total: (await readTable(path, meta)).rows.length };
    const report = (n: number) => (progress.done = Math.min(n, progress.total));
    this.progress.set(job.id, progress);
    try {
      await this.jsonl.check(items(), { onProgress: report });
      Object.assign(progress, { phase: 'writing', done: 0 });
      const r = await this.jsonl.import(items(), {
        actor,
        source: meta.fileName,
        batch: p.batch,
        onProgress: report,
        onRowsDone: () => Object.assign(progress, { phase: 'indexing', done: progress.total }),
      });
      const outcome = { ok: true, batch: r.batch, created: r.created, updated: r.updated, unchanged: r.unchanged };
      this.uploads.writeResult(p.upload, job.id, { ...outcome, warnings: r.warnings });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 400) throw e;
      const issues = Array.isArray(e.details) ? (e.details as FieldIssue[]) : [];
      this.uploads.writeResult(p.upload, job.id, { ok: false, message: e.message, issues });
    } finally {
      this.progress.delete(job.id);
    }
  }
}

/** Gives the event loop a turn every few rows, so that the server answers (progress polls) during an import. */
async function* paced<T>(items: AsyncIterable<T>, every = 10): AsyncGenerator<T> {
  let n = 0;
  for await (const item of items) {
    yield item;
    if (++n % every === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
