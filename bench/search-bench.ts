/**
 * Search speed, measured: build rate, size, memory, latency in-process and over HTTP, against the
 * peers (MiniSearch, FlexSearch) and the raw FTS5 floor, on one generated corpus and one query mix.
 *   npm run bench:search -- --size 100000 [--seconds 10] [--no-peers] [--no-http] [--no-reindex] [--engine postgres]
 */
import { createReadStream, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { benchConfig, LIMITS_NOTE } from './bench-config.ts';
import { boot, closeServices } from '../src/app/boot.ts';
import { toRecord } from '../src/modules/cases/domain/case-record.ts';
import { facetValuesOf, dateNumber } from '../src/modules/cases/search/facet-fields.ts';
import type { SqliteSearch } from '../src/kernel/search/sqlite/sqlite-search.ts';
import { generateCases } from './case-generator.ts';
import { buildQueryMix, floorExpression, phrasePairs, wordsByFrequency, type BenchQuery } from './search-queries.ts';
import { createFlexSearchPeer, createMiniSearchPeer, memoryOf, type Peer, type PeerDoc } from './peers.ts';
import { percentile, table, writeSection } from './report.ts';
import { startServer } from './server-process.ts';

const argv = process.argv.slice(2);
// --engine postgres: PostgreSQL beside SQLite (bench/search-bench-postgres.ts).
if (argv[argv.indexOf('--engine') + 1] === 'postgres' && argv.includes('--engine')) {
  await import('./search-bench-postgres.ts');
  process.exit(0);
}
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : dflt;
};
const N = Number(arg('size', '100000'));
const SECONDS = Number(arg('seconds', '10'));
const PEERS = !argv.includes('--no-peers') && N <= 200_000;
const HTTP = !argv.includes('--no-http');
const WORK = '/tmp/palermo-bench';
mkdirSync(WORK, { recursive: true });
const ms = (x: number) => x.toFixed(1);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function corpusFile(): Promise<string> {
  const file = join(WORK, `cases-${N}.jsonl`);
  if (existsSync(file)) return file;
  const out = createWriteStream(`${file}.part`);
  for (const c of generateCases(N, 42)) if (!out.write(`${JSON.stringify(c)}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
  const { renameSync } = await import('node:fs');
  renameSync(`${file}.part`, file);
  return file;
}

const lines = (file: string) => createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });

// 1. Build: import (validation + store + index in one pass), then a full reindex.
const file = await corpusFile();
const dbPath = join(WORK, `palermo-${N}.db`);
// --reuse-db: measure queries on the database an earlier run built (its import rate is not re-measured).
const reuse = argv.includes('--reuse-db') && existsSync(dbPath);
if (!reuse) for (const s of ['', '-wal', '-shm']) rmSync(dbPath + s, { force: true });
const config = benchConfig({ PALERMO_DB_PATH: dbPath });
let services = await boot(config);
let t = performance.now();
let importRate = NaN;
if (!reuse) {
  await services.jsonl.import(lines(file));
  importRate = N / ((performance.now() - t) / 1000);
}
let indexRate = NaN;
if (!argv.includes('--no-reindex')) {
  t = performance.now();
  await services.search.reindex();
  indexRate = N / ((performance.now() - t) / 1000);
}
const engine = services.engine as SqliteSearch;
const vocab = engine.index.vocabulary;
await closeServices(services); // saves the snapshot the server then starts from
const checkpoint = new Database(dbPath);
checkpoint.pragma('wal_checkpoint(TRUNCATE)');
checkpoint.close();
const dbBytes = statSync(dbPath).size;

// 2. The query mix, from the index's own vocabulary.
gc();
const heap0 = process.memoryUsage();
services = await boot(config);
gc();
const heap1 = process.memoryUsage();
const ourMemory = heap1.heapUsed + heap1.arrayBuffers - heap0.heapUsed - heap0.arrayBuffers;
const ours = services.engine as SqliteSearch;
const words = wordsByFrequency(ours.index.vocabulary);
const pairs = phrasePairs(file);
const queries = buildQueryMix({ words, total: N, pairs });
void vocab;

// 3. In-process latency. As a server does after start, the row lengths of the phrase statistics are read first.
// Per query: cold (match cache and what queries built emptied), again after a write (the match cache emptied, as
// every committed write empties it: a phrase asked for the second time is built then), then after each write (the
// same a third time) and warm (a fourth time, match cache kept).
const cold: number[] = [];
const afterWrite: number[] = [];
const steady: number[] = [];
const warm: number[] = [];
t = performance.now();
await ours.phrases.warmUp();
const warmUpMs = performance.now() - t;
const search = (q: BenchQuery) => services.search.search({ q: q.q, selection: {}, limit: 20, facets: true });
const timed = async (q: BenchQuery, into: number[]) => {
  t = performance.now();
  await search(q);
  into.push(performance.now() - t);
};
for (const q of queries) {
  ours.cache.clear();
  ours.phrases.clear();
  await timed(q, cold);
  ours.cache.clear();
  await timed(q, afterWrite);
  ours.cache.clear();
  await timed(q, steady);
  await timed(q, warm);
}
const byKind = new Map<string, number[]>();
queries.forEach((q, i) => byKind.set(q.kind, [...(byKind.get(q.kind) ?? []), cold[i]!]));
await closeServices(services);

// 4. Over HTTP: a real server process; 1 and 8 clients for SECONDS each; cache on, then off.
interface HttpRun {
  label: string;
  p50: number;
  p95: number;
  p99: number;
  qps: number;
}
const httpRuns: HttpRun[] = [];
let readyMs = NaN;
let peakRss = NaN;
async function server(cacheEntries: number) {
  const srv = await startServer({ PALERMO_DB_PATH: dbPath, PALERMO_SEARCH_CACHE: String(cacheEntries) }, 300_000);
  return { srv, port: Number(new URL(srv.origin).port), ready: srv.readyMs };
}
async function load(port: number, clients: number, label: string): Promise<HttpRun> {
  const urls = queries.map((q) => `http://127.0.0.1:${port}/api/v1/search?limit=20&q=${encodeURIComponent(q.q)}`);
  const times: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const url = urls[next++ % urls.length]!;
        const t0 = performance.now();
        const res = await fetch(url);
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`${res.status} for ${url}`);
        times.push(performance.now() - t0);
      }
    }),
  );
  return { label, ...stats(times), qps: times.length / SECONDS };
}
if (HTTP) {
  const s = await server(256);
  readyMs = s.ready;
  httpRuns.push(await load(s.port, 1, 'HTTP, 1 client, cache on'));
  httpRuns.push(await load(s.port, 8, 'HTTP, 8 clients, cache on'));
  peakRss = s.srv.rss().peak;
  await s.srv.stop();
  const c = await server(0);
  httpRuns.push(await load(c.port, 1, 'HTTP, 1 client, cache off'));
  httpRuns.push(await load(c.port, 8, 'HTTP, 8 clients, cache off'));
  await c.srv.stop();
}

