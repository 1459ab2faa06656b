/**
 * Every benchmark at a small size, so none can rot unnoticed: each runs as its own process exactly as
 * `npm run bench:*` runs it, and the run fails when one exits non-zero. Their tables go to a temporary file
 * (PALERMO_BENCH_REPORT), never into docs/benchmarks.md: figures at 2,000 cases mean nothing.
 * The PostgreSQL benchmark needs PALERMO_TEST_PG_URL; without it, it is reported as NOT RUN, and under CI
 * (CI set) that is a failure.
 *   npm run bench:smoke -- [--size 2000]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { table } from './report.ts';

const argv = process.argv.slice(2);
const SIZE = argv.includes('--size') ? argv[argv.indexOf('--size') + 1]! : '2000';
const report = join(mkdtempSync(join(tmpdir(), 'palermo-bench-smoke-')), 'benchmarks.md');
const pg = process.env.PALERMO_TEST_PG_URL;

interface Step {
  name: string;
  script: string;
  args: string[];
  node?: string[];
  needsPg?: boolean;
}
const steps: Step[] = [
  {
    name: 'bench:search',
    script: 'bench/search-bench.ts',
    args: ['--size', SIZE, '--seconds', '1'],
    node: ['--expose-gc'],
  },
  {
    name: 'bench:search --engine postgres',
    script: 'bench/search-bench.ts',
    args: ['--engine', 'postgres', '--size', SIZE, '--seconds', '1'],
    needsPg: true,
  },
  { name: 'bench:import', script: 'bench/import-bench.ts', args: ['--size', SIZE] },
  { name: 'bench:stats', script: 'bench/stats-bench.ts', args: ['--size', SIZE, '--rounds', '1'] },
  { name: 'bench:pages', script: 'bench/pages-bench.ts', args: ['--size', SIZE] },
  { name: 'bench:api', script: 'bench/api-bench.ts', args: ['--cases', SIZE, '--seconds', '1', '--connections', '2'] },
  {
    name: 'bench:load',
    script: 'bench/load-bench.ts',
    args: ['--size', SIZE, '--seconds', '2', '--connections', '20'],
  },
  { name: 'bench:soak', script: 'bench/soak-bench.ts', args: ['--size', SIZE, '--minutes', '0.3', '--readers', '2'] },
  { name: 'bench:startup', script: 'bench/startup-bench.ts', args: ['--size', SIZE, '--rounds', '1'] },
  { name: 'eval:relevance', script: 'bench/relevance/eval.ts', args: [] },
];

const rows: string[][] = [];
let failed = 0;
for (const step of steps) {
  if (step.needsPg && !pg) {
    rows.push([step.name, '-', 'NOT RUN: no PALERMO_TEST_PG_URL']);
    if (process.env.CI) failed++;
    continue;
  }
  const t0 = performance.now();
  console.log(`\n== ${step.name} ${step.args.join(' ')}`);
  const run = spawnSync(process.execPath, [...(step.node ?? []), '--import', 'tsx', step.script, ...step.args], {
    env: { ...process.env, PALERMO_BENCH_REPORT: report },
    stdio: 'inherit',
  });
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const ok = run.status === 0;
  if (!ok) failed++;
  rows.push([step.name, seconds, ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`]);
}
console.log(`\nBenchmark smoke run at ${SIZE} cases (tables in ${report}):\n`);
console.log(table(['benchmark', 'seconds', 'result'], rows));
const written = readFileSync(report, 'utf8').match(/<!-- bench:/g)?.length ?? 0;
console.log(`\n${written} report sections written.`);
process.exit(failed > 0 ? 1 : 0);
