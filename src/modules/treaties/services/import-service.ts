/**
 * Imports a status file into one instrument: validated in full first (every bad line reported,
 * nothing written), then written in one transaction with an undo log, the batch's "status as at"
 * and source. Re-importing the same file changes nothing; a curator's correction is never
 * overwritten (a different imported value is reported as a conflict). Undo restores the rows as
 * they were before the batch.
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { can, platformRepos, audit, type Actor } from '../../platform/index.ts';
import { isIsoDate } from '../domain/dates.ts';
import { readStatusRows, type FileFormat, type StatementEntry, type StatusEntry } from '../domain/status-file.ts';
import type { ArticleShape } from '../domain/instruments.ts';
import { participantName, REIO_CODES } from '../domain/participants.ts';
import { IMPORTED_TABLES, type ImportedTable, type StatementRow, type TreatyDb } from '../store/tables.ts';
import { readTable } from './file-reader.ts';
import { actionRows, flatOf, merge, type Change, type Conflict, type Flat } from './import-plan.ts';
import { entryIntoForceWarnings, writeLinks } from './import-checks.ts';

export interface ImportOptions {
  instrument: string;
  asAt?: string | null;
  source?: string | null;
  file?: string | null;
  dryRun?: boolean;
}

export interface ImportReport {
  batch: string | null;
  instrument: string;
  format: FileFormat;
  dryRun: boolean;
  statusAsAt: string | null;
  source: string | null;
  rows: number;
  newParticipants: string[];
  newParties: string[];
  changedDates: Change[];
  changes: Change[];
  conflicts: Conflict[];
  warnings: FieldIssue[];
}

type Trx = Transaction<TreatyDb>;
class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const isPartyFlat = (f: Flat) => !f.withdrawal_date && (!!f.consent_action || !!f.recorded_eif);

/** Writes a row (or deletes it, row null) and logs what was there before, for undo. */
class Writer {
  private seq = 0;
  constructor(
    private readonly trx: Trx,
    private readonly batch: string,
  ) {}

  async put<T extends ImportedTable>(tbl: T, key: string, row: TreatyDb[T] | null): Promise<void> {
    const col: string = IMPORTED_TABLES[tbl];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one code path for every logged table
    const t = this.trx as Transaction<any>;
    const name: string = tbl;
    const before = await t.selectFrom(name).selectAll().where(col, '=', key).executeTakeFirst();
    if (!before && !row) return;
    if (before && row && JSON.stringify(sorted(before)) === JSON.stringify(sorted(row))) return;
    await this.trx
      .insertInto('treaty_batch_log')
      .values({
        batch_id: this.batch,
        seq: ++this.seq,
        tbl,
        row_id: key,
        before: before ? JSON.stringify(before) : null,
      })
      .execute();
    if (before) await t.deleteFrom(name).where(col, '=', key).execute();
    if (row) await t.insertInto(name).values(row).execute();
  }
}

const sorted = (o: object) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

export class TreatyImportService {
  constructor(private readonly database: ModuleDatabase) {}

