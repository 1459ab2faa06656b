/**
 * Load: many concurrent connections on the search API, the search page and the case page of a real server
 * process, with autocannon; the server's /healthz answered under the same load is the floor the others are
 * compared with. Any error, timeout or non-2xx answer fails the run.
 *   npm run bench:load -- [--size 100000] [--seconds 60] [--connections 200]
 */
import autocannon from 'autocannon';
import { benchDatabase } from './bench-database.ts';
import { LIMITS_NOTE } from './bench-config.ts';
import { table, writeSection } from './report.ts';
import { startServer } from './server-process.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1]! : dflt);
const N = Number(arg('size', '100000'));
const SECONDS = Number(arg('seconds', '60'));
const CONNECTIONS = Number(arg('connections', '200'));
const QUERIES = [
  'forced labour',
  '"debt bondage"',
  'passport',
  'recruit*',
  'women',
  'deception -acquitted',
  'fishing OR agriculture',
];

const db = await benchDatabase(N, 'load');
const server = await startServer({ PALERMO_DB_PATH: db.path });
const found = (await (await fetch(`${server.origin}/api/v1/search?limit=100&q=labour`)).json()) as {
  hits: { id: string }[];
};
const ids = found.hits.map((h) => h.id);
if (ids.length === 0) throw new Error('no published case to load: the database is empty');

const targets: { name: string; paths: string[] }[] = [
  { name: 'floor: GET /healthz', paths: ['/healthz'] },
  { name: 'search API', paths: QUERIES.map((q) => `/api/v1/search?limit=20&q=${encodeURIComponent(q)}`) },
  { name: 'search page', paths: QUERIES.map((q) => `/search?q=${encodeURIComponent(q)}`) },
  { name: 'case page', paths: ids.map((id) => `/cases/${id}`) },
];

interface Row {
  name: string;
  result: autocannon.Result;
}
const rows: Row[] = [];
for (const target of targets) {
  let i = 0;
  const result = await autocannon({
    url: server.origin,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    requests: [{ setupRequest: (req) => ({ ...req, path: target.paths[i++ % target.paths.length]! }) }],
  });
  rows.push({ name: target.name, result });
  console.log(`${target.name}: ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`);
}
const rss = server.rss();
await server.stop();

const floor = rows[0]!.result.requests.average;
// autocannon counts a timeout in `errors` too (lib/run.js): errors + non-2xx is every failed request, once.
const failures = rows.reduce((n, r) => n + r.result.errors + r.result.non2xx, 0);
writeSection(
  `load-${N}`,
  `Load at ${N.toLocaleString('en')} cases: ${CONNECTIONS} connections`,
  `npm run bench:load -- --size ${N} --seconds ${SECONDS} --connections ${CONNECTIONS}`,
  `${LIMITS_NOTE} Database ${db.origin}. A real server process on loopback; autocannon in this process, ` +
    `${SECONDS} s per row, a request unanswered after 30 s counted as a timeout (p50 to p99 are of the answered ` +
    `ones). Server peak RSS ${Math.round(rss.peak / 2 ** 20)} MB.\n\n` +
    table(
      [
        'target',
        'requests',
        'req/s',
        'ratio to floor',
        'p50 ms',
        'p97.5 ms',
        'p99 ms',
        'errors (of them timeouts)',
        'non-2xx',
        '5xx',
      ],
      rows.map(({ name, result: r }) => [
        name,
        r.requests.total,
        Math.round(r.requests.average),
        (r.requests.average / floor).toFixed(3),
        r.latency.p50,
        r.latency.p97_5,
        r.latency.p99,
        `${r.errors} (${r.timeouts})`,
        r.non2xx,
        r['5xx'],
      ]),
    ),
);
if (failures > 0) {
  console.error(`load: ${failures} failed requests (errors, timeouts or non-2xx)`);
  process.exit(1);
}
