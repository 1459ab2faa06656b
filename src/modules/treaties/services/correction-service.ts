/**
 * A curator's correction of one field of a participant's status (a date, the kind of instrument).
 * It is applied at once and kept: later imports leave it in place and report a differing value as
 * a conflict (see import-plan.ts). Every correction is in the audit log.
 */
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import { AppError } from '../../../kernel/errors.ts';
import { can, platformRepos, audit, recordVersions, type Actor } from '../../platform/index.ts';
import { CONSENT_ACTIONS, LETTER_OF, type TreatyAction } from '../domain/actions.ts';
import { isIsoDate } from '../domain/dates.ts';
import type { CorrectionRow, TreatyDb } from '../store/tables.ts';
import { actionRows, CORRECTABLE, flatOf, type FlatField } from './import-plan.ts';

export interface CorrectionInput {
  instrument: string;
  participant: string;
  field: FlatField;
  value: string | null;
  note: string;
}

export class TreatyCorrectionService {
  constructor(private readonly database: ModuleDatabase) {}

  async correct(input: CorrectionInput, actor: Actor): Promise<CorrectionRow> {
    if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send a token');
    if (!can(actor, 'record.edit_any'))
      throw new AppError('FORBIDDEN', 'correcting treaty status needs the editor right');
    const issues = [];
    if (!CORRECTABLE.includes(input.field))
      issues.push({ path: 'field', message: `'${input.field}' cannot be corrected`, allowed: CORRECTABLE });
    if (input.value !== null) {
      if (input.field === 'consent_action' && !CONSENT_ACTIONS.includes(input.value as TreatyAction))
        issues.push({ path: 'value', message: `unknown action '${input.value}'`, allowed: CONSENT_ACTIONS });
      if (input.field !== 'consent_action' && !isIsoDate(input.value))
        issues.push({ path: 'value', message: `'${input.value}' is not a date (YYYY-MM-DD)` });
    }
    if (!input.note.trim())
      issues.push({ path: 'note', message: 'say why (and on what source) the value is corrected' });
    if (issues.length) throw new AppError('VALIDATION_FAILED', 'the correction is not valid', issues);
    return this.database.transaction<TreatyDb, CorrectionRow>(async (tx) => {
      const pid = `${input.instrument}|${input.participant}`;
      const part = await tx.trx.selectFrom('treaty_participation').selectAll().where('id', '=', pid).executeTakeFirst();
      if (!part) throw new AppError('NOT_FOUND', `${input.participant} has no status recorded for ${input.instrument}`);
      const actions = await tx.trx
        .selectFrom('treaty_actions')
        .selectAll()
        .where('instrument_id', '=', input.instrument)
        .where('participant', '=', input.participant)
        .execute();
      const flat = flatOf(actions, part);
      const before = flat[input.field];
      flat[input.field] = input.value;
      if (input.field === 'consent_action')
        flat.consent_letter = input.value ? (LETTER_OF[input.value as TreatyAction] ?? null) : null;
      await tx.trx
        .updateTable('treaty_participation')
        .set({ recorded_eif: flat.recorded_eif })
        .where('id', '=', pid)
        .execute();
      await tx.trx
        .deleteFrom('treaty_actions')
        .where('instrument_id', '=', input.instrument)
        .where('participant', '=', input.participant)
        .execute();
      const rows = actionRows(input.instrument, input.participant, flat).map((a) => ({
        ...a,
        cn_ref: actions.find((x) => x.id === a.id)?.cn_ref ?? null,
      }));
      if (rows.length) await tx.trx.insertInto('treaty_actions').values(rows).execute();
      const row: CorrectionRow = {
        id: `${pid}|${input.field}`,
        instrument_id: input.instrument,
        participant: input.participant,
        field: input.field,
        value: input.value,
        note: input.note.trim(),
        actor: actor.label,
        made_at: new Date().toISOString(),
      };
      await tx.trx.deleteFrom('treaty_corrections').where('id', '=', row.id).execute();
      await tx.trx.insertInto('treaty_corrections').values(row).execute();
      // Each correction is a version of the participant's status under the instrument (record_versions).
      const versions = await recordVersions.list(tx.trx, 'treaty-participant', pid);
      await recordVersions.add(tx.trx, {
        kind: 'treaty-participant',
        id: pid,
        version: versions.length + 1,
        status: 'published',
        record: flat,
        action: 'correct',
        changed: [input.field],
        actorId: actor.id,
        actorLabel: actor.label,
        at: row.made_at,
      });
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'treaty.correct',
        { type: 'treaty', id: input.instrument },
        {
          participant: input.participant,
          field: input.field,
          before,
          after: input.value,
        },
      );
      return row;
    });
  }

  /** The versions of a participant's status that corrections made, oldest first. */
  async versions(instrument: string, participant: string) {
    return recordVersions.list(this.database.kysely(), 'treaty-participant', `${instrument}|${participant}`);
  }

  async list(instrument: string): Promise<CorrectionRow[]> {
    return this.database
      .kysely<TreatyDb>()
      .selectFrom('treaty_corrections')
      .selectAll()
      .where('instrument_id', '=', instrument)
      .orderBy('participant')
      .execute();
  }
}
