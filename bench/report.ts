/** Benchmark reporting: a markdown table printed and written into docs/benchmarks.md under its own heading. */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

// PALERMO_BENCH_REPORT: another file (the smoke run writes there, so docs/benchmarks.md keeps the real figures).
const FILE = process.env.PALERMO_BENCH_REPORT ?? fileURLToPath(new URL('../docs/benchmarks.md', import.meta.url));

export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  return `${cpu}, ${os.cpus().length} cores, ${memory}, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Replaces (or appends) the section between markers `<!-- bench:NAME -->` ... `<!-- /bench:NAME -->`. */
export function writeSection(name: string, title: string, command: string, body: string): void {
  const section = [
    `<!-- bench:${name} -->`,
    `## ${title}`,
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
    `Command: \`${command}\``,
    '',
    body,
    `<!-- /bench:${name} -->`,
  ].join('\n');
  const head =
    '# Benchmarks\n\nEvery figure here is written by a benchmark script (`npm run bench...`), never by hand. The ' +
    'machine is shared and noisy: compare the ratios between rows of one run, not absolute numbers across runs.\n';
  let doc = existsSync(FILE) ? readFileSync(FILE, 'utf8') : head;
  const re = new RegExp(`<!-- bench:${name} -->[\\s\\S]*?<!-- /bench:${name} -->`);
  doc = re.test(doc) ? doc.replace(re, section) : `${doc.trimEnd()}\n\n${section}\n`;
  writeFileSync(FILE, doc);
  console.log(`\n${section}\n`);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
