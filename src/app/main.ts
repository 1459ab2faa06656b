/** The process entry: loads the configuration and runs the `palermo` command. */
import { loadConfig, type Config } from '../kernel/config/config.ts';
import { AppError } from '../kernel/errors.ts';
import { buildCli } from './cli.ts';

export async function runCli(argv: string[]): Promise<number> {
  let config: Readonly<Config>;
  try {
    config = loadConfig();
  } catch (e) {
    process.stderr.write(`palermo: ${(e as Error).message}\n`);
    return e instanceof AppError ? e.exitCode : 1;
  }
  return buildCli(config).run(argv);
}
