/**
 * The job queue's table. The kernel owns it but imports no module, so the app merges these
 * migrations under the owner 'kernel-jobs' (src/app/modules.ts, allMigrations).
 */
import type { ModuleMigrations } from '../db/migrations.ts';

export const JOB_MIGRATIONS: ModuleMigrations = {
  async '20261204T1030_kernel_jobs'(db) {
    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      // A second enqueue with the same key is a no-op (unique; NULL never collides).
      .addColumn('idempotency_key', 'text', (c) => c.unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', 'integer', (c) => c.notNull())
      .addColumn('run_at', 'text', (c) => c.notNull())
      .addColumn('lease_token', 'text')
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', 'text')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('jobs_due').on('jobs').columns(['status', 'run_at']).execute();
  },
};
