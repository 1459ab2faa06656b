/**
 * Before/after search latency by kind of query, paired: two checkouts of Palermo (e.g. main in a
 * git worktree, and this branch) answer the same queries on the same database, alternately, query
 * by query, so that the noise of a shared machine falls on both alike. Reports p95 per kind and
 * the ratio after/before: in-process cold (match cache emptied) and warm, and over HTTP (one real
 * server process per checkout, cache off = cold, cache on = warm, one client, requests alternated).
 *   node --import tsx --expose-gc bench/search-paired.ts --before /work/wt-base --after . \
 *     --db /tmp/palermo-bench/palermo-100000.db --corpus /tmp/palermo-bench/cases-100000.jsonl \
 *     --size 100000 [--rounds 2] [--http]
 * The database must be one both checkouts open without a rebuild (the same search index version).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BENCH_ENV } from './bench-config.ts';
import { startServer } from './server-process.ts';
import { buildQueryMix, phrasePairs, wordsByFrequency, type BenchQuery } from './search-queries.ts';
import { percentile, table, writeSection } from './report.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1]! : dflt;
};
const trees = { before: resolve(arg('before', '')), after: resolve(arg('after', '.')) };
const dbPath = arg('db', '');
const corpus = arg('corpus', '');
const rounds = Number(arg('rounds', '2'));
if (!arg('before', '') || !dbPath || !corpus) throw new Error('--before, --db and --corpus are required');

interface Side {
  search(q: BenchQuery): Promise<unknown>;
  /** Empties the match cache; `all`: also the phrase statistics (the "after" side may keep them). */
  clear(all: boolean): void;
  close(): Promise<void>;
  vocabulary: { entries(): IterableIterator<[string, number]>; wordFor(t: string): string };
  documents: number;
}
async function open(root: string): Promise<Side> {
  const { boot, closeServices } = await import(`${root}/src/app/boot.ts`);
  const { loadConfig } = await import(`${root}/src/kernel/config/config.ts`);
  const config = loadConfig({ ...BENCH_ENV, PALERMO_DB_PATH: dbPath, PALERMO_SEED_DEMO: 'false' }, {}, null);
  const services = await boot(config);
  const engine = services.engine;
  // As a server does after start (`palermo serve`): the row lengths of the phrase statistics, where there are any.
  await engine.phrases?.warmUp();
  return {
    search: (q) => services.search.search({ q: q.q, selection: {}, limit: 20, facets: true }),
    clear: (all) => {
      engine.cache.clear();
      if (all) engine.phrases?.clear();
    },
    close: () => closeServices(services),
    vocabulary: engine.index.vocabulary,
    documents: engine.stats().documents,
  };
}
const sides = { before: await open(trees.before), after: await open(trees.after) };

const v = sides.after.vocabulary;
const words = wordsByFrequency(v);
const pairs = phrasePairs(corpus);
const queries = buildQueryMix({ words, total: sides.after.documents, pairs });

type Times = Map<string, number[]>;
const times: Record<'before' | 'after', Record<string, Times>> = { before: {}, after: {} };
const record = (side: 'before' | 'after', mode: string, kind: string, ms: number) => {
  const m = (times[side][mode] ??= new Map());
  m.set(kind, [...(m.get(kind) ?? []), ms]);
  m.set('all', [...(m.get('all') ?? []), ms]);
};
const order = (i: number) => (i % 2 ? (['after', 'before'] as const) : (['before', 'after'] as const));

for (const q of queries) for (const side of order(0)) await sides[side].search(q); // page cache and JIT
for (let round = 0; round < rounds; round++)
  for (const [i, q] of queries.entries())
    for (const side of order(i + round)) {
      sides[side].clear(true);
      let t = performance.now();
      await sides[side].search(q);
      record(side, 'cold', q.kind, performance.now() - t);
      for (const mode of ['again after a write', 'then after each write']) {
        sides[side].clear(false);
        t = performance.now();
        await sides[side].search(q);
        record(side, mode, q.kind, performance.now() - t);
      }
      t = performance.now();
      await sides[side].search(q);
      record(side, 'warm', q.kind, performance.now() - t);
    }
