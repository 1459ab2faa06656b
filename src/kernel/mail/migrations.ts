/** The sent-log of outgoing mail (owner 'kernel-mail' in src/app/modules.ts, allMigrations). */
import type { ModuleMigrations } from '../db/migrations.ts';

export const MAIL_MIGRATIONS: ModuleMigrations = {
  async '20261204T1031_kernel_mail_log'(db) {
    await db.schema
      .createTable('mail_log')
      .addColumn('message_id', 'text', (c) => c.primaryKey())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addColumn('response', 'text')
      .execute();
  },
};
