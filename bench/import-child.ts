/**
 * One measured peer run, in its own process so its peak RSS is its own; it loads none of the app (the
 * `palermo import` runs are the real command, spawned by import-bench.ts):
 *   node --import tsx bench/import-child.ts floor|fts FILE DB
 * Prints one JSON line: { cases, seconds, maxRssMb }.
 */
import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';

const [kind, file, db] = process.argv.slice(2) as [string, string, string];
for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
const t0 = performance.now();
let cases = 0;

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

const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ cases, seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
