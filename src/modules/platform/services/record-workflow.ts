/**
 * What every register's service does around a write of an editorial record, in one place: check a
 * workflow move against the rules (permissions.ts), and keep the write's version (record_versions)
 * and audit entry in the caller's transaction. The registers (library, assistance, legislation) call
 * these rather than each writing its own copy.
 */
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../../../kernel/errors.ts';
import type { Actor } from '../domain/accounts.ts';
import {
  availableTransitions,
  transitionOf,
  type CaseAccess,
  type Family,
  type RecordStatus,
  type Transition,
} from '../domain/permissions.ts';
import { platformRepos } from '../store/platform-repos.ts';
import { recordVersions } from '../store/record-versions.ts';
import { audit } from './audit-service.ts';

/**
 * The move from the record's status to `to`, or the error that says why not: CONFLICT (field `to`,
 * with the moves this actor may make from here) when the workflow has no such move, FORBIDDEN when
 * it has one this actor may not make. `what` names the record in the message ("resource 'x'").
 */
export function requireMove(
  actor: Actor,
  access: CaseAccess,
  to: RecordStatus,
  what: string,
  family: Family = 'record',
): Transition {
  const move = transitionOf(access.status, to);
  if (!move)
    throw new AppError('CONFLICT', `${what} cannot go from ${access.status} to ${to}`, {
      field: 'to',
      allowed: availableTransitions(actor, access, family).map((t) => t.to),
    });
  if (!move.allowed(actor, access, family)) throw new AppError('FORBIDDEN', `you may not ${move.name} ${what}`);
  return move;
}

export interface RecordChange {
  kind: string;
  id: string;
  version: number;
  status: RecordStatus;
  /** The whole record as it now stands. */
  record: unknown;
  /** create, edit, submit, publish, withdraw, ... (the audit action is `${kind}.${action}`). */
  action: string;
  changed: string[];
  /** ISO 8601 instant of the write. */
  at: string;
  /** Beside the version, in the audit entry's details. */
  details?: Record<string, unknown>;
}

/**
 * Keeps one write of a register's record: its version and its audit entry, inside the caller's
 * transaction. The version names the person behind a personal token (as the cases' versions do),
 * else the token or the system.
 */
export async function recordChange(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each module's typed connection
  trx: Kysely<any> | Transaction<any>,
  actor: Actor,
  c: RecordChange,
): Promise<void> {
  const { details, ...v } = c;
  await recordVersions.add(trx, { ...v, actorId: actor.userId ?? actor.id, actorLabel: actor.label });
  await audit(
    platformRepos(trx).audit,
    actor,
    `${c.kind}.${c.action}`,
    { type: c.kind, id: c.id },
    {
      version: c.version,
      ...details,
    },
  );
}
