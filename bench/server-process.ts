/**
 * A real Palermo server in its own process (`palermo serve`) for the load and soak benchmarks: started with the
 * benchmark environment (rate limits off), ready when /healthz answers with the search index loaded, with its
 * resident memory read from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync } from 'node:fs';
import { BENCH_ENV } from './bench-config.ts';

const BIN = new URL('../bin/palermo.js', import.meta.url).pathname;

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly origin: string;
  /** Milliseconds from spawn to the first answer of /healthz (serving, its search index possibly still loading). */
  readonly answeredMs: number;
  /** Milliseconds from spawn to the first answer of /healthz with the search index loaded. */
  readonly readyMs: number;
  /** Resident memory now, and its peak so far (bytes). */
  rss(): { now: number; peak: number };
  stop(): Promise<void>;
}

function status(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m?.[1] ?? NaN) * 1024;
}

/**
 * Builds the checkout of `bin` as `npm start` does (scripts/build.mjs --if-stale), so that the server runs what a
 * user's server runs: the compiled build/, not the sources through tsx (ADR 0004). Checkouts from before the build
 * step have no script and run from their sources.
 */
export function buildIfStale(bin = BIN): void {
  const script = new URL('../scripts/build.mjs', `file://${bin}`).pathname;
  if (existsSync(script)) execFileSync(process.execPath, [script, '--if-stale'], { stdio: 'inherit' });
}

/** `bin`: another checkout's `bin/palermo.js` (a paired benchmark runs two versions side by side). */
export async function startServer(env: Record<string, string>, timeoutMs = 300_000, bin = BIN): Promise<ServerProcess> {
  buildIfStale(bin);
  const port = 39000 + Math.floor(Math.random() * 1000);
  const started = performance.now();
  const child = spawn(process.execPath, [bin, 'serve', '--port', String(port)], {
    env: { PATH: process.env.PATH, ...BENCH_ENV, PALERMO_SEED_DEMO: 'false', PALERMO_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  let answeredMs = 0;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with status ${child.exitCode} before it was ready`);
    try {
      // Ready when it answers and its search index has loaded (a start without a snapshot loads in the background).
      const res = await fetch(`${origin}/healthz`);
      if (res.ok && !answeredMs) answeredMs = performance.now() - started;
      if (res.ok && ((await res.json()) as { search?: string }).search !== 'loading') break;
    } catch {
      /* not yet listening */
    }
    if (performance.now() - started > timeoutMs) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, answeredMs ? 100 : 20));
  }
  const pid = child.pid!;
  return {
    child,
    origin,
    answeredMs,
    readyMs: performance.now() - started,
    rss: () => ({ now: status(pid, 'VmRSS'), peak: status(pid, 'VmHWM') }),
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}
