/**
 * Accounts: users and roles, password login with lockout, sessions, API tokens. Every change of a
 * permission and every login is written to the audit log. Secrets (session cookies, token
 * secrets) are random 256-bit values; only their SHA-256 is stored.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  NewTokenSchema,
  NewUserSchema,
  UserChangeSchema,
  passwordSchema,
  tokenActor,
  userActor,
  type Actor,
  type ApiToken,
  type User,
} from '../domain/accounts.ts';
import { can } from '../domain/permissions.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { PlatformStore } from '../store/platform-store.ts';
import type { TokenRow, UserRow } from '../store/platform-store.ts';
import { audit } from './audit-service.ts';
import { burnVerify, hashPassword, verifyPassword } from './passwords.ts';

export interface AccountOptions {
  /** Failed logins in a row that lock an account. */
  maxFailures: number;
  lockMinutes: number;
  /** Idle time after which a session ends. */
  sessionHours: number;
}

export const TOKEN_PREFIX = 'plm_';
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const now = () => new Date();
const iso = (d: Date) => d.toISOString();

export function publicUser(u: UserRow): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    lastLoginAt: u.lastLoginAt,
  };
}

export function publicToken(t: TokenRow): ApiToken {
  const { hash: _h, ...rest } = t;
  return rest;
}

export interface SessionInfo {
  actor: Actor;
  user: User;
  /** SHA-256 of the cookie secret: names this session without the secret. */
  sessionHash: string;
}

export class AccountService {
  constructor(
    private readonly store: PlatformStore,
    private readonly opts: AccountOptions,
  ) {}

  private requireAdmin(actor: Actor, cap: 'admin.users' | 'admin.tokens'): void {
    if (!can(actor, cap))
      throw new AppError(
        'FORBIDDEN',
        cap === 'admin.users' ? 'managing users is for administrators' : 'managing API tokens is for administrators',
      );
  }

  // ----- users -----

  async createUser(input: unknown, actor: Actor): Promise<User> {
    this.requireAdmin(actor, 'admin.users');
    const u = parseOrThrow(NewUserSchema, input, 'user');
    const passwordHash = await hashPassword(u.password);
    return this.store.transaction(async (tx) => {
      if (await tx.accounts.getUserByEmail(u.email)) {
        throw new AppError('CONFLICT', `a user with email '${u.email}' already exists`, [
          { path: 'email', message: 'already taken' },
        ]);
      }
      const t = iso(now());
      const row: UserRow = {
        id: randomUUID(),
        email: u.email,
        name: u.name,
        role: u.role,
        passwordHash,
        disabled: false,
        failedLogins: 0,
        lockedUntil: null,
        lastLoginAt: null,
        passwordChangedAt: t,
        createdAt: t,
        updatedAt: t,
      };
      await tx.accounts.insertUser(row);
      await audit(tx.audit, actor, 'user.create', { type: 'user', id: row.id }, { email: row.email, role: row.role });
      return publicUser(row);
    });
  }

  async listUsers(actor: Actor): Promise<User[]> {
    this.requireAdmin(actor, 'admin.users');
    return (await this.store.accounts.listUsers()).map(publicUser);
  }

  /** Role change, disabling or enabling, renaming. The last active admin cannot be removed. */
  async updateUser(id: string, input: unknown, actor: Actor): Promise<User> {
    this.requireAdmin(actor, 'admin.users');
    const change = parseOrThrow(UserChangeSchema, input, 'user change');
    return this.store.transaction(async (tx) => {
      const u = await tx.accounts.getUser(id);
      if (!u) throw notFound('user', id);
      const losesAdmin =
        u.role === 'admin' && !u.disabled && ((change.role && change.role !== 'admin') || change.disabled === true);
      if (losesAdmin && (await tx.accounts.countAdmins()) <= 1) {
        throw new AppError('CONFLICT', 'this is the last active administrator; make another administrator first', [
          { path: change.role ? 'role' : 'disabled', message: 'would leave no administrator' },
        ]);
      }
      const updatedAt = iso(now());
      await tx.accounts.updateUser(id, {
        ...change,
        updatedAt,
        ...(change.disabled === false ? { failedLogins: 0, lockedUntil: null } : {}),
      });
      if (change.role && change.role !== u.role)
        await audit(
          tx.audit,
          actor,
          'user.role',
          { type: 'user', id },
          { email: u.email, from: u.role, to: change.role },
        );
      if (change.disabled !== undefined && change.disabled !== u.disabled) {
        await audit(
          tx.audit,
          actor,
          change.disabled ? 'user.disable' : 'user.enable',
          { type: 'user', id },
          { email: u.email },
        );
      }
      // A changed role or a disabled account takes effect now: its sessions end.
      if ((change.role && change.role !== u.role) || change.disabled) await tx.accounts.deleteUserSessions(id);
      return publicUser((await tx.accounts.getUser(id))!);
    });
  }

