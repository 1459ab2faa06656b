/**
 * The editor's words for what the services report: status labels, the pseudonymisation warnings,
 * why a workflow move, a comment, an upload or a restore was refused, file sizes. Services report in
 * English for the API (and that stays); the pages map each report by its code, field and details to
 * a catalog key (`cases.editor.*`), so nothing the services word reaches the page.
 */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { AppError, FieldIssue } from '../../../kernel/errors.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { NameWarning } from '../services/pseudonymisation.ts';
import { termLabel } from '../i18n/labels.ts';
import type { FormError } from './form-errors.ts';

export const statusLabel = (t: Translator, status: string) => termLabel(t, 'statuses', status);

/** A date and time as the editor's tables show it: `2026-01-31 09:15` (UTC). */
export const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

export function size(t: Translator, bytes: number): string {
  return bytes >= 1024 * 1024
    ? t.t('cases.editor.size.mb', { size: (bytes / 1024 / 1024).toFixed(1) })
    : t.t('cases.editor.size.kb', { size: String(Math.max(1, Math.round(bytes / 1024))) });
}

/** Text with its line breaks kept (a review comment of several lines). */
export function lines(text: string): (string | SafeHtml)[] {
  return text.split(/\r?\n/).flatMap((line, i) => (i ? [html`<br>`, line] : [line]));
}

/** The value at a dotted path of a record (`victims.0.label`). */
function at(record: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), record);
}

/** One pseudonymisation warning: which narrative names which party (the party's label read from `record`). */
export function warningText(t: Translator, w: NameWarning, record?: unknown): string {
  return t.t('cases.editor.warning.name', { path: w.path, name: w.name, party: w.party, label: label(record, w) });
}

function label(record: unknown, w: NameWarning): string {
  const v = at(record, w.party);
  return typeof v === 'string' ? v : '';
}

const warningsOf = (e: AppError) => (e.details as { warnings?: NameWarning[] } | null)?.warnings;
const firstIssue = (e: AppError) => (Array.isArray(e.details) ? (e.details[0] as FieldIssue | undefined) : undefined);

/** A save or a move refused because narratives name a party. */
function namesFound(t: Translator, warnings: NameWarning[], record?: unknown): string {
  return t.t('cases.editor.warning.refused', { count: warnings.length, first: warningText(t, warnings[0]!, record) });
}

/** Why a workflow move was refused (shown in the workflow section). */
export function transitionErrorText(t: Translator, e: AppError, to: string, record?: unknown): string {
  const warnings = warningsOf(e);
  if (warnings?.length) return namesFound(t, warnings, record);
  const issue = firstIssue(e);
  if (issue?.path === 'comment') return t.t('cases.editor.workflow.commentTooLong');
  if (issue?.message === 'unknown status') return t.t('cases.editor.workflow.unknownStatus');
  return t.t('cases.editor.workflow.notAMove', { to: statusLabel(t, to) });
}

/** Why a version was not restored (shown in the workflow section of the case). */
export function restoreErrorText(t: Translator, e: AppError, n: number, record?: unknown): string {
  const warnings = warningsOf(e);
  const reason = warnings?.length ? namesFound(t, warnings, record) : t.t('cases.editor.history.conflict');
  return t.t('cases.editor.history.notRestored', { n, reason });
}

/** Why a comment was refused (shown beside the comment box). */
export function commentErrorText(t: Translator, e: AppError): string {
  return t.t(firstIssue(e)?.message === 'too long' ? 'cases.editor.comments.tooLong' : 'cases.editor.comments.empty');
}

/** Why an upload was refused (shown beside the file field). */
export function documentErrorText(t: Translator, e: AppError, file: string, maxBytes: number): string {
  if (e.code === 'PAYLOAD_TOO_LARGE') return t.t('cases.editor.documents.tooLarge', { file, limit: size(t, maxBytes) });
  if (e.code === 'UNSUPPORTED_MEDIA_TYPE') return t.t('cases.editor.documents.unsupported', { file });
  if (firstIssue(e)?.path === 'filename') return t.t('cases.editor.documents.noName');
  return t.t('cases.editor.documents.unreadable', { file });
}

/**
 * The form errors of a refused save: the validation issues as they are (form-messages.ts words them),
 * or one error about the whole case for a refusal not about one field.
 */
export function saveErrors(e: AppError, record?: unknown): FormError[] {
  if (Array.isArray(e.details)) return e.details as FieldIssue[];
  const warnings = warningsOf(e);
  if (warnings?.length) {
    const first = warnings[0]!;
    return [
      {
        path: '',
        message: e.message,
        key: 'cases.editor.warning.saveRefused',
        values: {
          count: warnings.length,
          path: first.path,
          name: first.name,
          party: first.party,
          label: label(record, first),
        },
      },
    ];
  }
  return [{ path: '', message: e.message, key: 'cases.editor.error.notSaved' }];
}
