/**
 * Store ports for accounts and the editorial side: users, sessions, API tokens, the restricted
 * facts of each case, its versions, review comments and the audit log. Implemented once for every
 * SQL database in sql-account-repo.ts, sql-editorial-repo.ts and sql-audit-repo.ts.
 */
import type { Role, Scope } from '../../platform/domain/accounts.ts';
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';

export interface UserRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
}

export interface SessionRow {
  idHash: string;
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface TokenRow {
  id: string;
  label: string;
  userId: string | null;
  scopes: Scope[];
  hash: string;
  prefix: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AccountRepo {
  insertUser(u: UserRow): Promise<void>;
  updateUser(id: string, changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<boolean>;
  getUser(id: string): Promise<UserRow | undefined>;
  getUserByEmail(email: string): Promise<UserRow | undefined>;
  listUsers(): Promise<UserRow[]>;
  countAdmins(): Promise<number>;

  insertSession(s: SessionRow): Promise<void>;
  getSession(idHash: string): Promise<SessionRow | undefined>;
  touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Ends every session of a user but one (password change) or all of them. */
  deleteUserSessions(userId: string, exceptHash?: string): Promise<number>;

  insertToken(t: TokenRow): Promise<void>;
  getTokenByHash(hash: string): Promise<TokenRow | undefined>;
  getToken(id: string): Promise<TokenRow | undefined>;
  listTokens(): Promise<TokenRow[]>;
  revokeToken(id: string, at: string): Promise<boolean>;
  touchToken(id: string, at: string): Promise<void>;
}

/** Restricted fields of a case: editors (and a contributor on their own case) only. */
export interface Restricted {
  internalNotes: string | null;
  sourceContacts: string | null;
}

export const NO_RESTRICTED: Restricted = Object.freeze({ internalNotes: null, sourceContacts: null });

/** The restricted fields of a case's editorial row (none when it has no row). */
export function restrictedOf(e: CaseEditorial | undefined): Restricted {
  return e ? { internalNotes: e.internalNotes, sourceContacts: e.sourceContacts } : NO_RESTRICTED;
}

export interface CaseEditorial extends Restricted {
  caseId: string;
  ownerId: string | null;
}

export interface CaseVersion {
  caseId: string;
  version: number;
  status: CaseStatus;
  record: CaseRecord;
  restricted: Restricted;
  /** create, edit, submit, publish, withdraw, return, redraft, restore, import, undo-import, documents, notes */
  action: string;
  changed: string[];
  actorId: string | null;
  actorLabel: string;
  at: string;
}

export type VersionSummary = Omit<CaseVersion, 'record' | 'restricted'>;

export interface ReviewComment {
  id: number;
  caseId: string;
  authorId: string | null;
  authorLabel: string;
  body: string;
  /** The move the comment came with, e.g. "in_review->draft"; null for a plain comment. */
  transition: string | null;
  at: string;
}

export interface QueueItem {
  id: string;
  title: string;
  jurisdiction: string;
  status: CaseStatus;
  ownerId: string | null;
  updatedAt: string;
  version: number;
}

export interface EditorialRepo {
  get(caseId: string): Promise<CaseEditorial | undefined>;
  /** Creates or replaces the restricted row of an existing case. */
  put(e: CaseEditorial): Promise<void>;
  addVersion(v: CaseVersion): Promise<void>;
  /** Newest first. */
  listVersions(caseId: string): Promise<VersionSummary[]>;
  getVersion(caseId: string, version: number): Promise<CaseVersion | undefined>;
  /** Forgets the versions after `version` (undoing an import puts the case back exactly as it was). */
  deleteVersionsAfter(caseId: string, version: number): Promise<number>;
  addComment(c: Omit<ReviewComment, 'id'>): Promise<ReviewComment>;
  listComments(caseId: string): Promise<ReviewComment[]>;
  /** Cases in the given statuses, most recently changed first; only one owner's when ownerId is given. */
  queue(statuses: CaseStatus[], opts?: { ownerId?: string; limit?: number }): Promise<QueueItem[]>;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorKind: string;
  actorId: string | null;
  actorLabel: string;
  ip: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown>;
}

export interface AuditQuery {
  action?: string;
  actorId?: string;
  targetId?: string;
  /** Entries older than this id (the cursor of the previous page). */
  beforeId?: number;
  limit: number;
}

export interface AuditRepo {
  append(e: Omit<AuditEntry, 'id'>): Promise<void>;
  /** Newest first. */
  list(q: AuditQuery): Promise<AuditEntry[]>;
  /** Every entry, oldest first, in pages (for export). */
  scan(batchSize?: number): AsyncIterable<AuditEntry>;
}
