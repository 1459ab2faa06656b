/**
 * Soak: a real server process under a steady mix of reads (search API, search page, case page), small
 * import batches every few seconds (writes through POST /api/v1/imports) and one large import halfway. Its
 * resident memory is sampled every 5 s; the report gives the slope (MB per minute, least squares, after the
 * first fifth of the run) and fails the run on any failed request.
 *   npm run bench:soak -- [--size 100000] [--minutes 10] [--readers 4]
 */
import { execFileSync } from 'node:child_process';
import { benchDatabase } from './bench-database.ts';
import { LIMITS_NOTE } from './bench-config.ts';
import { generateCases } from './case-generator.ts';
import { table, writeSection } from './report.ts';
import { startServer } from './server-process.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1]! : dflt);
const N = Number(arg('size', '100000'));
const MINUTES = Number(arg('minutes', '10'));
const READERS = Number(arg('readers', '4'));
const BIN = new URL('../bin/palermo.js', import.meta.url).pathname;

const db = await benchDatabase(N, 'soak');
// A technical account and token for the writes (not a person: the benchmark's own editor account).
const cli = (...args: string[]) =>
  execFileSync(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH, PALERMO_DB_PATH: db.path, PALERMO_LOG_LEVEL: 'silent' },
    encoding: 'utf8',
  });
cli('user', 'add', '--email', 'soak-bench@example.org', '--role', 'editor', '--name', 'soak benchmark');
const { secret } = JSON.parse(
  cli('token', 'create', '--label', 'soak', '--scopes', 'read,write,import', '--user', 'soak-bench@example.org'),
) as { secret: string };

const server = await startServer({ PALERMO_DB_PATH: db.path });
const ids = (
  (await (await fetch(`${server.origin}/api/v1/search?limit=100&q=labour`)).json()) as { hits: { id: string }[] }
).hits.map((h) => h.id);
const reads = [
  ...['forced labour', 'passport', 'recruit*', '"debt bondage"'].map(
    (q) => `/api/v1/search?q=${encodeURIComponent(q)}`,
  ),
  ...['women', 'fishing OR agriculture'].map((q) => `/search?q=${encodeURIComponent(q)}`),
  ...ids.slice(0, 20).map((id) => `/cases/${id}`),
];

const counts = { reads: 0, writes: 0, imported: 0, failed: 0 };
const failures: string[] = [];
const fail = (what: string) => {
  counts.failed++;
  if (failures.length < 10) failures.push(what);
};
const end = Date.now() + MINUTES * 60_000;
// New cases for the writes: the generator's cases of another seed, with ids of their own.
const fresh = generateCases(1_000_000, 7);
let serial = 0;
function batch(size: number): string {
  const lines: string[] = [];
  for (let k = 0; k < size; k++) {
    const c = fresh.next().value as { id: string };
    lines.push(JSON.stringify({ ...c, id: `soak-${serial++}` }));
  }
  return `${lines.join('\n')}\n`;
}
async function importBatch(size: number): Promise<void> {
  const res = await fetch(`${server.origin}/api/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' },
    body: batch(size),
  });
  await res.arrayBuffer();
  if (res.status !== 201) fail(`import of ${size}: ${res.status}`);
  else counts.imported += size;
  counts.writes++;
}

const samples: { t: number; rss: number }[] = [];
const started = Date.now();
const sampler = setInterval(() => samples.push({ t: (Date.now() - started) / 60_000, rss: server.rss().now }), 5000);
const readers = Array.from({ length: READERS }, async (_, r) => {
  for (let i = r; Date.now() < end; i += READERS) {
    const path = reads[i % reads.length]!;
    try {
      const res = await fetch(server.origin + path);
      await res.arrayBuffer();
      if (!res.ok) fail(`${path}: ${res.status}`);
    } catch (e) {
      fail(`${path}: ${(e as Error).message}`);
    }
    counts.reads++;
  }
});
const writer = (async () => {
  let big = false;
  while (Date.now() < end) {
    await importBatch(20);
    if (!big && Date.now() > started + (MINUTES * 60_000) / 2) {
      big = true;
      await importBatch(Math.min(5000, Math.max(100, Math.round(N / 20))));
    }
    await new Promise((r) => setTimeout(r, 3000));
  }
})();
await Promise.all([...readers, writer]);
clearInterval(sampler);
const peak = server.rss().peak;
await server.stop();

// Least-squares slope of RSS over time, after the first fifth (start-up and caches filling).
const kept = samples.filter((s) => s.t >= MINUTES / 5);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const mt = mean(kept.map((s) => s.t));
const mr = mean(kept.map((s) => s.rss));
const cov = kept.reduce((a, s) => a + (s.t - mt) * (s.rss - mr), 0);
const vt = kept.reduce((a, s) => a + (s.t - mt) ** 2, 0);
const slope = vt > 0 ? cov / vt / 2 ** 20 : NaN;
const mb = (b: number) => Math.round(b / 2 ** 20);
writeSection(
  `soak-${N}`,
  `Soak at ${N.toLocaleString('en')} cases: ${MINUTES} minutes of reads, writes and an import`,
  `npm run bench:soak -- --size ${N} --minutes ${MINUTES} --readers ${READERS}`,
  `${LIMITS_NOTE} Database ${db.origin}. ${READERS} readers in a loop (search API, search page, case page); ` +
    'an import batch of 20 new cases every 3 s and one large batch halfway, all through POST /api/v1/imports.\n\n' +
    table(
      ['reads', 'import batches', 'cases imported', 'failed requests', 'RSS first / last / peak MB', 'RSS slope'],
      [
        [
          counts.reads,
          counts.writes,
          counts.imported,
          counts.failed,
          `${mb(samples[0]?.rss ?? NaN)} / ${mb(samples.at(-1)?.rss ?? NaN)} / ${mb(peak)}`,
          `${slope.toFixed(2)} MB/min`,
        ],
      ],
    ),
);
if (counts.failed > 0) {
  console.error(`soak: ${counts.failed} failed requests, e.g.\n${failures.join('\n')}`);
  process.exit(1);
}
