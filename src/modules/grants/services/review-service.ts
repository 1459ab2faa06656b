/**
 * Review: reviewers declare conflicts of interest; the secretariat assigns reviewers (a declared
 * conflict or a shared organisation blocks it); a reviewer sees only what is assigned to them (404
 * otherwise), and only once they have declared no conflict on it (a declared conflict removes the
 * assignment, audited, for the secretariat to reassign); when the call is blind, never the applicant's
 * identity; each review scores the
 * revision it read with the call's weighted rubric ("not applicable" left out); the decision meeting
 * gets the ranked list with the spread of scores and flags.
 */
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import { DeclarationInput, ReviewInput, type Application } from '../domain/schemas.ts';
import { assignmentConflict, weightedScore } from '../domain/rules.ts';
import type { GrantsDb } from '../store/schema.ts';
import { toApplication } from './application-service.ts';
import { reviewerView, type ReviewerView } from './reviewer-view.ts';
import { decisionMeeting } from './meeting.ts';
import {
  db,
  loadCall,
  loadOrganisation,
  memberOrgs,
  personOf,
  requireSecretariat,
  type GrantsContext,
} from './context.ts';

export type { ReviewerView } from './reviewer-view.ts';

export class ReviewService {
  constructor(private readonly ctx: GrantsContext) {}

