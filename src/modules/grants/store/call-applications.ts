/**
 * A call's applications (by id), with the rows a side table holds for them, grouped by application:
 * two queries whatever the number of applications. The decision meeting reads the reviews, the
 * dashboard and the CSV export the awards.
 */
import type { Kysely } from 'kysely';
import type { GrantsDb } from './schema.ts';

export type SideTable = 'grants_reviews' | 'grants_awards';
export type StatusFilter = { in: readonly string[] } | { notIn: readonly string[] } | 'all';

export async function callApplicationsWith<T extends SideTable>(
  conn: Kysely<GrantsDb>,
  callId: string,
  status: StatusFilter,
  side: T,
): Promise<{ rows: GrantsDb['grants_applications'][]; side: Map<string, GrantsDb[T][]> }> {
  let q = conn.selectFrom('grants_applications').selectAll().where('call_id', '=', callId);
  if (status !== 'all')
    q = 'in' in status ? q.where('status', 'in', [...status.in]) : q.where('status', 'not in', [...status.notIn]);
  const rows = await q.orderBy('id').execute();
  const grouped = new Map<string, GrantsDb[T][]>(rows.map((r) => [r.id, []]));
  if (rows.length) {
    // Both side tables key their rows by application_id; Kysely cannot type a table chosen by a type parameter.
    const found = (await conn
      .selectFrom(side as SideTable)
      .selectAll()
      .where(
        'application_id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()) as unknown as (GrantsDb[T] & { application_id: string })[];
    for (const f of found) grouped.get(f.application_id)?.push(f);
  }
  return { rows, side: grouped };
}
