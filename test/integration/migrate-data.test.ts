/** `palermo migrate-data` end to end: real processes, a real SQLite file and real PostgreSQL databases. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/test-app.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { caseInput } from '../factories/case-factory.ts';

const bigCase = (i: number) =>
  caseInput({
    id: `big-${i}`,
    narratives: {
      en: {
        facts: `${'A long account of the facts. '.repeat(40)}${i}`,
        reasoning: null,
        commentary: null,
        crossCutting: null,
      },
    },
  });
import { makePdf } from '../fixtures/documents.ts';

const BIN = join(import.meta.dirname, '../../bin/palermo.js');

function palermo(args: string[], db: Record<string, string>, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PALERMO_LOG_LEVEL: 'silent', ...db },
    input,
    encoding: 'utf8',
    cwd: tempDir('palermo-cwd-'),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe.skipIf(!pgTestUrl())(`palermo migrate-data${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  it('SQLite -> PostgreSQL -> SQLite is lossless (identical JSON Lines), keeps import batches, and indexes for ' +
    'search', async () => {
    const dir = tempDir();
    const sqliteA = { PALERMO_DB_PATH: join(dir, 'a.db') };
    const lines = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify(
        caseInput({
          id: `m-${i}`,
          title: `Case ${i}`,
          decisionDate: `${1990 + i}`,
          status: i % 7 === 0 ? 'draft' : 'published',
          narratives: {
            en: { facts: `Facts ${i} about a heron.`, reasoning: null, commentary: null, crossCutting: null },
            es: { facts: `Hechos ${i}: ñandú, acción.`, reasoning: null, commentary: null, crossCutting: null },
          },
        }),
      ),
    );
    writeFileSync(join(dir, 'in.jsonl'), `${lines.slice(0, 20).join('\n')}\n`);
    writeFileSync(join(dir, 'more.jsonl'), `${lines.slice(20).join('\n')}\n`);
    expect(palermo(['import', join(dir, 'in.jsonl')], sqliteA).status).toBe(0);
    const second = palermo(['import', join(dir, 'more.jsonl')], sqliteA);
    expect(second.status).toBe(0);
    const batch = JSON.parse(second.stdout).batch as string;
    const exportOf = (db: Record<string, string>, file: string) => {
      const r = palermo(['export', '-o', join(dir, file)], db);
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(join(dir, file), 'utf8');
    };
    // A judgment document: its row and text come along (the folder is shared by both configurations).
    writeFileSync(join(dir, 'judgment.pdf'), await makePdf(['The Glubbdubdrib agency recruited the victims.']));
    const documentsDir = { PALERMO_DOCUMENTS_DIR: join(dir, 'documents') };
    expect(palermo(['document', 'add', 'm-1', join(dir, 'judgment.pdf')], { ...sqliteA, ...documentsDir }).status).toBe(
      0,
    );
    const a = exportOf(sqliteA, 'a.jsonl');
    expect(a.split('\n').filter(Boolean)).toHaveLength(30);
    // The editorial side comes along too: an account, a token (its hash), versions and the audit log.
    expect(
      palermo(
        ['user', 'add', '--email', 'ed@example.org', '--role', 'editor', '--password-stdin'],
        sqliteA,
        'a long enough password\n',
      ).status,
    ).toBe(0);
    const tok = palermo(['token', 'create', '--label', 'partner', '--scopes', 'read'], sqliteA);
    expect(tok.status, tok.stderr).toBe(0);

    const pgUrl = await freshPgDatabase('migrate');
    const m = palermo(['migrate-data', '--from', `sqlite:${sqliteA.PALERMO_DB_PATH}`, '--to', pgUrl], {});
    expect(m.status, m.stderr).toBe(0);
    const counts = JSON.parse(m.stdout);
    expect(counts).toMatchObject({
      cases: 30,
      importLog: 30,
      documents: 1,
      indexed: 25,
      users: 1,
      tokens: 1,
      editorial: 0,
      versions: 31,
      comments: 0,
    });
    expect(counts.audit).toBeGreaterThanOrEqual(5); // two import batches, a document, a user, a token
    const pg = { DATABASE_URL: pgUrl };
    expect(exportOf(pg, 'pg.jsonl')).toBe(a);

    // Into a non-empty database: refused, nothing written.
    const again = palermo(['migrate-data', '--from', `sqlite:${sqliteA.PALERMO_DB_PATH}`, '--to', pgUrl], {});
    expect(again.status).toBe(73);
    expect(again.stderr).toMatch(/CONFLICT: the destination already holds 30 cases/);

    const sqliteB = join(dir, 'b.db');
    const back = palermo(['migrate-data', '--from', pgUrl, '--to', `sqlite:${sqliteB}`], {});
    expect(back.status, back.stderr).toBe(0);
    const { migrated: _m, seconds: _s, ...copied } = counts;
    expect(JSON.parse(back.stdout)).toMatchObject(copied);
    expect(exportOf({ PALERMO_DB_PATH: sqliteB }, 'b.jsonl')).toBe(a);
    expect(palermo(['user', 'list'], { PALERMO_DB_PATH: sqliteB }).stdout).toContain('"email":"ed@example.org"');
    expect(palermo(['token', 'list'], { PALERMO_DB_PATH: sqliteB }).stdout).toContain(
      `"prefix":"${JSON.parse(tok.stdout).secret.slice(0, 10)}"`,
    );

    // The search index was built, and the import log came along: the second batch can be undone on PostgreSQL.
    expect(palermo(['export', '--query', 'heron', '-o', join(dir, 'q.jsonl')], pg).status).toBe(0);
    expect(readFileSync(join(dir, 'q.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(25);
    expect(palermo(['export', '--query', 'Glubbdubdrib'], pg).stdout).toContain('"id":"m-1"');
    expect(palermo(['document', 'list', 'm-1'], { ...pg, ...documentsDir }).stdout).toContain(
      '"filename":"judgment.pdf"',
    );
    const undo = palermo(['import', '--undo', batch], pg);
    expect(undo.status, undo.stderr).toBe(0);
    expect(exportOf(pg, 'after-undo.jsonl').split('\n').filter(Boolean)).toHaveLength(20);
  }, 300_000); // some fifteen processes, each starting Node

  it('palermo import straight into PostgreSQL imports every line of a file of many chunks', async () => {
    const dir = tempDir();
    const n = 400; // about 600 KB: many reads of the file while the first transaction opens
    writeFileSync(
      join(dir, 'big.jsonl'),
      `${Array.from({ length: n }, (_, i) => JSON.stringify(bigCase(i))).join('\n')}\n`,
    );
    const pg = { DATABASE_URL: await freshPgDatabase('import') };
    const r = palermo(['import', join(dir, 'big.jsonl')], pg);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ lines: n, created: n });
    expect(palermo(['export', '-o', join(dir, 'out.jsonl')], pg).status).toBe(0);
    expect(readFileSync(join(dir, 'out.jsonl'), 'utf8').split('\n').filter(Boolean)).toHaveLength(n);
  });

  it('names a bad --from or --to', () => {
    const r = palermo(['migrate-data', '--from', 'mysql://x', '--to', 'sqlite:/tmp/x.db'], {});
    expect(r.status).toBe(64);
    expect(r.stderr).toMatch(/--from: 'mysql:\/\/x' is neither sqlite:PATH nor a postgres:\/\/ URL/);
  });
});
