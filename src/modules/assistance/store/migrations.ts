/** The assistance register's tables: one per kind of record, each the whole record as JSON beside its workflow. */
import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';
import { TABLES } from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run on the untyped connection
async function recordTable(db: Kysely<any>, name: string): Promise<void> {
  await db.schema
    .createTable(name)
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('doc', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex(`${name}_status`).on(name).column('status').execute();
}

export const ASSISTANCE_MIGRATIONS: ModuleMigrations = {
  async '20261204T1030_assistance_register'(db) {
    for (const name of Object.values(TABLES)) await recordTable(db, name);
  },
};
