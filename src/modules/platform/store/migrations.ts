/** The platform's own migrations (its first tables were created by the cases module's 0004). */
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';

export const PLATFORM_MIGRATIONS: ModuleMigrations = {
  /** Versions of every register's editorial records (cases keep their own case_versions). */
  async '20261204T1030_record_versions'(db) {
    await db.schema
      .createTable('record_versions')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('changed', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('record_versions_pk', ['kind', 'record_id', 'version'])
      .execute();
    await db.schema
      .createIndex('record_versions_at')
      .on('record_versions')
      .columns(['kind', 'record_id', 'at'])
      .execute();
  },
};
