/** What every grants service shares: the database, the clock, the job queue and the mail texts. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { AppError } from '../../../kernel/errors.ts';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import type { JobQueue } from '../../../kernel/jobs/index.ts';
import { enqueueMail } from '../../../kernel/mail/index.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { can, ROLE_CAPABILITIES, type Actor } from '../../platform/index.ts';
import type { GrantsDb } from '../store/schema.ts';
import type { Call, Organisation } from '../domain/schemas.ts';

export interface GrantsContext {
  database: ModuleDatabase;
  jobs: JobQueue;
  /** Mail texts from the grants catalog in a language (English for an unknown one). */
  mailText: (locale: string) => Translator;
  now: () => Date;
  publicUrl: string | undefined;
}

export const newId = (prefix: string) => `${prefix}-${randomUUID().slice(0, 13)}`;

/**
 * The secretariat: editors and administrators (`grants.manage`), signed in or through their own
 * personal token with the write scope (no partner token ever manages grants).
 */
export const isSecretariat = (actor: Actor) =>
  can(actor, 'grants.manage') ||
  (actor.kind === 'token' &&
    actor.userId !== null &&
    actor.role !== null &&
    actor.scopes.includes('write') &&
    ROLE_CAPABILITIES[actor.role].has('grants.manage'));

export function requireSecretariat(actor: Actor): void {
  if (!isSecretariat(actor))
    throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN', 'the grants secretariat only');
}

/** A person: a signed-in user or a user's personal token (partner tokens act for no organisation). */
export function personOf(actor: Actor): string {
  if (!actor.userId) throw new AppError(actor.kind === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN', 'sign in first');
  return actor.userId;
}

export function db(ctx: GrantsContext): Kysely<GrantsDb> {
  return ctx.database.kysely<GrantsDb>();
}

export async function memberOrgs(conn: Kysely<GrantsDb>, userId: string | null): Promise<string[]> {
  if (!userId) return [];
  const rows = await conn
    .selectFrom('grants_members')
    .select('organisation_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.organisation_id);
}

export async function loadCall(conn: Kysely<GrantsDb>, id: string): Promise<Call> {
  const row = await conn.selectFrom('grants_calls').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `call '${id}' does not exist`, { id });
  return { ...(JSON.parse(row.doc) as Omit<Call, 'id' | 'createdAt'>), id: row.id, createdAt: row.created_at };
}

export async function loadOrganisation(conn: Kysely<GrantsDb>, id: string): Promise<Organisation | undefined> {
  const row = await conn.selectFrom('grants_organisations').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return { ...(JSON.parse(row.doc) as Omit<Organisation, 'id' | 'createdAt'>), id: row.id, createdAt: row.created_at };
}

/** The language an application was submitted in (English when none was recorded). */
export async function applicationLocale(conn: Kysely<GrantsDb>, id: string): Promise<string> {
  const row = await conn.selectFrom('grants_applications').select('locale').where('id', '=', id).executeTakeFirst();
  return row?.locale ?? 'en';
}

/**
 * Queues a message from the grants catalog (subject and body keys `grants.mail.<kind>.*`) once per key,
 * in the language `locale` (the applicant's); a `due` value (ISO date) is written as a date in that language.
 */
export async function queueMail(
  ctx: GrantsContext,
  conn: Kysely<GrantsDb>,
  kind: 'receipt' | 'info' | 'decision' | 'reminder',
  to: string,
  values: Record<string, string | number>,
  key: string,
  locale = 'en',
): Promise<void> {
  const text = ctx.mailText(locale);
  const link = ctx.publicUrl ? `${ctx.publicUrl.replace(/\/$/, '')}/grants/applications/${values.id ?? ''}` : '';
  const all: Record<string, string | number> = { ...values, link };
  if (typeof values.due === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(values.due))
    all.due = new Intl.DateTimeFormat(text.intl, { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${values.due}T00:00:00Z`),
    );
  await enqueueMail(
    ctx.jobs,
    {
      to,
      subject: text.t(`grants.mail.${kind}.subject`, all),
      text: text.t(`grants.mail.${kind}.body`, all),
    },
    key,
    conn,
  );
}
