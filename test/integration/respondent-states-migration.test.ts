/**
 * Migration 20261204T1500_respondent_states on both engines: a case (and its version) stored before
 * the field existed gets `respondentStates: []` right after its jurisdiction, every other key kept
 * in place; a case that has the field is left as it is; running it again changes nothing.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices, type Services } from '../../src/app/boot.ts';
import { CASE_MIGRATIONS } from '../../src/modules/cases/store/migrations.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { tempDbPath } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';

type Db = { cases: { id: string; doc: string }; case_versions: { seq: number; doc: string } };

function contract(name: string, dialect: 'sqlite' | 'postgres', env: () => Promise<Record<string, string>>): void {
  describe(`respondentStates migration: ${name}`, () => {
    let s: Services;
    beforeAll(async () => {
      s = await boot(loadConfig({ ...(await env()), PALERMO_LOG_LEVEL: 'silent' }, {}, null), {});
    }, 60_000);
    afterAll(async () => closeServices(s));

    it('adds the field to old docs and versions, in place, once', async () => {
      const db = s.database.kysely<Db>();
      const old = await s.cases.create(caseInput({ id: 'old-case', jurisdiction: 'ITA' }), SYSTEM);
      const ecthr = await s.cases.create(
        caseInput({ id: 'ecthr-case', jurisdiction: 'XIR', respondentStates: ['CYP', 'RUS'] }),
        SYSTEM,
      );
      expect(ecthr.respondentStates).toEqual(['CYP', 'RUS']);
      // As a case stored before the field: the key removed from the row and its version.
      const strip = (doc: string) => JSON.stringify({ ...JSON.parse(doc), respondentStates: undefined });
      const row = await db.selectFrom('cases').select('doc').where('id', '=', old.id).executeTakeFirstOrThrow();
      await db
        .updateTable('cases')
        .set({ doc: strip(row.doc) })
        .where('id', '=', old.id)
        .execute();
      await db
        .updateTable('case_versions')
        .set({ doc: strip(row.doc) })
        .execute();
      expect((await s.cases.get(old.id, SYSTEM)).respondentStates).toEqual([]); // read as none meanwhile

      await CASE_MIGRATIONS['20261204T1500_respondent_states']!(db as never, dialect);
      await CASE_MIGRATIONS['20261204T1500_respondent_states']!(db as never, dialect);
      const after = await db.selectFrom('cases').select(['id', 'doc']).orderBy('id').execute();
      const keys = Object.keys(JSON.parse(after.find((r) => r.id === old.id)!.doc));
      expect(keys.slice(keys.indexOf('jurisdiction'), keys.indexOf('jurisdiction') + 2)).toEqual([
        'jurisdiction',
        'respondentStates',
      ]);
      expect(JSON.parse(after.find((r) => r.id === ecthr.id)!.doc).respondentStates).toEqual(['CYP', 'RUS']);
      const versions = await db.selectFrom('case_versions').select('doc').execute();
      expect(versions.every((v) => Array.isArray(JSON.parse(v.doc).respondentStates))).toBe(true);
    });
  });
}

contract('sqlite', 'sqlite', async () => ({ PALERMO_DB_PATH: tempDbPath() }));

describe.skipIf(!pgTestUrl())(
  `respondentStates migration on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`,
  () => {
    contract('postgres', 'postgres', async () => ({ DATABASE_URL: await freshPgDatabase() }));
  },
);
