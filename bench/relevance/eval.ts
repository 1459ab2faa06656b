/**
 * Relevance evaluation: imports the 974 real SHERLOC case summaries into a temporary database,
 * runs the judged query set (bench/relevance/queries.json) through the search service, and prints
 * MRR@10 and nDCG@10 by kind of query; checks that the facet counts for the article 3 labels equal
 * the counts computed from the file. Writes its table into docs/benchmarks.md.
 *   npm run eval:relevance
 */
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readLines } from '../../src/modules/cases/services/demo-seed.ts';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices } from '../../src/app/boot.ts';
import { sherlocId, SHERLOC_LABELS } from '../../src/modules/cases/importers/sherloc.ts';
import { tempDbPath } from '../../test/helpers/test-app.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../../test/helpers/pg.ts';
import { percentile, table, writeSection } from '../report.ts';

const CORPUS = new URL('../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url);
/** The judged sets: hand-written (queries.json) and generated from the corpus (known-items.json). */
const QUERY_FILES = ['queries.json', 'known-items.json'];

interface Row {
  url: string;
  unodc_no: string | null;
  jurisdiction: string;
  facts: string | null;
  article3: string[] | null;
  form: string[] | null;
}
interface Rule {
  ids?: string[];
  labels?: string[];
  labelsAny?: string[];
  form?: string;
  jurisdiction?: string;
  textAll?: string[];
  textAny?: string[];
}
interface Query {
  id: string;
  kind: 'known-item' | 'topical';
  style?: string;
  q: string;
  relevant: Rule;
}

if (!existsSync(CORPUS)) {
  console.error('eval:relevance needs ../shared/data/sherloc-tip-cases.jsonl');
  process.exit(2);
}
const rows: Row[] = readFileSync(CORPUS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const queries: Query[] = QUERY_FILES.flatMap(
  (f) => (JSON.parse(readFileSync(new URL(`./${f}`, import.meta.url), 'utf8')) as { queries: Query[] }).queries,
);

function matches(row: Row, r: Rule): boolean {
  const facts = (row.facts ?? '').toLowerCase();
  if (
    r.ids &&
    !r.ids.some((id) => id === row.url || (id === row.unodc_no && rows.filter((x) => x.unodc_no === id).length === 1))
  )
    return false;
  if (r.labels && !r.labels.every((l) => row.article3?.includes(l))) return false;
  if (r.labelsAny && !r.labelsAny.some((l) => row.article3?.includes(l))) return false;
  if (r.form && !row.form?.includes(r.form)) return false;
  if (r.jurisdiction && row.jurisdiction !== r.jurisdiction) return false;
  if (r.textAll && !r.textAll.every((t) => facts.includes(t.toLowerCase()))) return false;
  if (r.textAny && !r.textAny.some((t) => facts.includes(t.toLowerCase()))) return false;
  return true;
}

interface Score {
  id: string;
  kind: string;
  style: string;
  rr: number;
  ndcg: number;
  recall: number;
  relevant: number;
  /** Time of the search in the search service: the fastest of three runs after a first one, no match cache. */
  ms: number;
}

/** Imports the corpus into a fresh database of one backend, runs every judged query, checks the facets. */
async function evaluate(env: Record<string, string>) {
  // No match cache: every run of a query does all its work, so that its time can be taken.
  const config = loadConfig({ ...env, PALERMO_LOG_LEVEL: 'silent', PALERMO_SEARCH_CACHE: '0' }, {}, null);
  const services = await boot(config);
  const t0 = performance.now();
  const imported = await services.jsonl.import(readLines(fileURLToPath(CORPUS)), { format: 'sherloc' });
  const importSeconds = (performance.now() - t0) / 1000;
  const scores: Score[] = [];
  const misses: string[] = [];
  for (const q of queries) {
    const relevant = new Set(rows.filter((r) => matches(r, q.relevant)).map((r) => sherlocId(r.url)));
    if (!relevant.size) throw new Error(`query ${q.id} has no relevant case`);
    const request = { q: q.q, selection: {}, limit: 10, facets: false };
    let ms = Infinity;
    let res = await services.search.search(request);
    // The time: the fastest of three runs (the machine is shared; the cache is off).
    for (let run = 0; run < 3; run++) {
      const t1 = performance.now();
      res = await services.search.search(request);
      ms = Math.min(ms, performance.now() - t1);
    }
    const got = res.hits.map((h) => h.id);
    const first = got.findIndex((id) => relevant.has(id));
    const dcg = got.reduce((s, id, i) => s + (relevant.has(id) ? 1 / Math.log2(i + 2) : 0), 0);
    const idcg = Array.from({ length: Math.min(relevant.size, 10) }, (_, i) => 1 / Math.log2(i + 2)).reduce(
      (a, b) => a + b,
      0,
    );
    scores.push({
      id: q.id,
      kind: q.kind,
      style: q.style ?? q.kind,
      rr: first >= 0 ? 1 / (first + 1) : 0,
      ndcg: dcg / idcg,
      // Relevant cases in the top 10 over the most there could be (min(relevant, 10)).
      recall: got.filter((id) => relevant.has(id)).length / Math.min(relevant.size, 10),
      relevant: relevant.size,
      ms,
    });
    if (q.kind === 'known-item' && first !== 0) misses.push(`${q.id} "${q.q}": rank ${first >= 0 ? first + 1 : '>10'}`);
  }
  // Facet counts for the article 3 labels must equal the counts computed from the file.
  const facets = (await services.search.search({ selection: {}, limit: 1, facets: true })).facets;
  const mismatches: string[] = [];
  for (const [label, [kind, code]] of Object.entries(SHERLOC_LABELS)) {
    const expected = rows.filter((r) => r.article3?.includes(label)).length;
    const got = facets[kind as 'acts' | 'means' | 'purposes']?.find((f) => f.value === code)?.count ?? 0;
    if (got !== expected) mismatches.push(`${label}: facet ${got}, file ${expected}`);
  }
  await closeServices(services);
  return { created: imported.created, importSeconds, scores, misses, mismatches };
}

const sqlite = await evaluate({ PALERMO_DB_PATH: tempDbPath() });
const postgres = pgTestUrl() ? await evaluate({ DATABASE_URL: await freshPgDatabase('eval') }) : null;
if (!postgres) console.error(`PostgreSQL engine not evaluated: ${PG_MISSING}`);
if (process.argv.includes('--verbose')) {
  for (const [i, s] of sqlite.scores.entries()) {
    const p = postgres?.scores[i];
    console.log(
      s.id.padEnd(5),
      s.rr.toFixed(2),
      s.ndcg.toFixed(2),
      p ? `${p.rr.toFixed(2)} ${p.ndcg.toFixed(2)}` : '',
      String(s.relevant).padStart(4),
      queries.find((q) => q.id === s.id)!.q,
    );
  }
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const cells = (list: Score[]) => [
  mean(list.map((s) => s.rr)).toFixed(3),
  mean(list.map((s) => s.ndcg)).toFixed(3),
  mean(list.map((s) => s.recall)).toFixed(3),
];
const group = (name: string, pick: (s: Score) => boolean) => {
  const a = sqlite.scores.filter(pick);
  return [name, a.length, ...cells(a), ...(postgres ? cells(postgres.scores.filter(pick)) : [])];
};
const styles = [...new Set(sqlite.scores.filter((s) => s.kind === 'known-item').map((s) => s.style))];
const rowsOut = [
  group('all queries', () => true),
  group('known-item', (s) => s.kind === 'known-item'),
  ...styles.map((st) => group(`  known-item: ${st}`, (s) => s.kind === 'known-item' && s.style === st)),
  group('topical', (s) => s.kind === 'topical'),
];
// Latency of the same queries, per group: the search service's time for each query's first run.
const times = (list: Score[]) => {
  const xs = list.map((s) => s.ms).sort((a, b) => a - b);
  return [percentile(xs, 50).toFixed(1), percentile(xs, 95).toFixed(1)];
};
const timeGroup = (row: (string | number)[]) => {
  const name = String(row[0]);
  const pick = (s: Score) =>
    name === 'all queries' ||
    (name === 'known-item' && s.kind === 'known-item') ||
    (name === 'topical' && s.kind === 'topical') ||
    (s.kind === 'known-item' && name === `  known-item: ${s.style}`);
  const a = sqlite.scores.filter(pick);
  return [name, a.length, ...times(a), ...(postgres ? times(postgres.scores.filter(pick)) : [])];
};
const timeHeaders = [
  'queries',
  'n',
  'SQLite p50 ms',
  'SQLite p95 ms',
  ...(postgres ? ['PostgreSQL p50 ms', 'PostgreSQL p95 ms'] : []),
];
const facetLine = (name: string, r: typeof sqlite) =>
  `${name}: article 3 facet counts equal to the file's label counts: ` +
  (r.mismatches.length ? `NO (${r.mismatches.join('; ')})` : `yes, all ${Object.keys(SHERLOC_LABELS).length} labels`) +
  '.' +
  (r.misses.length ? ` Known items not ranked first: ${r.misses.join('; ')}.` : '');
const headers = [
  'queries',
  'n',
  'SQLite MRR@10',
  'SQLite nDCG@10',
  'SQLite recall@10',
  ...(postgres ? ['PostgreSQL MRR@10', 'PostgreSQL nDCG@10', 'PostgreSQL recall@10'] : []),
];
writeSection(
  'relevance',
  postgres ? 'Relevance (SQLite and PostgreSQL engines, real corpus)' : 'Relevance (SQLite engine, real corpus)',
  'npm run eval:relevance',
  `${sqlite.created} SHERLOC case summaries imported in ${sqlite.importSeconds.toFixed(1)} s (SQLite)` +
    (postgres ? `, ${postgres.importSeconds.toFixed(1)} s (PostgreSQL)` : '') +
    `; ${queries.length} judged queries (bench/relevance/${QUERY_FILES.join(', ')}); binary relevance; top 10; ` +
    'recall@10 = relevant cases in the top 10 / min(relevant cases, 10).\n\n' +
    table(headers, rowsOut) +
    '\n\nTime per search (search service, in-process, match cache off, fastest of 3 runs after a first run):\n\n' +
    table(timeHeaders, rowsOut.map(timeGroup)) +
    `\n\n${facetLine('SQLite', sqlite)}\n` +
    (postgres ? `\n${facetLine('PostgreSQL', postgres)}\n` : `\nPostgreSQL not evaluated: ${PG_MISSING}.\n`),
);
if (sqlite.mismatches.length || postgres?.mismatches.length) process.exit(1);
