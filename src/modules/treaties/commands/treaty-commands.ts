/**
 * `palermo treaty import|undo|export|correct|batches`: the treaty registry from the command line.
 * Import reads the UNTC status table (CSV or XLSX), our own CSV, the partial parties table, or a CSV
 * of declarations and reservations; it reports the changes and conflicts as JSON on standard output.
 */
import type { Command } from 'commander';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { AppError } from '../../../kernel/errors.ts';
import { SYSTEM } from '../../platform/index.ts';
import type { TreatyServices } from '../services/services.ts';
import { CORRECTABLE, type FlatField } from '../services/import-plan.ts';
import { allLinkRows, notificationItems, notificationRows, participantRows, statementRows } from '../http/csv.ts';
import { participantName } from '../domain/participants.ts';

function readFile(file: string): Buffer {
  if (file === '-') return readFileSync(0);
  if (!existsSync(file)) throw new AppError('NOT_FOUND', `file '${file}' does not exist`, { field: 'FILE' });
  if (!statSync(file).isFile()) throw new AppError('BAD_REQUEST', `'${file}' is not a file`, { field: 'FILE' });
  return readFileSync(file);
}

export function treatyCommands(program: Command, ctx: CommandContext<TreatyServices>): void {
  const { io, run } = ctx;
  const treaty = program.command('treaty').description('treaty status: import, undo, export, correct');

  treaty
    .command('import')
    .description('import a status file into one instrument (all or nothing; - reads standard input)')
    .argument(
      '<file>',
      'UNTC status table (.csv or .xlsx), our CSV export, the partial parties CSV, statements, C.N.s or links',
    )
    .requiredOption('--treaty <id>', 'the instrument, by MTDSG number (e.g. XVIII-12-a)')
    .option('--as-at <date>', 'the "status as at" date the source states (YYYY-MM-DD)')
    .option('--source <url>', 'where the file comes from (recorded with the batch)')
    .option('--dry-run', 'validate and report the changes; write nothing')
    .action(
      run(async (file: string, opts: { treaty: string; asAt?: string; source?: string; dryRun?: boolean }) => {
        const bytes = readFile(file);
        const report = await ctx.withServices((s) =>
          s.treatyImports.importFile(
            bytes,
            { instrument: opts.treaty, asAt: opts.asAt, source: opts.source, file, dryRun: opts.dryRun },
            SYSTEM,
          ),
        );
        for (const w of report.warnings) io.err(`warning: line ${w.line}: ${w.path}: ${w.message}\n`);
        for (const c of report.conflicts)
          io.err(
            `conflict: line ${c.line}: ${c.participant} ${c.field}: the file has ${c.imported ?? '(empty)'}, ` +
              `a curator corrected it to ${c.corrected ?? '(empty)'} (${c.note}); the correction is kept\n`,
          );
        io.out(`${JSON.stringify(report)}\n`);
      }),
    );

  treaty
    .command('undo')
    .description('take back an import batch: every row it wrote is restored as it was')
    .argument('<batch>', 'the batch id an import printed')
    .action(
      run(async (batch: string) => {
        const r = await ctx.withServices((s) => s.treatyImports.undo(batch, SYSTEM));
        io.out(`${JSON.stringify({ undone: r })}\n`);
      }),
    );

  treaty
    .command('export')
    .description("write an instrument's participants (or statements, notifications, links) as CSV import reads back")
    .requiredOption('--treaty <id>', 'the instrument')
    .option('--statements', 'declarations, reservations and objections instead of participants')
    .option('--notifications', 'depositary notifications (C.N.s) instead of participants')
    .option('--links', 'every predecessor/successor link (not bound to the instrument)')
    .action(
      run(async (opts: { treaty: string; statements?: boolean; notifications?: boolean; links?: boolean }) => {
        const rows = await ctx.withServices(async (s) => {
          const status = await s.treaties.status(opts.treaty);
          if (opts.notifications)
            return notificationRows(notificationItems(await s.treaties.notifications(opts.treaty)));
          if (opts.links) return allLinkRows(await s.treatyLinks.all());
          return opts.statements
            ? statementRows(status.statements, participantName)
            : participantRows(status.participants);
        });
        io.out(stringify(rows as unknown[][]));
      }),
    );

  treaty
    .command('correct')
    .description("a curator's correction of one field (kept over later imports, which report a conflict)")
    .requiredOption('--treaty <id>', 'the instrument')
    .requiredOption('--participant <code>', 'ISO 3166-1 alpha-3 code')
    .requiredOption('--field <field>', `one of ${CORRECTABLE.join(', ')}`)
    .requiredOption('--value <value>', 'the corrected value (a date YYYY-MM-DD, or an action); "" clears it')
    .requiredOption('--note <text>', 'why, and on what source')
    .action(
      run(async (opts: { treaty: string; participant: string; field: string; value: string; note: string }) => {
        const row = await ctx.withServices((s) =>
          s.treatyCorrections.correct(
            {
              instrument: opts.treaty,
              participant: opts.participant.toUpperCase(),
              field: opts.field as FlatField,
              value: opts.value === '' ? null : opts.value,
              note: opts.note,
            },
            SYSTEM,
          ),
        );
        io.out(`${JSON.stringify({ corrected: row })}\n`);
      }),
    );

  treaty
    .command('batches')
    .description('the import batches, newest first')
    .option('--treaty <id>', 'of one instrument')
    .action(
      run(async (opts: { treaty?: string }) => {
        const list = await ctx.withServices((s) => s.treatyImports.batches(opts.treaty));
        for (const b of list) io.out(`${JSON.stringify(b)}\n`);
      }),
    );
}
