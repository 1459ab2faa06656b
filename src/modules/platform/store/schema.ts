/** The platform's tables, as Kysely sees them. */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  /** Lower case; unique. */
  email: string;
  name: string | null;
  role: string;
  /** argon2id, PHC string format. */
  password_hash: string;
  disabled: number;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's secret: a stolen database holds no usable session. */
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokensTable {
  id: string;
  label: string;
  user_id: string | null;
  /** Comma-separated scopes. */
  scopes: string;
  /** SHA-256 of the secret (the secret itself is shown once and never stored). */
  hash: string;
  prefix: string;
  created_by: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_kind: string;
  actor_id: string | null;
  actor_label: string;
  ip: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  details: string;
}

export interface PlatformDatabase {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
}
