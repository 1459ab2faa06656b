/**
 * A status file, read: the UN Treaty Collection's status table (saved as CSV or XLSX), our own CSV
 * export, the shared partial parties table, or a CSV of declarations, reservations and objections.
 * The format is told by the header. Each row becomes an entry or an issue naming its line and field;
 * nothing here touches the database.
 */
import type { FieldIssue } from '../../../kernel/errors.ts';
import { CONSENT_ACTIONS, LETTERS, type TreatyAction } from './actions.ts';
import { parseTableDate } from './dates.ts';
import { closestParticipants, resolveParticipant } from './participants.ts';
import { articleProblem, type ArticleShape } from './instruments.ts';
import { readLinkRows, type LinkEntry } from './link-file.ts';

export type FileFormat = 'untc' | 'partial' | 'palermo' | 'statements' | 'notifications' | 'links';
export const FILE_FORMATS: readonly FileFormat[] = [
  'untc',
  'partial',
  'palermo',
  'statements',
  'notifications',
  'links',
];

export interface Row {
  line: number;
  cells: Record<string, string>;
}

export interface StatusEntry {
  line: number;
  code: string;
  name: string;
  signature: string | null;
  consent: { date: string | null; action: TreatyAction; letter: string | null } | null;
  withdrawal: { date: string; action: 'withdrawal' | 'denunciation' } | null;
  recordedEif: string | null;
  sources: string | null;
  notes: string | null;
}

export interface StatementEntry {
  line: number;
  code: string;
  label: string;
  classification: string | null;
  article: number | null;
  paragraph: string | null;
  occasion: string | null;
  madeOn: string | null;
  text: string | null;
  objectsTo: string | null;
  cnRef: string | null;
}

export interface NotificationEntry {
  line: number;
  cnRef: string;
  code: string | null;
  kind: string;
  issuedOn: string | null;
  url: string | null;
}

export const NOTIFICATION_COLUMNS = ['cn_ref', 'participant', 'kind', 'date', 'url'] as const;
export const NOTIFICATION_KINDS = [
  'signature',
  'ratification',
  'acceptance',
  'approval',
  'accession',
  'succession',
  'reservation',
  'declaration',
  'objection',
  'withdrawal',
  'denunciation',
  'communication',
  'correction',
  'other',
];
/** A depositary notification's reference: C.N.13.2015.TREATIES-XVIII.10, C.N.116.2018.TREATIES-XVIII-12-a ... */
export const CN_REF = /^C\.N\.\d+\.\d{4}\.TREATIES(-[A-Z0-9]+([.-][A-Za-z0-9]+)*)?$/;

export interface ParsedFile {
  format: FileFormat;
  entries: StatusEntry[];
  statements: StatementEntry[];
  notifications: NotificationEntry[];
  links: LinkEntry[];
  errors: FieldIssue[];
  warnings: FieldIssue[];
}

export const PALERMO_COLUMNS = [
  'code',
  'participant',
  'signature_date',
  'consent_date',
  'consent_action',
  'consent_letter',
  'withdrawal_date',
  'recorded_entry_into_force',
  'entry_into_force',
  'sources',
  'notes',
] as const;
const PARTIAL_COLUMNS = ['participant', 'signature_date', 'consent_date', 'consent_type', 'entry_into_force_date'];
export const STATEMENT_COLUMNS = [
  'participant',
  'label',
  'classification',
  'article',
  'paragraph',
  'occasion',
  'date',
  'text',
  'objects_to',
  'cn_ref',
] as const;
export const STATEMENT_LABELS = ['reservation', 'declaration', 'objection', 'notification', 'communication'];

/** The format a header belongs to, or null. */
export function formatOf(header: readonly string[]): FileFormat | null {
  const h = new Set(header.map((c) => c.trim()));
  if (h.has('Participant') && h.has('Signature') && header.some((c) => /^Ratification/i.test(c.trim()))) return 'untc';
  if (PALERMO_COLUMNS.slice(0, 5).every((c) => h.has(c))) return 'palermo';
  if (PARTIAL_COLUMNS.every((c) => h.has(c))) return 'partial';
  if (['participant', 'label', 'article'].every((c) => h.has(c))) return 'statements';
  if (['cn_ref', 'kind', 'date'].every((c) => h.has(c))) return 'notifications';
  if (['participant', 'relation', 'other'].every((c) => h.has(c))) return 'links';
  return null;
}

const blank = (s: string | undefined) => (s ?? '').trim();
const orNull = (s: string | undefined) => blank(s) || null;

