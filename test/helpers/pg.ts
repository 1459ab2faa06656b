/**
 * The PostgreSQL server for tests: PALERMO_TEST_PG_URL (set by .ci/run, or by the global setup,
 * which starts a throwaway cluster when the PostgreSQL binaries are installed). Each test gets a
 * fresh, empty database.
 */
import pg from 'pg';
import { randomBytes } from 'node:crypto';

/** The server's URL, or null when no server is available (PostgreSQL suites then say so and do not run). */
export function pgTestUrl(): string | null {
  return process.env.PALERMO_TEST_PG_URL || null;
}

export const PG_MISSING =
  'no PostgreSQL server: set PALERMO_TEST_PG_URL, or install postgresql-15 (the tests then start a throwaway ' +
  'cluster); .ci/run does both';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates an empty database and returns its URL. */
export async function freshPgDatabase(prefix = 't'): Promise<string> {
  const server = pgTestUrl();
  if (!server) throw new Error(PG_MISSING);
  const name = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: server });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  return withDatabase(server, name);
}

/** Which backend the app tests run on: PALERMO_TEST_BACKEND=postgres runs them on PostgreSQL. */
export function testBackend(): 'sqlite' | 'postgres' {
  return process.env.PALERMO_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';
}

export const PG_BIN = '/usr/lib/postgresql/15/bin';

/** A loopback port nothing listens on now (the kernel's choice), for a test cluster. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A cluster of a test's own (initdb + pg_ctl through scripts/pg-cluster.sh), to stop and start at will. */
export interface OwnCluster {
  url: string;
  dir: string;
  port: number;
  stop(): void;
  start(): void;
  destroy(): void;
}

export async function ownCluster(): Promise<OwnCluster> {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'palermo-own-pg-'));
  const port = await freePort();
  const script = join(import.meta.dirname, '../../scripts/pg-cluster.sh');
  const start = () => execFileSync('bash', [script, 'start', dir, String(port)], { encoding: 'utf8' }).trim();
  const url = start();
  return {
    url,
    dir,
    port,
    start: () => void start(),
    stop: () => void execFileSync('bash', [script, 'stop', dir]),
    destroy() {
      execFileSync('bash', [script, 'stop', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A streaming replica of an own cluster (pg_basebackup), on its own loopback port. */
export async function ownReplica(primary: OwnCluster): Promise<{ url: string; destroy(): void }> {
  const { execFileSync } = await import('node:child_process');
  const { chmodSync, mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const parent = mkdtempSync(join(tmpdir(), 'palermo-replica-'));
  chmodSync(parent, 0o755); // the server's user must reach the data directory inside
  const dir = join(parent, 'data');
  const port = await freePort();
  const script = join(import.meta.dirname, '../../scripts/pg-cluster.sh');
  const url = execFileSync('bash', [script, 'replica', String(primary.port), dir, String(port)], {
    encoding: 'utf8',
  }).trim();
  return {
    url,
    destroy() {
      execFileSync('bash', [script, 'stop', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
