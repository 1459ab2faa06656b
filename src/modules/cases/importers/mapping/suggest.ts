/** The mapping assistant over a file or uploaded bytes: read the table, suggest, write the draft. */
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { AppError } from '../../../../kernel/errors.ts';
import { parseMapping, type CsvMapping } from '../csv-mapping.ts';
import { draftYaml, suggestMapping, type Draft } from './draft.ts';
import { readCsvTable, readXlsxTable, type Table } from './table.ts';

export interface SuggestOptions {
  format: 'csv' | 'xlsx';
  sheet?: string;
  /** A previous mapping of the same partner: its settled values and columns are reused. */
  previous?: CsvMapping;
}

export async function readTable(file: string, options: SuggestOptions): Promise<Table> {
  if (options.format === 'xlsx') return readXlsxTable(file, options.sheet);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new AppError('NOT_FOUND', `file '${file}' cannot be read: ${(e as Error).message}`, { field: 'FILE' });
  }
  return readCsvTable(bytes);
}

export async function suggestFromFile(
  file: string,
  name: string,
  options: SuggestOptions,
): Promise<{ draft: Draft; yaml: string; table: Table }> {
  const table = await readTable(file, options);
  const draft = suggestMapping(table, options.previous);
  return { draft, yaml: draftYaml(draft, name), table };
}

/** A mapping from YAML text (an uploaded or edited draft), checked as a mapping file is. */
export function mappingFromYaml(text: string): CsvMapping {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (e) {
    throw new AppError('VALIDATION_FAILED', `the mapping cannot be read: ${(e as Error).message}`, {
      field: 'mapping',
    });
  }
  return parseMapping(raw);
}
