/**
 * The web performance budget: bytes transferred on a first load of the search and case pages
 * (HTML + CSS + JS, compressed as a browser asks), and server time per page at N cases.
 *   npm run bench:pages -- [--size 100000]
 * Reuses the database of `npm run bench:search -- --size N` when present, else builds one.
 */
import { existsSync } from 'node:fs';
import { benchConfig, LIMITS_NOTE } from './bench-config.ts';
import { boot } from '../src/app/boot.ts';
import { createApp } from '../src/app/http-app.ts';
import { generateCases } from './case-generator.ts';
import { percentile, table, writeSection } from './report.ts';

const argv = process.argv.slice(2);
const N = Number(argv[argv.indexOf('--size') + 1] || 100000) || 100000;
const dbPath = `/tmp/palermo-bench/palermo-${N}.db`;
const fresh = !existsSync(dbPath);
const config = benchConfig({ PALERMO_DB_PATH: dbPath });
const services = await boot(config);
if (fresh) {
  await services.store.transaction(async (tx) => {
    for (const c of generateCases(N, 42)) await services.cases.upsertInTx(tx, c);
  });
}
const app = await createApp({ config, services, logger: false });

const queries = [
  'forced labour',
  '"debt bondage"',
  'passport',
  'recruit*',
  'women country:USA',
  'deception -acquitted',
  'labour purpose:forced_labour year:2005..2015',
];
const ids: string[] = [];
for (const q of queries)
  for (const h of (await services.search.search({ q, selection: {}, limit: 20, facets: false })).hits) ids.push(h.id);

async function weight(
  url: string,
): Promise<{ html: number; css: number; js: number; total: number; encoding: string }> {
  const get = async (u: string) => {
    const res = await app.inject({ url: u, headers: { 'accept-encoding': 'br, gzip' } });
    if (res.statusCode !== 200) throw new Error(`${res.statusCode} for ${u}`);
    return { bytes: res.rawPayload.length, encoding: String(res.headers['content-encoding'] ?? 'identity') };
  };
  const html = await get(url);
  const css = await get('/assets/site.css');
  const js = await get('/assets/site.js');
  return {
    html: html.bytes,
    css: css.bytes,
    js: js.bytes,
    total: html.bytes + css.bytes + js.bytes,
    encoding: html.encoding,
  };
}

type Stats = { p50: number; p95: number; p99: number };
/** First round cold (nothing cached), second round warm (text matches and similar cases cached). */
async function timing(urls: string[]): Promise<{ cold: Stats; warm: Stats }> {
  const rounds: number[][] = [[], []];
  for (let round = 0; round < 2; round++) {
    for (const url of urls) {
      const t = performance.now();
      const res = await app.inject({ url });
      if (res.statusCode !== 200) throw new Error(`${res.statusCode} for ${url}`);
      rounds[round]!.push(performance.now() - t);
    }
  }
  const stats = (xs: number[]) => {
    xs.sort((a, b) => a - b);
    return { p50: percentile(xs, 50), p95: percentile(xs, 95), p99: percentile(xs, 99) };
  };
  return { cold: stats(rounds[0]!), warm: stats(rounds[1]!) };
}

const searchUrls = queries.flatMap((q) => [
  `/search?q=${encodeURIComponent(q)}`,
  `/search?q=${encodeURIComponent(q)}&purposes=forced_labour`,
  `/search?q=${encodeURIComponent(q)}&sort=date_desc&jurisdiction=USA,BRA,ARG`,
]);
const caseUrls = ids.slice(0, 100).map((id) => `/cases/${encodeURIComponent(id)}`);
const ts = await timing(searchUrls);
const tc = await timing(caseUrls);
const ws = await weight(searchUrls[0]!);
const wc = await weight(caseUrls[0]!);
await app.close();
await services.store.close();

const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
writeSection(
  `pages-${N}`,
  `Web pages at ${N.toLocaleString('en')} cases`,
  `npm run bench:pages -- --size ${N}`,
  `${LIMITS_NOTE}\n\n` +
    `First load = HTML + CSS + JS as sent with \`Accept-Encoding: br, gzip\` (${ws.encoding}); server time measured ` +
    `in-process (app.inject) over ${searchUrls.length} search pages (with facets and snippets; the second and third ` +
    `of each query reuse its text match, as facet clicks do) and ${caseUrls.length} case pages (with similar ` +
    `cases): a cold round, then the same pages again (warm: matches and similar-case lists cached). Budget: 100 ` +
    `KB and p95 30 ms.\n\n` +
    table(
      [
        'page',
        'HTML',
        'CSS',
        'JS',
        'first load',
        'cold p50 ms',
        'cold p95 ms',
        'cold p99 ms',
        'warm p50 ms',
        'warm p95 ms',
      ],
      [
        [
          'search',
          kb(ws.html),
          kb(ws.css),
          kb(ws.js),
          kb(ws.total),
          ...[ts.cold.p50, ts.cold.p95, ts.cold.p99, ts.warm.p50, ts.warm.p95].map((x) => x.toFixed(1)),
        ],
        [
          'case',
          kb(wc.html),
          kb(wc.css),
          kb(wc.js),
          kb(wc.total),
          ...[tc.cold.p50, tc.cold.p95, tc.cold.p99, tc.warm.p50, tc.warm.p95].map((x) => x.toFixed(1)),
        ],
      ],
    ),
);
