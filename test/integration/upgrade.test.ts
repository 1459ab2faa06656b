/**
 * Upgrade from release 0.1 (one domain, before the modules): a database that release made, committed
 * as a fixture (test/fixtures/upgrade, generated data only), opened by today's code on SQLite and on
 * PostgreSQL. The migrator keeps the four old names and applies only what the modules added since;
 * cases, accounts, tokens, the audit log and the search index come along; the JSON Lines export is
 * byte-identical to the release's, in process and through the real CLI.
 *
 * Each part picks its backend itself (not PALERMO_TEST_BACKEND), so the file gives the same results in
 * both passes of .ci/run; the second pass leaves it out as it does the other files that do not use the
 * test-app helper.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/kernel/config/config.ts';
import { boot, closeServices, openStore, type Services } from '../../src/app/boot.ts';
import { allMigrations } from '../../src/app/modules.ts';
import { tempDir } from '../helpers/test-app.ts';
import { freshPgDatabase, pgTestUrl, PG_BIN, PG_MISSING } from '../helpers/pg.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/upgrade');
const SQLITE_FIXTURE = join(FIXTURES, 'release-0.1.sqlite');
const PG_FIXTURE = join(FIXTURES, 'release-0.1.pg.sql');
const EXPORT_FIXTURE = join(FIXTURES, 'release-0.1.export.jsonl');
const BIN = join(import.meta.dirname, '../../bin/palermo.js');

/** The migrations release 0.1 applied, under the names it gave them. */
const OLD = ['0001_cases', '0002_import_log', '0003_case_documents', '0004_accounts_and_editorial'];
const FIXTURE_EMAIL = 'fixture-admin@example.org';
const FIXTURE_PASSWORD = 'fixture-password-not-secret-1'; // test/fixtures/upgrade/README.md

