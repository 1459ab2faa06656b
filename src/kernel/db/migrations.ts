/**
 * Migrations of every module, merged into one Kysely migrator. Each module exports its migrations by
 * name; the app merges them (refusing a name two modules use) and Kysely applies them in name order.
 * Names already applied never change; new ones start with a UTC timestamp (20261204T0930_...) so
 * that they order after the first ones (0001_...) and across modules. Each migration gets the dialect,
 * so the few differences (auto-increment keys, JSON types) stay inside it.
 */
import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';

export type Dialect = 'sqlite' | 'postgres';
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a migration runs before any typed schema exists
export type DialectMigration = (db: Kysely<any>, dialect: Dialect) => Promise<void>;
export type ModuleMigrations = Readonly<Record<string, DialectMigration>>;

const NAME = /^(\d{4}_[a-z0-9_]+|\d{8}T\d{4}_[a-z0-9_]+)$/;

/** One set from every module's; a name used twice, or not of the agreed form, is an error naming the modules. */
export function mergeMigrations(parts: readonly { module: string; migrations?: ModuleMigrations }[]): ModuleMigrations {
  const out: Record<string, DialectMigration> = {};
  const owner = new Map<string, string>();
  for (const { module, migrations } of parts) {
    for (const [name, up] of Object.entries(migrations ?? {})) {
      if (!NAME.test(name)) throw new Error(`migration '${name}' of module '${module}': name it YYYYMMDDTHHMM_what`);
      const first = owner.get(name);
      if (first) throw new Error(`migration '${name}' is declared by both module '${first}' and module '${module}'`);
      owner.set(name, module);
      out[name] = up;
    }
  }
  return out;
}

export function migrationProvider(migrations: ModuleMigrations, dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      const out: Record<string, Migration> = {};
      for (const [name, up] of Object.entries(migrations)) out[name] = { up: (db) => up(db, dialect) };
      return out;
    },
  };
}

export async function migrateToLatest(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see DialectMigration
  db: Kysely<any>,
  dialect: Dialect,
  migrations: ModuleMigrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider(migrations, dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
