// Preloaded into a measured process (NODE_OPTIONS=--import): at exit, its peak resident memory on standard error.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  writeSync(2, `\nPALERMO_BENCH_MAX_RSS_MB ${Math.round(process.resourceUsage().maxRSS / 1024)}\n`);
});
