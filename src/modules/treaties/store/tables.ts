/** Row types of the treaty tables (see migrations.ts). */
export interface InstrumentRow {
  id: string;
  title: string;
  short_title: string;
  adopted_place: string | null;
  adopted_on: string | null;
  adopted_by: string | null;
  signature_opened: string | null;
  entry_into_force: string | null;
  parent_id: string | null;
  eif_rule: string;
  articles: string;
  un_url: string | null;
  status_as_at: string | null;
  status_source: string | null;
}
export interface ParticipantRow {
  code: string;
  name: string;
  kind: string;
}
export interface ParticipantNameRow {
  code: string;
  name: string;
  valid_from: string | null;
  valid_to: string | null;
  note: string | null;
}
export interface ParticipantLinkRow {
  id: string;
  code: string;
  predecessor: string;
  on_date: string | null;
  source: string;
  note: string | null;
  curated_by: string | null;
}
export interface ActionRow {
  id: string;
  instrument_id: string;
  participant: string;
  slot: string;
  action: string;
  letter: string | null;
  deposit_date: string | null;
  cn_ref: string | null;
}
export interface ParticipationRow {
  id: string;
  instrument_id: string;
  participant: string;
  name_as_listed: string;
  recorded_eif: string | null;
  sources: string | null;
  notes: string | null;
}
export interface StatementRow {
  id: string;
  instrument_id: string;
  participant: string;
  label: string;
  classification: string | null;
  article: number | null;
  paragraph: string | null;
  occasion: string | null;
  made_on: string | null;
  text: string | null;
  objects_to: string | null;
  cn_ref: string | null;
}
export interface NotificationRow {
  cn_ref: string;
  instrument_id: string;
  participant: string | null;
  kind: string;
  issued_on: string | null;
  url: string | null;
}
export interface BatchRow {
  id: string;
  instrument_id: string;
  status_as_at: string | null;
  source: string | null;
  file: string | null;
  format: string;
  actor: string;
  imported_at: string;
  undone_at: string | null;
  report: string;
}
export interface BatchLogRow {
  batch_id: string;
  seq: number;
  tbl: string;
  row_id: string;
  before: string | null;
}
export interface CorrectionRow {
  id: string;
  instrument_id: string;
  participant: string;
  field: string;
  value: string | null;
  note: string;
  actor: string;
  made_at: string;
}

export interface TreatyDb {
  treaty_instruments: InstrumentRow;
  treaty_participants: ParticipantRow;
  treaty_participant_names: ParticipantNameRow;
  treaty_participant_links: ParticipantLinkRow;
  treaty_actions: ActionRow;
  treaty_participation: ParticipationRow;
  treaty_statements: StatementRow;
  treaty_notifications: NotificationRow;
  treaty_batches: BatchRow;
  treaty_batch_log: BatchLogRow;
  treaty_corrections: CorrectionRow;
}

/** The tables an import writes (and its undo restores), with their key column. */
export const IMPORTED_TABLES = {
  treaty_instruments: 'id',
  treaty_participants: 'code',
  treaty_actions: 'id',
  treaty_participation: 'id',
  treaty_statements: 'id',
  treaty_notifications: 'cn_ref',
  treaty_participant_links: 'id',
} as const;
export type ImportedTable = keyof typeof IMPORTED_TABLES;