await sides.before.close();
await sides.after.close();

const server = (root: string, cacheEntries: number) =>
  startServer(
    { PALERMO_DB_PATH: dbPath, PALERMO_SEARCH_CACHE: String(cacheEntries) },
    180_000,
    `${root}/bin/palermo.js`,
  );
if (argv.includes('--http')) {
  for (const [mode, cacheEntries] of [
    ['HTTP cold', 0],
    ['HTTP warm', 256],
  ] as const) {
    const servers = {
      before: await server(trees.before, cacheEntries),
      after: await server(trees.after, cacheEntries),
    };
    const get = async (side: 'before' | 'after', q: BenchQuery) => {
      const url = `${servers[side].origin}/api/v1/search?limit=20&q=${encodeURIComponent(q.q)}`;
      const t = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${res.status} for ${url}`);
      return performance.now() - t;
    };
    for (const q of queries) for (const side of order(0)) await get(side, q);
    for (let round = 0; round < rounds; round++)
      for (const [i, q] of queries.entries())
        for (const side of order(i + round)) record(side, mode, q.kind, await get(side, q));
    for (const s of Object.values(servers)) {
      await s.stop();
    }
  }
}

const p95 = (xs: number[] | undefined) =>
  xs?.length
    ? percentile(
        [...xs].sort((a, b) => a - b),
        95,
      )
    : NaN;
const modes = Object.keys(times.after);
const kinds = [...new Set(queries.map((q) => q.kind)), 'all'];
const out: Record<string, Record<string, [number, number, number]>> = {};
for (const kind of kinds)
  for (const mode of modes) {
    const b = p95(times.before[mode]!.get(kind));
    const a = p95(times.after[mode]!.get(kind));
    (out[kind] ??= {})[mode] = [b, a, a / b];
  }
const commit = (root: string) =>
  execFileSync('git', ['-C', root, 'log', '-1', '--format=%h'], { encoding: 'utf8' }).trim();
const result = table(
  ['kind of query (p95 ms: before → after, ratio after/before)', ...modes],
  kinds.map((k) => [
    k,
    ...modes.map((m) => `${out[k]![m]![0].toFixed(1)} → ${out[k]![m]![1].toFixed(1)} (${out[k]![m]![2].toFixed(2)})`),
  ]),
);
console.log(result);
if (arg('json', '')) writeFileSync(arg('json', ''), JSON.stringify(out, null, 1));
const indexed = sides.after.documents;
// --size: the corpus size the database was built from (the section's name); it indexes the published cases.
const n = Number(arg('size', String(indexed)));
writeSection(
  `search-paired-${n}`,
  `Search speed by kind of query at ${n.toLocaleString('en')} cases, before and after (paired)`,
  `node --import tsx --expose-gc bench/search-paired.ts ${argv.join(' ')}`,
  [
    `${indexed.toLocaleString('en')} published cases indexed. Before: commit ${commit(trees.before)}; after: ` +
      `commit ${commit(trees.after)}. Both answer the same ` +
      `${queries.length} queries (bench/search-queries.ts, 20 hits with snippets and every facet count) on the ` +
      `same database, alternately query by query, ${rounds} rounds; in-process cold = nothing cached (match cache ` +
      'and, where there are any, the phrase statistics emptied before each query); again after a write = the same ' +
      'query a second time with the match cache emptied (as every committed write empties it; phrase statistics, ' +
      'where there are any, are kept: a phrase asked for the second time is built then); then after each write = a ' +
      'third ' +
      'time, the same way; warm = a fourth time, match cache kept; HTTP = one server process per checkout, one ' +
      'client, match cache off (cold) or on (warm). ' +
      'The ratios are the figures to read: the machine is shared.',
    '',
    result,
  ].join('\n'),
);
