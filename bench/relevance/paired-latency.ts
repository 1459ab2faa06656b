/**
 * Search latency of this tree against another checkout (a base commit), per kind of judged query,
 * measured in ONE process with the two versions interleaved query by query, so that the load of a
 * shared machine falls on both alike (separate runs of `eval:relevance` on this machine varied 2-3x
 * from one run to the next). Each side boots from its own checkout on its own fresh database (SQLite
 * file, or a PostgreSQL database of the test cluster), imports the 974 real SHERLOC summaries and
 * answers the same queries (bench/relevance/queries.json and known-items.json of this tree), the
 * match cache off. Per query: one warm-up each, then RUNS rounds alternating which side goes first;
 * each side's time is its fastest round. Per kind: the median of the per-query ratios (this tree /
 * base) and each side's p50 and p95.
 *   git worktree add /tmp/palermo-base <commit> && ln -s "$PWD/node_modules" /tmp/palermo-base/
 *   npm run bench:paired -- --base /tmp/palermo-base [--runs 5] [--engine sqlite|postgres|both]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { tempDbPath } from '../../test/helpers/test-app.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../../test/helpers/pg.ts';
import { percentile, table, writeSection } from '../report.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    runs: { type: 'string', default: '5' },
    engine: { type: 'string', default: 'both' },
  },
});
if (!args.base || !existsSync(resolve(args.base, 'src/app/boot.ts'))) {
  console.error('bench:paired needs --base DIR, a checkout of the commit to compare with (see the header)');
  process.exit(2);
}
const CORPUS = fileURLToPath(new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url));
if (!existsSync(CORPUS)) {
  console.error('bench:paired needs ../shared/data/sherloc-tip-cases.jsonl');
  process.exit(2);
}
const RUNS = Number(args.runs);
const commitOf = (dir: string) => execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD']).toString().trim();
const HEAD = fileURLToPath(new URL('../../', import.meta.url));

interface Query {
  id: string;
  kind: string;
  style?: string;
  q: string;
}
const queries: Query[] = ['queries.json', 'known-items.json'].flatMap(
  (f) => (JSON.parse(readFileSync(new URL(`./${f}`, import.meta.url), 'utf8')) as { queries: Query[] }).queries,
);
const kindOf = (q: Query) => (q.kind === 'known-item' ? `known-item: ${q.style}` : q.kind);

type Search = (q: string) => Promise<unknown>;

/** Boots the checkout in `dir` on a fresh database and imports the corpus; returns its search and close. */
async function side(dir: string, env: Record<string, string>): Promise<{ search: Search; close: () => Promise<void> }> {
  const load = (path: string) => import(pathToFileURL(resolve(dir, path)).href);
  const { loadConfig } = await load('src/kernel/config/config.ts');
  const { boot, closeServices } = await load('src/app/boot.ts');
  const { readLines } = await load('src/modules/cases/services/demo-seed.ts');
  const config = loadConfig({ ...env, PALERMO_LOG_LEVEL: 'silent', PALERMO_SEARCH_CACHE: '0' }, {}, null);
  const services = await boot(config);
  await services.jsonl.import(readLines(CORPUS), { format: 'sherloc' });
  return {
    search: (q) => services.search.search({ q, selection: {}, limit: 10, facets: false }),
    close: () => closeServices(services),
  };
}

async function timed(search: Search, q: string): Promise<number> {
  const t0 = performance.now();
  await search(q);
  return performance.now() - t0;
}

async function compare(engine: string, env: () => Promise<Record<string, string>>) {
  const base = await side(args.base!, await env());
  const head = await side(HEAD, await env());
  const out: { kind: string; base: number; head: number }[] = [];
  for (const q of queries) {
    await base.search(q.q);
    await head.search(q.q);
    let b = Infinity;
    let h = Infinity;
    for (let r = 0; r < RUNS; r++) {
      if (r % 2 === 0) {
        b = Math.min(b, await timed(base.search, q.q));
        h = Math.min(h, await timed(head.search, q.q));
      } else {
        h = Math.min(h, await timed(head.search, q.q));
        b = Math.min(b, await timed(base.search, q.q));
      }
    }
    out.push({ kind: kindOf(q), base: b, head: h });
  }
  await base.close();
  await head.close();
  return { engine, out };
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
function rowsOf(r: Awaited<ReturnType<typeof compare>>) {
  const kinds = ['all queries', ...new Set(r.out.map((o) => o.kind))];
  return kinds.map((k) => {
    const list = r.out.filter((o) => k === 'all queries' || o.kind === k);
    const sorted = (f: (o: (typeof list)[number]) => number) => list.map(f).sort((a, b) => a - b);
    return [
      r.engine,
      k,
      list.length,
      percentile(
        sorted((o) => o.base),
        50,
      ).toFixed(2),
      percentile(
        sorted((o) => o.head),
        50,
      ).toFixed(2),
      percentile(
        sorted((o) => o.base),
        95,
      ).toFixed(2),
      percentile(
        sorted((o) => o.head),
        95,
      ).toFixed(2),
      median(list.map((o) => o.head / o.base)).toFixed(3),
    ];
  });
}

const results = [];
if (args.engine !== 'postgres') results.push(await compare('SQLite', async () => ({ PALERMO_DB_PATH: tempDbPath() })));
if (args.engine !== 'sqlite') {
  if (pgTestUrl())
    results.push(await compare('PostgreSQL', async () => ({ DATABASE_URL: await freshPgDatabase('paired') })));
  else console.error(`PostgreSQL not measured: ${PG_MISSING}`);
}
const body =
  `${queries.length} judged queries (bench/relevance), the 974 real SHERLOC summaries, search service in-process, ` +
  `match cache off, 10 hits, no facets. Base: commit ${commitOf(args.base!)}, this tree: ${commitOf(HEAD)} ` +
  '(each its own code and database, one process). ' +
  `Per query the fastest of ${RUNS} rounds per side, the sides interleaved and alternating which goes first; ` +
  `ratio = median over the kind's queries of (this tree / base).\n\n` +
  table(
    ['engine', 'queries', 'n', 'base p50 ms', 'this p50 ms', 'base p95 ms', 'this p95 ms', 'median ratio'],
    results.flatMap(rowsOf),
  ) +
  '\n';
writeSection(
  'paired-latency',
  'Search latency against a base commit, per kind of query (paired)',
  `npm run bench:paired -- --base ${args.base} --runs ${RUNS} --engine ${args.engine}`,
  body,
);
