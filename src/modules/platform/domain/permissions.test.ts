import { describe, it, expect } from 'vitest';
import { ANONYMOUS, SYSTEM, tokenActor, userActor, type Actor, type Role, type Scope } from './accounts.ts';
import {
  availableTransitions,
  can,
  canCreateWithStatus,
  canEdit,
  canView,
  canViewRestricted,
  CAPABILITIES,
  type CaseAccess,
} from './permissions.ts';

const user = (role: Role, id = `${role}-1`) => userActor({ id, email: `${id}@example.org`, role });
const token = (scopes: Scope[], owner: { id: string; role: Role } | null = null) =>
  tokenActor({ id: 't', label: 't', scopes, userId: owner?.id ?? null, ownerRole: owner?.role ?? null });
const draft = (ownerId: string | null): CaseAccess => ({ status: 'draft', ownerId });
const moves = (a: Actor, c: CaseAccess) =>
  availableTransitions(a, c)
    .map((t) => t.to)
    .sort();

describe('permissions', () => {
  it('the public sees published cases only and can do nothing else', () => {
    for (const cap of CAPABILITIES) expect(can(ANONYMOUS, cap)).toBe(false);
    expect(canView(ANONYMOUS, { status: 'published', ownerId: null })).toBe(true);
    for (const status of ['draft', 'in_review', 'withdrawn'] as const)
      expect(canView(ANONYMOUS, { status, ownerId: null })).toBe(false);
  });

  it('a contributor drafts, sees and edits only their own drafts, and submits or pulls back their own', () => {
    const c = user('contributor', 'c1');
    expect(can(c, 'case.create')).toBe(true);
    expect(can(c, 'case.read_unpublished')).toBe(false);
    expect(canView(c, draft('c1'))).toBe(true);
    expect(canView(c, draft('c2'))).toBe(false);
    expect(canEdit(c, draft('c1'))).toBe(true);
    expect(canEdit(c, { status: 'in_review', ownerId: 'c1' })).toBe(false);
    expect(canViewRestricted(c, draft('c1'))).toBe(true);
    expect(canViewRestricted(c, draft('c2'))).toBe(false);
    expect(moves(c, draft('c1'))).toEqual(['in_review']);
    expect(moves(c, { status: 'in_review', ownerId: 'c1' })).toEqual(['draft']);
    expect(moves(c, { status: 'published', ownerId: 'c1' })).toEqual([]);
    expect(canCreateWithStatus(c, 'draft')).toBe(true);
    expect(canCreateWithStatus(c, 'published')).toBe(false);
  });

  it('an editor edits any case, reviews, publishes and withdraws, but manages no accounts', () => {
    const e = user('editor');
    expect(canEdit(e, draft('someone'))).toBe(true);
    expect(moves(e, { status: 'in_review', ownerId: 'x' })).toEqual(['draft', 'published']);
    expect(moves(e, { status: 'published', ownerId: 'x' })).toEqual(['withdrawn']);
    expect(moves(e, { status: 'withdrawn', ownerId: 'x' })).toEqual(['draft']);
    expect(moves(e, draft('x'))).toEqual(['in_review']); // no publishing without review
    expect(can(e, 'admin.users')).toBe(false);
    expect(can(e, 'admin.tokens')).toBe(false);
    expect(can(e, 'admin.audit')).toBe(false);
  });

  it('an administrator can do everything an editor can, plus users, tokens and the audit log', () => {
    for (const cap of CAPABILITIES) expect(can(user('admin'), cap)).toBe(true);
    for (const cap of CAPABILITIES) expect(can(SYSTEM, cap)).toBe(true);
  });

  it('a token can do what its scopes say and never administer', () => {
    expect(can(token(['read']), 'case.read_unpublished')).toBe(true);
    expect(can(token(['read']), 'case.create')).toBe(false);
    expect(can(token(['write']), 'case.publish')).toBe(true);
    expect(can(token(['write']), 'case.import')).toBe(false);
    expect(can(token(['import']), 'case.import')).toBe(true);
    expect(can(token(['import']), 'case.edit_any')).toBe(false);
    for (const cap of ['admin.users', 'admin.tokens', 'admin.audit'] as const)
      expect(can(token(['read', 'write', 'import']), cap)).toBe(false);
    expect(can(token(['read', 'write', 'import'], { id: 'a', role: 'admin' }), 'admin.users')).toBe(false);
  });

  it("a personal token never exceeds its owner's role", () => {
    const t = token(['read', 'write', 'import'], { id: 'c1', role: 'contributor' });
    expect(can(t, 'case.create')).toBe(true);
    expect(can(t, 'case.publish')).toBe(false);
    expect(can(t, 'case.read_unpublished')).toBe(false);
    expect(can(t, 'case.import')).toBe(false);
    expect(canView(t, draft('c1'))).toBe(true);
    expect(canView(t, draft('c2'))).toBe(false);
    expect(canEdit(t, draft('c1'))).toBe(true);
    const readOnly = token(['read'], { id: 'c1', role: 'contributor' });
    expect(canEdit(readOnly, draft('c1'))).toBe(false);
    const importOnly = token(['import'], { id: 'c1', role: 'contributor' });
    expect(canView(importOnly, draft('c1'))).toBe(true);
    expect(canEdit(importOnly, draft('c1'))).toBe(false);
    expect(can(importOnly, 'case.import')).toBe(false);
  });
});
