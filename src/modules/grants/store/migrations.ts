/** The grants register's tables. Dates are ISO text; lists and maps are JSON text. */
import type { Kysely } from 'kysely';
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';
import type { GrantsDb } from './schema.ts';

export const GRANTS_MIGRATIONS: ModuleMigrations = {
  async '20261204T1100_grants'(db) {
    await db.schema
      .createTable('grants_calls')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('opens_at', 'text', (c) => c.notNull())
      .addColumn('closes_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('grants_organisations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('grants_members')
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_members_pk', ['organisation_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('grants_applications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('call_id', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text')
      .addColumn('decision_reason', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('grants_applications_org')
      .on('grants_applications')
      .column('organisation_id')
      .execute();
    // Every revision an applicant saved, kept whole (a review names the one it scored).
    await db.schema
      .createTable('grants_revisions')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_revisions_pk', ['application_id', 'revision'])
      .execute();
    await db.schema
      .createTable('grants_attachments')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_attachments_pk', ['application_id', 'requirement'])
      .execute();
    // Automatic checks and the secretariat's decisions on eligibility, each with its reason.
    await db.schema
      .createTable('grants_eligibility')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('results', 'text', (c) => c.notNull())
      .addColumn('decision', 'text')
      .addColumn('reason', 'text')
      .addColumn('decided_by', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('grants_conflicts')
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('organisation_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('declared_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_conflicts_pk', ['user_id', 'organisation_id'])
      .execute();
    await db.schema
      .createTable('grants_assignments')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_assignments_pk', ['application_id', 'user_id'])
      .execute();
    await db.schema
      .createTable('grants_reviews')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('scores', 'text', (c) => c.notNull())
      .addColumn('score', 'real')
      .addColumn('comment', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_reviews_pk', ['application_id', 'user_id'])
      .execute();
  },
};

export const GRANTS_AWARD_MIGRATIONS: ModuleMigrations = {
  async '20261204T1130_grants_awards'(db) {
    await db.schema
      .createTable('grants_awards')
      .addColumn('application_id', 'text', (c) => c.primaryKey())
      .addColumn('amount', 'real', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('agreement_ref', 'text', (c) => c.notNull())
      .addColumn('signed_on', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('grants_tranches')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('amount', 'real', (c) => c.notNull())
      .addColumn('released_on', 'text')
      .addPrimaryKeyConstraint('grants_tranches_pk', ['application_id', 'seq'])
      .execute();
    await db.schema
      .createTable('grants_reports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('due_on', 'text', (c) => c.notNull())
      .addColumn('received_on', 'text')
      .execute();
  },
};

export const GRANTS_REVIEW_MIGRATIONS: ModuleMigrations = {
  // A reviewer's declaration on one assigned application, made before they may read it: no conflict
  // (then they read and score), or a conflict with its reason (then the assignment is removed).
  async '20261204T1500_grants_declarations'(db) {
    await db.schema
      .createTable('grants_declarations')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('conflict', 'integer', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('declared_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_declarations_pk', ['application_id', 'user_id'])
      .execute();
  },
  // Every file ever uploaded for an attachment, numbered: a new upload keeps the previous one.
  async '20261204T1510_grants_attachment_versions'(db) {
    await db.schema
      .createTable('grants_attachment_versions')
      .addColumn('application_id', 'text', (c) => c.notNull())
      .addColumn('requirement', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .addColumn('added_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('grants_attachment_versions_pk', ['application_id', 'requirement', 'version'])
      .execute();
    // What was attached before this table existed becomes version 1.
    const rows = await db.selectFrom('grants_attachments').selectAll().execute();
    for (const r of rows as GrantsDb['grants_attachments'][])
      await db
        .insertInto('grants_attachment_versions')
        .values({ ...r, version: 1, added_by: '' })
        .execute();
  },
  // A report is received, then approved; a tranche after the first waits for the reports before it.
  async '20261204T1520_grants_report_approval'(db) {
    await db.schema.alterTable('grants_reports').addColumn('approved_on', 'text').execute();
    await db.schema.alterTable('grants_reports').addColumn('approved_by', 'text').execute();
  },
  // The application revision each upload made (a review names the revision it read, so its files too).
  async '20261204T1710_grants_attachment_revision'(db) {
    await db.schema.alterTable('grants_attachment_versions').addColumn('revision', 'integer').execute();
    await backfillAttachmentRevisions(db);
  },
  // The language the applicant submitted in: the secretariat's mails to them are written in it.
  async '20261204T1830_grants_application_locale'(db) {
    await db.schema.alterTable('grants_applications').addColumn('locale', 'text').execute();
  },
};

/**
 * Uploads recorded before the revision column: the revision the same transaction recorded, at the
 * same instant (left null when none is found). Idempotent; only rows without a revision are touched.
 */
export async function backfillAttachmentRevisions(db: Kysely<GrantsDb>): Promise<number> {
  const rows = await db.selectFrom('grants_attachment_versions').selectAll().where('revision', 'is', null).execute();
  let done = 0;
  for (const r of rows) {
    const rev = await db
      .selectFrom('grants_revisions')
      .select((eb) => eb.fn.max('revision').as('r'))
      .where('application_id', '=', r.application_id)
      .where('at', '=', r.added_at)
      .executeTakeFirst();
    if (rev?.r === null || rev?.r === undefined) continue;
    await db
      .updateTable('grants_attachment_versions')
      .set({ revision: Number(rev.r) })
      .where('application_id', '=', r.application_id)
      .where('requirement', '=', r.requirement)
      .where('version', '=', r.version)
      .execute();
    done++;
  }
  return done;
}
