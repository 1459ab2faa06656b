/**
 * The rules across fields, as pure functions returning the issues (each naming its field): dates in
 * order, percentages adding up to 100, participants as counts only. The services run them after
 * the schema, and write nothing when any issue is found.
 */
import type { z } from 'zod';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { issuesOf, summarize } from '../../../kernel/validation.ts';
import type { Activity, Agreement, Campaign } from './schemas.ts';

/** Whether partial date `a` is strictly before `b` at the precision both have. */
export function isBefore(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  return a.slice(0, n) < b.slice(0, n);
}

function dateOrder(issues: FieldIssue[], start: string | null, end: string | null, endField: string): void {
  if (start && end && isBefore(end, start))
    issues.push({ path: endField, message: `ends (${end}) before it starts (${start})` });
}

const NAME_KEY = /name|person|people|attendee|list|who|individual/i;

/**
 * Participants are counts, never people: a name-like field anywhere under `participants`, or a
 * count written as text with letters, is refused. Runs on the raw input, before the schema.
 */
export function participantNameIssues(raw: unknown): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const message = 'participants are recorded as counts by profession and gender only; names are never accepted';
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (NAME_KEY.test(k)) issues.push({ path: `${path}.${k}`, message });
        else walk(x, `${path}.${k}`);
      }
    else if (typeof v === 'string' && /\p{L}{2,}/u.test(v) && !/^(profession|gender)$/.test(path.split('.').pop()!))
      issues.push({ path, message });
  };
  if (raw && typeof raw === 'object' && 'participants' in raw)
    walk((raw as { participants: unknown }).participants, 'participants');
  return issues;
}

function percentages(issues: FieldIssue[], field: string, items: readonly { percentage?: number | undefined }[]) {
  const given = items.filter((i) => i.percentage !== undefined);
  if (given.length === 0) return;
  if (given.length < items.length) {
    issues.push({ path: field, message: 'give a percentage for every entry, or for none' });
    return;
  }
  const sum = given.reduce((s, i) => s + i.percentage!, 0);
  if (Math.abs(sum - 100) > 0.01) issues.push({ path: field, message: `percentages add up to ${sum}, not 100` });
}

/** Ids the pages under /assistance/ use. */
const RESERVED_IDS = ['partners', 'agreements', 'campaigns', 'reports'];

export function activityIssues(a: Activity): FieldIssue[] {
  const issues: FieldIssue[] = [];
  dateOrder(issues, a.plannedStart, a.plannedEnd, 'plannedEnd');
  dateOrder(issues, a.actualStart, a.actualEnd, 'actualEnd');
  // IATI: recipient countries and regions together share the 100 per cent.
  const recipients = [...a.recipientCountries, ...a.recipientRegions];
  percentages(issues, a.recipientCountries.length ? 'recipientCountries' : 'recipientRegions', recipients);
  percentages(issues, 'sectors', a.sectors);
  if (RESERVED_IDS.includes(a.id)) issues.push({ path: 'id', message: `'${a.id}' names a page of the register` });
  if (a.parentId === a.id) issues.push({ path: 'parentId', message: 'an activity cannot be its own parent' });
  const p = a.participants;
  if (p) {
    const sum = (xs: readonly { count: number }[]) => xs.reduce((s, x) => s + x.count, 0);
    const dup = (xs: readonly string[]) => xs.find((x, i) => xs.indexOf(x) !== i);
    const dp = dup(p.byProfession.map((x) => x.profession));
    if (dp) issues.push({ path: 'participants.byProfession', message: `profession '${dp}' is counted twice` });
    const dg = dup(p.byGender.map((x) => x.gender));
    if (dg) issues.push({ path: 'participants.byGender', message: `gender '${dg}' is counted twice` });
    if (p.total !== undefined) {
      if (sum(p.byProfession) > p.total)
        issues.push({ path: 'participants.byProfession', message: `counts add up to more than the total ${p.total}` });
      if (sum(p.byGender) > p.total)
        issues.push({ path: 'participants.byGender', message: `counts add up to more than the total ${p.total}` });
    }
  }
  a.budgets.forEach((b, i) => dateOrder(issues, b.periodStart, b.periodEnd, `budgets.${i}.periodEnd`));
  a.results.forEach((r, i) => dateOrder(issues, r.periodStart ?? null, r.periodEnd ?? null, `results.${i}.periodEnd`));
  return issues;
}

export function agreementIssues(a: Agreement): FieldIssue[] {
  const issues: FieldIssue[] = [];
  dateOrder(issues, a.start, a.end, 'end');
  return issues;
}

export function campaignIssues(_c: Campaign): FieldIssue[] {
  return [];
}

/** Parses with the schema, then the rules; throws VALIDATION_FAILED naming every bad field. */
export function validated<S extends z.ZodType, T>(
  schema: S,
  raw: unknown,
  what: string,
  pre: (raw: unknown) => FieldIssue[],
  rules: (value: T) => FieldIssue[],
  complete: (parsed: z.output<S>) => T,
): T {
  const early = pre(raw);
  const r = schema.safeParse(raw);
  // A field already refused before the schema (and its object's "unknown field") is named once.
  const related = (i: FieldIssue) => early.some((e) => i.path.startsWith(e.path) || e.path.startsWith(`${i.path}.`));
  const issues = [...early, ...(r.success ? [] : issuesOf(r.error).filter((i) => !related(i)))];
  if (issues.length === 0 && r.success) {
    const value = complete(r.data);
    issues.push(...rules(value));
    if (issues.length === 0) return value;
  }
  throw new AppError('VALIDATION_FAILED', `invalid ${what}: ${summarize(issues)}`, issues);
}
