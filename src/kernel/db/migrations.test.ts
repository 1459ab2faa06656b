/**
 * mergeMigrations and migrateToLatest on a real SQLite database (:memory:, Kysely + better-sqlite3).
 * The four first names are those of release 0.1 (they live in the cases module); here they are
 * stand-ins of the same names, as the kernel may not import a module.
 */
import { describe, it, expect, afterEach } from 'vitest';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { mergeMigrations, migrateToLatest, type DialectMigration, type ModuleMigrations } from './migrations.ts';

const OLD = ['0001_cases', '0002_import_log', '0003_case_documents', '0004_accounts_and_editorial'] as const;

/** A migration that records its name in a table `ran` (created by the first one to run). */
function recording(name: string): DialectMigration {
  return async (db) => {
    await db.schema
      .createTable('ran')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.notNull())
      .execute();
    await db.insertInto('ran').values({ name }).execute();
  };
}

const mustNotRun: DialectMigration = async () => {
  throw new Error('an applied migration ran again');
};

function set(names: readonly string[], up: (name: string) => DialectMigration = recording): ModuleMigrations {
  return Object.fromEntries(names.map((n) => [n, up(n)]));
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before any typed schema exists
const open: Kysely<any>[] = [];
function memoryDb() {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: new Database(':memory:') }) });
  open.push(db);
  return db;
}

afterEach(async () => {
  for (const db of open.splice(0)) await db.destroy();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function applied(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
async function ranInOrder(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM ran ORDER BY rowid`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe('mergeMigrations', () => {
  it('merges the sets of every module into one', () => {
    const merged = mergeMigrations([
      { module: 'platform', migrations: {} },
      { module: 'cases', migrations: set(OLD) },
      { module: 'library' },
      { module: 'treaties', migrations: set(['20261204T0930_treaty_status']) },
    ]);
    expect(Object.keys(merged).sort()).toEqual([...OLD, '20261204T0930_treaty_status']);
  });

  it('refuses a name two modules declare, naming both modules', () => {
    const merge = () =>
      mergeMigrations([
        { module: 'cases', migrations: set([...OLD, '20261204T0930_shared_table']) },
        { module: 'platform', migrations: set(['20261204T0930_shared_table']) },
      ]);
    expect(merge).toThrow(/20261204T0930_shared_table/);
    expect(merge).toThrow(/'cases'.*'platform'/);
    // An old name taken up again by another module is a duplicate too.
    expect(() =>
      mergeMigrations([
        { module: 'cases', migrations: set(OLD) },
        { module: 'library', migrations: set(['0004_accounts_and_editorial']) },
      ]),
    ).toThrow(/0004_accounts_and_editorial.*'cases'.*'library'/);
  });

  it.each([
    'add_users', // no number or timestamp
    '0005-users', // hyphen
    '0005_Users', // upper case
    '20261204_users', // a date without the time
    '20261204t0930_users', // lower-case t
    '2026-12-04T09:30_users', // ISO punctuation
    '20261204T0930_', // nothing after the timestamp
    '20261204T0930_users.sql', // a dot
  ])('refuses the badly named migration %s, naming its module', (name) => {
    expect(() => mergeMigrations([{ module: 'library', migrations: set([name]) }])).toThrow(
      new RegExp(`'${name.replace(/\./g, '\\.')}' of module 'library'`),
    );
  });

  it('accepts the old names and timestamped ones', () => {
    expect(() =>
      mergeMigrations([{ module: 'cases', migrations: set([...OLD, '20261204T0930_x', '20270101T0000_y_2']) }]),
    ).not.toThrow();
  });
});

describe('migrateToLatest with merged migrations', () => {
  it('orders timestamped names after 0004_... and across modules, whatever the registry order', async () => {
    const db = memoryDb();
    const merged = mergeMigrations([
      { module: 'treaties', migrations: set(['20261204T0930_treaty_status', '20270115T0800_treaty_notes']) },
      { module: 'platform', migrations: set(['20261204T1015_sessions_device']) },
      { module: 'cases', migrations: set([...OLD, '20261130T1700_case_summary']) },
    ]);
    const expected = [
      ...OLD,
      '20261130T1700_case_summary',
      '20261204T0930_treaty_status',
      '20261204T1015_sessions_device',
      '20270115T0800_treaty_notes',
    ];
    expect(await migrateToLatest(db, 'sqlite', merged)).toEqual(expected);
    expect(await ranInOrder(db)).toEqual(expected);
    expect(await applied(db)).toEqual(expected);
  });

  it('applies only the new migrations to a database that has the four old ones', async () => {
    const db = memoryDb();
    // The release-0.1 database: the four old names applied by the one-domain release.
    expect(await migrateToLatest(db, 'sqlite', set(OLD))).toEqual([...OLD]);
    const before = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration
      ORDER BY name`.execute(db);

    // The new layout: the same names (they must not run again) beside new modules' timestamped ones.
    const merged = mergeMigrations([
      { module: 'platform', migrations: set(['20261204T1015_sessions_device']) },
      { module: 'cases', migrations: set(OLD, () => mustNotRun) },
      { module: 'treaties', migrations: set(['20261204T0930_treaty_status']) },
    ]);
    expect(await migrateToLatest(db, 'sqlite', merged)).toEqual([
      '20261204T0930_treaty_status',
      '20261204T1015_sessions_device',
    ]);
    expect(await ranInOrder(db)).toEqual([...OLD, '20261204T0930_treaty_status', '20261204T1015_sessions_device']);
    const after = await sql<{ name: string; timestamp: string }>`SELECT name, timestamp FROM kysely_migration
      ORDER BY name`.execute(db);
    // The old rows are untouched (same names, same times of application).
    expect(after.rows.slice(0, 4)).toEqual(before.rows);
    // Once more: nothing left to apply.
    expect(await migrateToLatest(db, 'sqlite', merged)).toEqual([]);
  });

  it('refuses to apply a migration that orders before one already applied (no silent gap)', async () => {
    const db = memoryDb();
    await migrateToLatest(db, 'sqlite', set([...OLD, '20261204T0930_treaty_status']));
    // A new four-digit name would sort before the timestamped one already applied.
    const late = set([...OLD, '0005_late', '20261204T0930_treaty_status'], () => mustNotRun);
    await expect(migrateToLatest(db, 'sqlite', late)).rejects.toThrow(/0005_late/);
    expect(await applied(db)).toEqual([...OLD, '20261204T0930_treaty_status']);
  });
});
