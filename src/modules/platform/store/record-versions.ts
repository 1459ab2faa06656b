/**
 * The version history of the registers' editorial records (treaty actions, laws, assessments,
 * resources, activities...): every write appends the whole record as it now stands, with its
 * status, the action, what changed, who and when. `asAt` answers "what did it say on date D".
 * Written inside the caller's transaction; one table for every register, keyed by (kind, id).
 */
import type { Kysely, Transaction } from 'kysely';
import type { RecordStatus } from '../domain/permissions.ts';

export interface RecordVersionsTable {
  kind: string;
  record_id: string;
  version: number;
  status: string;
  doc: string;
  action: string;
  changed: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
}

interface Db {
  record_versions: RecordVersionsTable;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- callers pass their module's typed connection
type Conn = Kysely<any> | Transaction<any>;

export interface RecordVersion<T = unknown> {
  kind: string;
  id: string;
  version: number;
  status: RecordStatus;
  record: T;
  /** create, edit, submit, publish, withdraw, return, redraft, import, undo-import... */
  action: string;
  changed: string[];
  actorId: string | null;
  actorLabel: string;
  /** ISO 8601 instant. */
  at: string;
}

export type RecordVersionSummary = Omit<RecordVersion, 'record'>;

const of = <T>(r: RecordVersionsTable): RecordVersion<T> => ({
  kind: r.kind,
  id: r.record_id,
  version: Number(r.version),
  status: r.status as RecordStatus,
  record: JSON.parse(r.doc) as T,
  action: r.action,
  changed: JSON.parse(r.changed) as string[],
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  at: r.at,
});

const db = (c: Conn) => c as Kysely<Db>;

export const recordVersions = {
  async add(conn: Conn, v: RecordVersion): Promise<void> {
    await db(conn)
      .insertInto('record_versions')
      .values({
        kind: v.kind,
        record_id: v.id,
        version: v.version,
        status: v.status,
        doc: JSON.stringify(v.record),
        action: v.action,
        changed: JSON.stringify(v.changed),
        actor_id: v.actorId,
        actor_label: v.actorLabel,
        at: v.at,
      })
      .execute();
  },

  /** Newest first. */
  async list(conn: Conn, kind: string, id: string): Promise<RecordVersionSummary[]> {
    const rows = await db(conn)
      .selectFrom('record_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('record_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => {
      const { record: _record, ...rest } = of(r);
      return rest;
    });
  },

  async get<T>(conn: Conn, kind: string, id: string, version: number): Promise<RecordVersion<T> | undefined> {
    const row = await db(conn)
      .selectFrom('record_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('record_id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return row ? of<T>(row) : undefined;
  },

  /** The version current at an instant or date (`2024-04-20` means the end of that day, UTC). */
  async asAt<T>(conn: Conn, kind: string, id: string, at: string): Promise<RecordVersion<T> | undefined> {
    const bound = /^\d{4}-\d{2}-\d{2}$/.test(at) ? `${at}T23:59:59.999Z` : at;
    const row = await db(conn)
      .selectFrom('record_versions')
      .selectAll()
      .where('kind', '=', kind)
      .where('record_id', '=', id)
      .where('at', '<=', bound)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? of<T>(row) : undefined;
  },

  /** Forgets the versions after `version` (undoing an import puts a record back exactly as it was). */
  async deleteAfter(conn: Conn, kind: string, id: string, version: number): Promise<void> {
    await db(conn)
      .deleteFrom('record_versions')
      .where('kind', '=', kind)
      .where('record_id', '=', id)
      .where('version', '>', version)
      .execute();
  },
};
