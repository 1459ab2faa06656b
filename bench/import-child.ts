/**
 * One measured import run, in its own process so its peak RSS is its own:
 *   node --import tsx bench/import-child.ts palermo|floor|fts FILE DB [csv]
 * Prints one JSON line: { cases, seconds, maxRssMb }.
 */
import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/kernel/config/config.ts';
import { buildCli, type CliIo } from '../src/app/cli.ts';

const [kind, file, db, format] = process.argv.slice(2) as [string, string, string, string | undefined];
for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
const t0 = performance.now();
let cases = 0;

if (kind === 'palermo') {
  const config = loadConfig({ PALERMO_DB_PATH: db, PALERMO_LOG_LEVEL: 'silent', PALERMO_SEED_DEMO: 'false' }, {}, null);
  let out = '';
  const io: CliIo = { out: (s) => (out += s), err: (s) => process.stderr.write(s), isTty: false };
  const status = await buildCli(config, io).run(['node', 'palermo', 'import', '--format', format ?? 'jsonl', file]);
  if (status !== 0) throw new Error(`import failed with status ${status}`);
  cases = JSON.parse(out).created;
} else {
  // Peers: the least any importer must do. `floor`: parse each JSON line and store it in one
  // table. `fts`: also index title and facts in a plain FTS5 table (unicode61, no stemming).
  const sqlite = new Database(db);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.exec('CREATE TABLE cases (seq INTEGER PRIMARY KEY, id TEXT UNIQUE, doc TEXT NOT NULL)');
  if (kind === 'fts') sqlite.exec('CREATE VIRTUAL TABLE fts USING fts5(title, facts)');
  const insert = sqlite.prepare('INSERT INTO cases (id, doc) VALUES (?, ?)');
  const fts = kind === 'fts' ? sqlite.prepare('INSERT INTO fts (rowid, title, facts) VALUES (?, ?, ?)') : null;
  sqlite.exec('BEGIN');
  for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const c = JSON.parse(line) as { id: string; title: string; narratives: Record<string, { facts: string | null }> };
    const info = insert.run(c.id, JSON.stringify(c));
    fts?.run(
      info.lastInsertRowid,
      c.title,
      Object.values(c.narratives)
        .map((n) => n.facts ?? '')
        .join('\n'),
    );
    cases++;
  }
  sqlite.exec('COMMIT');
  sqlite.close();
}

const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ cases, seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
