import { fileURLToPath } from 'node:url';
import { readLines } from '/work/wt-quality/src/modules/cases/services/demo-seed.ts';
import { loadConfig } from '/work/wt-quality/src/kernel/config/config.ts';
import { boot, closeServices } from '/work/wt-quality/src/app/boot.ts';
const config = loadConfig({ PALERMO_DB_PATH: `/tmp/qdbg/db-${Date.now()}.db`, PALERMO_LOG_LEVEL: 'silent' }, {}, null);
const services = await boot(config);
await services.jsonl.import(readLines('/work/shared/data/sherloc-tip-cases.jsonl'), { format: 'sherloc' });
for (const q of process.argv.slice(2)) {
  const r = await services.search.search({ q, selection: {}, limit: 5, facets: false });
  console.log(`## ${q} total=${r.total} relaxed=${r.relaxed} corr=${JSON.stringify(r.corrections)}`);
  for (const h of r.hits)
    console.log('  ', h.id.slice(0, 40), h.score.toFixed(3), h.fuzzy, JSON.stringify(h).slice(0, 160));
}
await closeServices(services);