  /** An administrator (or the command line) sets a new password; all of the user's sessions end. */
  async resetPassword(id: string, password: string, actor: Actor): Promise<void> {
    this.requireAdmin(actor, 'admin.users');
    const pw = parseOrThrow(passwordSchema, password, 'password');
    const passwordHash = await hashPassword(pw);
    await this.store.transaction(async (tx) => {
      const u = await tx.accounts.getUser(id);
      if (!u) throw notFound('user', id);
      const t = iso(now());
      await tx.accounts.updateUser(id, {
        passwordHash,
        passwordChangedAt: t,
        updatedAt: t,
        failedLogins: 0,
        lockedUntil: null,
      });
      await tx.accounts.deleteUserSessions(id);
      await audit(tx.audit, actor, 'user.password_reset', { type: 'user', id }, { email: u.email });
    });
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.store.accounts.getUserByEmail(email.trim().toLowerCase());
  }

  // ----- login, sessions -----

  /**
   * Checks email and password. After `maxFailures` wrong passwords in a row the account locks for
   * `lockMinutes` (RATE_LIMITED with retryAfter); the lock holds even for the right password.
   * Unknown emails and wrong passwords get the same answer, in the same time.
   */
  async login(
    email: string,
    password: string,
    meta: { ip?: string; userAgent?: string },
  ): Promise<{ secret: string; user: User; expiresAt: string }> {
    const wrong = () =>
      new AppError('UNAUTHORIZED', 'the email or the password is wrong', [
        { path: 'password', message: 'email or password is wrong' },
      ]);
    const anon: Actor = {
      kind: 'anonymous',
      id: null,
      userId: null,
      label: email.slice(0, 254),
      role: null,
      scopes: [],
      ip: meta.ip,
    };
    const u = await this.findUserByEmail(email);
    if (!u || u.disabled) {
      await burnVerify(password);
      await audit(this.store.audit, anon, 'login.failure', u ? { type: 'user', id: u.id } : null, {
        email: email.slice(0, 254),
        reason: u ? 'disabled' : 'unknown email',
      });
      throw wrong();
    }
    const t = now();
    if (u.lockedUntil && u.lockedUntil > iso(t)) {
      await audit(this.store.audit, anon, 'login.locked', { type: 'user', id: u.id }, { email: u.email });
      throw lockedError(u.lockedUntil, t);
    }
    if (!(await verifyPassword(u.passwordHash, password))) {
      const failures = u.failedLogins + 1;
      const lock =
        failures >= this.opts.maxFailures ? iso(new Date(t.getTime() + this.opts.lockMinutes * 60_000)) : null;
      await this.store.accounts.updateUser(u.id, { failedLogins: lock ? 0 : failures, lockedUntil: lock });
      await audit(
        this.store.audit,
        anon,
        lock ? 'login.lockout' : 'login.failure',
        { type: 'user', id: u.id },
        { email: u.email, failures },
      );
      if (lock) throw lockedError(lock, t);
      throw wrong();
    }
    const secret = randomBytes(32).toString('base64url');
    const expiresAt = iso(new Date(t.getTime() + this.opts.sessionHours * 3_600_000));
    await this.store.transaction(async (tx) => {
      await tx.accounts.insertSession({
        idHash: sha256(secret),
        userId: u.id,
        createdAt: iso(t),
        expiresAt,
        lastSeenAt: iso(t),
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      });
      await tx.accounts.updateUser(u.id, { failedLogins: 0, lockedUntil: null, lastLoginAt: iso(t) });
      await audit(tx.audit, userActor(u, meta.ip), 'login.success', { type: 'user', id: u.id }, { email: u.email });
    });
    return { secret, user: publicUser(u), expiresAt };
  }

  /** The signed-in user behind a session cookie, or null when it is unknown, expired or disabled. */
  async session(secret: string, ip?: string): Promise<SessionInfo | null> {
    const idHash = sha256(secret);
    const s = await this.store.accounts.getSession(idHash);
    if (!s) return null;
    const t = now();
    if (s.expiresAt <= iso(t)) {
      await this.store.accounts.deleteSession(idHash);
      return null;
    }
    const u = await this.store.accounts.getUser(s.userId);
    if (!u || u.disabled) return null;
    // Sliding expiry, written at most once a minute.
    if (t.getTime() - Date.parse(s.lastSeenAt) > 60_000) {
      await this.store.accounts.touchSession(
        idHash,
        iso(t),
        iso(new Date(t.getTime() + this.opts.sessionHours * 3_600_000)),
      );
    }
    return { actor: userActor(u, ip), user: publicUser(u), sessionHash: idHash };
  }

  /** Ends a session: the cookie is worthless afterwards, wherever a copy of it went. */
  async logout(secret: string, ip?: string): Promise<void> {
    const info = await this.session(secret, ip);
    await this.store.accounts.deleteSession(sha256(secret));
    if (info) await audit(this.store.audit, info.actor, 'logout', { type: 'user', id: info.user.id }, {});
  }

