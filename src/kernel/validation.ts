/** Turns zod issues into the error model's field list, naming every bad field by its path. */
import type { z } from 'zod';
import { AppError, type FieldIssue } from './errors.ts';

/** The zod issue behind a FieldIssue: its code and parameters, for pages that word the message themselves. */
export interface IssueCause {
  code: string;
  params: Readonly<Record<string, unknown>>;
}

// Kept beside the issue, not in it: the API's JSON details and the import reports stay as they are.
const causes = new WeakMap<FieldIssue, IssueCause>();

/** The zod code and parameters of an issue made by issuesOf (undefined for an issue a service wrote). */
export function causeOf(issue: FieldIssue): IssueCause | undefined {
  return causes.get(issue);
}

export function issuesOf(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((iss) => {
    const path = [prefix, ...iss.path.map(String)].filter(Boolean).join('.');
    const issue: FieldIssue = { path: path || '(root)', message: iss.message };
    const { code, path: _p, message: _m, ...params } = iss as unknown as Record<string, unknown>;
    causes.set(issue, { code: String(code), params });
    const values = (iss as { values?: unknown[] }).values;
    if (iss.code === 'invalid_value' && Array.isArray(values)) issue.allowed = values.map(String);
    if (iss.code === 'unrecognized_keys')
      issue.message = `unknown field(s): ${(iss as { keys: string[] }).keys.join(', ')}`;
    return issue;
  });
}

export function summarize(issues: FieldIssue[]): string {
  const first = issues
    .slice(0, 3)
    .map((i) => `${i.line !== undefined ? `line ${i.line}: ` : ''}${i.path}: ${i.message}`);
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
  return first.join('; ') + more;
}

/** Parses with a schema or throws VALIDATION_FAILED listing each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  // The input in each issue lets another language word it again ("received a number": validation-locale.ts).
  const r = schema.safeParse(value, { reportInput: true });
  if (r.success) return r.data;
  const details = issuesOf(r.error);
  throw new AppError('VALIDATION_FAILED', `invalid ${what}: ${summarize(details)}`, details);
}
