/** `palermo assistance ...`: the IATI export and the reports from the command line (published activities). */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { Activity, Organisation } from '../domain/schemas.ts';
import { ActivityFilter, matches } from '../services/activity-filter.ts';
import type { AssistanceServices } from '../services/assistance-services.ts';
import { iatiXml } from '../services/iati-export.ts';
import { REPORTS, report, reportCsv, type ReportName } from '../services/reports.ts';

const filterOf = (opts: Record<string, string | undefined>) =>
  parseOrThrow(
    ActivityFilter,
    Object.fromEntries(Object.entries(opts).filter(([k, v]) => v !== undefined && k !== 'output' && k !== 'format')),
    'options',
  );

export function assistanceCommands(program: Command, ctx: CommandContext<AssistanceServices>): void {
  const { io, run } = ctx;
  const cmd = program.command('assistance').description('the technical assistance register: IATI export and reports');
  const filters = (c: Command) =>
    c
      .option('--country <iso3>', 'activities concerning this country (ISO 3166-1 alpha-3)')
      .option('--region <m49>', 'activities in this UN M49 region')
      .option('--type <type>', 'activities of this type')
      .option('--theme <theme>', 'activities of this thematic area')
      .option('--year <year>', 'activities that started in this year');
  filters(cmd.command('iati'))
    .description('write the published activities as IATI 2.03 XML (standard output unless --output)')
    .option('-o, --output <file>', 'write to this file')
    .action(
      run(async (opts: Record<string, string | undefined>) =>
        ctx.withServices(async ({ assistance: r }) => {
          const filter = filterOf(opts);
          const activities = (await r.activities.published()).filter((s) => matches(s.record as Activity, filter));
          const orgs = new Map((await r.organisations.published()).map((o) => [o.record.id, o.record as Organisation]));
          const { xml, skipped, written } = iatiXml(activities as never, orgs, r.reportingOrg);
          if (written.length === 0) throw new AppError('NOT_FOUND', 'no published activity with a date matches');
          if (opts.output) writeFileSync(opts.output, xml);
          else io.out(xml);
          if (skipped.length) io.err(`left out (no date): ${skipped.join(', ')}\n`);
        }),
      ),
    );
  filters(cmd.command('report <name>'))
    .description(`print a report as JSON or CSV: ${REPORTS.join(', ')}`)
    .option('--format <format>', 'json or csv', 'json')
    .action(
      run(async (name: string, opts: Record<string, string | undefined>) =>
        ctx.withServices(async ({ assistance: r }) => {
          if (!REPORTS.includes(name as ReportName))
            throw new AppError('BAD_REQUEST', `no report '${name}'; one of ${REPORTS.join(', ')}`, [
              { path: 'name', message: 'unknown report', allowed: REPORTS },
            ]);
          const filter = filterOf(opts);
          const activities = (await r.activities.published()).filter((s) => matches(s.record as Activity, filter));
          const table = report(
            name as ReportName,
            activities.map((s) => s.record as Activity),
          );
          io.out(opts.format === 'csv' ? reportCsv(table) : `${JSON.stringify(table, null, 2)}\n`);
        }),
      ),
    );
}
