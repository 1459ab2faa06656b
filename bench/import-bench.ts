/**
 * Import speed and memory: palermo import of N generated cases from JSON Lines and from CSV
 * (validation, duplicate checks, store, search index, import log: all in one transaction), each run
 * in its own process, against two peers on the same file: `floor` (parse each line and store it)
 * and `fts` (also a plain FTS5 index of title and facts). Peak RSS is compared at N/10 and N to
 * show that memory does not grow with the file.
 *   npm run bench:import -- --size 100000 [--no-csv]
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { CaseInputSchema } from '../src/modules/cases/domain/case-schema.ts';
import { toRecord } from '../src/modules/cases/domain/case-record.ts';
import { CSV_COLUMNS, csvRow } from '../src/modules/cases/services/csv-columns.ts';
import { generateCases } from './case-generator.ts';
import { table, writeSection } from './report.ts';
import { buildIfStale } from './server-process.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : dflt;
};
const N = Number(arg('size', '100000'));
const WORK = '/tmp/palermo-bench';
mkdirSync(WORK, { recursive: true });
const CHILD = new URL('./import-child.ts', import.meta.url).pathname;

async function writeLines(file: string, lines: AsyncIterable<string> | Iterable<string>): Promise<string> {
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.part`);
  for await (const l of lines) if (!out.write(l)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  renameSync(`${file}.part`, file);
  return file;
}

function* jsonl(n: number) {
  for (const c of generateCases(n, 42)) yield `${JSON.stringify(c)}\n`;
}

/** The same cases as Palermo's own CSV export (the default mapping reads it back). */
async function* csv(source: string) {
  yield stringify([CSV_COLUMNS.map((c) => c.name)]);
  const t = '2026-01-01T00:00:00.000Z';
  for await (const line of createInterface({ input: createReadStream(source, 'utf8'), crlfDelay: Infinity })) {
    if (!line) continue;
    const { id, createdAt: _c, updatedAt: _u, version: _v, ...content } = CaseInputSchema.parse(JSON.parse(line));
    yield stringify([csvRow(toRecord(id!, content as never, { version: 1, createdAt: t, updatedAt: t }))]);
  }
}

const BIN = new URL('../bin/palermo.js', import.meta.url).pathname;
const RSS_ON_EXIT = new URL('./rss-on-exit.mjs', import.meta.url).pathname;

/**
 * One run in its own process. `palermo` is the real command (`palermo import`, from build/ as `npm start` builds
 * it: ADR 0004), timed from spawn to exit; the peers run in bench/import-child.ts, which loads none of the app.
 */
