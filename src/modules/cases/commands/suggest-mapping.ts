/** `palermo import FILE --format csv|xlsx --suggest-mapping [-o map.yaml] [--reuse old.yaml] [--sheet NAME]`. */
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { CliIo } from '../../../kernel/cli/command-kit.ts';
import { AppError } from '../../../kernel/errors.ts';
import { loadMapping } from '../importers/csv-mapping.ts';
import { suggestFromFile } from '../importers/mapping/suggest.ts';

export async function suggestMappingCommand(
  io: CliIo,
  file: string,
  opts: { format: string; output?: string; reuse?: string; sheet?: string },
): Promise<void> {
  if (opts.format !== 'csv' && opts.format !== 'xlsx')
    throw new AppError('BAD_REQUEST', '--suggest-mapping is for --format csv or xlsx', { field: 'format' });
  if (file === '-') throw new AppError('BAD_REQUEST', '--suggest-mapping reads a named file', { field: 'FILE' });
  const previous = opts.reuse ? loadMapping(opts.reuse) : undefined;
  const { draft, yaml } = await suggestFromFile(file, basename(file), {
    format: opts.format,
    sheet: opts.sheet,
    previous,
  });
  if (opts.output) writeFileSync(opts.output, yaml);
  else io.out(yaml);
  const s = draft.summary;
  io.err(
    `${JSON.stringify({ suggested: file, output: opts.output ?? null, ...s, settledTotal: s.settled + s.reused })}\n`,
  );
}
