/**
 * Parts of an import that are not one instrument's status rows: predecessor/successor links (a curator's
 * link is kept, a differing imported one reported as a conflict), and the check that a recorded entry into
 * force agrees with the one computed from the deposit (a warning naming the line and both dates).
 */
import type { Transaction } from 'kysely';
import type { FieldIssue } from '../../../kernel/errors.ts';
import type { LinkEntry } from '../domain/link-file.ts';
import type { FileFormat, StatusEntry } from '../domain/status-file.ts';
import type { ParticipantLinkRow, TreatyDb } from '../store/tables.ts';
import type { Change, Conflict } from './import-plan.ts';
import { buildStatus } from './status-model.ts';

type Trx = Transaction<TreatyDb>;
type Put = (key: string, row: ParticipantLinkRow) => Promise<void>;

export async function writeLinks(
  trx: Trx,
  put: Put,
  links: readonly LinkEntry[],
  report: { changes: Change[]; conflicts: Conflict[] },
): Promise<void> {
  for (const l of links) {
    const id = `${l.successor}|${l.predecessor}`;
    const old = await trx.selectFrom('treaty_participant_links').selectAll().where('id', '=', id).executeTakeFirst();
    const row: ParticipantLinkRow = {
      id,
      code: l.successor,
      predecessor: l.predecessor,
      on_date: l.date,
      source: l.source,
      note: l.note,
      curated_by: null,
    };
    const text = (r: ParticipantLinkRow) => `successor of ${r.predecessor}${r.on_date ? ` on ${r.on_date}` : ''}`;
    if (old?.curated_by) {
      if (old.on_date !== row.on_date || old.source !== row.source)
        report.conflicts.push({
          line: l.line,
          participant: l.successor,
          field: 'link',
          imported: text(row),
          corrected: text(old),
          note: `recorded by ${old.curated_by}; the curator's link is kept`,
        });
      continue;
    }
    if (!old || old.on_date !== row.on_date || old.source !== row.source || old.note !== row.note)
      report.changes.push({
        line: l.line,
        participant: l.successor,
        field: `link:${l.predecessor}`,
        before: old ? text(old) : null,
        after: text(row),
      });
    await put(id, row);
  }
}

const EIF_FIELD: Partial<Record<FileFormat, string>> = {
  partial: 'entry_into_force_date',
  palermo: 'recorded_entry_into_force',
};

/**
 * After the rows are written (inside the import's transaction): every line of the file whose participant has a
 * recorded entry into force that differs from the computed one.
 */
export async function entryIntoForceWarnings(
  trx: Trx,
  instrument: string,
  format: FileFormat,
  entries: readonly StatusEntry[],
): Promise<FieldIssue[]> {
  if (!entries.length) return [];
  const row = await trx
    .selectFrom('treaty_instruments')
    .selectAll()
    .where('id', '=', instrument)
    .executeTakeFirstOrThrow();
  const parent = row.parent_id
    ? await trx
        .selectFrom('treaty_instruments')
        .select('entry_into_force')
        .where('id', '=', row.parent_id)
        .executeTakeFirst()
    : undefined;
  const [participants, participation, actions] = await Promise.all([
    trx.selectFrom('treaty_participants').selectAll().execute(),
    trx.selectFrom('treaty_participation').selectAll().where('instrument_id', '=', instrument).execute(),
    trx.selectFrom('treaty_actions').selectAll().where('instrument_id', '=', instrument).execute(),
  ]);
  const status = buildStatus(row, parent?.entry_into_force ?? null, participants, participation, actions, []);
  const out: FieldIssue[] = [];
  for (const e of entries) {
    const d = status.participants.find((p) => p.code === e.code)?.entryIntoForceDetail;
    if (!d?.disagrees) continue;
    out.push({
      line: e.line,
      path: EIF_FIELD[format] ?? 'entry_into_force',
      message:
        `${e.code}: the recorded entry into force (${d.recorded}) differs from the one computed from the deposit ` +
        `under article ${status.instrument.eifRule.article} (${d.computed})`,
    });
  }
  return out;
}