// 5. Peers and the raw FTS5 floor, same corpus, same queries.
interface PeerRow {
  name: string;
  build: number;
  memory: number;
  p50: number;
  p95: number;
  p99: number;
}
const peerRows: PeerRow[] = [];
if (PEERS) {
  const docs: PeerDoc[] = [];
  for await (const line of lines(file)) {
    const c = JSON.parse(line);
    const rec = toRecord(c.id, c, { version: 1, createdAt: '', updatedAt: '' });
    if (rec.status !== 'published') continue;
    const n = rec.narratives.en!;
    docs.push({
      id: docs.length,
      title: rec.title,
      text: [n.facts, n.reasoning].filter(Boolean).join('\n'),
      facets: facetValuesOf(rec),
      date: dateNumber(rec),
    });
  }
  for (const make of [createMiniSearchPeer, createFlexSearchPeer]) {
    gc();
    const peer: Peer = make();
    let build = 0;
    const memory = memoryOf(() => {
      const t0 = performance.now();
      peer.build(docs);
      build = docs.length / ((performance.now() - t0) / 1000);
    });
    const times = queries.map((q) => {
      const t0 = performance.now();
      peer.query(q.peer, 20);
      return performance.now() - t0;
    });
    peerRows.push({ name: peer.name, build, memory, ...stats(times) });
  }
  const floorPath = join(WORK, `floor-${N}.db`);
  rmSync(floorPath, { force: true });
  const floor = new Database(floorPath);
  floor.exec(`CREATE VIRTUAL TABLE f USING fts5(title, text, tokenize='porter unicode61 remove_diacritics 2')`);
  const ins = floor.prepare('INSERT INTO f(rowid, title, text) VALUES (?, ?, ?)');
  t = performance.now();
  floor.transaction(() => docs.forEach((d) => ins.run(d.id + 1, d.title, d.text)))();
  const floorBuild = docs.length / ((performance.now() - t) / 1000);
  const top = floor.prepare('SELECT rowid FROM f WHERE f MATCH ? ORDER BY rank LIMIT 20');
  const times = queries.map((q) => {
    const t0 = performance.now();
    top.all(floorExpression(q));
    return performance.now() - t0;
  });
  peerRows.push({
    name: 'raw FTS5 floor (MATCH ... ORDER BY rank LIMIT 20; no facets, no snippets)',
    build: floorBuild,
    memory: statSync(floorPath).size,
    ...stats(times),
  });
  floor.close();
}

