/** The treaty tables as CSV (one header of column keys), for `?format=csv` and the `.csv` URLs. */
import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import type { ParticipantStatus, StatementView } from '../services/status-model.ts';
import type { InstrumentSummary } from '../services/treaty-service.ts';
import { NOTIFICATION_COLUMNS, PALERMO_COLUMNS, STATEMENT_COLUMNS } from '../domain/status-file.ts';
import { LINK_COLUMNS } from '../domain/link-file.ts';
import { participantName } from '../domain/participants.ts';
import type { NotificationRow, ParticipantLinkRow } from '../store/tables.ts';
import type { ParticipantLinks } from '../services/link-service.ts';

export function sendCsv(reply: FastifyReply, name: string, rows: readonly (readonly unknown[])[]): FastifyReply {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="palermo-${name}.csv"`)
    .send(stringify(rows as unknown[][]));
}

/** The participants in our own import format (palermo treaty import reads it back). */
export function participantRows(ps: readonly ParticipantStatus[]): unknown[][] {
  return [
    [...PALERMO_COLUMNS],
    ...ps.map((p) => [
      p.code,
      p.nameAsListed,
      p.signature?.date ?? '',
      p.consent?.date ?? '',
      p.consent?.action ?? '',
      p.consent?.letter ?? '',
      p.withdrawal?.date ?? '',
      p.recordedEntryIntoForce ?? '',
      p.entryIntoForce ?? '',
      p.sources.join(';'),
      p.notes ?? '',
    ]),
  ];
}

export function partiesAtRows(ps: readonly (ParticipantStatus & { inForce: boolean })[]): unknown[][] {
  return [
    ['code', 'participant', 'consent_date', 'consent_action', 'entry_into_force', 'in_force'],
    ...ps.map((p) => [
      p.code,
      p.name,
      p.consent?.date ?? '',
      p.consent?.action ?? '',
      p.entryIntoForce ?? '',
      p.inForce,
    ]),
  ];
}

export function statementRows(ss: readonly StatementView[], nameOf: (code: string) => string): unknown[][] {
  return [
    [...STATEMENT_COLUMNS],
    ...ss.map((s) => [
      nameOf(s.participant),
      s.label,
      s.classification ?? '',
      s.article ?? '',
      s.paragraph ?? '',
      s.occasion ?? '',
      s.date ?? '',
      s.text ?? '',
      s.objectsTo ? nameOf(s.objectsTo.split('|')[1] ?? '') : '',
      s.cnRef ?? '',
    ]),
  ];
}

export function summaryRows(list: readonly InstrumentSummary[]): unknown[][] {
  return [
    ['id', 'short_title', 'title', 'adopted_on', 'entry_into_force', 'signatories', 'parties', 'status_as_at'],
    ...list.map((i) => [
      i.id,
      i.shortTitle,
      i.title,
      i.adoptedOn ?? '',
      i.entryIntoForce ?? '',
      i.signatories,
      i.parties,
      i.statusAsAt ?? '',
    ]),
  ];
}

export interface NotificationItem {
  cnRef: string;
  participant: string | null;
  participantName: string | null;
  kind: string;
  date: string | null;
  url: string | null;
}

export const notificationItems = (rows: readonly NotificationRow[]): NotificationItem[] =>
  rows.map((n) => ({
    cnRef: n.cn_ref,
    participant: n.participant,
    participantName: n.participant ? participantName(n.participant) : null,
    kind: n.kind,
    date: n.issued_on,
    url: n.url,
  }));

/** The notifications in our import format (cn_ref, participant, kind, date, url). */
export function notificationRows(items: readonly NotificationItem[]): unknown[][] {
  return [
    [...NOTIFICATION_COLUMNS],
    ...items.map((n) => [n.cnRef, n.participantName ?? '', n.kind, n.date ?? '', n.url ?? '']),
  ];
}

/** One participant's links in our import format (participant, relation, other, date, source, note). */
export function linkRows(code: string, l: ParticipantLinks): unknown[][] {
  const row = (relation: string) => (x: ParticipantLinks['predecessors'][number]) => [
    code,
    relation,
    x.code,
    x.date ?? '',
    x.source,
    x.note ?? '',
  ];
  return [[...LINK_COLUMNS], ...l.predecessors.map(row('successor_of')), ...l.successors.map(row('predecessor_of'))];
}

/** Every link, each once (successor_of), in our import format. */
export function allLinkRows(rows: readonly ParticipantLinkRow[]): unknown[][] {
  return [
    [...LINK_COLUMNS],
    ...rows.map((r) => [r.code, 'successor_of', r.predecessor, r.on_date ?? '', r.source, r.note ?? '']),
  ];
}
