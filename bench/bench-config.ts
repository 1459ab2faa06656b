/**
 * The configuration every benchmark runs with: logs silent and the per-client, per-token and login rate
 * limits OFF (a benchmark is one client sending thousands of requests; with the limits on, it measures 429s).
 * Each benchmark's report says so through LIMITS_NOTE.
 */
import { loadConfig, type Config } from '../src/kernel/config/config.ts';

/** Environment for a benchmark's server, in-process or spawned (`palermo serve`). */
export const BENCH_ENV: Readonly<Record<string, string>> = {
  PALERMO_LOG_LEVEL: 'silent',
  PALERMO_RATE_LIMIT: '0',
  PALERMO_RATE_LIMIT_TOKEN: '0',
  PALERMO_LOGIN_RATE_LIMIT: '100000',
};

export const LIMITS_NOTE =
  'The server runs with its rate limits off (PALERMO_RATE_LIMIT=0, PALERMO_RATE_LIMIT_TOKEN=0).';

export function benchConfig(env: Record<string, string>): Config {
  return loadConfig({ ...BENCH_ENV, ...env }, {}, null);
}
