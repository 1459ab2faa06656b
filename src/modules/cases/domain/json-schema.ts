/** The canonical JSON Lines format documented as a JSON Schema, generated from the zod schema. */
import { z } from 'zod';
import { CaseInputSchema } from './case-schema.ts';

export function caseJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(CaseInputSchema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
  return {
    ...schema,
    $id: 'https://palermo.example/schemas/case.schema.json',
    title: 'Palermo case (one line of the canonical JSON Lines format; the API shape)',
    description:
      'One case per line, UTF-8. Fields may be omitted (defaults apply: null for unknown values, [] for none ' +
      'recorded). ' +
      'id, version, createdAt and updatedAt are kept when present so that an export re-imports losslessly. ' +
      'Country codes are ISO 3166-1 alpha-3 (XIR: International and Regional Bodies); dates are YYYY, YYYY-MM or ' +
      'YYYY-MM-DD; ' +
      'codes of tags, verdicts, court levels and the like are listed by GET /api/v1/taxonomy.',
  };
}