const expectedExport = readFileSync(EXPORT_FIXTURE);
const fixtureCases = expectedExport
  .toString('utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { id: string; title: string; status: string });
const publishedIds = fixtureCases.filter((c) => c.status === 'published').map((c) => c.id);
const draftIds = fixtureCases.filter((c) => c.status !== 'published').map((c) => c.id);

/** Plain SQL on the database, beside the app (to look at it before and after the upgrade). */
type Rows = (query: string) => Promise<Record<string, unknown>[]>;

interface Backend {
  name: string;
  /** A database with the fixture's content: its environment for the app and a way to read it. */
  prepare(): Promise<{ env: Record<string, string>; rows: Rows; close(): Promise<void> }>;
}

const sqlite: Backend = {
  name: 'SQLite',
  async prepare() {
    // Opening the file rewrites it (journal mode, the search snapshot): always a copy.
    const path = join(tempDir('palermo-upgrade-'), 'palermo.db');
    copyFileSync(SQLITE_FIXTURE, path);
    return {
      env: { PALERMO_DB_PATH: path },
      async rows(query) {
        const db = new Database(path, { readonly: true });
        try {
          return db.prepare(query).all() as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      async close() {},
    };
  },
};

const postgres: Backend = {
  name: 'PostgreSQL',
  async prepare() {
    const url = await freshPgDatabase('upgrade');
    execFileSync(join(PG_BIN, 'psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', PG_FIXTURE], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    return {
      env: { DATABASE_URL: url },
      rows: async (query) => (await client.query(query)).rows as Record<string, unknown>[],
      close: () => client.end(),
    };
  },
};

function configFor(env: Record<string, string>): Readonly<Config> {
  // Built from this environment only (never process.env or a .env file), so the pass of .ci/run does not matter.
  return loadConfig(
    { ...env, PALERMO_LOG_LEVEL: 'silent', PALERMO_DOCUMENTS_DIR: join(tempDir('palermo-docs-'), 'documents') },
    {},
    null,
  );
}

async function exportBytes(services: Services, config: Readonly<Config>): Promise<Buffer> {
  // What `palermo export` (no --status, no --query, jsonl) writes: transfer-commands.ts exportCommand.
  const baseUrl = config.publicUrl?.replace(/\/$/, '');
  const chunks: string[] = [];
  for await (const chunk of services.exports.lines('jsonl', { statuses: undefined }, baseUrl)) chunks.push(chunk);
  return Buffer.from(chunks.join(''), 'utf8');
}

const MIGRATIONS_SQL = 'SELECT name, timestamp FROM kysely_migration ORDER BY name';
const TOKEN_SQL = "SELECT id, label, user_id, scopes, hash, prefix FROM api_tokens WHERE label = 'Fixture token'";
const COUNTS_SQL = `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM audit_log) AS audit,
  (SELECT count(*) FROM import_log) AS import_log, (SELECT count(*) FROM users) AS users`;

/** Counts as numbers (PostgreSQL returns bigint counts as strings). */
const numbers = (row: Record<string, unknown> | undefined) =>
  Object.fromEntries(Object.entries(row ?? {}).map(([k, v]) => [k, Number(v)]));

function upgradeSuite(backend: Backend) {
  let db: Awaited<ReturnType<Backend['prepare']>>;
  let config: Readonly<Config>;
  let services: Services;
  let applied: string[];
  let before: { migrations: Record<string, unknown>[]; token: Record<string, unknown>; counts: Record<string, number> };
  let afterBoot: { migrations: Record<string, unknown>[]; counts: Record<string, number> };

  beforeAll(async () => {
    db = await backend.prepare();
    before = {
      migrations: await db.rows(MIGRATIONS_SQL),
      token: (await db.rows(TOKEN_SQL))[0]!,
      counts: numbers((await db.rows(COUNTS_SQL))[0]),
    };
    config = configFor(db.env);
    // The migrator first on its own, to see what it applies; then the app's boot (which migrates again).
    const store = openStore(config);
    try {
      applied = (await store.migrate(allMigrations())).applied;
    } finally {
      await store.close();
    }
    services = await boot(config);
    afterBoot = { migrations: await db.rows(MIGRATIONS_SQL), counts: numbers((await db.rows(COUNTS_SQL))[0]) };
  });

  afterAll(async () => {
    if (services) await closeServices(services);
    await db?.close();
  });

  it('the fixture is what its README says (release 0.1: four migrations, 40 cases, 1 user, 1 token)', () => {
    expect(before.migrations.map((r) => r.name)).toEqual(OLD);
    expect(before.counts).toMatchObject({ cases: 40, users: 1, import_log: 40 });
    expect(before.counts.audit).toBeGreaterThan(0);
    expect(before.token).toBeDefined();
    expect(publishedIds).toHaveLength(30);
    expect(draftIds).toHaveLength(10);
  });

  it('the migrator applies nothing under the old names, only the migrations the modules added since', async () => {
    const added = Object.keys(allMigrations())
      .filter((n) => !OLD.includes(n))
      .sort();
    expect(applied).toEqual(added);
    // kysely_migration keeps the four old rows as they were (names and times of application).
    expect(afterBoot.migrations.slice(0, OLD.length)).toEqual(before.migrations);
    expect(afterBoot.migrations.map((r) => r.name)).toEqual([...OLD, ...added]);
    // boot() found nothing more to apply: migrating again is a no-op.
    expect((await services.store.migrate(allMigrations())).applied).toEqual([]);
  });

  it('cases, accounts, the import log and the audit log come along unchanged', () => {
    expect(afterBoot.counts).toEqual(before.counts);
  });

  it("the JSON Lines export is byte-identical to the release's", async () => {
    const got = await exportBytes(services, config);
    expect(got.toString('utf8')).toBe(expectedExport.toString('utf8'));
    expect(got.equals(expectedExport)).toBe(true);
  });

  it('the search index finds the published cases and never a draft, before and after a rebuild', async () => {
    const search = async (q: string) =>
      (await services.search.search({ q, selection: {}, limit: 100, facets: false })).hits.map((h) => h.id);
    const check = async () => {
      // Every title says "Generated fixture case NNN".
      expect((await search('generated')).sort()).toEqual([...publishedIds].sort());
      // Each case's own title as a phrase: a published case finds itself alone, a draft finds nothing.
      const phrase = (c: { title: string }) => `"${c.title.replace(/[()]/g, '')}"`;
      for (const c of fixtureCases) expect(await search(phrase(c))).toEqual(c.status === 'published' ? [c.id] : []);
    };
    expect(services.engine.stats().documents).toBe(publishedIds.length);
    await check();
    // A rebuild from the store (`palermo reindex`) reads every case and indexes the published ones only.
    expect(await services.search.reindex()).toBe(fixtureCases.length);
    expect(services.engine.stats().documents).toBe(publishedIds.length);
    await check();
  });

  it('the fixture user signs in with the password and the token is found by its hash', async () => {
    const { secret, user } = await services.accounts.login(FIXTURE_EMAIL, FIXTURE_PASSWORD, {});
    expect(user).toMatchObject({ email: FIXTURE_EMAIL, role: 'admin' });
    expect((await services.accounts.session(secret))?.user.email).toBe(FIXTURE_EMAIL);
    await expect(services.accounts.login(FIXTURE_EMAIL, 'not the password', {})).rejects.toThrow(/wrong/);

    const token = await services.store.accounts.getTokenByHash(String(before.token.hash));
    expect(token).toMatchObject({
      id: before.token.id,
      label: 'Fixture token',
      userId: user.id,
      scopes: ['import', 'read', 'write'],
      prefix: before.token.prefix,
      revokedAt: null,
    });
  });

  it("`palermo export -o FILE` on a fresh copy (the CLI upgrades it) writes the release's bytes", async () => {
    const fresh = await backend.prepare();
    try {
      const out = join(tempDir('palermo-upgrade-out-'), 'export.jsonl');
      const r = spawnSync(process.execPath, [BIN, 'export', '-o', out], {
        env: { PATH: process.env.PATH, PALERMO_LOG_LEVEL: 'silent', ...fresh.env },
        encoding: 'utf8',
        cwd: tempDir('palermo-cwd-'),
      });
      expect(r.status, r.stderr).toBe(0);
      expect(readFileSync(out).equals(expectedExport)).toBe(true);
      expect((await fresh.rows(MIGRATIONS_SQL)).map((m) => m.name)).toEqual(Object.keys(allMigrations()).sort());
    } finally {
      await fresh.close();
    }
  });
}

describe('upgrade from release 0.1 on SQLite', () => upgradeSuite(sqlite));

describe.skipIf(!pgTestUrl())(`upgrade from release 0.1 on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () =>
  upgradeSuite(postgres),
);
