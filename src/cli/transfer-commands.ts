import type { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { Writable } from 'node:stream';
import type { Config } from '../config/config.ts';
import { boot } from '../main.ts';
import { AppError } from '../domain/errors.ts';
import { codes, STATUSES } from '../domain/taxonomy.ts';
import type { CaseStatus } from '../domain/case-schema.ts';
import type { CliIo, Runner } from './cli.ts';
import { LINE_FORMATS, type LineFormat } from '../services/jsonl-transfer.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../services/export-service.ts';

function lineSource(file: string): AsyncIterable<string> {
  if (file !== '-') {
    if (!existsSync(file)) throw new AppError('NOT_FOUND', `file '${file}' does not exist`, { field: 'FILE' });
    if (!statSync(file).isFile()) throw new AppError('BAD_REQUEST', `'${file}' is not a file`, { field: 'FILE' });
  }
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  return createInterface({ input, crlfDelay: Infinity });
}

export function importCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('import')
    .description('import cases from a JSON Lines file (all or nothing; - reads standard input)')
    .argument('<file>', 'the .jsonl file, one case per line')
    .option('--format <format>', `input format: jsonl (the API shape, docs/case.schema.json) or sherloc (rows scraped from the UNODC database)`, 'jsonl')
    .option('--dry-run', 'validate and report; write nothing')
    .option('--source <text>', 'provenance source recorded on cases that name none')
    .action(run(async (file: string, opts: { format: string; dryRun?: boolean; source?: string }) => {
      if (!(LINE_FORMATS as readonly string[]).includes(opts.format)) {
        throw new AppError('BAD_REQUEST', `unknown --format '${opts.format}'; allowed: ${LINE_FORMATS.join(', ')}`, { field: 'format', allowed: LINE_FORMATS });
      }
      const lines = lineSource(file);
      const services = await boot(config);
      try {
        const r = await services.jsonl.import(lines, { format: opts.format as LineFormat, dryRun: opts.dryRun, source: opts.source });
        io.out(`${JSON.stringify({ imported: file, ...r })}\n`);
      } finally {
        await services.store.close();
      }
    }));
}

export function exportCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('export')
    .description('export cases, in creation order, to standard output unless --output: jsonl is the lossless canonical form, csv is flattened (docs/export-formats.md)')
    .option('--format <format>', `output format: ${EXPORT_FORMATS.join(', ')}`, 'jsonl')
    .option('--query <text>', 'export only the published cases matching this search (the query language of the API)')
    .option('-o, --output <file>', 'write to this file')
    .option('--status <list>', `only these statuses, comma-separated (${codes(STATUSES).join(', ')}); default all`)
    .action(run(async (opts: { format: string; output?: string; status?: string; query?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new AppError('BAD_REQUEST', `unknown --format '${opts.format}'; allowed: ${EXPORT_FORMATS.join(', ')}`, { field: 'format', allowed: EXPORT_FORMATS });
      }
      if (opts.query !== undefined && opts.status) {
        throw new AppError('BAD_REQUEST', '--query exports published cases only; it cannot be combined with --status', { field: 'status' });
      }
      const statuses = opts.status?.split(',').map((s) => s.trim()) as CaseStatus[] | undefined;
      const bad = statuses?.filter((s) => !(codes(STATUSES) as string[]).includes(s));
      if (bad?.length) {
        throw new AppError('BAD_REQUEST', `unknown status '${bad[0]}'; allowed: ${codes(STATUSES).join(', ')}`, { field: 'status', allowed: codes(STATUSES) });
      }
      const services = await boot(config);
      const sink: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
      try {
        const selection = opts.query !== undefined ? { search: { q: opts.query, selection: {} } } : { statuses };
        for await (const chunk of services.exports.lines(opts.format as ExportFormat, selection)) {
          if (!sink.write(chunk)) await once(sink, 'drain');
        }
      } finally {
        await services.store.close();
        if (opts.output) {
          sink.end();
          await once(sink, 'finish');
        }
      }
    }));
}