class Reader {
  errors: FieldIssue[] = [];
  warnings: FieldIssue[] = [];
  error(line: number, path: string, message: string, allowed?: readonly string[]): void {
    this.errors.push({ line, path, message, ...(allowed ? { allowed } : {}) });
  }
  date(line: number, field: string, raw: string | undefined): string | null {
    const d = parseTableDate(blank(raw));
    if (d === 'invalid') {
      this.error(line, field, `'${blank(raw)}' is not a date that exists (expected e.g. 21 Aug 2002 or 2002-08-21)`);
      return null;
    }
    return d;
  }
  participant(line: number, field: string, raw: string | undefined): string | null {
    const name = blank(raw);
    if (!name) {
      this.error(line, field, 'the participant is missing');
      return null;
    }
    const code = resolveParticipant(name);
    if (!code) {
      const near = closestParticipants(name);
      this.error(line, field, `participant '${name}' is not known; closest: ${near.join(', ')}`, near);
      return null;
    }
    return code;
  }
}

/** "9 Mar 2004 a" -> the date and the action its letter stands for (no letter: ratification). */
function untcConsent(r: Reader, line: number, field: string, raw: string): StatusEntry['consent'] {
  const s = raw.trim();
  if (!s) return null;
  const m = /^(.*?\d{4})\s*([A-Za-z]{1,3})?\s*$/.exec(s);
  if (!m) {
    r.error(line, field, `'${s}' is not a date with an optional letter (e.g. 9 Mar 2004 a)`);
    return null;
  }
  const date = r.date(line, field, m[1]);
  const letter = m[2] ?? null;
  if (letter !== null && !LETTERS[letter]) {
    r.error(line, field, `unknown action letter '${letter}'`, Object.keys(LETTERS));
    return null;
  }
  return date ? { date, action: letter ? LETTERS[letter]! : 'ratification', letter } : null;
}

const CONSENT_WORDS: Record<string, TreatyAction> = {
  ratification: 'ratification',
  accession: 'accession',
  acceptance: 'acceptance',
  approval: 'approval',
  succession: 'succession',
  instrument: 'consent',
};

function entryChecks(r: Reader, e: StatusEntry, seen: Map<string, number>): void {
  const first = seen.get(e.code);
  if (first !== undefined) {
    const what = e.consent ? 'a second consent to be bound' : 'a second row';
    r.error(e.line, e.consent ? 'consent' : 'participant', `${what} for ${e.code} (first on line ${first})`);
  } else seen.set(e.code, e.line);
  const ratifying = e.consent && ['ratification', 'acceptance', 'approval'].includes(e.consent.action);
  if (ratifying && e.signature && e.consent!.date && e.consent!.date < e.signature)
    r.warnings.push({
      line: e.line,
      path: 'consent',
      message: `${e.consent!.action} (${e.consent!.date}) is dated before the signature (${e.signature})`,
    });
}