  async declareConflict(organisationId: string, reason: string, actor: Actor): Promise<void> {
    const userId = personOf(actor);
    if (!reason.trim())
      throw new AppError('VALIDATION_FAILED', 'reason: required', [{ path: 'reason', message: 'required' }]);
    if (!(await loadOrganisation(db(this.ctx), organisationId)))
      throw new AppError('NOT_FOUND', `organisation '${organisationId}' does not exist`, { id: organisationId });
    await db(this.ctx)
      .insertInto('grants_conflicts')
      .values({
        user_id: userId,
        organisation_id: organisationId,
        reason: reason.trim(),
        declared_at: this.ctx.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doUpdateSet({ reason: reason.trim() }))
      .execute();
  }

  async assign(applicationId: string, userId: string, actor: Actor): Promise<void> {
    requireSecretariat(actor);
    const conn = db(this.ctx);
    const row = await conn
      .selectFrom('grants_applications')
      .selectAll()
      .where('id', '=', applicationId)
      .executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', `application '${applicationId}' does not exist`, { id: applicationId });
    const app = toApplication(row);
    if (!['eligible', 'in_review'].includes(app.status))
      throw new AppError(
        'CONFLICT',
        `application '${applicationId}' is ${app.status}; only eligible applications go to review`,
      );
    const applicantOrgs = [app.organisationId, ...app.content.members];
    const declared = (
      await conn.selectFrom('grants_conflicts').select('organisation_id').where('user_id', '=', userId).execute()
    ).map((r) => r.organisation_id);
    const recused = await conn
      .selectFrom('grants_declarations')
      .select('reason')
      .where('application_id', '=', applicationId)
      .where('user_id', '=', userId)
      .where('conflict', '=', 1)
      .executeTakeFirst();
    const conflict = recused
      ? 'declared_conflict'
      : assignmentConflict(applicantOrgs, await memberOrgs(conn, userId), declared);
    if (conflict)
      throw new AppError(
        'CONFLICT',
        `reviewer '${userId}' cannot review '${applicationId}': ${conflict.replace('_', ' ')}`,
        {
          path: 'reviewer',
          reason: conflict,
        },
      );
    const at = this.ctx.now().toISOString();
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .insertInto('grants_assignments')
        .values({ application_id: applicationId, user_id: userId, assigned_at: at })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await tx.trx
        .updateTable('grants_applications')
        .set({ status: 'in_review', updated_at: at })
        .where('id', '=', applicationId)
        .execute();
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'grants.review.assign',
        { type: 'grants_application', id: applicationId },
        { reviewer: userId },
      );
    });
  }

  /** An assigned application as its reviewer may read it; 404 for anything not assigned. */
  async view(applicationId: string, actor: Actor): Promise<ReviewerView> {
    const app = await this.assigned(applicationId, actor);
    return reviewerView(db(this.ctx), app);
  }

  async assignedToMe(actor: Actor): Promise<ReviewerView[]> {
    const userId = personOf(actor);
    const rows = await db(this.ctx)
      .selectFrom('grants_applications')
      .innerJoin('grants_assignments', 'grants_assignments.application_id', 'grants_applications.id')
      .selectAll('grants_applications')
      .innerJoin('grants_declarations', (j) =>
        j
          .onRef('grants_declarations.application_id', '=', 'grants_assignments.application_id')
          .onRef('grants_declarations.user_id', '=', 'grants_assignments.user_id'),
      )
      .where('grants_assignments.user_id', '=', userId)
      .where('grants_declarations.conflict', '=', 0)
      .where('grants_applications.status', '=', 'in_review')
      .orderBy('grants_applications.id')
      .execute();
    return Promise.all(rows.map((r) => reviewerView(db(this.ctx), toApplication(r))));
  }

  /** The assignment of this application to this actor while it is in review, or 404. */
  private async assignment(applicationId: string, actor: Actor) {
    const userId = personOf(actor);
    const row = await db(this.ctx)
      .selectFrom('grants_applications')
      .innerJoin('grants_assignments', 'grants_assignments.application_id', 'grants_applications.id')
      .leftJoin('grants_declarations', (j) =>
        j
          .onRef('grants_declarations.application_id', '=', 'grants_assignments.application_id')
          .onRef('grants_declarations.user_id', '=', 'grants_assignments.user_id'),
      )
      .selectAll('grants_applications')
      .select(['grants_assignments.assigned_at', 'grants_declarations.conflict', 'grants_declarations.declared_at'])
      .where('grants_applications.id', '=', applicationId)
      .where('grants_assignments.user_id', '=', userId)
      .executeTakeFirst();
    if (!row || row.status !== 'in_review')
      throw new AppError('NOT_FOUND', `application '${applicationId}' does not exist`, { id: applicationId });
    const { assigned_at, conflict, declared_at, ...app } = row;
    return {
      userId,
      app: toApplication(app),
      assignedAt: assigned_at,
      declaredAt: conflict === 0 ? declared_at : null,
    };
  }

  /** An assigned application whose reviewer has declared no conflict; before that, 403 naming the declaration. */
  private async assigned(applicationId: string, actor: Actor): Promise<Application> {
    const a = await this.assignment(applicationId, actor);
    if (!a.declaredAt)
      throw new AppError(
        'FORBIDDEN',
        `declare whether you have a conflict of interest with application '${applicationId}' first`,
        { path: 'declaration', reason: 'declaration_required', id: applicationId },
      );
    return a.app;
  }

  /**
   * What a reviewer sees before declaring: the call and, on an open (not blind) call, the applicant
   * organisations to judge a conflict against. Never the application itself.
   */
  async declarationView(applicationId: string, actor: Actor) {
    const a = await this.assignment(applicationId, actor);
    const conn = db(this.ctx);
    const call = await loadCall(conn, a.app.callId);
    const organisations: string[] = [];
    if (!call.blindReview)
      for (const id of [a.app.organisationId, ...a.app.content.members]) {
        const org = await loadOrganisation(conn, id);
        if (org) organisations.push(org.legalName);
      }
    return {
      applicationId,
      callId: call.id,
      callTitle: call.title,
      blind: call.blindReview,
      organisations: call.blindReview ? null : organisations,
      assignedAt: a.assignedAt,
      declaredAt: a.declaredAt,
    };
  }

  /**
   * The reviewer's declaration on an assigned application. No conflict: they may read and score it.
   * A conflict (with its reason): the assignment and any review they made are removed, in one audited
   * transaction, and the secretariat can no longer assign them to it.
   */
  async declare(applicationId: string, input: unknown, actor: Actor): Promise<{ conflict: boolean }> {
    const d = parseOrThrow(DeclarationInput, input, 'declaration');
    const { userId } = await this.assignment(applicationId, actor);
    const reason = d.reason.trim();
    if (d.conflict && !reason)
      throw new AppError('VALIDATION_FAILED', 'reason: say what the conflict of interest is', [
        { path: 'reason', message: 'required when declaring a conflict' },
      ]);
    const at = this.ctx.now().toISOString();
    const row = {
      application_id: applicationId,
      user_id: userId,
      conflict: d.conflict ? 1 : 0,
      reason,
      declared_at: at,
    };
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .insertInto('grants_declarations')
        .values(row)
        .onConflict((oc) =>
          oc.columns(['application_id', 'user_id']).doUpdateSet({ conflict: row.conflict, reason, declared_at: at }),
        )
        .execute();
      const target = { type: 'grants_application', id: applicationId };
      if (!d.conflict) {
        await audit(platformRepos(tx.trx).audit, actor, 'grants.review.declare', target, { conflict: false });
        return;
      }
      const mine = (q: 'grants_assignments' | 'grants_reviews') =>
        tx.trx.deleteFrom(q).where('application_id', '=', applicationId).where('user_id', '=', userId).execute();
      await mine('grants_assignments');
      const [reviews] = await mine('grants_reviews');
      await audit(platformRepos(tx.trx).audit, actor, 'grants.review.recuse', target, {
        reviewer: userId,
        reason,
        reviewRemoved: Number(reviews?.numDeletedRows ?? 0) > 0,
      });
    });
    return { conflict: d.conflict };
  }

  /** Assignments still waiting for this reviewer's declaration (nothing of the application but the call). */
  async awaitingDeclaration(actor: Actor) {
    const userId = personOf(actor);
    const rows = await db(this.ctx)
      .selectFrom('grants_assignments')
      .innerJoin('grants_applications', 'grants_applications.id', 'grants_assignments.application_id')
      .innerJoin('grants_calls', 'grants_calls.id', 'grants_applications.call_id')
      .leftJoin('grants_declarations', (j) =>
        j
          .onRef('grants_declarations.application_id', '=', 'grants_assignments.application_id')
          .onRef('grants_declarations.user_id', '=', 'grants_assignments.user_id'),
      )
      .select([
        'grants_assignments.application_id',
        'grants_assignments.assigned_at',
        'grants_calls.id',
        'grants_calls.doc',
      ])
      .where('grants_assignments.user_id', '=', userId)
      .where('grants_applications.status', '=', 'in_review')
      .where('grants_declarations.declared_at', 'is', null)
      .orderBy('grants_assignments.assigned_at')
      .orderBy('grants_assignments.application_id')
      .execute();
    return rows.map((r) => ({
      applicationId: r.application_id,
      callId: r.id,
      callTitle: (JSON.parse(r.doc) as { title: string }).title,
      assignedAt: r.assigned_at,
    }));
  }

  /** Scores the revision the reviewer read (the current one); every rubric criterion must be scored or marked n/a. */
  async submitReview(applicationId: string, input: unknown, actor: Actor) {
    const app = await this.assigned(applicationId, actor);
    const review = parseOrThrow(ReviewInput, input, 'review');
    const call = await loadCall(db(this.ctx), app.callId);
    const missing = call.rubric.filter((c) => !(c.id in review.scores)).map((c) => c.id);
    const unknown = Object.keys(review.scores).filter((k) => !call.rubric.some((c) => c.id === k));
    if (missing.length || unknown.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `scores: ${[
          ...missing.map((m) => `${m} is not scored (give a score or null for n/a)`),
          ...unknown.map((u) => `${u} is not a criterion of this call`),
        ].join('; ')}`,
        [
          ...missing.map((m) => ({ path: `scores.${m}`, message: 'required (null for not applicable)' })),
          ...unknown.map((u) => ({
            path: `scores.${u}`,
            message: 'unknown criterion',
            allowed: call.rubric.map((c) => c.id),
          })),
        ],
      );
    const score = weightedScore(call.rubric, review.scores);
    const row = {
      application_id: applicationId,
      user_id: personOf(actor),
      revision: app.revision,
      scores: JSON.stringify(review.scores),
      score,
      comment: review.comment,
      at: this.ctx.now().toISOString(),
    };
    await db(this.ctx)
      .insertInto('grants_reviews')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['application_id', 'user_id'])
          .doUpdateSet({ revision: row.revision, scores: row.scores, score, comment: row.comment, at: row.at }),
      )
      .execute();
    return { applicationId, revision: app.revision, score, scores: review.scores };
  }

  /** The decision meeting: every application of a call in review or decided, ranked, with spread and flags. */
  meeting(callId: string, actor: Actor) {
    return decisionMeeting(this.ctx, callId, actor);
  }
}
