import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import type { Config } from '../../kernel/config/config.ts';
import { AppError } from '../../kernel/errors.ts';
import { boot, closeServices, openStore } from '../boot.ts';
import { allMigrations } from '../modules.ts';
import { migrateData } from '../migrate-data.ts';
import type { CliIo, Runner } from '../../kernel/cli/command-kit.ts';

/** `sqlite:PATH` (or a path ending in .db) or `postgres://...` as the settings that open that database. */
export function databaseSpec(
  spec: string,
  option: string,
): Pick<Config, 'dbPath' | 'databaseUrl' | 'databaseReadUrls'> {
  if (/^postgres(ql)?:\/\//.test(spec)) return { dbPath: '', databaseUrl: spec, databaseReadUrls: [] };
  const path = spec.startsWith('sqlite:') ? spec.slice('sqlite:'.length) : spec;
  if (!path || (!spec.startsWith('sqlite:') && !/\.(db|sqlite3?)$/.test(path))) {
    throw new AppError('BAD_REQUEST', `${option}: '${spec}' is neither sqlite:PATH nor a postgres:// URL`, {
      field: option,
    });
  }
  return { dbPath: path, databaseUrl: undefined, databaseReadUrls: [] };
}

export function migrateDataCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('migrate-data')
    .description(
      'copy a whole database into an empty one, SQLite <-> PostgreSQL (cases, import log, settings), then build ' +
        'its search index',
    )
    .requiredOption('--from <db>', 'source: sqlite:PATH or postgres://...')
    .requiredOption('--to <db>', 'destination (empty): sqlite:PATH or postgres://...')
    .action(
      run(async (opts: { from: string; to: string }) => {
        const fromSpec = databaseSpec(opts.from, '--from');
        const toSpec = databaseSpec(opts.to, '--to');
        if (fromSpec.dbPath === '' ? fromSpec.databaseUrl === toSpec.databaseUrl : fromSpec.dbPath === toSpec.dbPath) {
          throw new AppError('BAD_REQUEST', '--from and --to are the same database', { field: '--to' });
        }
        const from = openStore(fromSpec);
        const to = openStore(toSpec);
        const bar = io.isTty
          ? new SingleBar(
              {
                format: 'copying {bar} {percentage}% | {value}/{total} cases | {rate} cases/s | ETA {eta_formatted}',
                hideCursor: true,
                stream: process.stderr,
              },
              Presets.shades_classic,
            )
          : null;
        const started = performance.now();
        let result;
        try {
          await from.migrate(allMigrations());
          result = await migrateData(from, to, ({ done, total }) => {
            if (!bar) return;
            if (done === 0) bar.start(total, 0, { rate: 0 });
            bar.update(done, { rate: Math.round(done / Math.max((performance.now() - started) / 1000, 0.001)) });
          });
        } finally {
          bar?.stop();
          await from.close();
          await to.close();
        }
        // Opening the destination builds its search index from the copied cases.
        const services = await boot({ ...config, ...toSpec, seedDemo: false });
        const indexed = services.engine.stats().documents;
        await closeServices(services);
        const seconds = Math.round((performance.now() - started) / 100) / 10;
        const migrated = { from: redact(opts.from), to: redact(opts.to) };
        io.out(`${JSON.stringify({ migrated, ...result, indexed, seconds })}\n`);
      }),
    );
}

/** A URL without its password, for output. */
function redact(spec: string): string {
  return spec.replace(/^(postgres(?:ql)?:\/\/[^:/@]+):[^@]*@/, '$1:***@');
}
