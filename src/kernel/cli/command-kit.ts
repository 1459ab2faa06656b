/**
 * What every command of the `palermo` CLI shares: where it writes, how an error becomes an exit status
 * (the error code's, see errors.ts), and the context a module's commands get from the app.
 */
import type { Command } from 'commander';
import type { Config } from '../config/config.ts';
import { AppError } from '../errors.ts';
import { isDatabaseUnavailable, unavailableError } from '../db/unavailable.ts';

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
  isTty: boolean;
}

export const defaultIo: CliIo = {
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

/** Wraps a command's action: its result (or its error's exit status) becomes the process's status. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- commander hands actions untyped arguments
export type Runner = (fn: (...args: any[]) => Promise<number | void>) => (...args: unknown[]) => Promise<void>;

/**
 * What the app hands a module's commands: the configuration, the output, the runner that maps errors
 * to exit statuses, and the services of every module, opened on the configured database for the
 * length of one call.
 */
export interface CommandContext<S = unknown> {
  config: Readonly<Config>;
  io: CliIo;
  run: Runner;
  open(): Promise<S>;
  close(services: S): Promise<void>;
  withServices<T>(fn: (services: S) => Promise<T>): Promise<T>;
}

/** A module's commands: added to the program with the app's context. */
export type CommandsOf<S> = (program: Command, ctx: CommandContext<S>) => void;
