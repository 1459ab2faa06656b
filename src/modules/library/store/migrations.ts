/** The library's migrations (timestamped names; see kernel/db/migrations.ts). */
import { randomBytes } from 'node:crypto';
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';

export const LIBRARY_MIGRATIONS: ModuleMigrations = {
  async '20261204T1030_library'(db, dialect) {
    const serial = dialect === 'sqlite' ? 'integer' : 'bigserial';
    await db.schema
      .createTable('library_resources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('year', 'text', (c) => c.notNull())
      .addColumn('datestamp', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('library_resources_datestamp')
      .on('library_resources')
      .columns(['datestamp', 'id'])
      .execute();
    await db.schema
      .createTable('library_files')
      .addColumn('id', serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('resource_id', 'text', (c) => c.notNull().references('library_resources.id').onDelete('cascade'))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('pages', 'integer')
      .addColumn('text_length', 'integer', (c) => c.notNull())
      .addColumn('page_texts', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('replaced_at', 'text')
      .execute();
    await db.schema.createIndex('library_files_resource').on('library_files').columns(['resource_id']).execute();
    await db.schema
      .createTable('library_downloads')
      .addColumn('id', serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('resource_id', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('session_key', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('library_downloads_session')
      .on('library_downloads')
      .columns(['session_key', 'sha256', 'at'])
      .execute();
    await db.schema.createIndex('library_downloads_month').on('library_downloads').columns(['month']).execute();
    await db.schema
      .createTable('library_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db
      .insertInto('library_meta')
      .values({ key: 'download_secret', value: randomBytes(32).toString('base64url') })
      .execute();
  },
};
