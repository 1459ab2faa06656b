/**
 * The treaty registry's tables: instruments, participants (with dated names and successor links),
 * actions as deposited, declarations/reservations/objections, depositary notifications, import
 * batches with their undo log, and curators' corrections. Dates are ISO text (YYYY-MM-DD).
 */
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';
import { INSTRUMENTS } from '../domain/instruments.ts';
import { instrumentRow } from './instrument-row.ts';
import { FORMER_NAMES } from '../domain/participants.ts';

export const TREATY_MIGRATIONS: ModuleMigrations = {
  async '20261204T1100_treaties'(db) {
    await db.schema
      .createTable('treaty_instruments')
      .addColumn('id', 'text', (c) => c.primaryKey()) // MTDSG number, e.g. XVIII-12-a
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('short_title', 'text', (c) => c.notNull())
      .addColumn('adopted_place', 'text')
      .addColumn('adopted_on', 'text')
      .addColumn('adopted_by', 'text')
      .addColumn('signature_opened', 'text')
      .addColumn('entry_into_force', 'text')
      .addColumn('parent_id', 'text')
      .addColumn('eif_rule', 'text', (c) => c.notNull()) // JSON, see domain/entry-into-force.ts
      .addColumn('articles', 'text', (c) => c.notNull()) // JSON: [{ article, paragraphs }]
      .addColumn('un_url', 'text')
      .addColumn('status_as_at', 'text')
      .addColumn('status_source', 'text')
      .execute();
    await db.schema
      .createTable('treaty_participants')
      .addColumn('code', 'text', (c) => c.primaryKey()) // ISO 3166-1 alpha-3, or EUU for the European Union
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull()) // state | reio
      .execute();
    await db.schema
      .createTable('treaty_participant_names')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('valid_from', 'text')
      .addColumn('valid_to', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('treaty_participant_names_pk', ['code', 'name'])
      .execute();
    await db.schema
      .createTable('treaty_participant_links')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('predecessor', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('treaty_participant_links_pk', ['code', 'predecessor'])
      .execute();
    await db.schema
      .createTable('treaty_actions')
      .addColumn('id', 'text', (c) => c.primaryKey()) // instrument|participant|slot
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('slot', 'text', (c) => c.notNull()) // signature | consent | withdrawal
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('letter', 'text') // as deposited: A, AA, a, d, c, s; null = ratification or none
      .addColumn('deposit_date', 'text')
      .addColumn('cn_ref', 'text')
      .execute();
    await db.schema.createIndex('treaty_actions_instrument').on('treaty_actions').column('instrument_id').execute();
    await db.schema
      .createTable('treaty_participation')
      .addColumn('id', 'text', (c) => c.primaryKey()) // instrument|participant
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('name_as_listed', 'text', (c) => c.notNull())
      .addColumn('recorded_eif', 'text') // entry into force as a source states it
      .addColumn('sources', 'text')
      .addColumn('notes', 'text')
      .execute();
    await db.schema
      .createTable('treaty_statements')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull()) // as deposited: reservation | declaration | objection ...
      .addColumn('classification', 'text') // curated legal effect
      .addColumn('article', 'integer')
      .addColumn('paragraph', 'text')
      .addColumn('occasion', 'text') // upon signature | upon ratification ...
      .addColumn('made_on', 'text')
      .addColumn('text', 'text')
      .addColumn('objects_to', 'text') // id of the reservation an objection is aimed at
      .addColumn('cn_ref', 'text')
      .execute();
    await db.schema
      .createTable('treaty_notifications')
      .addColumn('cn_ref', 'text', (c) => c.primaryKey()) // C.N.123.2004.TREATIES-XVIII.12.a
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('participant', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('issued_on', 'text')
      .addColumn('url', 'text')
      .execute();
    await db.schema
      .createTable('treaty_batches')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('status_as_at', 'text')
      .addColumn('source', 'text')
      .addColumn('file', 'text')
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('undone_at', 'text')
      .addColumn('report', 'text', (c) => c.notNull()) // JSON summary of the changes
      .execute();
    await db.schema
      .createTable('treaty_batch_log')
      .addColumn('batch_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('tbl', 'text', (c) => c.notNull())
      .addColumn('row_id', 'text', (c) => c.notNull())
      .addColumn('before', 'text') // JSON of the row before, null when the batch created it
      .addPrimaryKeyConstraint('treaty_batch_log_pk', ['batch_id', 'seq'])
      .execute();
    await db.schema
      .createTable('treaty_corrections')
      .addColumn('id', 'text', (c) => c.primaryKey()) // instrument|participant|field
      .addColumn('instrument_id', 'text', (c) => c.notNull())
      .addColumn('participant', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text')
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('made_at', 'text', (c) => c.notNull())
      .execute();
  },
  /** The four instruments are facts every installation has (their status rows come from imports). */
  async '20261204T1101_treaty_instruments'(db) {
    await db.insertInto('treaty_instruments').values(INSTRUMENTS.map(instrumentRow)).execute();
  },
  /** Names the UN Treaty Collection used before a change (its "Historical information"), so old tables resolve. */
  async '20261204T1102_treaty_former_names'(db) {
    await db
      .insertInto('treaty_participant_names')
      .values(
        FORMER_NAMES.map((f) => ({ code: f.code, name: f.name, valid_from: null, valid_to: f.validTo, note: f.note })),
      )
      .execute();
  },
  /**
   * Predecessor/successor links, rebuilt with one key column (so imports can log and undo them like other rows),
   * their source and whether a curator wrote them. The first table was never written to.
   */
  async '20261204T1200_treaty_participant_links'(db) {
    await db.schema.dropTable('treaty_participant_links').execute();
    await db.schema
      .createTable('treaty_participant_links')
      .addColumn('id', 'text', (c) => c.primaryKey()) // successor|predecessor
      .addColumn('code', 'text', (c) => c.notNull()) // the successor
      .addColumn('predecessor', 'text', (c) => c.notNull())
      .addColumn('on_date', 'text')
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('curated_by', 'text') // a curator's write (kept over later imports); null when imported
      .execute();
  },
};
