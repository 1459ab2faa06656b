import { describe, it, expect } from 'vitest';
import { AppError } from '../../../kernel/errors.ts';
import { tokenActor, userActor } from '../domain/accounts.ts';
import { requireMove } from './record-workflow.ts';

const editor = userActor({ id: 'e-1', email: 'e@example.org', role: 'editor' });
const contributor = userActor({ id: 'c-1', email: 'c@example.org', role: 'contributor' });
const reader = tokenActor({ id: 't', label: 't', scopes: ['read'], userId: null, ownerRole: null });

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('no error was thrown');
}

describe('requireMove', () => {
  it('returns the move an actor may make, named for the version and audit', () => {
    expect(requireMove(editor, { status: 'in_review', ownerId: null }, 'published', "law 'x'").name).toBe('publish');
    expect(requireMove(contributor, { status: 'draft', ownerId: 'c-1' }, 'in_review', "law 'x'").name).toBe('submit');
  });

  it('a move the workflow lacks is a conflict on `to`, listing the moves this actor may make', () => {
    const e = errorOf(() => requireMove(editor, { status: 'draft', ownerId: null }, 'published', "resource 'r'"));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe("resource 'r' cannot go from draft to published");
    expect(e.details).toEqual({ field: 'to', allowed: ['in_review'] });
  });

  it('a move this actor may not make is forbidden', () => {
    const e = errorOf(() => requireMove(reader, { status: 'in_review', ownerId: null }, 'published', "law 'x'"));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe("you may not publish law 'x'");
    const own = errorOf(() => requireMove(contributor, { status: 'in_review', ownerId: 'c-1' }, 'published', 'it'));
    expect(own.code).toBe('FORBIDDEN');
  });
});