function statusRow(r: Reader, format: FileFormat, row: Row, header: readonly string[]): StatusEntry | null {
  const { line, cells: c } = row;
  if (format === 'untc') {
    const consentCol = header.find((h) => /^Ratification/i.test(h.trim()))!;
    const code = r.participant(line, 'Participant', c.Participant);
    const signature = r.date(line, 'Signature', c.Signature);
    const consent = untcConsent(r, line, consentCol, c[consentCol] ?? '');
    if (!code) return null;
    const name = blank(c.Participant);
    return { line, code, name, signature, consent, withdrawal: null, recordedEif: null, sources: null, notes: null };
  }
  if (format === 'partial') {
    const code = r.participant(line, 'participant', c.participant);
    const signature = r.date(line, 'signature_date', c.signature_date);
    const date = r.date(line, 'consent_date', c.consent_date);
    const eif = r.date(line, 'entry_into_force_date', c.entry_into_force_date);
    const type = blank(c.consent_type);
    let action: TreatyAction | null = null;
    if (type) {
      action = CONSENT_WORDS[type.split(/[\s(]/)[0]!.toLowerCase()] ?? null;
      if (!action) r.error(line, 'consent_type', `unknown consent type '${type}'`, Object.keys(CONSENT_WORDS));
    } else if (date) action = 'consent';
    if (!code) return null;
    const notes = [type && action !== null && type !== action ? type : '', blank(c.notes)].filter(Boolean).join('; ');
    return {
      line,
      code,
      name: blank(c.participant),
      signature,
      consent: action ? { date, action, letter: null } : null,
      withdrawal: null,
      recordedEif: eif,
      sources: orNull(c.sources),
      notes: notes || null,
    };
  }
  // palermo
  const code = r.participant(line, 'code', blank(c.code) || c.participant);
  const signature = r.date(line, 'signature_date', c.signature_date);
  const date = r.date(line, 'consent_date', c.consent_date);
  const withdrawal = r.date(line, 'withdrawal_date', c.withdrawal_date);
  const eif = r.date(line, 'recorded_entry_into_force', c.recorded_entry_into_force);
  const actionRaw = blank(c.consent_action);
  const letter = orNull(c.consent_letter);
  let action: TreatyAction | null = null;
  if (actionRaw) {
    if (CONSENT_ACTIONS.includes(actionRaw as TreatyAction)) action = actionRaw as TreatyAction;
    else r.error(line, 'consent_action', `unknown consent action '${actionRaw}'`, CONSENT_ACTIONS);
  }
  if (letter && !LETTERS[letter])
    r.error(line, 'consent_letter', `unknown action letter '${letter}'`, Object.keys(LETTERS));
  if (!code) return null;
  return {
    line,
    code,
    name: blank(c.participant) || code,
    signature,
    consent: action ? { date, action, letter } : null,
    withdrawal: withdrawal ? { date: withdrawal, action: 'withdrawal' } : null,
    recordedEif: eif,
    sources: orNull(c.sources),
    notes: orNull(c.notes),
  };
}

function statementRow(r: Reader, row: Row, articles: readonly ArticleShape[]): StatementEntry | null {
  const { line, cells: c } = row;
  const code = r.participant(line, 'participant', c.participant);
  const label = blank(c.label).toLowerCase();
  if (!STATEMENT_LABELS.includes(label)) r.error(line, 'label', `unknown label '${c.label ?? ''}'`, STATEMENT_LABELS);
  const artRaw = blank(c.article);
  let article: number | null = null;
  const paragraph = orNull(c.paragraph);
  if (artRaw) {
    if (!/^\d+$/.test(artRaw)) r.error(line, 'article', `'${artRaw}' is not an article number`);
    else {
      article = Number(artRaw);
      const problem = articleProblem(articles, article, paragraph);
      if (problem === 'article') r.error(line, 'article', `the instrument has no article ${article}`);
      if (problem === 'paragraph') r.error(line, 'paragraph', `article ${article} has no paragraph ${paragraph}`);
    }
  }
  const madeOn = r.date(line, 'date', c.date);
  const objectsTo = orNull(c.objects_to);
  let target: string | null = null;
  if (objectsTo) target = r.participant(line, 'objects_to', objectsTo);
  if (label === 'objection' && !objectsTo)
    r.error(line, 'objects_to', 'an objection names the participant whose reservation it objects to');
  if (!code) return null;
  return {
    line,
    code,
    label,
    classification: orNull(c.classification),
    article,
    paragraph,
    occasion: orNull(c.occasion),
    madeOn,
    text: orNull(c.text),
    objectsTo: target,
    cnRef: orNull(c.cn_ref),
  };
}

function notificationRow(r: Reader, row: Row): NotificationEntry | null {
  const { line, cells: c } = row;
  const cnRef = blank(c.cn_ref);
  if (!CN_REF.test(cnRef))
    r.error(line, 'cn_ref', `'${cnRef}' is not a C.N. reference (e.g. C.N.116.2018.TREATIES-XVIII-12-a)`);
  const code = blank(c.participant) ? r.participant(line, 'participant', c.participant) : null;
  const kind = blank(c.kind).toLowerCase();
  if (!NOTIFICATION_KINDS.includes(kind)) r.error(line, 'kind', `unknown kind '${c.kind ?? ''}'`, NOTIFICATION_KINDS);
  const issuedOn = r.date(line, 'date', c.date);
  const url = orNull(c.url);
  if (url && !/^https?:\/\//.test(url)) r.error(line, 'url', 'a link starts with http:// or https://');
  return { line, cnRef, code, kind, issuedOn, url };
}

/** Reads rows of one format; `articles` is the instrument's shape (for statements). */
export function readStatusRows(
  header: readonly string[],
  rows: readonly Row[],
  articles: readonly ArticleShape[],
): ParsedFile {
  const format = formatOf(header);
  const r = new Reader();
  const out: ParsedFile = {
    notifications: [],
    links: [],
    format: format ?? 'palermo',
    entries: [],
    statements: [],
    errors: r.errors,
    warnings: r.warnings,
  };
  if (!format) {
    r.error(1, 'header', `the header matches no known format (UNTC status table, ${PALERMO_COLUMNS.join(',')}, ...)`);
    return out;
  }
  if (format === 'links') {
    const { links, errors } = readLinkRows(rows);
    out.links = links;
    r.errors.push(...errors);
    return out;
  }
  const seen = new Map<string, number>();
  const seenStatements = new Map<string, number>();
  for (const row of rows) {
    if (Object.values(row.cells).every((v) => !v.trim())) continue;
    if (format === 'notifications') {
      const n = notificationRow(r, row);
      if (n && out.notifications.some((x) => x.cnRef === n.cnRef)) r.error(row.line, 'cn_ref', `${n.cnRef} again`);
      if (n) out.notifications.push(n);
      continue;
    }
    if (format === 'statements') {
      const s = statementRow(r, row, articles);
      if (!s) continue;
      const key = [s.code, s.label, s.article, s.paragraph].join('|');
      if (seenStatements.has(key))
        r.error(row.line, 'participant', `the same ${s.label} again (line ${seenStatements.get(key)})`);
      seenStatements.set(key, row.line);
      out.statements.push(s);
    } else {
      const e = statusRow(r, format, row, header);
      if (!e) continue;
      entryChecks(r, e, seen);
      out.entries.push(e);
    }
  }
  return out;
}
