/**
 * GET /api/v1/cases/{id} over HTTP with autocannon, against the floor: a bare Fastify route that
 * sends a precomputed JSON string of the same case (no database, no validation). Both servers run in
 * this process, one after the other, on loopback.
 *   npm run bench:api -- [--cases 10000] [--seconds 10] [--connections 10]
 */
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { benchConfig, LIMITS_NOTE } from './bench-config.ts';
import { boot } from '../src/app/boot.ts';
import { createApp } from '../src/app/http-app.ts';
import { seedDemo } from '../src/modules/cases/services/demo-seed.ts';
import { tempDbPath } from '../test/helpers/test-app.ts';
import { table, writeSection } from './report.ts';
import { generateCases } from './case-generator.ts';

const args = new Map(
  process.argv.slice(2).flatMap((a, i, all) => (a.startsWith('--') ? [[a.slice(2), all[i + 1] ?? '']] : [])),
);
const N = Number(args.get('cases') ?? 10000);
const SECONDS = Number(args.get('seconds') ?? 10);
const CONNECTIONS = Number(args.get('connections') ?? 10);

async function run(url: string, paths: string[]) {
  let i = 0;
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length]! }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

const config = benchConfig({ PALERMO_DB_PATH: tempDbPath() });
const services = await boot(config);
await seedDemo(services);
const ids: string[] = [];
await services.store.transaction(async (tx) => {
  for (const c of generateCases(N, 42)) {
    await services.cases.upsertInTx(tx, c);
  }
});
for await (const c of services.store.cases.scan()) if (c.status === 'published') ids.push(c.id);
const sample = Array.from({ length: 1000 }, (_, k) => ids[(k * 7919) % ids.length]!);

const app = await createApp({ config, services, logger: false });
const ours = await run(
  await app.listen({ port: 0, host: '127.0.0.1' }),
  sample.map((id) => `/api/v1/cases/${id}`),
);
await app.close();

const bodies = new Map<string, string>();
for (const id of new Set(sample)) bodies.set(id, JSON.stringify(await services.store.cases.get(id)));
const floor = Fastify();
floor.get<{ Params: { id: string } }>('/c/:id', (req, reply) =>
  reply.type('application/json').send(bodies.get(req.params.id)),
);
const bare = await run(
  await floor.listen({ port: 0, host: '127.0.0.1' }),
  sample.map((id) => `/c/${id}`),
);
await floor.close();
await services.store.close();

const row = (name: string, r: autocannon.Result) => [
  name,
  Math.round(r.requests.average),
  r.latency.p50,
  r.latency.p97_5,
  r.latency.p99,
  `${(r.requests.average / bare.requests.average).toFixed(2)}`,
];
writeSection(
  'api',
  'API: GET /api/v1/cases/{id}',
  `npm run bench:api -- --cases ${N} --seconds ${SECONDS} --connections ${CONNECTIONS}`,
  `${LIMITS_NOTE}\n\n` +
    `${N} generated cases plus the demo briefs in a SQLite file; ${CONNECTIONS} connections for ${SECONDS} s each, ` +
    `cycling over 1,000 ids; autocannon in the same process as the server (loopback).\n\n` +
    table(
      ['server', 'requests/s', 'p50 ms', 'p97.5 ms', 'p99 ms', 'ratio to floor'],
      [
        row('Palermo (store + presenter + error handling)', ours),
        row('floor: bare Fastify sending a precomputed body', bare),
      ],
    ),
);
