/**
 * `migrateData` copies every table a page at a time (src/app/migrate-pages.ts). With pages of 2 rows every table
 * crosses page boundaries, ties of a composite key included (several versions and documents per case): the
 * destination must hold exactly the source's rows, in the same order, re-keyed to its own case numbers.
 */
import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { migrateData } from '../../src/app/migrate-data.ts';
import { allMigrations } from '../../src/app/modules.ts';
import { createSqliteStore } from '../../src/modules/cases/store/sqlite/sqlite-store.ts';
import { createPostgresStore } from '../../src/modules/cases/store/postgres/postgres-store.ts';
import type { SqlCaseStore } from '../../src/modules/cases/index.ts';
import { caseRecord } from '../factories/case-factory.ts';
import { tempDir } from '../helpers/temp-dirs.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../helpers/pg.ts';

const T = '2026-01-01T00:00:00.000Z';
const CASES = 5;

async function source(): Promise<SqlCaseStore> {
  const store = createSqliteStore({ path: join(tempDir(), 'from.db') });
  await store.migrate(allMigrations());
  for (let i = 0; i < CASES; i++) {
    const rec = caseRecord(`p-${i}`, { title: `Case ${i}` }, { version: 3, createdAt: T, updatedAt: T });
    await store.transaction((tx) => tx.cases.insert(rec));
  }
  const seqs = await store.db.selectFrom('cases').select(['id', 'seq']).orderBy('seq').execute();
  for (const [i, { id, seq }] of seqs.entries()) {
    for (let v = 1; v <= 3; v++) {
      const doc = `{"case":"${id}","v":${v}}`;
      const row = { seq, version: v, status: 'draft', doc, restricted: '{}', action: 'update', changed: '[]' };
      await store.db
        .insertInto('case_versions')
        .values({ ...row, actor_id: null, actor_label: 'test', at: T } as never)
        .execute();
    }
    if (i % 2 === 0)
      await store.db
        .insertInto('case_editorial')
        .values({ seq, owner_id: null, internal_notes: `notes ${id}`, source_contacts: null } as never)
        .execute();
    for (let c = 0; c < 2; c++)
      await store.db
        .insertInto('review_comments')
        .values({ seq, author_id: null, author_label: 'test', body: `${id} ${c}`, transition: null, at: T } as never)
        .execute();
    await store.db
      .insertInto('import_log')
      .values({ batch: `b-${i % 2}`, case_id: id, previous: null, version_after: 1 })
      .execute();
    // Two documents with the same added_at: the page key's last column (sha256) decides their order.
    for (const sha of ['b'.repeat(64), 'a'.repeat(64)])
      await store.documents.add(
        id,
        {
          sha256: sha,
          filename: `${id}.pdf`,
          mediaType: 'application/pdf',
          size: 3,
          pages: 1,
          textLength: 4,
          addedAt: T,
        },
        `text ${sha[0]}`,
      );
  }
  return store;
}

/** Every copied table's rows in key order, each with its case id instead of the database's own case number. */
async function tables(store: SqlCaseStore) {
  const db = store.db;
  return {
    log: await db
      .selectFrom('import_log')
      .select(['batch', 'case_id', 'previous', 'version_after'])
      .orderBy('id')
      .execute(),
    documents: await db
      .selectFrom('case_documents as d')
      .innerJoin('cases as c', 'c.seq', 'd.seq')
      .select(['c.id', 'd.sha256', 'd.filename', 'd.text', 'd.added_at'])
      .orderBy('d.seq')
      .orderBy('d.sha256')
      .execute(),
    editorial: await db
      .selectFrom('case_editorial as e')
      .innerJoin('cases as c', 'c.seq', 'e.seq')
      .select(['c.id', 'e.internal_notes'])
      .orderBy('e.seq')
      .execute(),
    versions: await db
      .selectFrom('case_versions as v')
      .innerJoin('cases as c', 'c.seq', 'v.seq')
      .select(['c.id', 'v.version', 'v.doc', 'v.at'])
      .orderBy('v.seq')
      .orderBy('v.version')
      .execute(),
    comments: await db
      .selectFrom('review_comments as r')
      .innerJoin('cases as c', 'c.seq', 'r.seq')
      .select(['c.id', 'r.body'])
      .orderBy('r.id')
      .execute(),
  };
}

async function check(to: SqlCaseStore) {
  const from = await source();
  const counts = await migrateData(from, to, undefined, 2);
  expect(counts).toMatchObject({ cases: CASES, importLog: CASES, documents: 2 * CASES, editorial: 3 });
  expect(counts).toMatchObject({ versions: 3 * CASES, comments: 2 * CASES });
  const copied = await tables(to);
  expect(copied).toEqual(await tables(from));
  expect(copied.documents.map((d) => d.sha256[0]).join('')).toBe('ab'.repeat(CASES));
  await from.close();
  await to.close();
}

describe('migrate-data, a page at a time', () => {
  it('SQLite -> SQLite: every row of every table, in order, across pages of two rows', async () => {
    const to = createSqliteStore({ path: join(tempDir(), 'to.db') });
    await check(to);
  });

  it.skipIf(!pgTestUrl())(`SQLite -> PostgreSQL: the same${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, async () => {
    await check(createPostgresStore({ url: await freshPgDatabase('pages') }));
  });
});
