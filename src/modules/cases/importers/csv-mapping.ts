/**
 * How a partner's spreadsheet columns map onto a case, as data (a YAML or JSON file), so new
 * partners need no code. Without a mapping file the column names of Palermo's own CSV export are
 * expected. Every column of the file must be mapped (or mapped to null to ignore it), and every
 * mapped column must exist: a typo is an error naming the column, not silently lost data.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import { issuesOf } from '../../../kernel/validation.ts';

export const CSV_TARGETS = [
  'id',
  'title',
  'databaseNumber',
  'jurisdiction',
  'respondentStates',
  'identifiers',
  'court',
  'courtLevel',
  'legalSystem',
  'decisionDate',
  'acts',
  'means',
  'purposes',
  'forms',
  'sectors',
  'offences',
  'facts',
  'reasoning',
  'commentary',
  'language',
  'victimGenders',
  'victimAges',
  'victimNationalities',
  'defendantGenders',
  'defendantNationalities',
  'verdicts',
  'prisonMonths',
  'sourceUrls',
  'status',
  'victimCount',
  'childVictims',
  'defendantCount',
  'createdAt',
  'updatedAt',
  'narrativeLanguages',
  /** One column holding art. 3 labels of several vocabularies; its codes are written "means:fraud". */
  'tags',
] as const;
export type CsvTarget = (typeof CSV_TARGETS)[number];

const MappingSchema = z.strictObject({
  /** File column -> case field, or null to ignore the column. */
  columns: z.record(z.string(), z.enum(CSV_TARGETS).nullable()),
  /**
   * Per field, the partner's labels -> our codes (e.g. purposes: { "Labour exploitation": forced_labour }); a
   * list where one cell names several ("Vietnamese, Chinese": [VNM, CHN]; for jurisdiction [XIR, CYP, RUS] is an
   * international court with its respondent States).
   */
  values: z
    .partialRecord(
      z.enum(CSV_TARGETS),
      z
        .record(z.string(), z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]))
        .nullable()
        .transform((v) => v ?? {}),
    )
    .default({}),
  /** Separator of several values in one cell. */
  separator: z.string().min(1).max(3).default(';'),
  /** CSV delimiter. */
  delimiter: z.string().length(1).default(','),
  /** Language of the narrative columns. */
  language: z.string().default('en'),
});
export type CsvMapping = z.output<typeof MappingSchema>;

/** The columns of Palermo's own CSV export that can be read back. */
export const DEFAULT_MAPPING: CsvMapping = MappingSchema.parse({
  columns: {
    id: 'id',
    title: 'title',
    database_number: 'databaseNumber',
    jurisdiction: 'jurisdiction',
    jurisdiction_name: null,
    respondent_states: 'respondentStates',
    identifiers: 'identifiers',
    court: 'court',
    court_level: 'courtLevel',
    legal_system: 'legalSystem',
    decision_date: 'decisionDate',
    acts: 'acts',
    means: 'means',
    purposes: 'purposes',
    forms: 'forms',
    sectors: 'sectors',
    offences: 'offences',
    victims: 'victimCount',
    victim_genders: 'victimGenders',
    child_victims: 'childVictims',
    victim_nationalities: 'victimNationalities',
    defendants: 'defendantCount',
    defendant_nationalities: 'defendantNationalities',
    verdicts: 'verdicts',
    max_prison_months: 'prisonMonths',
    languages: 'narrativeLanguages',
    facts_en: 'facts',
    source_urls: 'sourceUrls',
    status: 'status',
    created_at: 'createdAt',
    updated_at: 'updatedAt',
  },
});

export function loadMapping(file: string): CsvMapping {
  let raw: unknown;
  try {
    const text = readFileSync(file, 'utf8');
    raw = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    const twice = /unique/i.test((e as Error).message) ? ' (a value or column is named twice)' : '';
    throw new AppError('VALIDATION_FAILED', `mapping file '${file}' cannot be read${twice}: ${(e as Error).message}`, {
      field: 'mapping',
    });
  }
  return parseMapping(raw, `mapping file '${file}'`);
}

/** A mapping from its parsed YAML or JSON: checked, and a value named twice with different codes refused. */
export function parseMapping(raw: unknown, what = 'the mapping'): CsvMapping {
  const r = MappingSchema.safeParse(raw);
  if (!r.success) {
    const details = issuesOf(r.error, 'mapping');
    throw new AppError(
      'VALIDATION_FAILED',
      `${what} is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const clashes = [];
  for (const [field, values] of Object.entries(r.data.values)) {
    const seen = new Map<string, [string, string]>();
    for (const [label, code] of Object.entries(values ?? {})) {
      const k = label.trim().toLowerCase().replace(/\s+/g, ' ');
      const prior = seen.get(k);
      const text = [code].flat().join(', ');
      if (prior && prior[1] !== text)
        clashes.push({
          path: `values.${field}.${label}`,
          message: `'${prior[0]}' and '${label}' are the same value with different codes (${prior[1]}; ${text})`,
        });
      seen.set(k, [label, text]);
    }
  }
  if (clashes.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `${what} names a value twice with different codes: ${clashes.map((c) => c.message).join('; ')}`,
      clashes,
    );
  return r.data;
}

/** Checks the file's header against the mapping: unknown and missing columns are errors. */
export function checkHeader(header: string[], mapping: CsvMapping): void {
  const twice = header.filter((h, i) => header.indexOf(h) !== i);
  if (twice.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `the header names column '${twice[0]}' twice: give each column its own name; nothing was written`,
      [{ line: 1, path: twice[0]!, message: `column '${twice[0]}' appears twice` }],
    );
  const unknown = header.filter((h) => !(h in mapping.columns));
  const missing = Object.keys(mapping.columns).filter((c) => mapping.columns[c] !== null && !header.includes(c));
  const details = [
    ...unknown.map((c) => ({
      line: 1,
      path: c,
      message: `column '${c}' is not in the mapping (map it, or map it to null to ignore it)`,
    })),
    ...missing.map((c) => ({
      line: 1,
      path: c,
      message: `the mapping names column '${c}', which the file does not have`,
    })),
  ];
  if (details.length)
    throw new AppError(
      'VALIDATION_FAILED',
      `the columns do not match the mapping: ${details.map((d) => d.message).join('; ')}`,
      details,
    );
}
