/**
 * The `palermo` command. Every command returns an exit status: 0 on success, the error code's
 * status on failure (see domain/errors.ts), with the same codes and messages as the API.
 */
import { Command, CommanderError } from 'commander';
import type { Config } from '../kernel/config/config.ts';
import { AppError } from '../kernel/errors.ts';
import { isDatabaseUnavailable, unavailableError } from '../kernel/db/unavailable.ts';
import { serveCommand } from './commands/serve-command.ts';
import { backupCommands, migrateCommand, reindexCommand, seedCommand } from './commands/db-commands.ts';
import { importCommand, exportCommand } from '../modules/cases/commands/transfer-commands.ts';
import { schemaCommand } from '../modules/cases/commands/schema-command.ts';
import { documentCommands } from '../modules/cases/commands/document-commands.ts';
import { migrateDataCommand } from './commands/migrate-data-command.ts';
import { accountCommands } from '../modules/platform/commands/account-commands.ts';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTty: boolean;
}

const defaultIo: CliIo = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  isTty: !!process.stderr.isTTY,
};

export function reportError(e: unknown, io: CliIo): number {
  if (isDatabaseUnavailable(e)) e = unavailableError();
  if (e instanceof AppError) {
    io.err(`palermo: ${e.code}: ${e.message}\n`);
    if (Array.isArray(e.details)) {
      for (const d of e.details.slice(0, 50) as { line?: number; path?: string; message?: string }[]) {
        io.err(`  ${d.line !== undefined ? `line ${d.line}: ` : ''}${d.path ?? ''}: ${d.message ?? ''}\n`);
      }
    }
    return e.exitCode;
  }
  io.err(`palermo: INTERNAL: ${(e as Error)?.stack ?? String(e)}\n`);
  return 70;
}

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
      const run = (fn: (...args: any[]) => Promise<number | void>) => async (...args: unknown[]) => {
        try {
          status = (await fn(...args)) ?? 0;
        } catch (e) {
          status = reportError(e, io);
        }
      };
      serveCommand(program, config, io, run);
      migrateCommand(program, config, io, run);
      seedCommand(program, config, io, run);
      reindexCommand(program, config, io, run);
      backupCommands(program, config, io, run);
      documentCommands(program, config, io, run);
      importCommand(program, config, io, run);
      exportCommand(program, config, io, run);
      migrateDataCommand(program, config, io, run);
      accountCommands(program, config, io, run);
      schemaCommand(program, io, run);
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

export type Runner = (fn: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;
