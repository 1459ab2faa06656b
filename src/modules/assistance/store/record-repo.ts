/** Reads and writes of the register's records, on a connection or inside a write transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { RecordStatus } from '../../platform/index.ts';
import { TABLES, type AssistanceDb, type RecordKind, type RecordRow } from './schema.ts';

/** A record with its place in the workflow. */
export interface Stored<T> {
  record: T;
  status: RecordStatus;
  ownerId: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

type Conn = Kysely<AssistanceDb> | Transaction<AssistanceDb>;

const of = <T>(r: RecordRow): Stored<T> => ({
  record: JSON.parse(r.doc) as T,
  status: r.status as RecordStatus,
  ownerId: r.owner_id,
  version: Number(r.version),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const rowOf = (id: string, s: Stored<unknown>): RecordRow => ({
  id,
  status: s.status,
  owner_id: s.ownerId,
  version: s.version,
  doc: JSON.stringify(s.record),
  created_at: s.createdAt,
  updated_at: s.updatedAt,
});

export const records = {
  async get<T>(db: Conn, kind: RecordKind, id: string): Promise<Stored<T> | undefined> {
    const row = await db.selectFrom(TABLES[kind]).selectAll().where('id', '=', id).executeTakeFirst();
    return row ? of<T>(row) : undefined;
  },

  /** Every record of a kind (the register is small), optionally of some statuses, by id. */
  async all<T>(db: Conn, kind: RecordKind, statuses?: readonly RecordStatus[]): Promise<Stored<T>[]> {
    let q = db.selectFrom(TABLES[kind]).selectAll();
    if (statuses) q = q.where('status', 'in', [...statuses]);
    return (await q.orderBy('id').execute()).map((r) => of<T>(r));
  },

  async count(db: Conn, kind: RecordKind): Promise<number> {
    const r = await db
      .selectFrom(TABLES[kind])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  },

  async insert(db: Conn, kind: RecordKind, id: string, s: Stored<unknown>): Promise<void> {
    await db.insertInto(TABLES[kind]).values(rowOf(id, s)).execute();
  },

  async update(db: Conn, kind: RecordKind, id: string, s: Stored<unknown>): Promise<void> {
    const { id: _id, created_at: _c, owner_id: _o, ...rest } = rowOf(id, s);
    await db.updateTable(TABLES[kind]).set(rest).where('id', '=', id).execute();
  },
};
