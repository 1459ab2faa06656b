/** Activities as a kind of the one search (`activity`): published ones are indexed and hydrated. */
import type { Kysely } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { SearchSource } from '../../../kernel/search/search-source.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { titleKey } from '../../../kernel/search/title-key.ts';
import type { Activity } from '../domain/schemas.ts';
import { records, type Stored } from '../store/record-repo.ts';
import type { AssistanceDb, RecordRow } from '../store/schema.ts';
import { ACTIVITY_FACETS, countriesOf, yearOf } from './activity-facets.ts';

type Rec = Stored<Activity>;

/** What the source needs of the opened store: its Kysely connection, and on SQLite the raw handle. */
export interface ActivityStoreAccess {
  db: Kysely<unknown>;
  sqlite?: BetterSqlite3.Database;
}

const dateNumber = (d: string | null) => (d ? Number(d.padEnd(10, '-00-00').slice(0, 10).replace(/-/g, '')) : 0);

export function activitySource(store: ActivityStoreAccess): SearchSource<Rec> {
  const db = store.db as unknown as Kysely<AssistanceDb>;
  return {
    kind: 'activity',
    facets: ACTIVITY_FACETS,
    idOf: (r) => r.record.id,
    indexable: (r) => r.status === 'published',
    document: (r) => {
      const a = r.record;
      return {
        title: [[a.title, 'en']],
        summary: [[a.description, 'en']],
        body: [[a.objectives.join('\n'), 'en']],
        authority: [[a.participatingOrgs.map((o) => o.name ?? o.orgId ?? '').join('; '), 'en']],
        citation: [[a.id, 'en']],
        place: [
          [
            countriesOf(a)
              .map((c) => countryByCode(c)?.name ?? c)
              .join('; '),
            'en',
          ],
        ],
        language: 'en',
        titleKey: titleKey(a.title),
        date: dateNumber(a.actualStart ?? a.plannedStart) || (yearOf(a) ? Number(`${yearOf(a)}0000`) : 0),
        facets: Object.fromEntries(ACTIVITY_FACETS.map((f) => [f.name, f.values(r)])),
      };
    },
    async *scan(tx) {
      // PostgreSQL rebuilds hand a Kysely transaction; SQLite a store transaction on the one connection,
      // which the raw handle reads without waiting for Kysely's connection lock.
      if (tx && typeof tx === 'object' && 'selectFrom' in tx) {
        yield* await records.all<Activity>(tx as Kysely<AssistanceDb>, 'activity');
      } else if (store.sqlite) {
        const rows = store.sqlite.prepare('SELECT * FROM assistance_activities ORDER BY id').all() as RecordRow[];
        for (const row of rows)
          yield {
            record: JSON.parse(row.doc) as Activity,
            status: row.status as Rec['status'],
            ownerId: row.owner_id,
            version: Number(row.version),
            createdAt: row.created_at,
            updatedAt: row.updated_at,
          };
      } else yield* await records.all<Activity>(db, 'activity');
    },
    fulltext: async () => new Map(),
    identified: async () => [],
    async hydrate(ids) {
      const out = new Map<string, Rec>();
      if (ids.length === 0) return out;
      const rows = await db
        .selectFrom('assistance_activities')
        .select('id')
        .where('id', 'in', [...ids])
        .execute();
      for (const { id } of rows) {
        const r = await records.get<Activity>(db, 'activity', id);
        if (r && r.status === 'published') out.set(id, r);
      }
      return out;
    },
    snippet: (r) => ({ field: 'summary', language: 'en', text: r.record.description.slice(0, 300), highlights: [] }),
  };
}
