import type { Command } from 'commander';
import type { Config } from '../../kernel/config/config.ts';
import { boot, closeServices, seedModules } from '../boot.ts';
import { AppError } from '../../kernel/errors.ts';
import { loadWorldMap } from '../../kernel/web/world-map.ts';
import type { CliIo, Runner } from '../../kernel/cli/command-kit.ts';

export function serveCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('serve')
    .description('serve the web site and the API (migrates, and seeds the demo content into an empty database)')
    .option('-p, --port <port>', 'port (PALERMO_PORT)')
    .option('-H, --host <host>', 'address to bind (PALERMO_HOST)')
    .action(
      run(async (opts: { port?: string; host?: string }) => {
        const port = opts.port === undefined ? config.port : Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535) {
          throw new AppError('BAD_REQUEST', `--port must be an integer 0-65535, not '${opts.port}'`, { field: 'port' });
        }
        const services = await boot(config, { backgroundLoad: true });
        if (config.seedDemo) {
          for (const line of await seedModules(services)) io.err(`${line}\n`);
        }
        // Loaded here, not at the top: the other commands (import above all) do not carry the web stack.
        const { createApp } = await import('../http-app.ts');
        const app = await createApp({ config, services });
        const address = await app.listen({ port, host: opts.host ?? config.host });
        io.err(`Palermo is serving on ${address} (database: ${config.databaseUrl ? 'postgres' : config.dbPath})\n`);
        if ((await services.store.accounts.countAdmins()) === 0) {
          io.err(
            'No administrator yet. Create one to sign in to the editor (/login): npx palermo user add --email ' +
              'you@example.org --role admin\n',
          );
        }
        // Project the world map's country paths now rather than on the first Statistics page.
        setImmediate(() => loadWorldMap().catch(() => undefined)); // a failure shows on the page itself
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await app.close();
        await closeServices(services);
        return 0;
      }),
    );
}
