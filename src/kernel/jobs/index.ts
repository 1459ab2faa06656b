export * from './job-queue.ts';
export * from './worker.ts';
export { JOB_MIGRATIONS } from './migrations.ts';
