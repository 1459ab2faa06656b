/**
 * What an import would change, worked out before anything is written: per participant the fields
 * as they stand, as the file has them, and as they will be (a file's empty cell keeps what is
 * there; a curator's correction is kept, and a different imported value is reported as a conflict).
 */
import type { StatusEntry } from '../domain/status-file.ts';
import type { ActionRow, CorrectionRow, ParticipationRow } from '../store/tables.ts';
import { LETTER_OF } from '../domain/actions.ts';

export const FLAT_FIELDS = [
  'signature_date',
  'consent_date',
  'consent_action',
  'consent_letter',
  'withdrawal_date',
  'recorded_eif',
  'sources',
  'notes',
] as const;
export type FlatField = (typeof FLAT_FIELDS)[number];
export type Flat = Record<FlatField, string | null>;
/** The fields a curator may correct. */
export const CORRECTABLE: readonly FlatField[] = [
  'signature_date',
  'consent_date',
  'consent_action',
  'withdrawal_date',
  'recorded_eif',
];

export interface Change {
  line: number | null;
  participant: string;
  field: string;
  before: string | null;
  after: string | null;
}

export interface Conflict {
  line: number;
  participant: string;
  field: FlatField | 'link';
  imported: string | null;
  corrected: string | null;
  note: string;
}

export function flatOf(actions: readonly ActionRow[], p: ParticipationRow | undefined): Flat {
  const slot = (s: string) => actions.find((a) => a.slot === s);
  const c = slot('consent');
  return {
    signature_date: slot('signature')?.deposit_date ?? null,
    consent_date: c?.deposit_date ?? null,
    consent_action: c?.action ?? null,
    consent_letter: c?.letter ?? null,
    withdrawal_date: slot('withdrawal')?.deposit_date ?? null,
    recorded_eif: p?.recorded_eif ?? null,
    sources: p?.sources ?? null,
    notes: p?.notes ?? null,
  };
}

export function flatOfEntry(e: StatusEntry): Partial<Flat> {
  const out: Partial<Flat> = {};
  if (e.signature) out.signature_date = e.signature;
  if (e.consent) {
    if (e.consent.date) out.consent_date = e.consent.date;
    out.consent_action = e.consent.action;
    out.consent_letter = e.consent.letter ?? LETTER_OF[e.consent.action] ?? null;
  }
  if (e.withdrawal) out.withdrawal_date = e.withdrawal.date;
  if (e.recordedEif) out.recorded_eif = e.recordedEif;
  if (e.sources) out.sources = e.sources;
  if (e.notes) out.notes = e.notes;
  return out;
}

/** The fields after the import, its changes and its conflicts with corrections. */
export function merge(
  e: StatusEntry,
  current: Flat,
  corrections: readonly CorrectionRow[],
): { next: Flat; changes: Change[]; conflicts: Conflict[] } {
  const imported = flatOfEntry(e);
  const next = { ...current };
  const changes: Change[] = [];
  const conflicts: Conflict[] = [];
  for (const f of FLAT_FIELDS) {
    if (!(f in imported)) continue;
    const value = imported[f] ?? null;
    const correctedField = f === 'consent_letter' ? 'consent_action' : f;
    const correction = corrections.find((c) => c.field === correctedField);
    if (correction) {
      if (f !== 'consent_letter' && value !== correction.value)
        conflicts.push({
          line: e.line,
          participant: e.code,
          field: f,
          imported: value,
          corrected: correction.value,
          note: correction.note,
        });
      continue;
    }
    if (value !== current[f]) {
      changes.push({ line: e.line, participant: e.code, field: f, before: current[f], after: value });
      next[f] = value;
    }
  }
  return { next, changes, conflicts };
}

/** The action rows a participant's fields make. */
export function actionRows(instrument: string, code: string, f: Flat): ActionRow[] {
  const row = (slot: string, action: string, date: string | null, letter: string | null): ActionRow => ({
    id: `${instrument}|${code}|${slot}`,
    instrument_id: instrument,
    participant: code,
    slot,
    action,
    letter,
    deposit_date: date,
    cn_ref: null,
  });
  const out: ActionRow[] = [];
  if (f.signature_date) out.push(row('signature', 'signature', f.signature_date, null));
  if (f.consent_action) out.push(row('consent', f.consent_action, f.consent_date, f.consent_letter));
  if (f.withdrawal_date) out.push(row('withdrawal', 'withdrawal', f.withdrawal_date, null));
  return out;
}
