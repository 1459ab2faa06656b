/**
 * The registers' database handle on both engines: a module's own table, written in a transaction
 * that also indexes a searchable record; a commit makes row and hit appear together, a rollback
 * leaves neither. Also the record versions of the platform (as at a date) over the same handle.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices, type Services } from '../../src/app/boot.ts';
import { noteSource, type Note } from '../fixtures/test-kind-source.ts';
import { freshPgDatabase, pgTestUrl, PG_MISSING } from '../helpers/pg.ts';
import { tempDbPath } from '../helpers/test-app.ts';
import { recordChange, recordVersions, tokenActor } from '../../src/modules/platform/index.ts';

interface NotesDb {
  t_notes: { id: string; title: string };
}

function contract(name: string, env: () => Promise<Record<string, string>>): void {
  describe(`module database: ${name}`, () => {
    let s: Services;
    const notes = noteSource();
    const note = (id: string, text: string): Note => ({
      id,
      title: `Note ${id}`,
      text,
      jurisdiction: 'NGA',
      topic: 'labour',
      date: '2021-05-01',
      status: 'published',
    });
    const hits = async (q: string) =>
      (await s.search.searchKinds({ q, kinds: ['note'], selection: {}, limit: 10, facets: false })).hits.map(
        (h) => h.id,
      );
    const rows = async () =>
      (await s.database.kysely<NotesDb>().selectFrom('t_notes').select('id').orderBy('id').execute()).map((r) => r.id);

    beforeAll(async () => {
      s = await boot(loadConfig({ ...(await env()), PALERMO_LOG_LEVEL: 'silent' }, {}, null), {
        extraSources: () => [notes],
      });
      await sql`CREATE TABLE t_notes (id TEXT PRIMARY KEY, title TEXT NOT NULL)`.execute(s.database.kysely());
    });
    afterAll(() => closeServices(s));

    it('commits the rows and their index entries together', async () => {
      const n = note('n1', 'cocoa plantation forced labour');
      await s.database.transaction<NotesDb, void>(async (tx) => {
        await tx.trx.insertInto('t_notes').values({ id: n.id, title: n.title }).execute();
        notes.notes.set(n.id, n);
        await tx.indexed('note', { id: n.id, before: undefined, after: n });
      });
      expect(await rows()).toEqual(['n1']);
      expect(await hits('cocoa')).toEqual(['n1']);
    });

    it('rolls back both when the transaction fails', async () => {
      const n = note('n2', 'quarry debt bondage');
      await expect(
        s.database.transaction<NotesDb, void>(async (tx) => {
          await tx.trx.insertInto('t_notes').values({ id: n.id, title: n.title }).execute();
          await tx.indexed('note', { id: n.id, before: undefined, after: n });
          throw new Error('refused half-way');
        }),
      ).rejects.toThrow('refused half-way');
      notes.notes.set(n.id, n); // hydration would show it, were it indexed
      expect(await rows()).toEqual(['n1']);
      expect(await hits('quarry')).toEqual([]);
      expect(await hits('cocoa')).toEqual(['n1']);
    });

    it('keeps record versions and answers as at a date', async () => {
      const v = (version: number, at: string, title: string) => ({
        kind: 'note',
        id: 'n1',
        version,
        status: 'published' as const,
        record: { title },
        action: version === 1 ? 'create' : 'edit',
        changed: ['title'],
        actorId: null,
        actorLabel: 'test',
        at,
      });
      await s.database.transaction(async (tx) => {
        await recordVersions.add(tx.trx, v(1, '2020-01-10T10:00:00.000Z', 'first'));
        await recordVersions.add(tx.trx, v(2, '2022-06-01T08:00:00.000Z', 'second'));
      });
      const db = s.database.kysely();
      const titleAt = async (d: string) => (await recordVersions.asAt<{ title: string }>(db, 'note', 'n1', d))?.record;
      expect((await titleAt('2021-12-31'))?.title).toBe('first');
      expect((await titleAt('2022-06-01'))?.title).toBe('second');
      expect(await recordVersions.asAt(db, 'note', 'n1', '2019-01-01')).toBeUndefined();
      expect((await recordVersions.list(db, 'note', 'n1')).map((x) => x.version)).toEqual([2, 1]);
    });

    it("records a register's write as a version and an audit entry, naming the person behind a token", async () => {
      const actor = tokenActor({
        id: 'tok-1',
        label: 'partner',
        scopes: ['write'],
        userId: 'u-9',
        ownerRole: 'editor',
      });
      await s.database.transaction(async (tx) => {
        await recordChange(tx.trx, actor, {
          kind: 'note',
          id: 'n3',
          version: 1,
          status: 'draft',
          record: { title: 'third' },
          action: 'create',
          changed: ['title'],
          at: '2023-03-03T03:03:03.000Z',
          details: { source: 'test' },
        });
      });
      const [v] = await recordVersions.list(s.database.kysely(), 'note', 'n3');
      expect(v).toMatchObject({ version: 1, action: 'create', actorId: 'u-9', actorLabel: 'token partner' });
      const entries = await s.store.audit.list({ action: 'note.create', limit: 5 });
      expect(entries.map((e) => [e.targetId, e.details])).toEqual([['n3', { version: 1, source: 'test' }]]);
    });
  });
}

contract('sqlite', async () => ({ PALERMO_DB_PATH: tempDbPath() }));

describe.skipIf(!pgTestUrl())(`module database on PostgreSQL${pgTestUrl() ? '' : ` (${PG_MISSING})`}`, () => {
  contract('postgres', async () => ({ DATABASE_URL: await freshPgDatabase() }));
});