// 6. Report.
const c = stats(cold);
const w = stats(warm);
const rows: (string | number)[][] = [
  [
    'Palermo in-process, cold (no cached match)',
    Number.isNaN(indexRate)
      ? Number.isNaN(importRate)
        ? 'n/a'
        : `${Math.round(importRate)} (import)`
      : Math.round(indexRate),
    `${mb(ourMemory)} heap + ${mb(dbBytes)} file`,
    ms(c.p50),
    ms(c.p95),
    ms(c.p99),
  ],
  ...(
    [
      ['Palermo in-process, again after a write (phrase built)', afterWrite],
      ['Palermo in-process, then after each write (phrases kept)', steady],
    ] as const
  ).map(([label, xs]) => {
    const x = stats(xs);
    return [label, '', '', ms(x.p50), ms(x.p95), ms(x.p99)];
  }),
  ['Palermo in-process, warm (text match cached)', '', '', ms(w.p50), ms(w.p95), ms(w.p99)],
  ...peerRows.map((p) => [
    p.name,
    Math.round(p.build),
    p.name.startsWith('raw') ? `${mb(p.memory)} file` : `${mb(p.memory)} heap`,
    ms(p.p50),
    ms(p.p95),
    ms(p.p99),
  ]),
];
const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
const floorRow = peerRows.find((p) => p.name.startsWith('raw'));
const peerOnly = peerRows.filter((p) => !p.name.startsWith('raw'));
const body = [
  `${N.toLocaleString('en')} generated cases (bench/case-generator.ts: text from a word-bigram model of the real ` +
    `corpus, skewed facets), ${queries.length} queries (${[...byKind.keys()].join(', ')}; each with 0, 1 or 3 ` +
    `filters), 20 hits with snippets and all ${16} facet counts per query.`,
  '',
  `Import (validation + store + index): ` +
    `${Number.isNaN(importRate) ? 'not measured in this run (--reuse-db)' : `${Math.round(importRate)} cases/s`}. ` +
    `Index rebuild (reindex): ` +
    `${Number.isNaN(indexRate) ? 'not measured in this run' : `${Math.round(indexRate)} cases/s`}. Database ` +
    `file: ${mb(dbBytes)}.` +
    (HTTP ? ` Server ready ${ms(readyMs)} ms after start; server peak RSS ${mb(peakRss)}.` : '') +
    ` Row lengths for the phrase statistics read in ${ms(warmUpMs)} ms.`,
  '',
  'Cold = nothing cached: the match cache and the phrase statistics are emptied before each query. Again after a ' +
    'write = the same query with the match cache emptied, as every committed write empties it; then after each ' +
    'write = a third time, the same way (ADR 0002, addendum of 2026-12-05). HTTP with the cache off runs without ' +
    'phrase statistics.',
  '',
  table(['engine', 'build cases/s', 'memory / size', 'p50 ms', 'p95 ms', 'p99 ms'], rows),
  '',
  HTTP
    ? table(
        ['over HTTP (real server process, loopback)', 'p50 ms', 'p95 ms', 'p99 ms', 'queries/s'],
        httpRuns.map((h) => [h.label, ms(h.p50), ms(h.p95), ms(h.p99), Math.round(h.qps)]),
      )
    : '',
  '',
  'Cold in-process p95 by kind of query (ms): ' +
    [...byKind].map(([k, xs]) => `${k} ${ms(stats(xs).p95)}`).join(', ') +
    '.',
  '',
  PEERS
    ? `Ratios (p95): Palermo cold / ${peerOnly.map((p) => `${p.name} ${ratio(c.p95, p.p95)}`).join(', ')}; Palermo ` +
      `cold / raw FTS5 floor ${ratio(c.p95, floorRow?.p95 ?? 0)}; memory Palermo / ` +
      `${peerOnly.map((p) => `${p.name} ${ratio(ourMemory, p.memory)}`).join(', ')}.` +
      ' Peers match words without stemming or phrases (a phrase is an AND of its words) and count facets over ' +
      'their full match set with plain Maps; the floor does no filtering, facets or snippets.'
    : '',
].join('\n');
writeSection(
  `search-${N}`,
  `Search speed at ${N.toLocaleString('en')} cases`,
  `npm run bench:search -- ${argv.join(' ')}`,
  `${LIMITS_NOTE}\n\n` + body,
);
