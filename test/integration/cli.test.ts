/** The `palermo` command end to end: real processes, real SQLite files. */
import { describe, it, expect } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CaseInputSchema } from '../../src/modules/cases/domain/case-schema.ts';
import { tempDir } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';

const BIN = join(import.meta.dirname, '../../bin/palermo.js');

function palermo(args: string[], db: string, input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent' },
    input,
    encoding: 'utf8',
    cwd: tempDir('palermo-cwd-'),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonl(n: number): string {
  return Array.from({ length: n }, (_, i) =>
    JSON.stringify(
      caseInput({
        id: `case-${i}`,
        title: `Case ${i}`,
        decisionDate: `${2000 + i}`,
        narratives: { en: { facts: `Facts ${i}.` }, es: { facts: `Hechos ${i}.` } },
      }),
    ),
  ).join('\n');
}

// Each test spawns up to a dozen real processes (a few seconds each on the shared 2-core machine while
// the browser suites run in the other worker): a wider budget than the global 60 s. Not a speed check.
describe('palermo CLI', { timeout: 180_000 }, () => {
  it('prints help and exits 0', () => {
    const r = palermo(['--help'], join(tempDir(), 'p.db'));
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/serve/);
    expect(r.stdout).toMatch(/import/);
    expect(r.stdout).toMatch(/export/);
  });

  it('import -> export -> import into an empty database -> export gives identical JSON Lines', () => {
    const dir = tempDir();
    const src = join(dir, 'in.jsonl');
    writeFileSync(src, `${jsonl(5)}\n`);
    const a = join(dir, 'a.db');
    const imp = palermo(['import', src], a);
    expect(imp.stderr).toBe('');
    expect(imp.status).toBe(0);
    expect(JSON.parse(imp.stdout)).toMatchObject({ created: 5, lines: 5 });
    const first = palermo(['export'], a);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    for (const l of lines) expect(CaseInputSchema.safeParse(JSON.parse(l)).success).toBe(true);

    const exported = join(dir, 'export.jsonl');
    writeFileSync(exported, first.stdout);
    const b = join(dir, 'b.db');
    expect(palermo(['import', exported], b).status).toBe(0);
    const second = palermo(['export', '--output', join(dir, 'second.jsonl')], b);
    expect(second.status).toBe(0);
    expect(readFileSync(join(dir, 'second.jsonl'), 'utf8')).toBe(first.stdout);

    // Re-importing the same file changes nothing.
    const again = palermo(['import', exported], b);
    expect(JSON.parse(again.stdout)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it('a file with one bad line among good ones writes nothing and names the line and field', () => {
    const dir = tempDir();
    const lines = jsonl(4).split('\n');
    lines[2] = JSON.stringify({ ...JSON.parse(lines[2]!), tags: { purposes: ['forced_labor'] } });
    const src = join(dir, 'bad.jsonl');
    writeFileSync(src, lines.join('\n'));
    const db = join(dir, 'p.db');
    const r = palermo(['import', src], db);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/VALIDATION_FAILED/);
    expect(r.stderr).toMatch(/line 3: tags\.purposes\.0: unknown purpose 'forced_labor'/);
    expect(palermo(['export'], db).stdout).toBe('');
  });

  it('invalid JSON on a line is reported with its line number', () => {
    const dir = tempDir();
    const src = join(dir, 'broken.jsonl');
    writeFileSync(src, `${jsonl(1)}\n{"title": "x",\n`);
    const r = palermo(['import', src], join(dir, 'p.db'));
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/line 2: \(line\): invalid JSON/);
  });

  it('fails clearly on a missing file, an empty file, and an unknown format', () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const missing = palermo(['import', join(dir, 'nope.jsonl')], db);
    expect(missing.status).toBe(66);
    expect(missing.stderr).toMatch(/NOT_FOUND: file .*nope\.jsonl' does not exist/);
    writeFileSync(join(dir, 'empty.jsonl'), '');
    const empty = palermo(['import', join(dir, 'empty.jsonl')], db);
    expect(empty.status).toBe(65);
    expect(empty.stderr).toMatch(/empty/);
    const fmt = palermo(['export', '--format', 'xml'], db);
    expect(fmt.status).toBe(64);
    expect(fmt.stderr).toMatch(/unknown --format 'xml'; allowed: jsonl, csv, jsonld/);
  });

  it('import --dry-run validates and writes nothing; import reads standard input', () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const dry = palermo(['import', '--dry-run', '-'], db, jsonl(3));
    expect(dry.status).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({ dryRun: true, created: 3 });
    expect(palermo(['export'], db).stdout).toBe('');
    expect(palermo(['import', '-'], db, jsonl(3)).status).toBe(0);
    expect(palermo(['export', '--status', 'published'], db).stdout.trim().split('\n')).toHaveLength(3);
    expect(palermo(['export', '--status', 'nonsense'], db).status).toBe(64);
  });

  it('an invalid configuration is refused with the variable named', () => {
    const r = spawnSync(process.execPath, [BIN, 'migrate'], {
      env: { PATH: process.env.PATH, PALERMO_PORT: 'eighty' },
      encoding: 'utf8',
      cwd: tempDir(),
    });
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(/PALERMO_PORT/);
  });

  it('backup, then restore elsewhere: identical export; bad backups are refused, the target unchanged', () => {
    const dir = tempDir();
    const a = join(dir, 'a.db');
    writeFileSync(join(dir, 'in.jsonl'), jsonl(4));
    expect(palermo(['import', join(dir, 'in.jsonl')], a).status).toBe(0);
    const backup = join(dir, 'backup.db');
    const b = palermo(['backup', backup], a);
    expect(b.stderr).toBe('');
    expect(JSON.parse(b.stdout).backup).toMatchObject({ cases: 4 });
    expect(palermo(['backup', backup], a).status).toBe(73); // never overwrites

    const target = join(dir, 'target.db');
    writeFileSync(join(dir, 'other.jsonl'), JSON.stringify(caseInput({ id: 'other' })));
    expect(palermo(['import', join(dir, 'other.jsonl')], target).status).toBe(0);
    const r = palermo(['restore', backup], target);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ cases: 4 });
    expect(palermo(['export'], target).stdout).toBe(palermo(['export'], a).stdout);

    const before = palermo(['export'], target).stdout;
    writeFileSync(join(dir, 'not-a-db.db'), 'hello, I am text');
    const notDb = palermo(['restore', join(dir, 'not-a-db.db')], target);
    expect(notDb.status).toBe(65);
    expect(notDb.stderr).toMatch(/is not a SQLite database/);
    const truncated = join(dir, 'truncated.db');
    writeFileSync(truncated, readFileSync(backup).subarray(0, 8192));
    const bad = palermo(['restore', truncated], target);
    expect(bad.status).toBe(65);
    expect(palermo(['export'], target).stdout).toBe(before);
  });

  it('import --undo removes what a batch created and restores what it changed, and refuses after later edits', () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    const lines = jsonl(3).split('\n');
    writeFileSync(join(dir, 'first.jsonl'), lines.slice(0, 2).join('\n'));
    expect(palermo(['import', join(dir, 'first.jsonl')], db).status).toBe(0);
    const before = palermo(['export'], db).stdout;
    // The second batch changes case-0 and creates case-2.
    const changed = JSON.stringify({ ...JSON.parse(lines[0]!), title: 'Changed title' });
    writeFileSync(join(dir, 'second.jsonl'), [changed, lines[2]].join('\n'));
    const second = JSON.parse(palermo(['import', join(dir, 'second.jsonl')], db).stdout);
    expect(second).toMatchObject({ created: 1, updated: 1 });
    const undo = palermo(['import', '--undo', second.batch], db);
    expect(undo.stderr).toBe('');
    expect(JSON.parse(undo.stdout).undone).toMatchObject({ deleted: 1, restored: 1 });
    expect(palermo(['export'], db).stdout).toBe(before);
    expect(palermo(['import', '--undo', second.batch], db).status).toBe(66); // already undone

    const third = JSON.parse(palermo(['import', join(dir, 'second.jsonl')], db).stdout);
    writeFileSync(join(dir, 'edit.jsonl'), JSON.stringify({ ...JSON.parse(lines[2]!), title: 'Edited later' }));
    expect(palermo(['import', join(dir, 'edit.jsonl')], db).status).toBe(0);
    const refused = palermo(['import', '--undo', third.batch], db);
    expect(refused.status).toBe(73);
    expect(refused.stderr).toMatch(/changed since \(case-2\)/);
  });

  it(
    'user add makes the first administrator; bad input names the field; tokens and the audit log from the command ' +
      'line',
    () => {
      const db = join(tempDir(), 'p.db');
      const add = palermo(['user', 'add', '--email', 'Admin@Example.org', '--role', 'admin'], db);
      expect(add.status, add.stderr).toBe(0);
      expect(JSON.parse(add.stdout).created).toMatchObject({ email: 'admin@example.org', role: 'admin' });
      expect(add.stderr).toMatch(/Password for admin@example\.org \(shown once[^\n]*\n[\w-]{20}\n/);
      const badRole = palermo(['user', 'add', '--email', 'x@example.org', '--role', 'owner'], db);
      expect(badRole.status).toBe(65);
      expect(badRole.stderr).toMatch(/role: unknown role 'owner'; allowed: contributor, editor, admin/);
      expect(palermo(['user', 'add', '--email', 'admin@example.org', '--role', 'editor'], db).status).toBe(73);
      const badScope = palermo(['token', 'create', '--label', 'x', '--scopes', 'read,admin'], db);
      expect(badScope.status).toBe(65);
      expect(badScope.stderr).toMatch(/scopes\.1: unknown scope 'admin'/);
      const tok = palermo(
        ['token', 'create', '--label', 'Partner NGO', '--scopes', 'read,import', '--user', 'admin@example.org'],
        db,
      );
      expect(tok.status, tok.stderr).toBe(0);
      const created = JSON.parse(tok.stdout);
      expect(created.secret).toMatch(/^plm_/);
      expect(palermo(['token', 'list'], db).stdout).not.toContain(created.secret);
      expect(palermo(['token', 'revoke', created.created.id], db).status).toBe(0);
      const csv = palermo(['audit', 'export', '--format', 'csv'], db);
      expect(csv.status).toBe(0);
      expect(csv.stdout.split('\n')[0]).toBe(
        'id,at,actorKind,actorId,actorLabel,ip,action,targetType,targetId,details',
      );
      expect(csv.stdout).toMatch(/user\.create[\s\S]*token\.create[\s\S]*token\.revoke/);
      expect(palermo(['audit', 'export', '--format', 'xml'], db).status).toBe(65);
    },
  );

  it.each([
    ['a binary file', Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00', 'latin1'), /line 1: holds NUL bytes/],
    [
      'a Latin-1 file',
      Buffer.from(`${JSON.stringify({ title: 'Caso de Bogot\xe1', jurisdiction: 'COL' })}\n`, 'latin1'),
      /line 1: is not valid UTF-8/,
    ],
    [
      'a UTF-16 file with BOM',
      Buffer.concat([
        Buffer.from([0xff, 0xfe]),
        Buffer.from(JSON.stringify({ title: 'x', jurisdiction: 'COL' }), 'utf16le'),
      ]),
      /line 1: the file is UTF-16/,
    ],
    [
      'JSON with trailing garbage',
      Buffer.from(`${JSON.stringify({ title: 'x', jurisdiction: 'COL' })} trailing\n`),
      /line 1: \(line\): invalid JSON: Unexpected non-whitespace character after JSON/,
    ],
    [
      'a 50 MB line',
      Buffer.concat([
        Buffer.from('{"title":"'),
        Buffer.alloc(50 * 2 ** 20, 0x61),
        Buffer.from('","jurisdiction":"COL"}\n'),
      ]),
      /line 1: is longer than 16 MB/,
    ],
  ])('%s: a clear error naming the line, exit 65, nothing written', (_name, bytes, message) => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    writeFileSync(join(dir, 'good.jsonl'), jsonl(2));
    expect(palermo(['import', join(dir, 'good.jsonl')], db).status).toBe(0);
    const before = palermo(['export'], db).stdout;
    writeFileSync(join(dir, 'bad.jsonl'), bytes);
    const r = palermo(['import', join(dir, 'bad.jsonl')], db);
    expect(r.status).toBe(65);
    expect(r.stderr).toMatch(message);
    expect(palermo(['export'], db).stdout).toBe(before);
  });

  it('an import killed midway (SIGKILL) leaves an intact database without any part of its batch; a rerun ' +
    'completes', async () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    writeFileSync(join(dir, 'small.jsonl'), jsonl(2));
    expect(palermo(['import', join(dir, 'small.jsonl')], db).status).toBe(0);
    const big = join(dir, 'big.jsonl');
    writeFileSync(
      big,
      Array.from({ length: 6000 }, (_, i) =>
        JSON.stringify(
          caseInput({
            id: `big-${i}`,
            narratives: { en: { facts: `Facts of big case ${i}, recruited with false promises and exploited.` } },
          }),
        ),
      ).join('\n'),
    );
    const child = spawn(process.execPath, [BIN, 'import', big], {
      env: { PATH: process.env.PATH, PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent' },
    });
    // Wait until it is writing (the WAL grows), then kill it without warning.
    const wal = `${db}-wal`;
    const start = Date.now();
    while (Date.now() - start < 60_000 && !(existsSync(wal) && statSync(wal).size > 4 * 2 ** 20))
      await new Promise((r) => setTimeout(r, 20));
    expect(child.exitCode).toBeNull(); // still importing when killed
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const check = new Database(db);
    expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
    expect((check.prepare("SELECT count(*) AS n FROM cases WHERE id LIKE 'big-%'").get() as { n: number }).n).toBe(0);
    expect((check.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n).toBe(2);
    check.close();
    const rerun = palermo(['import', big], db);
    expect(rerun.status).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ created: 6000 });
  }, 180_000);

  it(
    '--partial imports the valid lines and writes the rejected ones to a file that re-imports once fixed; ' +
      '--report writes JSON',
    () => {
      const dir = tempDir();
      const db = join(dir, 'p.db');
      const lines = jsonl(4).split('\n');
      lines[1] = JSON.stringify({ ...JSON.parse(lines[1]!), jurisdiction: 'Narnia' });
      lines[3] = '{"title": broken';
      const src = join(dir, 'mixed.jsonl');
      writeFileSync(src, lines.join('\n'));
      const report = join(dir, 'report.json');
      const r = palermo(['import', '--partial', '--report', report, src], db);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ created: 2, rejected: 2, rejectedFile: `${src}.rejected.jsonl` });
      const rep = JSON.parse(readFileSync(report, 'utf8'));
      expect(rep.errors.map((e: { line: number; path: string }) => [e.line, e.path])).toEqual([
        [2, 'jurisdiction'],
        [4, '(line)'],
      ]);
      const rejected = readFileSync(`${src}.rejected.jsonl`, 'utf8').trim().split('\n');
      expect(rejected).toEqual([lines[1], lines[3]]);
      // Fix the rejected lines and import them.
      writeFileSync(`${src}.rejected.jsonl`, [lines[1]!.replace('Narnia', 'PHL'), jsonl(4).split('\n')[3]].join('\n'));
      expect(JSON.parse(palermo(['import', `${src}.rejected.jsonl`], db).stdout)).toMatchObject({ created: 2 });
      expect(palermo(['export'], db).stdout.trim().split('\n')).toHaveLength(4);
      // Without --partial the same file is refused whole, and the report says why.
      const strict = palermo(['import', '--report', report, src], join(dir, 'q.db'));
      expect(strict.status).toBe(65);
      expect(JSON.parse(readFileSync(report, 'utf8'))).toMatchObject({ written: false, code: 'VALIDATION_FAILED' });
    },
  );

  it(
    'imports a partner spreadsheet (CSV) through a YAML mapping, normalising with warnings; column mistakes and ' +
      'broken quoting are errors',
    () => {
      const dir = tempDir();
      const db = join(dir, 'p.db');
      writeFileSync(
        join(dir, 'map.yaml'),
        [
          'columns:',
          '  Case name: title',
          '  Country: jurisdiction',
          '  Year: decisionDate',
          '  Purpose: purposes',
          '  Victim gender: victimGenders',
          '  Victim age: victimAges',
          '  Summary: facts',
          '  Notes: null',
          'values:',
          '  purposes:',
          '    Labour exploitation: forced_labour',
          '    Sexual exploitation: sexual_exploitation',
          'separator: "|"',
        ].join('\n'),
      );
      const csv = [
        'Case name,Country,Year,Purpose,Victim gender,Victim age,Summary,Notes',
        '"State v. A, B and C",Bolivia (Plurinational State of),2014,Labour exploitation|Sexual ' +
          'exploitation,Child|female,1999|34,"Workers were held on a farm,\nunpaid.",internal',
        'State v. D,Türkiye,2016-05,Labour exploitation,male,41,Construction site.,',
      ].join('\n');
      writeFileSync(join(dir, 'partner.csv'), csv);
      const r = palermo(
        ['import', '--format', 'csv', '--mapping', join(dir, 'map.yaml'), join(dir, 'partner.csv')],
        db,
      );
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout);
      expect(out).toMatchObject({ created: 2 });
      const messages = out.warningDetails.map(
        (w: { line: number; path: string; message: string }) => `${w.line} ${w.path}: ${w.message}`,
      );
      expect(messages).toEqual(
        expect.arrayContaining([
          "3 jurisdiction: 'Bolivia (Plurinational State of)' read as BOL",
          "3 victims.0.gender: 'Child' is not a gender: recorded as child status",
          '3 victims.0.age: age 1999 looks like a birth year: recorded as birth year',
        ]),
      );
      const cases = palermo(['export'], db)
        .stdout.trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      const abc = cases.find((c) => c.title === 'State v. A, B and C');
      expect(abc).toMatchObject({
        jurisdiction: 'BOL',
        decisionDate: '2014',
        tags: { purposes: ['forced_labour', 'sexual_exploitation'] },
      });
      expect(abc.victims).toEqual([
        expect.objectContaining({ child: true, gender: null, birthYear: 1999 }),
        expect.objectContaining({ gender: 'female', ageAtOffence: 34 }),
      ]);
      expect(abc.narratives.en.facts).toBe('Workers were held on a farm,\nunpaid.');
      expect(abc.provenance.original).toMatchObject({
        jurisdiction: 'Bolivia (Plurinational State of)',
        victimGenders: 'Child|female',
      });

      const before = palermo(['export'], db).stdout;
      writeFileSync(
        join(dir, 'extra.csv'),
        `${csv.split('\n')[0]},Colour\nState v. E,PHL,2016,Labour exploitation,male,41,Farm.,,red`,
      );
      const unknown = palermo(
        ['import', '--format', 'csv', '--mapping', join(dir, 'map.yaml'), join(dir, 'extra.csv')],
        db,
      );
      expect(unknown.status).toBe(65);
      expect(unknown.stderr).toMatch(/column 'Colour' is not in the mapping/);
      writeFileSync(
        join(dir, 'missing.csv'),
        'Case name,Country,Year,Purpose,Victim gender,Victim age,Notes\nX,PHL,2010,,,,',
      );
      const missing = palermo(
        ['import', '--format', 'csv', '--mapping', join(dir, 'map.yaml'), join(dir, 'missing.csv')],
        db,
      );
      expect(missing.stderr).toMatch(/the mapping names column 'Summary', which the file does not have/);
      writeFileSync(join(dir, 'broken.csv'), `${csv.split('\n')[0]}\nX,PHL,2010,"unterminated,,,,,\n`);
      const broken = palermo(
        ['import', '--format', 'csv', '--mapping', join(dir, 'map.yaml'), join(dir, 'broken.csv')],
        db,
      );
      expect(broken.status).toBe(65);
      expect(broken.stderr).toMatch(/line \d+: the CSV cannot be read/);
      expect(palermo(['export'], db).stdout).toBe(before);
    },
  );

  it('imports an Excel workbook through the same mapping; a file that is not a workbook is refused', async () => {
    const dir = tempDir();
    const db = join(dir, 'p.db');
    writeFileSync(
      join(dir, 'map.json'),
      JSON.stringify({
        columns: { 'Case name': 'title', Country: 'jurisdiction', Decided: 'decisionDate', Purpose: 'purposes' },
        values: { purposes: { 'Labour exploitation': 'forced_labour' } },
      }),
    );
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Cases');
    ws.addRow(['Case name', 'Country', 'Decided', 'Purpose']);
    ws.addRow(['State v. X', 'Philippines', new Date(Date.UTC(2019, 6, 4)), 'Labour exploitation']);
    ws.addRow(['State v. Y', 'THA', 2020, 'Labour exploitation']);
    await wb.xlsx.writeFile(join(dir, 'partner.xlsx'));
    const r = palermo(
      ['import', '--format', 'xlsx', '--mapping', join(dir, 'map.json'), join(dir, 'partner.xlsx')],
      db,
    );
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ created: 2 });
    const cases = palermo(['export'], db)
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(cases.map((c) => [c.title, c.jurisdiction, c.decisionDate, c.tags.purposes])).toEqual([
      ['State v. X', 'PHL', '2019-07-04', ['forced_labour']],
      ['State v. Y', 'THA', '2020', ['forced_labour']],
    ]);
    writeFileSync(join(dir, 'fake.xlsx'), 'MZ this is not a workbook');
    const fake = palermo(
      ['import', '--format', 'xlsx', '--mapping', join(dir, 'map.json'), join(dir, 'fake.xlsx')],
      db,
    );
    expect(fake.status).toBe(65);
    expect(fake.stderr).toMatch(/cannot be read as an Excel workbook/);
  });
});
