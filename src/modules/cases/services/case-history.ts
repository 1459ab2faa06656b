/**
 * Every change to a case leaves a full version (record and restricted fields, who, when, what
 * changed) and an audit entry, written in the same transaction as the change itself.
 */
import type { Actor } from '../../platform/index.ts';
import type { CaseRecord } from '../domain/case-schema.ts';
import type { StoreTx } from '../store/case-store.ts';
import { NO_RESTRICTED, restrictedOf, type Restricted } from '../store/editorial-store.ts';
import { audit } from '../../platform/index.ts';
import { changedFields } from './case-diff.ts';

export function restrictedChanges(before: Restricted, after: Restricted): string[] {
  return (['internalNotes', 'sourceContacts'] as const)
    .filter((k) => (before[k] ?? null) !== (after[k] ?? null))
    .map((k) => `restricted.${k}`);
}

export interface ChangeRecord {
  actor: Actor;
  /** create, edit, submit, publish, return, withdraw, redraft, restore, import, undo-import, documents, delete */
  action: string;
  before: CaseRecord | undefined;
  after: CaseRecord;
  restrictedBefore?: Restricted;
  restrictedAfter?: Restricted;
  /** Extra facts for the audit entry (a batch, a document, a restored version ...). */
  details?: Record<string, unknown>;
}

/** Writes the version row and the audit entry of one change. */
export async function recordChange(tx: StoreTx, c: ChangeRecord): Promise<void> {
  // A version holds the whole state: restricted fields not being changed are carried over.
  const stored = c.restrictedAfter && c.restrictedBefore ? undefined : await currentRestricted(tx, c.after.id);
  const rBefore = c.restrictedBefore ?? stored ?? NO_RESTRICTED;
  const rAfter = c.restrictedAfter ?? stored ?? NO_RESTRICTED;
  const changed = [...changedFields(c.before, c.after), ...restrictedChanges(rBefore, rAfter)];
  const at = c.after.updatedAt;
  await tx.editorial.addVersion({
    caseId: c.after.id,
    version: c.after.version,
    status: c.after.status,
    record: c.after,
    restricted: { internalNotes: rAfter.internalNotes, sourceContacts: rAfter.sourceContacts },
    action: c.action,
    changed,
    actorId: c.actor.userId ?? c.actor.id,
    actorLabel: c.actor.label,
    at,
  });
  await audit(
    tx.audit,
    c.actor,
    `case.${c.action}`,
    { type: 'case', id: c.after.id },
    { version: c.after.version, status: c.after.status, changed, ...c.details },
  );
}

export async function currentRestricted(tx: StoreTx, caseId: string): Promise<Restricted> {
  return restrictedOf(await tx.editorial.get(caseId));
}
