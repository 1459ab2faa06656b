/**
 * The search benchmark on PostgreSQL beside SQLite, in one run, on one corpus and one query mix:
 *   npm run bench:search -- --engine postgres --size 100000 [--seconds 10] [--pg-url postgres://...]
 * The SQLite database of the same size is the one `npm run bench:search -- --size N` built
 * (/tmp/palermo-bench/palermo-N.db; copied, never changed). PostgreSQL gets it through
 * `migrate-data` (copy rate), then its search index is built when the app first opens it (build rate: the same
 * work as `palermo reindex`, done once; at 1,000,000 cases a second rebuild would cost another 25 minutes).
 * In-process latency cold and warm, then real server processes over HTTP with 1 and 8 clients: SQLite,
 * PostgreSQL, PostgreSQL with one streaming replica serving the searches. The server is PALERMO_TEST_PG_URL or
 * --pg-url.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, chmodSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { benchConfig, LIMITS_NOTE } from './bench-config.ts';
import { boot, closeServices, openStore } from '../src/app/boot.ts';
import { migrateData } from '../src/app/migrate-data.ts';
import type { Services } from '../src/modules/cases/services/services.ts';
import type { SqliteSearch } from '../src/kernel/search/sqlite/sqlite-search.ts';
import type { PostgresSearch } from '../src/kernel/search/postgres/postgres-search.ts';
import { buildQueryMix, phrasePairs, wordsByFrequency, type BenchQuery } from './search-queries.ts';
import { percentile, table, writeSection } from './report.ts';
import { startServer } from './server-process.ts';
import { withDatabase } from '../test/helpers/pg.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : dflt;
};
const N = Number(arg('size', '100000'));
const SECONDS = Number(arg('seconds', '10'));
const SERVER = arg('pg-url', process.env.PALERMO_TEST_PG_URL ?? '');
if (!SERVER) {
  console.error(
    'bench:search --engine postgres needs a PostgreSQL server: --pg-url postgres://... or PALERMO_TEST_PG_URL',
  );
  process.exit(2);
}
const WORK = '/tmp/palermo-bench';
const source = join(WORK, `palermo-${N}.db`);
if (!existsSync(source)) {
  console.error(`${source} is missing: run npm run bench:search -- --size ${N} first (it builds the SQLite database)`);
  process.exit(2);
}
const ms = (x: number) => x.toFixed(1);
const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99) };
};

// 1. The SQLite copy, and the PostgreSQL database made from it.
const dir = join(WORK, 'pg-bench');
mkdirSync(dir, { recursive: true });
const sqlitePath = join(dir, `sqlite-${N}.db`);
copyFileSync(source, sqlitePath);
for (const s of ['-wal', '-shm']) if (existsSync(source + s)) copyFileSync(source + s, sqlitePath + s);
const dbName = `bench_${N}`;
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
await admin.query(`CREATE DATABASE ${dbName}`);
const pgUrl = withDatabase(SERVER, dbName);
const sqliteEnv = { PALERMO_DB_PATH: sqlitePath };
const pgEnv = { DATABASE_URL: pgUrl };
const configOf = (env: Record<string, string>) => benchConfig({ ...env, PALERMO_SEED_DEMO: 'false' });

let t = performance.now();
{
  const from = openStore(configOf(sqliteEnv));
  const to = openStore(configOf(pgEnv));
  await migrateData(from, to);
  await from.close();
  await to.close();
}
const copyRate = N / ((performance.now() - t) / 1000);
t = performance.now();
const pgServices = await boot(configOf(pgEnv)); // a database without a search index: open builds it
const pgIndexRate = N / ((performance.now() - t) / 1000);
// On the benchmark's database (the admin connection is on the server's default one): fresh statistics and no
// dead rows from the rebuild, as autovacuum would leave a production server.
{
  const bench = new pg.Client({ connectionString: pgUrl });
  await bench.connect();
  await bench.query('VACUUM ANALYZE');
  await bench.end();
}
const pgBytes = Number((await admin.query(`SELECT pg_database_size('${dbName}') AS b`)).rows[0].b);
const sqliteBytes = statSync(sqlitePath).size;

// 2. The query mix, exactly as the SQLite benchmark draws it.
const sqliteServices = await boot(configOf(sqliteEnv));
const sq = sqliteServices.engine as SqliteSearch;
const words = wordsByFrequency(sq.index.vocabulary);
const pairs = phrasePairs(join(WORK, `cases-${N}.jsonl`));
const queries = buildQueryMix({ words, total: N, pairs });

// 3. In-process latency, cold (match cache emptied) and warm, both engines; and agreement.
async function latency(s: Services, clear: () => void) {
  const cold: number[] = [];
  const warm: number[] = [];
  const totals: number[] = [];
  for (const q of queries) {
    clear();
    let t0 = performance.now();
    const r = await s.search.search({ q: q.q, selection: {}, limit: 20, facets: true });
    cold.push(performance.now() - t0);
    totals.push(r.total);
    t0 = performance.now();
    await s.search.search({ q: q.q, selection: {}, limit: 20, facets: true });
    warm.push(performance.now() - t0);
  }
  return { cold: stats(cold), warm: stats(warm), totals };
}
const sqLat = await latency(sqliteServices, () => sq.cache.clear());
await closeServices(sqliteServices);
const pgEngine = pgServices.engine as PostgresSearch;
const pgLat = await latency(pgServices, () => pgEngine.cache.clear());
await closeServices(pgServices);
const sameTotals = sqLat.totals.filter((n, i) => n === pgLat.totals[i]).length;

// 4. Over HTTP: real server processes, 1 and 8 clients for SECONDS each.
async function server(env: Record<string, string>) {
  const srv = await startServer(env, 300_000);
  return { srv, port: Number(new URL(srv.origin).port) };
}
async function load(env: Record<string, string>, clients: number) {
  const s = await server(env);
  const urls = queries.map(
    (q: BenchQuery) => `http://127.0.0.1:${s.port}/api/v1/search?limit=20&q=${encodeURIComponent(q.q)}`,
  );
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
  const rss = s.srv.rss().peak;
  await s.srv.stop();
  return { ...stats(times), qps: times.length / SECONDS, ready: s.srv.readyMs, rss };
}
const http: [string, Awaited<ReturnType<typeof load>>][] = [];
for (const clients of [1, 8]) {
  http.push([`SQLite, ${clients} client${clients > 1 ? 's' : ''}`, await load(sqliteEnv, clients)]);
  http.push([`PostgreSQL, ${clients} client${clients > 1 ? 's' : ''}`, await load(pgEnv, clients)]);
}
// One streaming replica of the server's cluster on the next port (pg_basebackup), searches sent to it.
let replicaNote = '';
const serverUrl = new URL(SERVER);
const replicaParent = mkdtempSync(join(tmpdir(), 'palermo-bench-replica-'));
chmodSync(replicaParent, 0o755);
const replicaDir = join(replicaParent, 'data');
const script = new URL('../scripts/pg-cluster.sh', import.meta.url).pathname;
try {
  const replicaUrl = execFileSync(
    'bash',
    [script, 'replica', serverUrl.port, replicaDir, String(Number(serverUrl.port) + 1)],
    { encoding: 'utf8' },
  ).trim();
  const replicaEnv = { ...pgEnv, DATABASE_READ_URLS: withDatabase(replicaUrl, dbName) };
  for (const clients of [1, 8]) {
    const label = `PostgreSQL + 1 replica (searches on the replica), ${clients} client${clients > 1 ? 's' : ''}`;
    http.push([label, await load(replicaEnv, clients)]);
  }
} catch (e) {
  replicaNote = ` The replica run failed: ${(e as Error).message.split('\n')[0]}.`;
} finally {
  execFileSync('bash', [script, 'stop', replicaDir]);
  rmSync(replicaParent, { recursive: true, force: true }); // a copy of the whole cluster
}
await admin.end();

// 5. Report: one table, both engines.
const row = (name: string, s: { p50: number; p95: number; p99: number }) => [name, ms(s.p50), ms(s.p95), ms(s.p99)];
const body = [
  `${N.toLocaleString('en')} generated cases (the SQLite benchmark's corpus and database), the same ` +
    `${queries.length} queries, 20 hits with snippets and all facet counts per query. PostgreSQL 15 on loopback ` +
    `(the test cluster: fsync off), same machine as the client.`,
  '',
  table(
    ['', 'SQLite (FTS5)', 'PostgreSQL (tsvector + GIN)'],
    [
      ['build: search index at first open, cases/s', 'see the SQLite section', Math.round(pgIndexRate)],
      ['copy from SQLite (migrate-data), cases/s', '', Math.round(copyRate)],
      ['database size', mb(sqliteBytes), mb(pgBytes)],
    ],
  ),
  '',
  table(
    ['in-process latency', 'p50 ms', 'p95 ms', 'p99 ms'],
    [
      row('SQLite cold', sqLat.cold),
      row('PostgreSQL cold', pgLat.cold),
      row('SQLite warm (text match cached)', sqLat.warm),
      row('PostgreSQL warm (text match cached)', pgLat.warm),
    ],
  ),
  '',
  table(
    ['over HTTP (real server process, loopback)', 'p50 ms', 'p95 ms', 'p99 ms', 'queries/s', 'ready s', 'peak RSS'],
    http.map(([l, h]) => [
      l,
      ms(h.p50),
      ms(h.p95),
      ms(h.p99),
      Math.round(h.qps),
      (h.ready / 1000).toFixed(2),
      mb(h.rss),
    ]),
  ),
  '',
  `Ratios: PostgreSQL / SQLite cold p95 ${(pgLat.cold.p95 / sqLat.cold.p95).toFixed(2)}; HTTP p95 with 1 client ` +
    `PostgreSQL / SQLite ${(http[1]![1].p95 / http[0]![1].p95).toFixed(2)}; queries/s with 8 clients ` +
    `PostgreSQL / SQLite ${(http[3]![1].qps / http[2]![1].qps).toFixed(2)}` +
    (http[5] ? `, with the replica / without ${(http[5][1].qps / http[3]![1].qps).toFixed(2)}` : '') +
    `. Same total hits on both engines for ${sameTotals} of ${queries.length} queries.` +
    replicaNote +
    ' On one 2-core machine the replica shares the CPU with the primary and the server, so it shows the routing ' +
    'cost, not the capacity a replica on its own machine adds. Each server answers the mix in order from a cold ' +
    'start (its match cache fills as it goes); ready = from spawn to /healthz with the index loaded.',
].join('\n');
writeSection(
  `search-pg-${N}`,
  `Search speed at ${N.toLocaleString('en')} cases: PostgreSQL beside SQLite`,
  `npm run bench:search -- ${argv.join(' ')}`,
  `${LIMITS_NOTE}\n\n` + body,
);
