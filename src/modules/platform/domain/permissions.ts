/**
 * The authorization rules, in one place and pure. Services ask these before every read of
 * unpublished material and every write; the UI only hides what these would refuse anyway.
 */
import type { Actor, Role, Scope } from './accounts.ts';

/** Where a record stands in the editorial workflow (cases now; every register's records later). */
export type RecordStatus = 'draft' | 'in_review' | 'published' | 'withdrawn';

export const CAPABILITIES = [
  'case.create',
  'case.read_unpublished',
  'case.read_restricted',
  'case.edit_any',
  'case.delete',
  'case.review',
  'case.publish',
  'case.withdraw',
  'case.import',
  'admin.users',
  'admin.tokens',
  'admin.audit',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const EDITOR_CAPS: Capability[] = [
  'case.create',
  'case.read_unpublished',
  'case.read_restricted',
  'case.edit_any',
  'case.delete',
  'case.review',
  'case.publish',
  'case.withdraw',
  'case.import',
];

export const ROLE_CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  contributor: new Set(['case.create']),
  editor: new Set(EDITOR_CAPS),
  admin: new Set([...EDITOR_CAPS, 'admin.users', 'admin.tokens', 'admin.audit']),
};

/** Tokens act for programs: never on users, tokens or the audit log. */
export const SCOPE_CAPABILITIES: Record<Scope, readonly Capability[]> = {
  read: ['case.read_unpublished', 'case.read_restricted'],
  write: [
    'case.create',
    'case.read_unpublished',
    'case.edit_any',
    'case.delete',
    'case.review',
    'case.publish',
    'case.withdraw',
  ],
  import: ['case.import', 'case.read_unpublished'],
};

export function can(actor: Actor, cap: Capability): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'anonymous':
      return false;
    case 'user':
      return actor.role !== null && ROLE_CAPABILITIES[actor.role].has(cap);
    case 'token': {
      // A personal token never exceeds its owner's role (a contributor's write token creates drafts).
      const ownerAllows = actor.userId === null || (actor.role !== null && ROLE_CAPABILITIES[actor.role].has(cap));
      return scoped(actor, cap) && ownerAllows;
    }
  }
}

function scoped(actor: Actor, cap: Capability): boolean {
  return actor.scopes.some((s) => SCOPE_CAPABILITIES[s].includes(cap));
}

/** The editorial facts about one case that decisions depend on. */
export interface CaseAccess {
  status: RecordStatus;
  /** The account that created it (contributors see and edit only their own). */
  ownerId: string | null;
}

const owns = (actor: Actor, c: CaseAccess) => actor.userId !== null && c.ownerId === actor.userId;

/** Personal tokens of contributors keep the contributor's own-case limits. */
const contributorLike = (actor: Actor) => actor.role === 'contributor';

export function canView(actor: Actor, c: CaseAccess): boolean {
  if (c.status === 'published') return true;
  if (contributorLike(actor))
    return owns(actor, c) && (actor.kind === 'user' || scoped(actor, 'case.read_unpublished'));
  return can(actor, 'case.read_unpublished');
}

/** Restricted fields (internal notes, source contacts, reviewer comments, history). */
export function canViewRestricted(actor: Actor, c: CaseAccess): boolean {
  if (contributorLike(actor)) return owns(actor, c) && (actor.kind === 'user' || scoped(actor, 'case.read_restricted'));
  return can(actor, 'case.read_restricted');
}

export function canEdit(actor: Actor, c: CaseAccess): boolean {
  if (contributorLike(actor)) return owns(actor, c) && c.status === 'draft' && can(actor, 'case.create');
  return can(actor, 'case.edit_any');
}

/** The workflow: each allowed move and who may make it. */
export interface Transition {
  from: RecordStatus;
  to: RecordStatus;
  name: string;
  label: string;
  allowed: (actor: Actor, c: CaseAccess) => boolean;
}

export const TRANSITIONS: readonly Transition[] = [
  { from: 'draft', to: 'in_review', name: 'submit', label: 'Submit for review', allowed: (a, c) => canEdit(a, c) },
  {
    from: 'in_review',
    to: 'draft',
    name: 'return',
    label: 'Return to draft',
    allowed: (a, c) => can(a, 'case.review') || (contributorLike(a) && owns(a, c) && can(a, 'case.create')),
  },
  { from: 'in_review', to: 'published', name: 'publish', label: 'Publish', allowed: (a) => can(a, 'case.publish') },
  {
    from: 'published',
    to: 'withdrawn',
    name: 'withdraw',
    label: 'Withdraw (takedown)',
    allowed: (a) => can(a, 'case.withdraw'),
  },
  { from: 'withdrawn', to: 'draft', name: 'redraft', label: 'Back to draft', allowed: (a) => can(a, 'case.edit_any') },
];

export function transitionOf(from: RecordStatus, to: RecordStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The moves this actor may make on this case now (for buttons; the service checks again). */
export function availableTransitions(actor: Actor, c: CaseAccess): Transition[] {
  return TRANSITIONS.filter((t) => t.from === c.status && t.allowed(actor, c));
}

/**
 * Creating a case in a status other than draft or in review skips the review; only those who may
 * publish and withdraw may do it (partner systems loading reviewed material). Imports are their
 * own capability (`case.import`) and carry each line's status.
 */
export function canCreateWithStatus(actor: Actor, status: RecordStatus): boolean {
  if (!can(actor, 'case.create')) return false;
  if (status === 'draft' || status === 'in_review') return true;
  return can(actor, 'case.publish') && can(actor, 'case.withdraw');
}
