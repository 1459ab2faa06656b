/**
 * A lost database connection gives a clear 503, and the server recovers by itself when the
 * database returns: a real PostgreSQL cluster of the test's own is stopped and started again.
 */
import { describe, it, expect } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices } from '../../src/app/boot.ts';
import { createApp } from '../../src/app/http-app.ts';
import { ownCluster, PG_BIN } from '../helpers/pg.ts';
import { AUTH, installTestToken } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';

const available = existsSync(join(PG_BIN, 'pg_ctl'));
if (!available && process.env.CI)
  throw new Error('CI must have the PostgreSQL binaries (.ci/run installs postgresql-15)');

describe.skipIf(!available)(`PostgreSQL outage${available ? '' : ' (postgresql-15 binaries not installed)'}`, () => {
  it('answers 503 with a clear error while the database is down, and recovers when it returns', async () => {
    const cluster = await ownCluster();
    const config = loadConfig({ DATABASE_URL: cluster.url, PALERMO_LOG_LEVEL: 'silent' }, {}, null);
    const services = await boot(config);
    await installTestToken(services);
    const app = await createApp({ config, services, logger: false });
    try {
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/cases',
            headers: AUTH,
            payload: caseInput({
              id: 'up-1',
              narratives: { en: { facts: 'A pelican.', reasoning: null, commentary: null, crossCutting: null } },
            }),
          })
        ).statusCode,
      ).toBe(201);
      expect((await app.inject({ url: '/api/v1/search?q=pelican' })).json().total).toBe(1);

      cluster.stop();
      for (const url of ['/api/v1/cases/up-1', '/api/v1/search?q=pelican', '/api/v1/cases']) {
        const r = await app.inject({ url });
        expect(r.statusCode, url).toBe(503);
        expect(r.json().error).toMatchObject({
          code: 'UNAVAILABLE',
          message: expect.stringMatching(/database is unavailable/),
        });
      }
      const write = await app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: AUTH,
        payload: caseInput({ id: 'down-1' }),
      });
      expect(write.statusCode).toBe(503);
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(503);

      cluster.start();
      expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/cases/up-1' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/search?q=pelican' })).json().total).toBe(1);
      expect((await app.inject({ url: '/api/v1/cases/down-1' })).statusCode).toBe(404); // nothing half-written
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/api/v1/cases',
            headers: AUTH,
            payload: caseInput({
              id: 'up-2',
              narratives: { en: { facts: 'Another pelican.', reasoning: null, commentary: null, crossCutting: null } },
            }),
          })
        ).statusCode,
      ).toBe(201);
      expect((await app.inject({ url: '/api/v1/search?q=pelican' })).json().total).toBe(2);
    } finally {
      await app.close();
      await closeServices(services).catch(() => {});
      cluster.destroy();
    }
  });
});
