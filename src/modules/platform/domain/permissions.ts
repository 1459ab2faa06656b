/**
 * The authorization rules, in one place and pure. Services ask these before every read of
 * unpublished material and every write; the UI only hides what these would refuse anyway.
 */
import type { Actor, Role, Scope } from './accounts.ts';

/** Where a record stands in the editorial workflow (cases now; every register's records later). */
export type RecordStatus = 'draft' | 'in_review' | 'published' | 'withdrawn';

/**
 * Two families of editorial records share one workflow and one set of verbs: the cases, and the
 * registers' records (treaty actions, laws and assessments, library resources, activities...).
 */
export type Family = 'case' | 'record';
const VERBS = [
  'create',
  'read_unpublished',
  'read_restricted',
  'edit_any',
  'delete',
  'review',
  'publish',
  'withdraw',
  'import',
] as const;
type Verb = (typeof VERBS)[number];
const family = (f: Family) => VERBS.map((v) => `${f}.${v}` as const);

export const CAPABILITIES = [
  ...family('case'),
  ...family('record'),
  'admin.users',
  'admin.tokens',
  'admin.audit',
  'grants.manage',
] as const;
/** `grants.manage`: the Small Grants secretariat (calls, eligibility, reviewers, decisions); never a token's. */
export type Capability = `${Family}.${Verb}` | 'admin.users' | 'admin.tokens' | 'admin.audit' | 'grants.manage';

const EDITOR_CAPS: Capability[] = [...family('case'), ...family('record'), 'grants.manage'];

export const ROLE_CAPABILITIES: Record<Role, ReadonlySet<Capability>> = {
  contributor: new Set(['case.create', 'record.create']),
  editor: new Set(EDITOR_CAPS),
  admin: new Set([...EDITOR_CAPS, 'admin.users', 'admin.tokens', 'admin.audit']),
};

const scope = (verbs: Verb[]): Capability[] =>
  (['case', 'record'] as const).flatMap((f) => verbs.map((v) => `${f}.${v}` as const));

/** Tokens act for programs: never on users, tokens or the audit log. */
export const SCOPE_CAPABILITIES: Record<Scope, readonly Capability[]> = {
  read: scope(['read_unpublished', 'read_restricted']),
  write: scope(['create', 'read_unpublished', 'edit_any', 'delete', 'review', 'publish', 'withdraw']),
  import: scope(['import', 'read_unpublished']),
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
/** The editorial facts about one record (a case, or a register's record) that decisions depend on. */
export interface CaseAccess {
  status: RecordStatus;
  /** The account that created it (contributors see and edit only their own). */
  ownerId: string | null;
}

const owns = (actor: Actor, c: CaseAccess) => actor.userId !== null && c.ownerId === actor.userId;

/** Personal tokens of contributors keep the contributor's own-case limits. */
const contributorLike = (actor: Actor) => actor.role === 'contributor';

export function canView(actor: Actor, c: CaseAccess, f: Family = 'case'): boolean {
  if (c.status === 'published') return true;
  if (contributorLike(actor))
    return owns(actor, c) && (actor.kind === 'user' || scoped(actor, `${f}.read_unpublished`));
  return can(actor, `${f}.read_unpublished`);
}

/** Restricted fields (internal notes, source contacts, reviewer comments, history). */
export function canViewRestricted(actor: Actor, c: CaseAccess, f: Family = 'case'): boolean {
  if (contributorLike(actor)) return owns(actor, c) && (actor.kind === 'user' || scoped(actor, `${f}.read_restricted`));
  return can(actor, `${f}.read_restricted`);
}

export function canEdit(actor: Actor, c: CaseAccess, f: Family = 'case'): boolean {
  if (contributorLike(actor)) return owns(actor, c) && c.status === 'draft' && can(actor, `${f}.create`);
  return can(actor, `${f}.edit_any`);
}

/** The workflow: each allowed move and who may make it. */
export interface Transition {
  from: RecordStatus;
  to: RecordStatus;
  name: string;
  label: string;
  allowed: (actor: Actor, c: CaseAccess, f?: Family) => boolean;
}

export const TRANSITIONS: readonly Transition[] = [
  {
    from: 'draft',
    to: 'in_review',
    name: 'submit',
    label: 'Submit for review',
    allowed: (a, c, f) => canEdit(a, c, f),
  },
  {
    from: 'in_review',
    to: 'draft',
    name: 'return',
    label: 'Return to draft',
    allowed: (a, c, f = 'case') => can(a, `${f}.review`) || (contributorLike(a) && owns(a, c) && can(a, `${f}.create`)),
  },
  {
    from: 'in_review',
    to: 'published',
    name: 'publish',
    label: 'Publish',
    allowed: (a, _c, f = 'case') => can(a, `${f}.publish`),
  },
  {
    from: 'published',
    to: 'withdrawn',
    name: 'withdraw',
    label: 'Withdraw (takedown)',
    allowed: (a, _c, f = 'case') => can(a, `${f}.withdraw`),
  },
  {
    from: 'withdrawn',
    to: 'draft',
    name: 'redraft',
    label: 'Back to draft',
    allowed: (a, _c, f = 'case') => can(a, `${f}.edit_any`),
  },
];

export function transitionOf(from: RecordStatus, to: RecordStatus): Transition | undefined {
  return TRANSITIONS.find((t) => t.from === from && t.to === to);
}

/** The moves this actor may make on this case now (for buttons; the service checks again). */
export function availableTransitions(actor: Actor, c: CaseAccess, f: Family = 'case'): Transition[] {
  return TRANSITIONS.filter((t) => t.from === c.status && t.allowed(actor, c, f));
}

/**
 * Creating a case in a status other than draft or in review skips the review; only those who may
 * publish and withdraw may do it (partner systems loading reviewed material). Imports are their
 * own capability (`case.import`) and carry each line's status.
 */
export function canCreateWithStatus(actor: Actor, status: RecordStatus, f: Family = 'case'): boolean {
  if (!can(actor, `${f}.create`)) return false;
  if (status === 'draft' || status === 'in_review') return true;
  return can(actor, `${f}.publish`) && can(actor, `${f}.withdraw`);
}

/** The same facts for a register's record (the name says what it is for; the shape is the case's). */
export type RecordAccess = CaseAccess;
