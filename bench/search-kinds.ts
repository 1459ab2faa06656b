/**
 * Search latency by kind of query on an already built database, for paired before/after runs
 * (ratios: the machine is shared), and for CPU profiles of one kind (`node --cpu-prof`).
 *   node --import tsx --expose-gc bench/search-kinds.ts --db /path/palermo-100000.db --corpus cases-100000.jsonl
 *     [--kinds "rare word,phrase"] [--rounds 3] [--http] [--json out.json] [--profile DIR] [--pg-url URL]
 * --pg-url: the searches run on that PostgreSQL database (one `bench:search --engine postgres` made from the same
 * SQLite file; the queries are still drawn from the SQLite file's vocabulary).
 * In-process: each query cold (match cache and the phrase statistics queries built emptied) then warm, `rounds`
 * times; p95 per kind over all.
 * --http: a real server process on the same file, cache off (cold) and on (warm), one client.
 */
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
import { benchConfig } from './bench-config.ts';
import { startServer } from './server-process.ts';
import { boot, closeServices } from '../src/app/boot.ts';
import type { SqliteSearch } from '../src/kernel/search/sqlite/sqlite-search.ts';
import type { PostgresSearch } from '../src/kernel/search/postgres/postgres-search.ts';
import { buildQueryMix, phrasePairs, wordsByFrequency, type BenchQuery } from './search-queries.ts';
import { percentile } from './report.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : dflt;
};
const dbPath = arg('db', '');
const corpus = arg('corpus', '');
const rounds = Number(arg('rounds', '3'));
const only = arg('kinds', '') ? new Set(arg('kinds', '').split(',')) : null;
if (!dbPath || !corpus) throw new Error('--db and --corpus are required');

const pgUrl = arg('pg-url', '');
const sqlite = await boot(benchConfig({ PALERMO_DB_PATH: dbPath, PALERMO_SEED_DEMO: 'false' }));
const words = wordsByFrequency((sqlite.engine as SqliteSearch).index.vocabulary);
const pairs = phrasePairs(corpus);
const total = sqlite.engine.stats().documents;
const queries = buildQueryMix({ words, total, pairs }).filter((q) => !only || only.has(q.kind));
if (pgUrl) await closeServices(sqlite);
const services = pgUrl ? await boot(benchConfig({ DATABASE_URL: pgUrl, PALERMO_SEED_DEMO: 'false' })) : sqlite;
const ours = services.engine as SqliteSearch | PostgresSearch;
const search = (q: BenchQuery) => services.search.search({ q: q.q, selection: {}, limit: 20, facets: true });

const cold = new Map<string, number[]>();
const warm = new Map<string, number[]>();
const push = (m: Map<string, number[]>, k: string, v: number) => m.set(k, [...(m.get(k) ?? []), v]);
for (const q of queries) await search(q); // a first pass: page cache and JIT
// --profile DIR: one CPU profile of the cold queries per kind (bench/cpu-profile-summary.ts reads them).
if (arg('profile', '')) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  for (const kind of new Set(queries.map((q) => q.kind))) {
    await session.post('Profiler.start');
    for (let round = 0; round < rounds; round++)
      for (const q of queries.filter((x) => x.kind === kind)) {
        ours.cache.clear();
        if ('phrases' in ours) ours.phrases.clear();
        await search(q);
      }
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(`${arg('profile', '')}/${kind.replace(/\W+/g, '-')}.cpuprofile`, JSON.stringify(profile));
  }
  session.disconnect();
}
for (let round = 0; round < rounds; round++) {
  for (const q of queries) {
    ours.cache.clear();
    if ('phrases' in ours) ours.phrases.clear();
    let t = performance.now();
    await search(q);
    push(cold, q.kind, performance.now() - t);
    t = performance.now();
    await search(q);
    push(warm, q.kind, performance.now() - t);
  }
}
await closeServices(services);

const http = { cold: new Map<string, number[]>(), warm: new Map<string, number[]>() };
if (argv.includes('--http')) {
  for (const [cacheEntries, into] of [
    [0, http.cold],
    [256, http.warm],
  ] as const) {
    const db: Record<string, string> = pgUrl ? { DATABASE_URL: pgUrl } : { PALERMO_DB_PATH: dbPath };
    const srv = await startServer({ ...db, PALERMO_SEARCH_CACHE: String(cacheEntries) }, 120_000);
    const get = async (q: BenchQuery) => {
      const res = await fetch(`${srv.origin}/api/v1/search?limit=20&q=${encodeURIComponent(q.q)}`);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${res.status} for ${q.q}`);
    };
    for (const q of queries) await get(q);
    for (let round = 0; round < rounds; round++)
      for (const q of queries) {
        const t = performance.now();
        await get(q);
        push(into, q.kind, performance.now() - t);
      }
    await srv.stop();
  }
}

const p95 = (xs: number[] | undefined) =>
  xs
    ? percentile(
        [...xs].sort((a, b) => a - b),
        95,
      )
    : NaN;
const out: Record<string, Record<string, number>> = {};
const all = (m: Map<string, number[]>) => [...m.values()].flat();
for (const kind of [...cold.keys(), 'all']) {
  const pick = (m: Map<string, number[]>) => (kind === 'all' ? (m.size ? all(m) : undefined) : m.get(kind));
  out[kind] = {
    cold: p95(pick(cold)),
    warm: p95(pick(warm)),
    httpCold: p95(pick(http.cold)),
    httpWarm: p95(pick(http.warm)),
  };
}
console.table(out);
if (arg('json', '')) writeFileSync(arg('json', ''), JSON.stringify(out, null, 1));
