/**
 * Migrations for every dialect, in one place. Each migration gets the dialect so the few
 * differences (auto-increment keys, JSON types) stay here and nowhere else.
 */
import { sql } from 'kysely';
/* eslint-disable @typescript-eslint/no-explicit-any -- migrations build an untyped schema (no Database type yet) */
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';
import { randomBytes } from 'node:crypto';

export const CASE_MIGRATIONS: ModuleMigrations = {
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
      .addColumn('decision_sort', 'text', (c) =>
        dialect === 'postgres' ? c.notNull().modifyEnd(sql`collate "C"`) : c.notNull(),
      )
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
  async '0004_accounts_and_editorial'(db, dialect) {
    const autoId = (t: any) =>
      t.addColumn('id', dialect === 'sqlite' ? 'integer' : 'bigserial', (c: any) =>
        dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      );
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text')
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('locked_until', 'text')
      .addColumn('last_login_at', 'text')
      .addColumn('password_changed_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sessions')
      .addColumn('id_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('user_agent', 'text')
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull().unique())
      .addColumn('prefix', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    // Restricted editorial facts of a case: never part of the public record.
    await db.schema
      .createTable('case_editorial')
      .addColumn('seq', 'bigint', (c) => c.primaryKey().references('cases.seq').onDelete('cascade'))
      .addColumn('owner_id', 'text')
      .addColumn('internal_notes', 'text')
      .addColumn('source_contacts', 'text')
      .execute();
    await db.schema.createIndex('case_editorial_owner').on('case_editorial').column('owner_id').execute();
    await db.schema
      .createTable('case_versions')
      .addColumn('seq', 'bigint', (c) => c.notNull().references('cases.seq').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('restricted', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('changed', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_versions_pk', ['seq', 'version'])
      .execute();
    await autoId(db.schema.createTable('review_comments'))
      .addColumn('seq', 'bigint', (c: any) => c.notNull().references('cases.seq').onDelete('cascade'))
      .addColumn('author_id', 'text')
      .addColumn('author_label', 'text', (c: any) => c.notNull())
      .addColumn('body', 'text', (c: any) => c.notNull())
      .addColumn('transition', 'text')
      .addColumn('at', 'text', (c: any) => c.notNull())
      .execute();
    await db.schema.createIndex('review_comments_seq').on('review_comments').column('seq').execute();
    await autoId(db.schema.createTable('audit_log'))
      .addColumn('at', 'text', (c: any) => c.notNull())
      .addColumn('actor_kind', 'text', (c: any) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text', (c: any) => c.notNull())
      .addColumn('ip', 'text')
      .addColumn('action', 'text', (c: any) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('details', 'text', (c: any) => c.notNull())
      .execute();
    await db.schema.createIndex('audit_log_action').on('audit_log').columns(['action', 'id']).execute();
    await db.schema.createIndex('audit_log_target').on('audit_log').columns(['target_id', 'id']).execute();
  },
  /**
   * Issue 22: a case of an international court (XIR) keeps the States named as respondents. Every
   * stored case and version gets the field (empty): a case's JSON always has the same keys.
   */
  async '20261204T1500_respondent_states'(db) {
    for (const table of ['cases', 'case_versions'] as const) {
      // Each pass takes docs without the key; an updated doc has it, so the loop ends.
      for (;;) {
        const rows = (await db
          .selectFrom(table)
          .select(['seq', 'doc', ...(table === 'case_versions' ? ['version'] : [])] as never[])
          .where('doc', 'not like', '%"respondentStates"%')
          .limit(500)
          .execute()) as { seq: number; doc: string; version?: number }[];
        if (!rows.length) break;
        for (const r of rows) {
          // The new key right after jurisdiction, every other key where it was.
          const entries = Object.entries(JSON.parse(r.doc) as Record<string, unknown>);
          const at = entries.findIndex(([k]) => k === 'jurisdiction') + 1;
          entries.splice(at, 0, ['respondentStates', []]);
          const doc = JSON.stringify(Object.fromEntries(entries));
          let q = db.updateTable(table).set({ doc }).where('seq', '=', r.seq);
          if (r.version !== undefined) q = q.where('version', '=', r.version);
          await q.execute();
        }
      }
    }
  },
};
