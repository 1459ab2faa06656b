/**
 * Runs jobs: handlers by job type (modules register theirs), one job at a time per worker. A
 * handler that throws fails the attempt (retried after the backoff); a lease lost meanwhile means
 * the result is not recorded and the job runs again elsewhere (at-least-once).
 */
import { randomUUID } from 'node:crypto';
import { JobQueue, LeaseLostError, type ClaimedJob } from './job-queue.ts';

export type JobHandler<P = unknown> = (job: ClaimedJob<P>) => Promise<void>;

export class JobHandlers {
  private readonly byType = new Map<string, JobHandler>();

  register<P>(type: string, handler: JobHandler<P>): void {
    if (this.byType.has(type)) throw new Error(`a handler for job type '${type}' is already registered`);
    this.byType.set(type, handler as JobHandler);
  }

  get(type: string): JobHandler | undefined {
    return this.byType.get(type);
  }

  types(): string[] {
    return [...this.byType.keys()];
  }
}

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lease-lost';

export class JobWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: JobHandlers,
    readonly id = `worker-${randomUUID().slice(0, 8)}`,
    private readonly onError: (jobId: string, error: unknown) => void = () => undefined,
  ) {}

  /** Claims and runs one due job; undefined when none is due. */
  async runOnce(): Promise<{ id: string; outcome: JobOutcome } | undefined> {
    const job = await this.queue.claim(this.id, this.handlers.types());
    if (!job) return undefined;
    const handler = this.handlers.get(job.type);
    try {
      if (!handler) throw new Error(`no handler for job type '${job.type}'`);
      await handler(job);
    } catch (e) {
      this.onError(job.id, e);
      return { id: job.id, outcome: await this.record(() => this.queue.fail(job, errorText(e)), job) };
    }
    const outcome = await this.record(() => this.queue.complete(job), job);
    return { id: job.id, outcome: outcome === 'lease-lost' ? outcome : 'done' };
  }

  private async record(write: () => Promise<void>, job: ClaimedJob): Promise<JobOutcome> {
    try {
      await write();
    } catch (e) {
      if (e instanceof LeaseLostError) return 'lease-lost';
      throw e;
    }
    const row = await this.queue.get(job.id);
    return row?.status === 'done' ? 'done' : row?.status === 'failed' ? 'failed' : 'retry';
  }

  /** Runs due jobs until none is left. */
  async drain(limit = 1000): Promise<number> {
    let n = 0;
    while (n < limit && (await this.runOnce())) n++;
    return n;
  }

  /** Polls every `intervalMs` until stop(). */
  start(intervalMs = 1000): void {
    const tick = () => {
      this.running = this.drain()
        .catch((e: unknown) => this.onError('', e))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}
