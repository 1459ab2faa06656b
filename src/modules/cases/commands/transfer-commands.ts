import type { Command } from 'commander';
import type { CliIo, CommandContext } from '../../../kernel/cli/command-kit.ts';
import type { Services } from '../services/services.ts';
import { SingleBar, Presets } from 'cli-progress';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createReadStream, existsSync, statSync, writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { SYSTEM } from '../../platform/index.ts';
import { readLines } from '../../../kernel/io/line-reader.ts';
import { csvItems } from '../importers/csv-reader.ts';
import { xlsxItems } from '../importers/xlsx-reader.ts';
import { DEFAULT_MAPPING, loadMapping } from '../importers/csv-mapping.ts';
import { openSync, readSync, closeSync } from 'node:fs';
import { suggestMappingCommand } from './suggest-mapping.ts';

/** The first line of a file (a CSV header), read without loading the file. */
function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return (
    buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .split(/\r?\n/)[0] ?? ''
  );
}
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { codes, STATUSES } from '../domain/taxonomy.ts';
import type { CaseStatus } from '../domain/case-schema.ts';
import { LINE_FORMATS, type LineFormat } from '../services/jsonl-transfer.ts';
import { EXPORT_FORMATS, type ExportFormat } from '../services/export-service.ts';

interface LineSource {
  /** The bytes, counted as they are read. */
  input: AsyncIterable<Buffer>;
  /** Bytes in the file (0 for standard input) and bytes read so far. */
  total: number;
  read: () => number;
}

function lineSource(file: string): LineSource {
  if (file !== '-') {
    if (!existsSync(file)) throw new AppError('NOT_FOUND', `file '${file}' does not exist`, { field: 'FILE' });
    if (!statSync(file).isFile()) throw new AppError('BAD_REQUEST', `'${file}' is not a file`, { field: 'FILE' });
  }
  const stream = file === '-' ? process.stdin : createReadStream(file);
  let read = 0;
  // Bytes are counted as the import pulls them. (A 'data' listener would start the stream flowing
  // at once, and whatever it read before the import's loop began - on PostgreSQL, while BEGIN
  // travels to the server - would never reach the import.)
  async function* counted(): AsyncIterable<Buffer> {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      read += chunk.length;
      yield chunk;
    }
  }
  // UTF-8 only, checked line by line: a UTF-16, Latin-1 or binary file is refused with its line.
  return { input: counted(), total: file === '-' ? 0 : statSync(file).size, read: () => read };
}

/** On a terminal, a progress bar with rate and ETA (on standard error); otherwise nothing. */
function progressBar(io: CliIo, source: LineSource): { update: (lines: number) => void; stop: () => void } {
  if (!io.isTty || !source.total) return { update: () => {}, stop: () => {} };
  const bar = new SingleBar(
    {
      format:
        'importing {bar} {percentage}% | {mb}/{totalMb} MB | {lines} lines | {rate} lines/s | ETA {eta_formatted}',
      hideCursor: true,
      stream: process.stderr,
    },
    Presets.shades_classic,
  );
  const started = performance.now();
  const mb = (b: number) => (b / 2 ** 20).toFixed(1);
  bar.start(source.total, 0, { mb: '0.0', totalMb: mb(source.total), lines: 0, rate: 0 });
  return {
    update: (lines) => {
      if (lines % 200 !== 0) return;
      const rate = Math.round(lines / ((performance.now() - started) / 1000));
      bar.update(source.read(), { mb: mb(source.read()), lines, rate });
    },
    stop: () => {
      bar.update(source.total);
      bar.stop();
    },
  };
}

