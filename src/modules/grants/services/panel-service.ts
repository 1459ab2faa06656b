/**
 * The secretariat's view of an application's review panel: who is assigned, whether each has declared,
 * who recused and why, and each review's score and the revision it scored. Assigning by e-mail address
 * (the web form's way) resolves the person and goes through ReviewService.assign, with its checks.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../kernel/errors.ts';
import type { Actor, PlatformDatabase } from '../../platform/index.ts';
import type { GrantsDb } from '../store/schema.ts';
import type { ApplicationService } from './application-service.ts';
import type { ReviewService } from './review-service.ts';
import { db, requireSecretariat, type GrantsContext } from './context.ts';

export interface PanelMember {
  userId: string;
  email: string;
  assignedAt: string | null;
  /** null: not declared yet; false: no conflict; true: recused (no longer assigned). */
  conflict: boolean | null;
  reason: string;
  score: number | null;
  revision: number | null;
  reviewedAt: string | null;
}

export class PanelService {
  constructor(
    private readonly ctx: GrantsContext,
    private readonly apps: ApplicationService,
    private readonly reviews: ReviewService,
  ) {}

  private people() {
    return db(this.ctx) as unknown as Kysely<GrantsDb & PlatformDatabase>;
  }

  async assignByEmail(applicationId: string, email: string, actor: Actor): Promise<void> {
    requireSecretariat(actor);
    const user = await this.people()
      .selectFrom('users')
      .select('id')
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (!user)
      throw new AppError('VALIDATION_FAILED', `reviewer: no account with the e-mail address '${email.trim()}'`, [
        { path: 'reviewer', message: 'no such account' },
      ]);
    await this.reviews.assign(applicationId, user.id, actor);
  }

  async panel(applicationId: string, actor: Actor): Promise<PanelMember[]> {
    requireSecretariat(actor);
    await this.apps.get(applicationId, actor);
    const conn = this.people();
    const assigned = await conn
      .selectFrom('grants_assignments')
      .select(['user_id', 'assigned_at'])
      .where('application_id', '=', applicationId)
      .execute();
    const declared = await conn
      .selectFrom('grants_declarations')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
    const reviews = await conn
      .selectFrom('grants_reviews')
      .selectAll()
      .where('application_id', '=', applicationId)
      .execute();
    const ids = [...new Set([...assigned.map((a) => a.user_id), ...declared.map((d) => d.user_id)])];
    if (!ids.length) return [];
    const users = await conn.selectFrom('users').select(['id', 'email']).where('id', 'in', ids).execute();
    return ids
      .map((id) => {
        const d = declared.find((x) => x.user_id === id);
        const r = reviews.find((x) => x.user_id === id);
        return {
          userId: id,
          email: users.find((u) => u.id === id)?.email ?? id,
          assignedAt: assigned.find((a) => a.user_id === id)?.assigned_at ?? null,
          conflict: d ? Number(d.conflict) === 1 : null,
          reason: d?.reason ?? '',
          score: r?.score === null || r?.score === undefined ? null : Number(r.score),
          revision: r ? Number(r.revision) : null,
          reviewedAt: r?.at ?? null,
        };
      })
      .sort((a, b) => a.email.localeCompare(b.email));
  }
}
