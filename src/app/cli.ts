/**
 * The `palermo` command. Every command returns an exit status: 0 on success, the error code's
 * status on failure (see kernel/errors.ts), with the same codes and messages as the API. The app's
 * own commands (serve, database upkeep) come first, then each module's.
 */
import { Command, CommanderError } from 'commander';
import type { Config } from '../kernel/config/config.ts';
import { defaultIo, reportError, type CliIo, type CommandContext, type Runner } from '../kernel/cli/command-kit.ts';
import { serveCommand } from './commands/serve-command.ts';
import { backupCommands, migrateCommand, reindexCommand, seedCommand } from './commands/db-commands.ts';
import { migrateDataCommand } from './commands/migrate-data-command.ts';
import { boot, closeServices, type Services } from './boot.ts';
import { MODULES } from './modules.ts';

export type { CliIo, Runner };
export { reportError };

export function buildCli(config: Readonly<Config>, io: CliIo = defaultIo) {
  return {
    async run(argv: string[]): Promise<number> {
      let status = 0;
      const program = new Command('palermo')
        .description('Palermo: case law and knowledge of the UN Trafficking in Persons Protocol')
        .version('0.1.0')
        .exitOverride()
        .configureOutput({ writeOut: io.out, writeErr: io.err })
        .showHelpAfterError();
      const run: Runner =
        (fn) =>
        async (...args) => {
          try {
            status = (await fn(...args)) ?? 0;
          } catch (e) {
            status = reportError(e, io);
          }
        };
      const ctx: CommandContext<Services> = {
        config,
        io,
        run,
        open: () => boot(config),
        close: closeServices,
        async withServices(fn) {
          const services = await boot(config);
          try {
            return await fn(services);
          } finally {
            await closeServices(services);
          }
        },
      };
      serveCommand(program, config, io, run);
      migrateCommand(program, config, io, run);
      seedCommand(program, config, io, run);
      reindexCommand(program, config, io, run);
      backupCommands(program, config, io, run);
      for (const m of MODULES) m.commands?.(program, ctx);
      migrateDataCommand(program, config, io, run);
      try {
        await program.parseAsync(argv);
      } catch (e) {
        if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 64;
        return reportError(e, io);
      }
      return status;
    },
  };
}
