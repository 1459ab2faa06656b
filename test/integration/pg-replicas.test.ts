/**
 * Read replicas: a real primary and a streaming replica (pg_basebackup) on loopback ports. Writes go
 * to the primary; an editor reads their own write at once; search and public reads are served by
 * the replica (shown by stopping the primary: they keep working).
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices } from '../../src/app/boot.ts';
import { createApp } from '../../src/app/http-app.ts';
import type { PostgresStore } from '../../src/modules/cases/store/postgres/postgres-store.ts';
import { ownCluster, ownReplica, PG_BIN, withDatabase } from '../helpers/pg.ts';
import { AUTH, installTestToken } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';

const available = existsSync(join(PG_BIN, 'pg_basebackup'));
if (!available && process.env.CI)
  throw new Error('CI must have the PostgreSQL binaries (.ci/run installs postgresql-15)');

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await c.query(text);
  } finally {
    await c.end();
  }
}

describe.skipIf(!available)(
  `PostgreSQL read replicas${available ? '' : ' (postgresql-15 binaries not installed)'}`,
  () => {
    it('writes to the primary, reads your own writes, and searches the replica', async () => {
      const primary = await ownCluster();
      let replica: Awaited<ReturnType<typeof ownReplica>>;
      try {
        await sql(primary.url, 'CREATE DATABASE palermo');
        replica = await ownReplica(primary);
      } catch (e) {
        primary.destroy(); // never leave a server running behind a failed setup
        throw e;
      }
      const config = loadConfig(
        {
          DATABASE_URL: withDatabase(primary.url, 'palermo'),
          DATABASE_READ_URLS: withDatabase(replica.url, 'palermo'),
          PALERMO_LOG_LEVEL: 'silent',
        },
        {},
        null,
      );
      const services = await boot(config);
      await installTestToken(services);
      const app = await createApp({ config, services, logger: false });
      try {
        expect((await sql(withDatabase(replica.url, 'palermo'), 'SELECT pg_is_in_recovery() AS r')).rows[0].r).toBe(
          true,
        );
        const facts = (w: string) => ({
          en: { facts: `A ${w} on the deck of a trawler.`, reasoning: null, commentary: null, crossCutting: null },
        });
        for (let i = 0; i < 5; i++) {
          const id = `rep-${i}`;
          expect(
            (
              await app.inject({
                method: 'POST',
                url: '/api/v1/cases',
                headers: AUTH,
                payload: caseInput({ id, narratives: facts(`albatross${i}`) }),
              })
            ).statusCode,
          ).toBe(201);
          // Read your own writes: at once, whatever the replica's lag.
          expect((await app.inject({ url: `/api/v1/cases/${id}` })).statusCode).toBe(200);
          expect(
            (await app.inject({ url: `/api/v1/search?q=albatross${i}` })).json().hits.map((h: { id: string }) => h.id),
          ).toEqual([id]);
        }
        // Once the replica has replayed the writes, reads go there: stop the primary and they still work.
        const store = services.store as PostgresStore;
        for (let k = 0; k < 100 && (await store.router.pick()) === null; k++)
          await new Promise((r) => setTimeout(r, 100));
        expect(await store.router.pick()).toBe(0);
        primary.stop();
        const res = (await app.inject({ url: '/api/v1/search?q=trawler&facets=true' })).json();
        expect(res.total).toBe(5);
        expect(res.facets.jurisdiction[0]).toMatchObject({ value: 'PHL', count: 5 });
        expect((await app.inject({ url: '/api/v1/cases/rep-3' })).statusCode).toBe(200);
        expect((await app.inject({ url: '/api/v1/cases/rep-3/similar' })).statusCode).toBe(200);
        // A write needs the primary: a clear 503 while it is away.
        expect(
          (
            await app.inject({
              method: 'POST',
              url: '/api/v1/cases',
              headers: AUTH,
              payload: caseInput({ id: 'rep-x' }),
            })
          ).statusCode,
        ).toBe(503);
      } finally {
        await app.close();
        await closeServices(services).catch(() => {});
        replica.destroy();
        primary.destroy();
      }
    });
  },
);
