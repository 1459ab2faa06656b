import type { Command } from 'commander';
import type { Config } from '../../kernel/config/config.ts';
import { boot, closeServices, openSqliteStore } from '../boot.ts';
import { allMigrations } from '../modules.ts';
import { backupDatabase, restoreDatabase } from '../../kernel/db/sqlite/backup-service.ts';
import { copyDocuments, missingDocuments } from '../../kernel/files/document-copy.ts';
import { seedDemo } from '../../modules/cases/index.ts';
import { AppError } from '../../kernel/errors.ts';
import { existsSync } from 'node:fs';
import type { CliIo, Runner } from '../../kernel/cli/command-kit.ts';

export function migrateCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('migrate')
    .description('create or upgrade the database schema')
    .action(
      run(async () => {
        const services = await boot(config);
        await closeServices(services);
        io.out(`database ready: ${config.databaseUrl ? 'postgres' : config.dbPath}\n`);
      }),
    );
}

export function seedCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('seed')
    .description('load content into the database')
    .option('--demo', 'the demo briefs of landmark cases (upserted by id: running it twice changes nothing)')
    .action(
      run(async (opts: { demo?: boolean }) => {
        if (!opts.demo) throw new AppError('BAD_REQUEST', 'say what to seed: --demo');
        const services = await boot(config);
        try {
          const r = await seedDemo(services);
          io.out(`${JSON.stringify({ seeded: 'demo', ...r })}\n`);
        } finally {
          await closeServices(services);
        }
      }),
    );
}

export function reindexCommand(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('reindex')
    .description('rebuild the search index from the store')
    .action(
      run(async () => {
        const services = await boot(config);
        try {
          const t = performance.now();
          const n = await services.search.reindex();
          io.out(`${JSON.stringify({ reindexed: n, seconds: Math.round((performance.now() - t) / 10) / 100 })}\n`);
        } finally {
          await closeServices(services);
        }
      }),
    );
}

export function backupCommands(program: Command, config: Readonly<Config>, io: CliIo, run: Runner): void {
  program
    .command('backup')
    .description(
      'copy the database to FILE while it keeps serving (SQLite online backup), then verify the copy; judgment ' +
        'documents go to FILE.documents/',
    )
    .argument('<file>', 'the backup file to create')
    .action(
      run(async (file: string) => {
        const store = openSqliteStore(config, 'palermo backup');
        try {
          await store.migrate(allMigrations());
          const backup = await backupDatabase(store.sqlite, file);
          // After the database: every document it references was written before its row committed.
          const documents = await copyDocuments(config.documentsDir, `${file}.documents`);
          const referenced = store.sqlite
            .prepare('SELECT DISTINCT sha256 FROM case_documents')
            .pluck()
            .all() as string[];
          const missing = await missingDocuments(`${file}.documents`, referenced);
          io.out(`${JSON.stringify({ backup, documents: { ...documents, missing } })}\n`);
          if (missing.length)
            throw new AppError(
              'UNAVAILABLE',
              `${missing.length} document files referenced by cases are missing from ${config.documentsDir}; the ` +
                `backup lacks them`,
              { missing },
            );
        } finally {
          await store.close();
        }
      }),
    );
  program
    .command('restore')
    .description(
      'replace the database with a backup FILE after checking it (stop the server first; the search index is rebuilt)',
    )
    .argument('<file>', 'a file made by palermo backup')
    .action(
      run(async (file: string) => {
        // Documents first: once the restored rows commit, every file they reference is in place.
        const documents = existsSync(`${file}.documents`)
          ? await copyDocuments(`${file}.documents`, config.documentsDir)
          : null;
        const store = openSqliteStore(config, 'palermo restore');
        let cases: number;
        try {
          ({ cases } = await restoreDatabase(store.sqlite, file));
        } finally {
          await store.close();
        }
        const services = await boot(config); // migrates a backup from an older version
        try {
          await services.search.reindex();
        } finally {
          await closeServices(services);
        }
        io.out(`${JSON.stringify({ restored: file, cases, documents })}\n`);
      }),
    );
}