function run(kind: string, file: string, format?: string): { cases: number; seconds: number; maxRssMb: number } {
  const db = join(WORK, `import-${kind}.db`);
  if (kind !== 'palermo') {
    const r = spawnSync(process.execPath, ['--import', 'tsx', CHILD, kind, file, db], {
      encoding: 'utf8',
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`${kind} ${file}: ${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!);
  }
  const m = palermo(['import', '--format', format ?? 'jsonl', file], db);
  return { cases: JSON.parse(m.stdout).created, seconds: m.seconds, maxRssMb: m.maxRssMb };
}

/** `palermo ARGS` on a fresh database DB, timed from spawn to exit, with the process's own peak memory. */
function palermo(args: string[], db: string): { stdout: string; seconds: number; maxRssMb: number } {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    env: {
      PATH: process.env.PATH,
      PALERMO_DB_PATH: db,
      PALERMO_LOG_LEVEL: 'silent',
      PALERMO_SEED_DEMO: 'false',
      NODE_OPTIONS: `--import ${RSS_ON_EXIT}`,
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`palermo ${args.join(' ')}: ${r.stderr}`);
  const rss = /PALERMO_BENCH_MAX_RSS_MB (\d+)/.exec(r.stderr);
  if (!rss) throw new Error(`palermo ${args.join(' ')}: no peak memory reported`);
  return { stdout: r.stdout, seconds, maxRssMb: Number(rss[1]) };
}

const small = Math.max(1000, Math.round(N / 10));
const bigJsonl = await writeLines(join(WORK, `cases-${N}.jsonl`), jsonl(N));
const smallJsonl = await writeLines(join(WORK, `cases-${small}.jsonl`), jsonl(small));
const runs: { label: string; file: string; kind: string; format?: string }[] = [
  { label: `floor: parse + store (JSONL, ${small.toLocaleString('en')})`, file: smallJsonl, kind: 'floor' },
  { label: `floor: parse + store (JSONL, ${N.toLocaleString('en')})`, file: bigJsonl, kind: 'floor' },
  { label: `fts: parse + store + plain FTS5 (JSONL, ${N.toLocaleString('en')})`, file: bigJsonl, kind: 'fts' },
  {
    label: `palermo import (JSONL, ${small.toLocaleString('en')})`,
    file: smallJsonl,
    kind: 'palermo',
    format: 'jsonl',
  },
  { label: `palermo import (JSONL, ${N.toLocaleString('en')})`, file: bigJsonl, kind: 'palermo', format: 'jsonl' },
];
if (!argv.includes('--no-csv')) {
  // The file's name carries a hash of the export's columns: a cached CSV of an older column set is not reused.
  const columns = createHash('sha256')
    .update(CSV_COLUMNS.map((c) => c.name).join(','))
    .digest('hex')
    .slice(0, 8);
  const bigCsv = await writeLines(join(WORK, `cases-${N}-${columns}.csv`), csv(bigJsonl));
  runs.push({ label: `palermo import (CSV, ${N.toLocaleString('en')})`, file: bigCsv, kind: 'palermo', format: 'csv' });
}

buildIfStale();
const rows: (string | number)[][] = [];
// What every `palermo` command pays before its first line: start, open and migrate a fresh database, exit.
const fixed = palermo(['migrate'], join(WORK, 'import-migrate.db'));
rows.push([
  'start-up: `palermo migrate` on a fresh database',
  '—',
  0,
  fixed.seconds.toFixed(1),
  '—',
  '—',
  fixed.maxRssMb,
]);
let floorRate = 0;
for (const r of runs) {
  const m = run(r.kind, r.file, r.format);
  const rate = m.cases / m.seconds;
  if (r.kind === 'floor' && m.cases === N) floorRate = rate;
  const mb = Math.round(statSync(r.file).size / 2 ** 20);
  console.log(`${r.label}: ${m.cases} cases in ${m.seconds.toFixed(1)} s, peak RSS ${m.maxRssMb} MB`);
  rows.push([
    r.label,
    `${mb} MB`,
    m.cases,
    m.seconds.toFixed(1),
    Math.round(rate),
    floorRate ? (rate / floorRate).toFixed(3) : '—',
    m.maxRssMb,
  ]);
}

writeSection(
  'import',
  `Import: ${N.toLocaleString('en')} generated cases`,
  `npm run bench:import -- --size ${N}`,
  [
    table(['run', 'input', 'cases', 'seconds', 'cases/s', 'rate / floor', 'peak RSS (MB)'], rows),
    '',
    'Each run is its own process on a fresh database, timed from start to exit (the `palermo` rows include ' +
      'the start-up of the first row). `palermo import` is the ' +
      'real command run from the compiled build/ (as `npm start` builds it; ADR 0004); it validates every ' +
      'line, checks it for duplicates against the store, writes the case with its tag and identifier rows, ' +
      'indexes it for search (analysis, FTS5, facet values, document frequencies) and logs it in the import' +
      ' batch, all in one transaction. `floor` only parses each JSON line and stores it; `fts` adds a plain' +
      ' FTS5 index of title and facts. Peak RSS at N/10 and at N shows whether memory grows with the file. ' +
      'The target of the issue is 5,000 cases/s and at most 300 MB.',
  ].join('\n'),
);
