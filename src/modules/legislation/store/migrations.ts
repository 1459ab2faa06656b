/** The legislation module's tables: works, provision wordings by point in time, assessments. */
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';

export const LEGISLATION_MIGRATIONS: ModuleMigrations = {
  async '20261204T1200_legislation'(db) {
    await db.schema
      .createTable('law_works')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('law_works_country').on('law_works').columns(['country', 'status']).execute();
    await db.schema
      .createTable('law_provisions')
      .addColumn('law_id', 'text', (c) => c.notNull().references('law_works.id'))
      .addColumn('eid', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text', (c) => c.notNull())
      .addColumn('valid_to', 'text')
      .addColumn('doc', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('law_provisions_pk', ['law_id', 'eid', 'valid_from'])
      .execute();
    await db.schema
      .createTable('compliance_assessments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('country', 'text', (c) => c.notNull())
      .addColumn('element', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('doc', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('compliance_assessments_country')
      .on('compliance_assessments')
      .columns(['country', 'element'])
      .unique()
      .execute();
  },
};