  /** Changes one's own password; every other session of the account ends. */
  async changePassword(actor: Actor, current: string, next: string, keepSessionHash?: string): Promise<void> {
    if (actor.kind !== 'user' || !actor.userId) throw new AppError('FORBIDDEN', 'sign in to change your password');
    const u = await this.store.accounts.getUser(actor.userId);
    if (!u) throw notFound('user', actor.userId);
    if (!(await verifyPassword(u.passwordHash, current))) {
      await audit(this.store.audit, actor, 'password.change_failed', { type: 'user', id: u.id }, {});
      throw new AppError('VALIDATION_FAILED', 'the current password is wrong', [
        { path: 'current', message: 'wrong password' },
      ]);
    }
    const r = passwordSchema.safeParse(next);
    if (!r.success)
      throw new AppError('VALIDATION_FAILED', `the new password is too weak: ${r.error.issues[0]!.message}`, [
        { path: 'password', message: r.error.issues[0]!.message },
      ]);
    if (next === current)
      throw new AppError('VALIDATION_FAILED', 'the new password is the same as the current one', [
        { path: 'password', message: 'same as the current password' },
      ]);
    const passwordHash = await hashPassword(next);
    await this.store.transaction(async (tx) => {
      const t = iso(now());
      await tx.accounts.updateUser(u.id, { passwordHash, passwordChangedAt: t, updatedAt: t });
      await tx.accounts.deleteUserSessions(u.id, keepSessionHash);
      await audit(tx.audit, actor, 'password.change', { type: 'user', id: u.id }, {});
    });
  }

  // ----- API tokens -----

  /** Creates a token; the secret is returned once and only its hash is kept. */
  async createToken(input: unknown, actor: Actor): Promise<{ token: ApiToken; secret: string }> {
    this.requireAdmin(actor, 'admin.tokens');
    const t = parseOrThrow(NewTokenSchema, input, 'token');
    if (t.userId && !(await this.store.accounts.getUser(t.userId))) {
      throw new AppError('VALIDATION_FAILED', `user '${t.userId}' does not exist`, [
        { path: 'userId', message: 'no such user' },
      ]);
    }
    const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const row: TokenRow = {
      id: randomUUID(),
      label: t.label,
      userId: t.userId,
      scopes: t.scopes,
      hash: sha256(secret),
      prefix: secret.slice(0, 10),
      createdBy: actor.label,
      createdAt: iso(now()),
      expiresAt: t.expiresAt,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.store.transaction(async (tx) => {
      await tx.accounts.insertToken(row);
      await audit(
        tx.audit,
        actor,
        'token.create',
        { type: 'token', id: row.id },
        { label: row.label, scopes: row.scopes, userId: row.userId },
      );
    });
    return { token: publicToken(row), secret };
  }

  async listTokens(actor: Actor): Promise<ApiToken[]> {
    this.requireAdmin(actor, 'admin.tokens');
    return (await this.store.accounts.listTokens()).map(publicToken);
  }

  /** Revokes at once: the next request with this token is refused. */
  async revokeToken(id: string, actor: Actor): Promise<ApiToken> {
    this.requireAdmin(actor, 'admin.tokens');
    return this.store.transaction(async (tx) => {
      const tok = await tx.accounts.getToken(id);
      if (!tok) throw notFound('token', id);
      if (tok.revokedAt) return publicToken(tok);
      const at = iso(now());
      await tx.accounts.revokeToken(id, at);
      await audit(tx.audit, actor, 'token.revoke', { type: 'token', id }, { label: tok.label });
      return publicToken({ ...tok, revokedAt: at });
    });
  }

  /** The actor behind a bearer secret, or null when it is unknown, revoked, expired or its owner disabled. */
  async tokenActor(secret: string, ip?: string): Promise<Actor | null> {
    const tok = await this.store.accounts.getTokenByHash(sha256(secret));
    const t = now();
    if (!tok || tok.revokedAt || (tok.expiresAt && tok.expiresAt <= iso(t))) return null;
    let ownerRole = null;
    if (tok.userId) {
      const owner = await this.store.accounts.getUser(tok.userId);
      if (!owner || owner.disabled) return null;
      ownerRole = owner.role;
    }
    if (!tok.lastUsedAt || t.getTime() - Date.parse(tok.lastUsedAt) > 60_000)
      await this.store.accounts.touchToken(tok.id, iso(t));
    return tokenActor({ id: tok.id, label: tok.label, scopes: tok.scopes, userId: tok.userId, ownerRole }, ip);
  }
}

function lockedError(until: string, t: Date): AppError {
  const retryAfter = Math.max(1, Math.ceil((Date.parse(until) - t.getTime()) / 1000));
  return new AppError(
    'RATE_LIMITED',
    `too many failed sign-ins: the account is locked for ${Math.ceil(retryAfter / 60)} more minute(s)`,
    { retryAfter, lockedUntil: until },
  );
}
