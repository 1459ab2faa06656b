/** Treaty imports on SQLite, on PostgreSQL when a test server is there, and through the CLI. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { tempDbPath, tempDir } from '../helpers/test-app.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { treatyImportSuite } from './treaties-import-suite.ts';

treatyImportSuite('sqlite', async () => ({ PALERMO_DB_PATH: tempDbPath() }));

describe.skipIf(!pgTestUrl())(`treaty import on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  treatyImportSuite('postgres', async () => ({ DATABASE_URL: await freshPgDatabase() }));
});

const BIN = join(import.meta.dirname, '../../bin/palermo.js');
function palermo(args: string[], db: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    cwd: tempDir('palermo-cwd-'),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('palermo treaty (CLI)', () => {
  it('imports, dry-runs, reports a bad line, exports, re-imports idempotently and undoes', () => {
    const db = tempDbPath();
    const dir = tempDir();
    const file = join(dir, 'untc.csv');
    const header = '"Participant","Signature","Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)"';
    writeFileSync(file, `${header}\nAlbania,12 Dec 2000,21 Aug 2002\nAlgeria,6 Jun 2001,9 Mar 2004\n`);
    const dry = palermo(['treaty', 'import', file, '--treaty', 'XVIII-12-a', '--dry-run'], db);
    expect(dry.status, dry.stderr).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, batch: null, newParties: ['ALB', 'DZA'] });

    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, `${header}\nAlbania,12 Dec 2000,21 Aug 2002\nTurkey,,31 Feb 2003\n`);
    const refused = palermo(['treaty', 'import', bad, '--treaty', 'XVIII-12-a'], db);
    expect(refused.status).toBe(65);
    expect(refused.stderr).toContain('line 3: Ratification, Acceptance(A)');
    expect(refused.stderr).toContain("'31 Feb 2003' is not a date that exists");

    const ok = palermo(['treaty', 'import', file, '--treaty', 'XVIII-12-a', '--as-at', '2024-04-20'], db);
    expect(ok.status, ok.stderr).toBe(0);
    const batch = JSON.parse(ok.stdout).batch as string;
    const exported = palermo(['treaty', 'export', '--treaty', 'XVIII-12-a'], db);
    expect(exported.stdout).toMatch(/^code,participant,/);
    expect(exported.stdout).toContain('DZA,Algeria,2001-06-06,2004-03-09,ratification,,,,2004-04-08,,');
    const ours = join(dir, 'ours.csv');
    writeFileSync(ours, exported.stdout);
    const again = palermo(['treaty', 'import', ours, '--treaty', 'XVIII-12-a'], db);
    expect(JSON.parse(again.stdout)).toMatchObject({ format: 'palermo', changes: [] });
    const undoAgain = palermo(['treaty', 'undo', JSON.parse(again.stdout).batch], db);
    expect(undoAgain.status, undoAgain.stderr).toBe(0);
    const links = join(dir, 'links.csv');
    writeFileSync(links, 'participant,relation,other,date,source\nSCG,predecessor_of,Serbia,,https://example.org/t\n');
    const linked = palermo(['treaty', 'import', links, '--treaty', 'XVIII-12-a'], db);
    expect(JSON.parse(linked.stdout)).toMatchObject({ format: 'links', rows: 1 });
    const linkExport = palermo(['treaty', 'export', '--treaty', 'XVIII-12-a', '--links'], db);
    expect(linkExport.stdout).toContain('SRB,successor_of,SCG,,https://example.org/t,');
    expect(palermo(['treaty', 'undo', JSON.parse(linked.stdout).batch], db).status).toBe(0);
    const undo = palermo(['treaty', 'undo', batch], db);
    expect(undo.status, undo.stderr).toBe(0);
    expect(palermo(['treaty', 'export', '--treaty', 'XVIII-12-a'], db).stdout.trim().split('\n')).toHaveLength(1);
  });
});
