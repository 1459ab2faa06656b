/**
 * Store ports of the platform: users, sessions, API tokens and the audit log. Implemented once for
 * every SQL database in sql-account-repo.ts and sql-audit-repo.ts; a module's store offers them
 * beside its own repositories, on the same connection and in the same transactions.
 */
import type { Role, Scope } from '../domain/accounts.ts';

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

/** The platform's repositories inside one transaction. */
export interface PlatformTx {
  accounts: AccountRepo;
  audit: AuditRepo;
}

/** What the platform's services need of a store. */
export interface PlatformStore {
  readonly accounts: AccountRepo;
  readonly audit: AuditRepo;
  transaction<T>(fn: (tx: PlatformTx) => Promise<T>): Promise<T>;
}
