/** `palermo jobs work`: runs the kernel job queue (mail among it) beside `palermo serve`. */
import type { CommandContext } from '../../../kernel/cli/command-kit.ts';
import { JobWorker } from '../../../kernel/jobs/index.ts';
import type { GrantsServices } from '../services/grants-services.ts';
import type { Command } from 'commander';

export function jobsCommand(program: Command, ctx: CommandContext<GrantsServices>): void {
  const { io, run } = ctx;
  const jobs = program.command('jobs').description('the durable job queue (mail and reminders)');
  jobs
    .command('work')
    .description('run due jobs: once (--once) or until stopped; mail needs PALERMO_SMTP_URL')
    .option('--once', 'run what is due now, then stop')
    .option('--interval <ms>', 'polling interval in milliseconds', '1000')
    .action(
      run(async (opts: { once?: boolean; interval: string }) =>
        ctx.withServices(async (s) => {
          if (!s.jobs.mail) io.err('PALERMO_SMTP_URL is not set: mail jobs stay queued\n');
          const worker = new JobWorker(s.jobs.queue, s.jobs.handlers, undefined, (id, e) =>
            io.err(`job ${id}: ${e instanceof Error ? e.message : String(e)}\n`),
          );
          if (opts.once) {
            io.out(`${await worker.drain()} job(s) run\n`);
          } else {
            worker.start(Number(opts.interval) || 1000);
            await new Promise<void>((resolve) => {
              process.once('SIGINT', () => resolve());
              process.once('SIGTERM', () => resolve());
            });
            await worker.stop();
          }
          s.jobs.close();
          return 0;
        }),
      ),
    );
}
