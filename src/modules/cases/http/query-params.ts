/** Query-string parsing shared by list-like endpoints: repeated or comma-separated values, typed errors. */
import { z } from 'zod';
import { codes, TAG_KINDS, TAXONOMY, STATUSES } from '../domain/taxonomy.ts';
import { countryCode } from '../domain/case-schema.ts';
import { multi, single } from '../../../kernel/http/query-params.ts';

export { multi, single };

const tagEnum = (kind: (typeof TAG_KINDS)[number]) => {
  const allowed = codes(TAXONOMY[kind]);
  return z.enum(allowed as [string, ...string[]], {
    error: (iss) => `unknown ${kind} code '${String(iss.input)}'; allowed: ${allowed.join(', ')}`,
  });
};

export const year = z.coerce.number().int().min(1800).max(2200);

export function listQuerySchema(maxPageSize: number) {
  return z.strictObject({
    jurisdiction: multi(countryCode.transform((s) => s.toUpperCase())),
    year_from: single(year.optional()),
    year_to: single(year.optional()),
    status: multi(
      z.enum(codes(STATUSES), {
        error: (iss) => `unknown status '${String(iss.input)}'; allowed: ${codes(STATUSES).join(', ')}`,
      }),
    ),
    acts: multi(tagEnum('acts')),
    means: multi(tagEnum('means')),
    purposes: multi(tagEnum('purposes')),
    forms: multi(tagEnum('forms')),
    sectors: multi(tagEnum('sectors')),
    offences: multi(tagEnum('offences')),
    sort: single(
      z.enum(['decided_desc', 'created_asc'], { error: "sort must be 'decided_desc' or 'created_asc'" }).optional(),
    ),
    limit: single(
      z.coerce
        .number()
        .int()
        .min(1)
        .max(maxPageSize, { error: `limit must be at most ${maxPageSize}` })
        .default(20),
    ),
    cursor: single(z.string().max(2000).optional()),
  });
}