export function importCommand(program: Command, ctx: CommandContext<Services>): void {
  const { io, run } = ctx;
  program
    .command('import')
    .description('import cases from a JSON Lines file (all or nothing; - reads standard input)')
    .argument('[file]', 'the .jsonl file, one case per line')
    .option(
      '--undo <batch>',
      'remove exactly what that import batch created, and restore what it changed (instead of importing)',
    )
    .option(
      '--format <format>',
      'input format: jsonl (the API shape, docs/case.schema.json), sherloc (rows scraped from the UNODC database) ' +
        'csv or xlsx (a spreadsheet, one row per case, see --mapping)',
      'jsonl',
    )
    .option(
      '--mapping <file>',
      'for csv: a YAML or JSON file mapping your column names and labels to Palermo fields and codes (default: the ' +
        'columns of palermo export --format csv)',
    )
    .option(
      '--suggest-mapping',
      'for csv or xlsx: read the header and every value and write a mapping draft (YAML) to -o or standard ' +
        'output; import nothing',
    )
    .option('-o, --output <file>', 'with --suggest-mapping: write the draft to this file')
    .option('--reuse <mapping>', 'with --suggest-mapping: reuse the columns and settled values of a previous mapping')
    .option('--sheet <name>', 'for xlsx: the worksheet to read (required when the workbook has several)')
    .option('--strict', 'for csv or xlsx: refuse lenient readings (counts in words, qualifiers) instead of warning')
    .option('--dry-run', 'validate and report; write nothing')
    .option('--source <text>', 'provenance source recorded on cases that name none')
    .option(
      '--partial',
      'import the valid lines; write the rejected ones to FILE.rejected.jsonl (fix and re-import it) and their ' +
        'errors to the report',
    )
    .option(
      '--report <file>',
      'also write the full validation report (errors and warnings by line and field) as JSON to this file',
    )
    .action(
      run(
        async (
          file: string | undefined,
          opts: {
            format: string;
            mapping?: string;
            dryRun?: boolean;
            source?: string;
            undo?: string;
            partial?: boolean;
            report?: string;
            suggestMapping?: boolean;
            output?: string;
            reuse?: string;
            sheet?: string;
            strict?: boolean;
          },
        ) => {
          if (opts.suggestMapping) {
            if (file === undefined) throw new AppError('BAD_REQUEST', 'name the file to read', { field: 'FILE' });
            return suggestMappingCommand(io, file, opts);
          }
          if (opts.undo !== undefined) {
            if (file !== undefined)
              throw new AppError('BAD_REQUEST', '--undo takes a batch id, not a file', { field: 'FILE' });
            const services = await ctx.open();
            try {
              io.out(`${JSON.stringify({ undone: await services.cases.undoBatch(opts.undo, SYSTEM) })}\n`);
            } finally {
              await ctx.close(services);
            }
            return;
          }
          if (file === undefined)
            throw new AppError('BAD_REQUEST', 'name the file to import (or - for standard input)', { field: 'FILE' });
          const formats = [...LINE_FORMATS, 'csv', 'xlsx'];
          if (!formats.includes(opts.format)) {
            throw new AppError('BAD_REQUEST', `unknown --format '${opts.format}'; allowed: ${formats.join(', ')}`, {
              field: 'format',
              allowed: formats,
            });
          }
          const sheet = opts.format === 'csv' || opts.format === 'xlsx';
          if (opts.mapping && !sheet)
            throw new AppError('BAD_REQUEST', '--mapping is for --format csv or xlsx', { field: 'mapping' });
          if (opts.format === 'xlsx' && (file === '-' || opts.partial))
            throw new AppError('BAD_REQUEST', 'xlsx reads a named file, without --partial (save as CSV for that)', {
              field: 'format',
            });
          const mapping = sheet ? (opts.mapping ? loadMapping(opts.mapping) : DEFAULT_MAPPING) : null;
          const source = lineSource(file);
          const services = await ctx.open();
          const bar = progressBar(io, source);
          const rejectedFile = opts.partial ? `${file === '-' ? 'stdin' : file}.rejected.jsonl` : null;
          const rejected = rejectedFile ? createWriteStream(rejectedFile) : null;
          const errors: FieldIssue[] = [];
          const writeReport = (body: object) => {
            if (opts.report) writeFileSync(opts.report, `${JSON.stringify({ file, ...body }, null, 2)}\n`);
          };
          try {
            const items =
              opts.format === 'xlsx'
                ? xlsxItems(file, mapping!, { strict: opts.strict, sheet: opts.sheet })
                : mapping
                  ? csvItems(source.input, mapping, { strict: opts.strict })
                  : readLines(source.input);
            const csvHeader = mapping && rejected && file !== '-' ? firstLine(file) : null;
            if (csvHeader) rejected!.write(`${csvHeader}\n`);
            const r = await services.jsonl.import(items, {
              format: (mapping ? 'jsonl' : opts.format) as LineFormat,
              dryRun: opts.dryRun,
              source: opts.source,
              onProgress: bar.update,
              partial: opts.partial,
              onRejected: (line, raw, issues) => {
                rejected!.write(`${raw}\n`);
                errors.push(...issues.map((i) => ({ ...i, line })));
              },
            });
            bar.stop();
            writeReport({ ...r, errors, rejectedFile });
            io.out(`${JSON.stringify({ imported: file, ...r, ...(rejectedFile ? { rejectedFile } : {}) })}\n`);
          } catch (e) {
            if (e instanceof AppError)
              writeReport({ written: false, code: e.code, message: e.message, errors: e.details });
            throw e;
          } finally {
            bar.stop();
            if (rejected) {
              rejected.end();
              await once(rejected, 'finish');
            }
            await ctx.close(services);
          }
        },
      ),
    );
}

