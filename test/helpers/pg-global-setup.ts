/**
 * Vitest global setup: when no PALERMO_TEST_PG_URL is given and the PostgreSQL 15 binaries are
 * installed, start a throwaway cluster for this run (scripts/pg-cluster.sh) and stop it afterwards.
 * In CI (.ci/run sets PALERMO_TEST_PG_URL) a missing server is an error, never a skip.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './pg.ts';

const BIN = '/usr/lib/postgresql/15/bin';

export default async function setup(): Promise<(() => void) | void> {
  if (process.env.PALERMO_TEST_PG_URL) return;
  if (process.env.CI) throw new Error('CI must provide PALERMO_TEST_PG_URL (.ci/run starts PostgreSQL)');
  if (!existsSync(join(BIN, 'initdb'))) {
    process.stderr.write(
      '\nPostgreSQL suites will not run: postgresql-15 is not installed and PALERMO_TEST_PG_URL is unset\n',
    );
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'palermo-test-pg-'));
  const port = String(await freePort());
  const url = execFileSync('bash', ['scripts/pg-cluster.sh', 'start', dir, port], { encoding: 'utf8' }).trim();
  process.env.PALERMO_TEST_PG_URL = url;
  return () => {
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
}
