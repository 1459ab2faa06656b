/**
 * Migrations for every dialect, in one place. Each migration gets the dialect so the few
 * differences (auto-increment keys, JSON types) stay here and nowhere else.
 */
import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { randomBytes } from 'node:crypto';

export type Dialect = 'sqlite' | 'postgres';
type DialectMigration = (db: Kysely<any>, dialect: Dialect) => Promise<void>;

const MIGRATIONS: Record<string, DialectMigration> = {
  async '0001_cases'(db, dialect) {
    await db.schema
      .createTable('cases')
      .addColumn('seq', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('database_number', 'text')
      .addColumn('jurisdiction', 'text', (c) => c.notNull())
      .addColumn('decision_date', 'text')
      // Byte order on every server, whatever its locale (SQLite compares bytes too).
      .addColumn('decision_sort', 'text', (c) => (dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull()))
      .addColumn('decision_year', 'integer')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('import_batch', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('cases_decided').on('cases').columns(['decision_sort', 'seq']).execute();
    await db.schema.createIndex('cases_jurisdiction').on('cases').columns(['jurisdiction', 'status']).execute();
    await db.schema.createIndex('cases_status').on('cases').columns(['status', 'decision_year']).execute();
    await db.schema.createIndex('cases_batch').on('cases').column('import_batch').execute();

    await db.schema
      .createTable('case_tags')
      .addColumn('seq', 'bigint', (c) => c.notNull().references('cases.seq').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_tags_pk', ['kind', 'code', 'seq'])
      .execute();
    await db.schema.createIndex('case_tags_seq').on('case_tags').column('seq').execute();

    await db.schema
      .createTable('case_identifiers')
      .addColumn('seq', 'bigint', (c) => c.notNull().references('cases.seq').onDelete('cascade'))
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('norm', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_identifiers_norm').on('case_identifiers').columns(['norm', 'type']).execute();
    await db.schema.createIndex('case_identifiers_seq').on('case_identifiers').column('seq').execute();

    await db.schema
      .createTable('meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    // The key that signs pagination cursors, so a tampered cursor is recognised.
    await db
      .insertInto('meta')
      .values({ key: 'cursor_secret', value: randomBytes(32).toString('base64url') })
      .execute();
  },
  async '0002_import_log'(db, dialect) {
    await db.schema
      .createTable('import_log')
      .addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      )
      .addColumn('batch', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('previous', 'text')
      .addColumn('version_after', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('import_log_batch').on('import_log').column('batch').execute();
    await db.schema.createIndex('cases_identity').on('cases').columns(['jurisdiction', 'decision_date']).execute();
  },
  async '0003_case_documents'(db) {
    await db.schema
      .createTable('case_documents')
      .addColumn('seq', 'bigint', (c) => c.notNull().references('cases.seq').onDelete('cascade'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('pages', 'integer')
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_documents_pk', ['seq', 'sha256'])
      .execute();
    await db.schema.createIndex('case_documents_sha256').on('case_documents').column('sha256').execute();
  },
};

export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, up] of Object.entries(MIGRATIONS)) out[name] = { up: (db) => up(db, dialect) };
      return out;
    },
  };
}

export async function migrateToLatest(db: Kysely<any>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
