/** `palermo document ...` end to end: real processes, a real SQLite file and documents folder. */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { makePdf } from '../fixtures/documents.ts';

const BIN = join(import.meta.dirname, '../../bin/palermo.js');

function palermo(args: string[], db: string, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('palermo document', () => {
  it('attaches, lists and removes judgment files; refuses an executable named .pdf and oversized files, changing ' +
    'nothing', async () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const cases = join(dir, 'cases.jsonl');
    writeFileSync(cases, `${JSON.stringify(caseInput({ id: 'cli-doc' }))}\n`);
    expect(palermo(['import', cases], db).status).toBe(0);

    const pdf = join(dir, 'judgment.pdf');
    writeFileSync(pdf, await makePdf(['The Blefuscu shipping company was convicted.']));
    const fake = join(dir, 'ruling.pdf');
    copyFileSync('/usr/bin/true', fake);

    // One bad file among several: none is attached.
    const bad = palermo(['document', 'add', 'cli-doc', pdf, fake], db);
    expect(bad.status).toBe(65);
    expect(bad.stderr).toMatch(/ruling\.pdf claims to be PDF but its bytes are a Linux executable \(ELF\)/);
    expect(palermo(['document', 'list', 'cli-doc'], db).stdout).toBe('');

    const big = palermo(['document', 'add', 'cli-doc', pdf], db, { PALERMO_DOCUMENT_MAX_BYTES: '1024' });
    expect(big.status).toBe(65);
    expect(big.stderr).toMatch(/judgment\.pdf is \d+ bytes; the limit is 1024 bytes/);

    const ok = palermo(['document', 'add', 'cli-doc', pdf], db);
    expect(ok.status).toBe(0);
    const added = JSON.parse(ok.stdout);
    expect(added).toMatchObject({
      case: 'cli-doc',
      attached: true,
      filename: 'judgment.pdf',
      mediaType: 'application/pdf',
      pages: 1,
    });
    expect(readdirSync(join(dir, 'documents', added.sha256.slice(0, 2)))).toEqual([added.sha256]);

    const exported = palermo(['export', '--query', 'Blefuscu'], db);
    expect(exported.status).toBe(0);
    expect(
      exported.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).id),
    ).toEqual(['cli-doc']);

    const listed = palermo(['document', 'list', 'cli-doc'], db)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(listed.map((d) => d.sha256)).toEqual([added.sha256]);

    expect(palermo(['document', 'remove', 'cli-doc', 'f'.repeat(64)], db).status).toBe(66);
    const removed = palermo(['document', 'remove', 'cli-doc', added.sha256], db);
    expect(removed.status).toBe(0);
    expect(readdirSync(join(dir, 'documents', added.sha256.slice(0, 2)))).toEqual([]);
    expect(palermo(['export', '--query', 'Blefuscu'], db).stdout).toBe('');
  }, 300_000); // a dozen processes, each starting Node and opening the database

  it('backup takes the documents along, and restore brings them back', async () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const cases = join(dir, 'cases.jsonl');
    writeFileSync(cases, `${JSON.stringify(caseInput({ id: 'bk-doc' }))}\n`);
    expect(palermo(['import', cases], db).status).toBe(0);
    const pdf = join(dir, 'judgment.pdf');
    writeFileSync(pdf, await makePdf(['The Laputa recruitment agency was convicted.']));
    const added = JSON.parse(palermo(['document', 'add', 'bk-doc', pdf], db).stdout);

    const backup = palermo(['backup', join(dir, 'backup.db')], db);
    expect(backup.status).toBe(0);
    expect(JSON.parse(backup.stdout).documents).toEqual({
      folder: join(dir, 'backup.db.documents'),
      copied: 1,
      files: 1,
      missing: [],
    });

    const other = join(tempDir(), 'restored.db');
    const restore = palermo(['restore', join(dir, 'backup.db')], other);
    expect(restore.status).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ cases: 1, documents: { copied: 1, files: 1 } });
    expect(readFileSync(join(other, '..', 'documents', added.sha256.slice(0, 2), added.sha256))).toEqual(
      readFileSync(pdf),
    );
    expect(palermo(['export', '--query', 'Laputa'], other).stdout).toContain('"id":"bk-doc"');
  }, 300_000);
});
