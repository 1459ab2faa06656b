/**
 * Who acts: accounts, roles, API token scopes and the Actor every service call carries.
 * Pure: no I/O. What each actor may do lives in permissions.ts.
 */
import { z } from 'zod';

/** Roles of signed-in people. The anonymous public is the `reader` and has no account. */
export const ROLES = ['contributor', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Contributor: drafts cases and edits own drafts',
  editor: 'Editor: edits any case, reviews, publishes, withdraws',
  admin: 'Administrator: everything an editor does, plus users, tokens and the audit log',
};

/** What an API token may do: read unpublished material, write cases, run bulk imports. */
export const SCOPES = ['read', 'write', 'import'] as const;
export type Scope = (typeof SCOPES)[number];

export interface Actor {
  readonly kind: 'anonymous' | 'user' | 'token' | 'system';
  /** The user id (sessions), the token id (tokens); null for the public and the command line. */
  readonly id: string | null;
  /** The person behind the action: the user's id for sessions and personal tokens. */
  readonly userId: string | null;
  /** Shown in the audit log and the history: an email, a token label, "command line". */
  readonly label: string;
  /** A user's role; for a personal token, its owner's role (the token never exceeds it). */
  readonly role: Role | null;
  /** A token's scopes; empty for everyone else. */
  readonly scopes: readonly Scope[];
  /** The client address, for the audit log. */
  readonly ip?: string;
}

/** The anonymous public: published cases and public fields only. */
export const ANONYMOUS: Actor = Object.freeze({
  kind: 'anonymous',
  id: null,
  userId: null,
  label: 'anonymous',
  role: null,
  scopes: [],
});

/** The operator at the command line (who has the database file or URL anyway): every right. */
export const SYSTEM: Actor = Object.freeze({
  kind: 'system',
  id: null,
  userId: null,
  label: 'command line',
  role: null,
  scopes: [],
});

export function userActor(u: { id: string; email: string; role: Role }, ip?: string): Actor {
  return Object.freeze({ kind: 'user', id: u.id, userId: u.id, label: u.email, role: u.role, scopes: [], ip });
}

export function tokenActor(
  t: { id: string; label: string; scopes: readonly Scope[]; userId: string | null; ownerRole: Role | null },
  ip?: string,
): Actor {
  return Object.freeze({
    kind: 'token',
    id: t.id,
    userId: t.userId,
    label: `token ${t.label}`,
    role: t.ownerRole,
    scopes: [...t.scopes],
    ip,
  });
}

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: 'not a valid email address' }));

/** Long passphrases welcome; 12 characters at least (NIST SP 800-63B asks for 8 or more). */
export const passwordSchema = z.string().min(12, 'at least 12 characters').max(1024, 'at most 1024 characters');

export const roleSchema = z.enum(ROLES, {
  error: (iss) => `unknown role '${String(iss.input)}'; allowed: ${ROLES.join(', ')}`,
});
export const scopeSchema = z.enum(SCOPES, {
  error: (iss) => `unknown scope '${String(iss.input)}'; allowed: ${SCOPES.join(', ')}`,
});

export const NewUserSchema = z.strictObject({
  email: emailSchema,
  name: z.string().trim().min(1).max(200).nullable().default(null),
  role: roleSchema,
  password: passwordSchema,
});

export const UserChangeSchema = z.strictObject({
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  name: z.string().trim().min(1).max(200).nullable().optional(),
});

export const NewTokenSchema = z.strictObject({
  label: z.string().trim().min(1).max(200),
  scopes: z
    .array(scopeSchema)
    .min(1, 'at least one scope')
    .transform((s) => [...new Set(s)].sort() as Scope[]),
  /** The person the token is for; it then never exceeds that person's role. Null: a partner system. */
  userId: z.string().min(1).max(64).nullable().default(null),
  expiresAt: z.iso.datetime().nullable().default(null),
});

/** A user as the API shows it: never the password hash. */
export interface User {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  disabled: boolean;
  lockedUntil: string | null;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface ApiToken {
  id: string;
  label: string;
  /** The first characters of the secret, to recognise it in a list. */
  prefix: string;
  scopes: Scope[];
  userId: string | null;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}