  async importFile(bytes: Buffer, opts: ImportOptions, actor: Actor): Promise<ImportReport> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send a token');
    if (!can(actor, 'record.import')) throw new AppError('FORBIDDEN', 'importing treaty status needs the import right');
    if (opts.asAt && !isIsoDate(opts.asAt))
      throw new AppError('VALIDATION_FAILED', `--as-at '${opts.asAt}' is not a date (YYYY-MM-DD)`, [
        { path: 'as-at', message: 'not a date' },
      ]);
    const db = this.database.kysely<TreatyDb>();
    const inst = await db
      .selectFrom('treaty_instruments')
      .selectAll()
      .where('id', '=', opts.instrument)
      .executeTakeFirst();
    if (!inst) throw new AppError('NOT_FOUND', `instrument '${opts.instrument}' does not exist`, { field: 'treaty' });
    const table = await readTable(bytes);
    const parsed = readStatusRows(table.header, table.rows, JSON.parse(inst.articles) as ArticleShape[]);
    if (parsed.errors.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `${parsed.errors.length} problem(s) in the file; nothing was imported`,
        parsed.errors.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
      );
    const batch = `tb-${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}-${randomBytes(3).toString('hex')}`;
    try {
      return await this.database.transaction<TreatyDb, ImportReport>(async (tx) => {
        const w = new Writer(tx.trx, batch);
        const report: ImportReport = {
          batch,
          instrument: inst.id,
          format: parsed.format,
          dryRun: !!opts.dryRun,
          statusAsAt: opts.asAt ?? null,
          source: opts.source ?? null,
          rows: parsed.entries.length + parsed.statements.length + parsed.notifications.length + parsed.links.length,
          newParticipants: [],
          newParties: [],
          changedDates: [],
          changes: [],
          conflicts: [],
          warnings: [...parsed.warnings],
        };
        for (const e of parsed.entries) await this.writeEntry(tx.trx, w, inst.id, e, report);
        await writeLinks(tx.trx, (key, row) => w.put('treaty_participant_links', key, row), parsed.links, report);
        report.warnings.push(...(await entryIntoForceWarnings(tx.trx, inst.id, parsed.format, parsed.entries)));
        report.warnings.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
        if (parsed.statements.length) await this.writeStatements(tx.trx, w, inst.id, parsed.statements, report);
        for (const n of parsed.notifications) {
          const row = {
            cn_ref: n.cnRef,
            instrument_id: inst.id,
            participant: n.code,
            kind: n.kind,
            issued_on: n.issuedOn,
            url: n.url,
          };
          const old = await tx.trx
            .selectFrom('treaty_notifications')
            .selectAll()
            .where('cn_ref', '=', n.cnRef)
            .executeTakeFirst();
          if (!old || JSON.stringify(sorted(old)) !== JSON.stringify(sorted(row)))
            report.changes.push({
              line: n.line,
              participant: n.code ?? '',
              field: `notification:${n.cnRef}`,
              before: old?.kind ?? null,
              after: n.kind,
            });
          await w.put('treaty_notifications', n.cnRef, row);
        }
        report.changedDates = report.changes.filter(
          (c) => c.before !== null && (c.field.endsWith('_date') || c.field === 'recorded_eif'),
        );
        if ((opts.asAt || opts.source) && !['statements', 'notifications', 'links'].includes(parsed.format))
          await w.put('treaty_instruments', inst.id, {
            ...inst,
            status_as_at: opts.asAt ?? inst.status_as_at,
            status_source: opts.source ?? inst.status_source,
          });
        if (opts.dryRun) throw new DryRun({ ...report, batch: null });
        await tx.trx
          .insertInto('treaty_batches')
          .values({
            id: batch,
            instrument_id: inst.id,
            status_as_at: opts.asAt ?? null,
            source: opts.source ?? null,
            file: opts.file ?? null,
            format: parsed.format,
            actor: actor.label,
            imported_at: new Date().toISOString(),
            undone_at: null,
            report: JSON.stringify({ changes: report.changes.length, conflicts: report.conflicts.length }),
          })
          .execute();
        await audit(
          platformRepos(tx.trx).audit,
          actor,
          'treaty.import',
          { type: 'treaty', id: inst.id },
          {
            batch,
            changes: report.changes.length,
            conflicts: report.conflicts.length,
          },
        );
        return report;
      });
    } catch (e) {
      if (e instanceof DryRun) return e.report;
      throw e;
    }
  }

  private async writeEntry(trx: Trx, w: Writer, instrument: string, e: StatusEntry, report: ImportReport) {
    const known = await trx
      .selectFrom('treaty_participants')
      .select('code')
      .where('code', '=', e.code)
      .executeTakeFirst();
    if (!known) {
      await w.put('treaty_participants', e.code, {
        code: e.code,
        name: participantName(e.code),
        kind: REIO_CODES.has(e.code) ? 'reio' : 'state',
      });
    }
    const pid = `${instrument}|${e.code}`;
    const part = await trx.selectFrom('treaty_participation').selectAll().where('id', '=', pid).executeTakeFirst();
    const actions = await trx
      .selectFrom('treaty_actions')
      .selectAll()
      .where('instrument_id', '=', instrument)
      .where('participant', '=', e.code)
      .execute();
    const corrections = await trx
      .selectFrom('treaty_corrections')
      .selectAll()
      .where('instrument_id', '=', instrument)
      .where('participant', '=', e.code)
      .execute();
    const current = flatOf(actions, part);
    const { next, changes, conflicts } = merge(e, current, corrections);
    if (!part) report.newParticipants.push(e.code);
    if (!isPartyFlat(current) && isPartyFlat(next)) report.newParties.push(e.code);
    report.changes.push(...changes);
    report.conflicts.push(...conflicts);
    await w.put('treaty_participation', pid, {
      id: pid,
      instrument_id: instrument,
      participant: e.code,
      name_as_listed: part?.name_as_listed ?? e.name,
      recorded_eif: next.recorded_eif,
      sources: next.sources,
      notes: next.notes,
    });
    const wanted = actionRows(instrument, e.code, next);
    for (const a of wanted) {
      const old = actions.find((x) => x.id === a.id);
      await w.put('treaty_actions', a.id, { ...a, cn_ref: old?.cn_ref ?? null });
    }
    for (const old of actions) if (!wanted.some((a) => a.id === old.id)) await w.put('treaty_actions', old.id, null);
  }

  private async writeStatements(trx: Trx, w: Writer, instrument: string, list: StatementEntry[], report: ImportReport) {
    const existing = await trx
      .selectFrom('treaty_statements')
      .selectAll()
      .where('instrument_id', '=', instrument)
      .execute();
    const idOf = (s: Pick<StatementEntry, 'code' | 'label' | 'article' | 'paragraph'>) =>
      `${instrument}|${s.code}|${s.label}|${s.article ?? ''}|${s.paragraph ?? ''}`;
    const reservations = [
      ...existing.map((s) => ({
        id: s.id,
        code: s.participant,
        label: s.label,
        cls: s.classification,
        article: s.article,
      })),
      ...list.map((s) => ({ id: idOf(s), code: s.code, label: s.label, cls: s.classification, article: s.article })),
    ].filter((r) => r.label === 'reservation' || (r.cls ?? '').startsWith('reservation'));
    const errors: FieldIssue[] = [];
    const rows: StatementRow[] = [];
    for (const s of list) {
      let objectsTo: string | null = null;
      if (s.objectsTo) {
        const target = reservations.find(
          (r) => r.code === s.objectsTo && (s.article === null || r.article === s.article),
        );
        if (!target)
          errors.push({
            line: s.line,
            path: 'objects_to',
            message: `${s.objectsTo} has no reservation recorded to object to`,
          });
        else objectsTo = target.id;
      }
      rows.push({
        id: idOf(s),
        instrument_id: instrument,
        participant: s.code,
        label: s.label,
        classification: s.classification,
        article: s.article,
        paragraph: s.paragraph,
        occasion: s.occasion,
        made_on: s.madeOn,
        text: s.text,
        objects_to: objectsTo,
        cn_ref: s.cnRef,
      });
    }
    if (errors.length)
      throw new AppError('VALIDATION_FAILED', `${errors.length} problem(s); nothing was imported`, errors);
    for (const r of rows) {
      const old = existing.find((x) => x.id === r.id);
      if (!old)
        report.changes.push({
          line: null,
          participant: r.participant,
          field: `statement:${r.id}`,
          before: null,
          after: r.label,
        });
      else if (JSON.stringify(sorted(old)) !== JSON.stringify(sorted(r)))
        report.changes.push({
          line: null,
          participant: r.participant,
          field: `statement:${r.id}`,
          before: old.label,
          after: r.label,
        });
      await w.put('treaty_statements', r.id, r);
    }
  }

  /**
   * Takes a batch back: every row it wrote is restored as it was. Refused while a later batch of the same
   * instrument that wrote something is in place (undo that one first).
   */
  async undo(batchId: string, actor: Actor): Promise<{ batch: string; restored: number }> {
    if (!can(actor, 'record.import')) throw new AppError('FORBIDDEN', 'undoing an import needs the import right');
    return this.database.transaction<TreatyDb, { batch: string; restored: number }>(async (tx) => {
      const b = await tx.trx.selectFrom('treaty_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
      if (!b) throw new AppError('NOT_FOUND', `import batch '${batchId}' does not exist`, { field: 'BATCH' });
      if (b.undone_at) throw new AppError('CONFLICT', `import batch '${batchId}' was already undone on ${b.undone_at}`);
      const later = await tx.trx
        .selectFrom('treaty_batches')
        .select('id')
        .where('instrument_id', '=', b.instrument_id)
        .where('undone_at', 'is', null)
        .where('imported_at', '>', b.imported_at)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('treaty_batch_log')
              .select('seq')
              .whereRef('treaty_batch_log.batch_id', '=', 'treaty_batches.id'),
          ),
        )
        .execute();
      if (later.length)
        throw new AppError(
          'CONFLICT',
          `undo the later batches of ${b.instrument_id} first: ${later.map((l) => l.id).join(', ')}`,
        );
      const log = await tx.trx
        .selectFrom('treaty_batch_log')
        .selectAll()
        .where('batch_id', '=', batchId)
        .orderBy('seq', 'desc')
        .execute();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one code path for every logged table
      const t = tx.trx as Transaction<any>;
      for (const l of log) {
        const col: string = IMPORTED_TABLES[l.tbl as ImportedTable];
        // A link a curator has since written over the imported one stays (as corrections do).
        if (l.tbl === 'treaty_participant_links') {
          const now = await tx.trx
            .selectFrom('treaty_participant_links')
            .select('curated_by')
            .where('id', '=', l.row_id)
            .executeTakeFirst();
          if (now?.curated_by) continue;
        }
        await t.deleteFrom(l.tbl).where(col, '=', l.row_id).execute();
        if (l.before) await t.insertInto(l.tbl).values(JSON.parse(l.before)).execute();
      }
      await tx.trx
        .updateTable('treaty_batches')
        .set({ undone_at: new Date().toISOString() })
        .where('id', '=', batchId)
        .execute();
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'treaty.undo',
        { type: 'treaty', id: b.instrument_id },
        { batch: batchId },
      );
      return { batch: batchId, restored: log.length };
    });
  }

  async batches(instrument?: string) {
    let q = this.database.kysely<TreatyDb>().selectFrom('treaty_batches').selectAll().orderBy('imported_at', 'desc');
    if (instrument) q = q.where('instrument_id', '=', instrument);
    return q.execute();
  }
}
