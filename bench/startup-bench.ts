/**
 * Start-up time and memory of a real server process, run two ways on the same database (ADR 0004): from the
 * compiled build/ (what `npm start` runs) and from the TypeScript sources through tsx (PALERMO_FROM_SOURCE=1).
 * Rounds alternate the order of the two, so that the shared machine's noise falls on both.
 * Then one start of the build after a crash (the snapshot deleted from its copy): it serves at once and loads the
 * search state from the tables in the background.
 *   npm run bench:startup -- [--size 100000] [--rounds 3]
 */
import Database from 'better-sqlite3';
import { benchDatabase } from './bench-database.ts';
import { LIMITS_NOTE } from './bench-config.ts';
import { percentile, table, writeSection } from './report.ts';
import { buildIfStale, startServer } from './server-process.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1]! : dflt);
const N = Number(arg('size', '100000'));
const ROUNDS = Number(arg('rounds', '3'));
const QUERIES = ['forced labour', '"debt bondage"', 'passport', 'recruit*', 'victim', 'deception -acquitted'];

const MODES = [
  { name: 'compiled build/ (npm start)', env: {} },
  { name: 'sources through tsx (PALERMO_FROM_SOURCE=1)', env: { PALERMO_FROM_SOURCE: '1' } },
] as const;

interface Sample {
  readyMs: number;
  rssReady: number;
  rssPeak: number;
}
const samples: Sample[][] = MODES.map(() => []);
const db = await benchDatabase(N, 'startup');
buildIfStale();
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 === 0 ? [0, 1] : [1, 0];
  for (const m of order) {
    const server = await startServer({ PALERMO_DB_PATH: db.path, ...MODES[m]!.env });
    const rssReady = server.rss().now;
    for (const q of QUERIES) {
      const res = await fetch(`${server.origin}/api/v1/search?limit=20&q=${encodeURIComponent(q)}`);
      if (!res.ok) throw new Error(`${res.status} for ${q}`);
      await res.arrayBuffer();
    }
    samples[m]!.push({ readyMs: server.readyMs, rssReady, rssPeak: server.rss().peak });
    await server.stop();
    console.log(`round ${round + 1}, ${MODES[m]!.name}: ready ${server.readyMs.toFixed(0)} ms`);
  }
}

const median = (xs: number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const summary = samples.map((s) => ({
  ready: median(s.map((x) => x.readyMs)),
  rssReady: median(s.map((x) => x.rssReady)) / 1e6,
  rssPeak: median(s.map((x) => x.rssPeak)) / 1e6,
}));
const [built, source] = summary as [(typeof summary)[0], (typeof summary)[0]];
const rows = MODES.map((m, i) => [
  m.name,
  summary[i]!.ready.toFixed(0),
  summary[i]!.rssReady.toFixed(0),
  summary[i]!.rssPeak.toFixed(0),
]);
rows.push([
  'ratio build / sources',
  (built.ready / source.ready).toFixed(2),
  (built.rssReady / source.rssReady).toFixed(2),
  (built.rssPeak / source.rssPeak).toFixed(2),
]);
// A start after a crash: no current snapshot. Serving at once, search ready when the background load ends.
const dbFile = new Database(db.path);
dbFile.prepare('DELETE FROM search_snapshot').run();
dbFile.close();
const crashed = await startServer({ PALERMO_DB_PATH: db.path });
const crashRss = crashed.rss();
await crashed.stop();
console.log(
  `after a crash: answering ${crashed.answeredMs.toFixed(0)} ms, search ready ${crashed.readyMs.toFixed(0)} ms`,
);
const body = [
  `${N.toLocaleString('en')} generated cases (database ${db.origin}). \`palermo serve\` as its own process, ` +
    `${ROUNDS} rounds alternating the two ways; medians. Ready = from spawn to the first answer of /healthz ` +
    `with the search index loaded (loading the code, opening the database, loading the search index from its ` +
    `snapshot); memory read from /proc: resident after ready, and the peak after ${QUERIES.length} searches ` +
    `(${QUERIES.map((q) => `\`${q}\``).join(', ')}).`,
  LIMITS_NOTE,
  '',
  table(['server', 'ready ms', 'RSS when ready (MB)', 'peak RSS after searches (MB)'], rows),
  '',
  'After a crash (the snapshot deleted; compiled build, one start): the server answers at once and loads the ' +
    'search state from the tables in the background (search and statistics answer 503 meanwhile).',
  '',
  table(
    ['start after a crash', 'answering ms', 'search ready ms', 'RSS when ready (MB)', 'peak RSS (MB)'],
    [
      [
        'compiled build/',
        crashed.answeredMs.toFixed(0),
        crashed.readyMs.toFixed(0),
        (crashRss.now / 1e6).toFixed(0),
        (crashRss.peak / 1e6).toFixed(0),
      ],
    ],
  ),
].join('\n');
console.log(`\n${body}`);
writeSection(
  `startup-${N}`,
  `Start-up and memory at ${N.toLocaleString('en')} cases: compiled build beside the sources`,
  `npm run bench:startup -- --size ${N} --rounds ${ROUNDS}`,
  body,
);