export function exportCommand(program: Command, ctx: CommandContext<Services>): void {
  const { config, run } = ctx;
  program
    .command('export')
    .description(
      'export cases, in creation order, to standard output unless --output: jsonl is the lossless canonical form, ' +
        'csv is flattened (docs/export-formats.md)',
    )
    .option('--format <format>', `output format: ${EXPORT_FORMATS.join(', ')}`, 'jsonl')
    .option('--query <text>', 'export only the published cases matching this search (the query language of the API)')
    .option('-o, --output <file>', 'write to this file')
    .option('--status <list>', `only these statuses, comma-separated (${codes(STATUSES).join(', ')}); default all`)
    .action(
      run(async (opts: { format: string; output?: string; status?: string; query?: string }) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
          throw new AppError(
            'BAD_REQUEST',
            `unknown --format '${opts.format}'; allowed: ${EXPORT_FORMATS.join(', ')}`,
            { field: 'format', allowed: EXPORT_FORMATS },
          );
        }
        if (opts.query !== undefined && opts.status) {
          throw new AppError(
            'BAD_REQUEST',
            '--query exports published cases only; it cannot be combined with --status',
            { field: 'status' },
          );
        }
        const statuses = opts.status?.split(',').map((s) => s.trim()) as CaseStatus[] | undefined;
        const bad = statuses?.filter((s) => !(codes(STATUSES) as string[]).includes(s));
        if (bad?.length) {
          throw new AppError('BAD_REQUEST', `unknown status '${bad[0]}'; allowed: ${codes(STATUSES).join(', ')}`, {
            field: 'status',
            allowed: codes(STATUSES),
          });
        }
        const services = await ctx.open();
        const sink: Writable = opts.output ? createWriteStream(opts.output) : process.stdout;
        try {
          const selection = opts.query !== undefined ? { search: { q: opts.query, selection: {} } } : { statuses };
          for await (const chunk of services.exports.lines(
            opts.format as ExportFormat,
            selection,
            config.publicUrl?.replace(/\/$/, ''),
          )) {
            if (!sink.write(chunk)) await once(sink, 'drain');
          }
        } finally {
          await ctx.close(services);
          if (opts.output) {
            sink.end();
            await once(sink, 'finish');
          }
        }
      }),
    );
}
