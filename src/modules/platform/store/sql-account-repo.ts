/** Users, sessions and API tokens in any SQL database Kysely speaks. */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Role, Scope } from '../domain/accounts.ts';
import type { PlatformDatabase as Database } from './schema.ts';
import type { AccountRepo, SessionRow, TokenRow, UserRow } from './platform-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

function userOf(r: Selectable<Database['users']>): UserRow {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    role: r.role as Role,
    passwordHash: r.password_hash,
    disabled: Number(r.disabled) === 1,
    failedLogins: Number(r.failed_logins),
    lockedUntil: r.locked_until,
    lastLoginAt: r.last_login_at,
    passwordChangedAt: r.password_changed_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function tokenOf(r: Selectable<Database['api_tokens']>): TokenRow {
  return {
    id: r.id,
    label: r.label,
    userId: r.user_id,
    scopes: r.scopes.split(',').filter(Boolean) as Scope[],
    hash: r.hash,
    prefix: r.prefix,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  };
}

const USER_COLUMNS: Record<keyof Omit<UserRow, 'id' | 'createdAt'>, keyof Database['users']> = {
  email: 'email',
  name: 'name',
  role: 'role',
  passwordHash: 'password_hash',
  disabled: 'disabled',
  failedLogins: 'failed_logins',
  lockedUntil: 'locked_until',
  lastLoginAt: 'last_login_at',
  passwordChangedAt: 'password_changed_at',
  updatedAt: 'updated_at',
};

export class SqlAccountRepo implements AccountRepo {
  constructor(private readonly db: Db) {}

  async insertUser(u: UserRow): Promise<void> {
    await this.db
      .insertInto('users')
      .values({
        id: u.id,
        email: u.email,
        name: u.name,
        role: u.role,
        password_hash: u.passwordHash,
        disabled: u.disabled ? 1 : 0,
        failed_logins: u.failedLogins,
        locked_until: u.lockedUntil,
        last_login_at: u.lastLoginAt,
        password_changed_at: u.passwordChangedAt,
        created_at: u.createdAt,
        updated_at: u.updatedAt,
      })
      .execute();
  }

  async updateUser(id: string, changes: Partial<Omit<UserRow, 'id' | 'createdAt'>>): Promise<boolean> {
    const set: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(changes)) {
      const col = USER_COLUMNS[k as keyof typeof USER_COLUMNS];
      if (col && v !== undefined) set[col] = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    if (!Object.keys(set).length) return true;
    const r = await this.db.updateTable('users').set(set).where('id', '=', id).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async getUser(id: string): Promise<UserRow | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? userOf(r) : undefined;
  }

  async getUserByEmail(email: string): Promise<UserRow | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
    return r ? userOf(r) : undefined;
  }

  async listUsers(): Promise<UserRow[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('email').execute()).map(userOf);
  }

  async countAdmins(): Promise<number> {
    const r = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('disabled', '=', 0)
      .executeTakeFirst();
    return Number(r?.n ?? 0);
  }

  async insertSession(s: SessionRow): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: s.idHash,
        user_id: s.userId,
        created_at: s.createdAt,
        expires_at: s.expiresAt,
        last_seen_at: s.lastSeenAt,
        ip: s.ip,
        user_agent: s.userAgent,
      })
      .execute();
  }

  async getSession(idHash: string): Promise<SessionRow | undefined> {
    const r = await this.db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();
    return r
      ? {
          idHash: r.id_hash,
          userId: r.user_id,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
          lastSeenAt: r.last_seen_at,
          ip: r.ip,
          userAgent: r.user_agent,
        }
      : undefined;
  }

  async touchSession(idHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id_hash', '=', idHash)
      .execute();
  }

  async deleteSession(idHash: string): Promise<boolean> {
    const r = await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async deleteUserSessions(userId: string, exceptHash?: string): Promise<number> {
    let q = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptHash) q = q.where('id_hash', '!=', exceptHash);
    return Number((await q.executeTakeFirst()).numDeletedRows);
  }

  async insertToken(t: TokenRow): Promise<void> {
    await this.db
      .insertInto('api_tokens')
      .values({
        id: t.id,
        label: t.label,
        user_id: t.userId,
        scopes: t.scopes.join(','),
        hash: t.hash,
        prefix: t.prefix,
        created_by: t.createdBy,
        created_at: t.createdAt,
        expires_at: t.expiresAt,
        last_used_at: t.lastUsedAt,
        revoked_at: t.revokedAt,
      })
      .execute();
  }

  async getTokenByHash(hash: string): Promise<TokenRow | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
    return r ? tokenOf(r) : undefined;
  }

  async getToken(id: string): Promise<TokenRow | undefined> {
    const r = await this.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? tokenOf(r) : undefined;
  }

  async listTokens(): Promise<TokenRow[]> {
    return (
      await this.db.selectFrom('api_tokens').selectAll().orderBy('created_at', 'desc').orderBy('id').execute()
    ).map(tokenOf);
  }

  async revokeToken(id: string, at: string): Promise<boolean> {
    const r = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }
}
