/** The append-only audit log in any SQL database Kysely speaks. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { PlatformDatabase as Database } from './schema.ts';
import type { AuditEntry, AuditQuery, AuditRepo } from './platform-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

function entryOf(r: Selectable<Database['audit_log']>): AuditEntry {
  return {
    id: Number(r.id),
    at: r.at,
    actorKind: r.actor_kind,
    actorId: r.actor_id,
    actorLabel: r.actor_label,
    ip: r.ip,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: JSON.parse(r.details) as Record<string, unknown>,
  };
}

export class SqlAuditRepo implements AuditRepo {
  constructor(private readonly db: Db) {}

  async append(e: Omit<AuditEntry, 'id'>): Promise<void> {
    await this.db
      .insertInto('audit_log')
      .values({
        at: e.at,
        actor_kind: e.actorKind,
        actor_id: e.actorId,
        actor_label: e.actorLabel,
        ip: e.ip,
        action: e.action,
        target_type: e.targetType,
        target_id: e.targetId,
        details: JSON.stringify(e.details),
      })
      .execute();
  }

  async list(q: AuditQuery): Promise<AuditEntry[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (q.action) query = query.where('action', '=', q.action);
    if (q.actorId) query = query.where('actor_id', '=', q.actorId);
    if (q.targetId) query = query.where('target_id', '=', q.targetId);
    if (q.beforeId !== undefined) query = query.where('id', '<', q.beforeId);
    return (await query.orderBy('id', 'desc').limit(q.limit).execute()).map(entryOf);
  }

  async *scan(batchSize = 1000): AsyncIterable<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', after)
        .orderBy('id')
        .limit(batchSize)
        .execute();
      for (const r of rows) yield entryOf(r);
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1]!.id);
    }
  }
}
