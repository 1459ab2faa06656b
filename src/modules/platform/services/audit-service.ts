/** The audit log: every write, login and permission change; admins read and export it. */
import { stringify } from 'csv-stringify/sync';
import type { Actor } from '../domain/accounts.ts';
import { can } from '../domain/permissions.ts';
import { AppError } from '../../../kernel/errors.ts';
import type { PlatformStore } from '../store/platform-store.ts';
import type { AuditEntry, AuditQuery, AuditRepo } from '../store/platform-store.ts';

export function auditEntry(
  actor: Actor,
  action: string,
  target: { type: string; id: string } | null,
  details: Record<string, unknown> = {},
): Omit<AuditEntry, 'id'> {
  return {
    at: new Date().toISOString(),
    actorKind: actor.kind,
    actorId: actor.id,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    action,
    targetType: target?.type ?? null,
    targetId: target?.id ?? null,
    details,
  };
}

/** Appends one entry (inside the caller's transaction when given its repo). */
export function audit(
  repo: AuditRepo,
  actor: Actor,
  action: string,
  target: { type: string; id: string } | null,
  details?: Record<string, unknown>,
): Promise<void> {
  return repo.append(auditEntry(actor, action, target, details));
}

export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actorKind',
  'actorId',
  'actorLabel',
  'ip',
  'action',
  'targetType',
  'targetId',
  'details',
] as const;

export class AuditService {
  constructor(private readonly store: PlatformStore) {}

  private require(actor: Actor): void {
    if (!can(actor, 'admin.audit')) throw new AppError('FORBIDDEN', 'the audit log is for administrators');
  }

  async list(q: AuditQuery, actor: Actor): Promise<{ items: AuditEntry[]; nextBefore: number | null }> {
    this.require(actor);
    const items = await this.store.audit.list({ ...q, limit: q.limit + 1 });
    const more = items.length > q.limit;
    const page = items.slice(0, q.limit);
    return { items: page, nextBefore: more ? page[page.length - 1]!.id : null };
  }

  /** The whole log, oldest first, as JSON Lines or CSV chunks. */
  async *export(format: 'jsonl' | 'csv', actor: Actor): AsyncIterable<string> {
    this.require(actor);
    await audit(this.store.audit, actor, 'audit.export', null, { format });
    if (format === 'csv') yield stringify([AUDIT_CSV_COLUMNS as unknown as string[]]);
    for await (const e of this.store.audit.scan()) {
      if (format === 'jsonl') yield `${JSON.stringify(e)}\n`;
      else
        yield stringify([AUDIT_CSV_COLUMNS.map((k) => (k === 'details' ? JSON.stringify(e.details) : (e[k] ?? '')))]);
    }
  }
}
