/** The record.* rules as the legislation register applies them (writes are for editors and write tokens). */
import { AppError } from '../../../kernel/errors.ts';
import { ANONYMOUS, can, canView, requireMove, type Actor, type RecordStatus } from '../../platform/index.ts';

export const PUBLIC: Actor = ANONYMOUS;

/** Whether the actor may see unpublished laws and assessments (they have no owner: editors' work). */
export const seesDrafts = (actor: Actor) => canView(actor, { status: 'draft', ownerId: null }, 'record');

export function mustEdit(actor: Actor): void {
  if (actor.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 'sign in or send an API token to write');
  if (!can(actor, 'record.edit_any'))
    throw new AppError('FORBIDDEN', 'writing laws and assessments needs editor rights (record.edit_any)');
}

export function mustPublishDirectly(actor: Actor, status: RecordStatus): void {
  if (status === 'published' && !can(actor, 'record.publish'))
    throw new AppError('FORBIDDEN', 'creating a published record needs publish rights', { field: 'status' });
}

/** Checks a workflow move (laws and assessments have no owner); returns the move's name for the version and audit. */
export function mustMove(actor: Actor, from: RecordStatus, to: RecordStatus, what: string): string {
  return requireMove(actor, { status: from, ownerId: null }, to, what).name;
}
