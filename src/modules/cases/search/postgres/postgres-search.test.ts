import { describe, it, expect } from 'vitest';
import { runKindsContract, runSearchContract } from '../search-engine.contract.ts';
import { loadConfig } from '../../../../kernel/config/config.ts';
import { boot, closeServices } from '../../../../app/boot.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../../../../../test/helpers/pg.ts';
import { tsvectorOf } from '../../../../kernel/search/postgres/postgres-index.ts';
import { buildSearchDocument } from '../search-document.ts';
import { caseInput, caseRecord } from '../../../../../test/factories/case-factory.ts';
import { SYSTEM } from '../../../platform/index.ts';

const open = async (url: string) => boot(loadConfig({ DATABASE_URL: url, PALERMO_LOG_LEVEL: 'silent' }, {}, null));

describe('tsvector of a search document', () => {
  it('weights fields, tags the scoped small fields, and leaves a gap between fields', () => {
    const rec = caseRecord('x', { title: 'Regina v Tang' }, { version: 1, createdAt: 'a', updatedAt: 'a' });
    const tsv = tsvectorOf(buildSearchDocument(rec));
    expect(tsv).toMatch(/'tang':\d+A/);
    expect(tsv).toMatch(/'t~tang':\d+A/);
    expect(tsv).toMatch(/'k~court':\d+D/);
    expect(tsv).toMatch(/'recruit':\d+B/);
  });
});

// These suites need a PostgreSQL server. Without one (a developer machine without postgresql-15)
// they are reported as skipped under a name that says why; CI always provides one (.ci/run, and
// the global setup fails in CI without it), so there they always run.
describe.skipIf(!pgTestUrl())(`PostgreSQL engine${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  runSearchContract('postgres', async () => {
    const services = await open(await freshPgDatabase());
    return { services, close: () => closeServices(services) };
  });

  runKindsContract('postgres', async (sources) => {
    const config = loadConfig({ DATABASE_URL: await freshPgDatabase(), PALERMO_LOG_LEVEL: 'silent' }, {}, null);
    const services = await boot(config, { extraSources: () => sources });
    return { services, close: () => closeServices(services) };
  });

  describe('postgres engine: several processes on one database', () => {
    it("a second process sees the first one's writes at its next search, and a reindex", async () => {
      const url = await freshPgDatabase();
      const a = await open(url);
      const b = await open(url);
      try {
        const q = { q: 'okapi', selection: {}, limit: 5, facets: true };
        expect((await b.search.search(q)).total).toBe(0);
        await a.cases.create(
          caseInput({
            id: 'okapi-1',
            jurisdiction: 'COD',
            narratives: { en: { facts: 'An okapi was seen.', reasoning: null, commentary: null, crossCutting: null } },
          }),
          SYSTEM,
        );
        const seen = await b.search.search(q);
        expect(seen.hits.map((h) => h.id)).toEqual(['okapi-1']);
        expect(seen.facets.jurisdiction?.find((f) => f.value === 'COD')?.count).toBe(1);
        await a.cases.delete('okapi-1', SYSTEM);
        expect((await b.search.search(q)).total).toBe(0);
        await a.cases.create(
          caseInput({
            id: 'okapi-2',
            narratives: { en: { facts: 'Another okapi.', reasoning: null, commentary: null, crossCutting: null } },
          }),
          SYSTEM,
        );
        await a.search.reindex();
        expect((await b.search.search(q)).hits.map((h) => h.id)).toEqual(['okapi-2']);
      } finally {
        await closeServices(a);
        await closeServices(b);
      }
    });
  });
});
