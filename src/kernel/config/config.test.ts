import { describe, it, expect } from 'vitest';
import { loadConfig } from './config.ts';

describe('database configuration', () => {
  it('SQLite by default; DATABASE_URL selects PostgreSQL, DATABASE_READ_URLS its replicas', () => {
    expect(loadConfig({}, {}, null)).toMatchObject({ databaseUrl: undefined, databaseReadUrls: [] });
    const c = loadConfig(
      { DATABASE_URL: 'postgres://p@h/db', DATABASE_READ_URLS: 'postgres://r1@h/db, postgresql://r2@h/db' },
      {},
      null,
    );
    expect(c.databaseUrl).toBe('postgres://p@h/db');
    expect(c.databaseReadUrls).toEqual(['postgres://r1@h/db', 'postgresql://r2@h/db']);
  });

  it('names the variable of a bad value', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' }, {}, null)).toThrow(
      /DATABASE_URL: must be a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://p@h/db', DATABASE_READ_URLS: 'replica1' }, {}, null)).toThrow(
      /DATABASE_READ_URLS: 'replica1' is not a postgres:\/\/ URL/,
    );
    expect(() => loadConfig({ DATABASE_READ_URLS: 'postgres://r@h/db' }, {}, null)).toThrow(
      /DATABASE_READ_URLS: read replicas need DATABASE_URL/,
    );
    expect(() => loadConfig({ PALERMO_PG_WORK_MEM: "32MB'; DROP TABLE cases; --" }, {}, null)).toThrow(
      /PALERMO_PG_WORK_MEM: must be a size such as '32MB'/,
    );
  });

  it("PostgreSQL sessions' work_mem: 32MB unless set, 'server' for the server's own", () => {
    expect(loadConfig({}, {}, null).pgWorkMem).toBe('32MB');
    expect(loadConfig({ PALERMO_PG_WORK_MEM: '256MB' }, {}, null).pgWorkMem).toBe('256MB');
    expect(loadConfig({ PALERMO_PG_WORK_MEM: 'server' }, {}, null).pgWorkMem).toBe('');
  });
});
