/**
 * Review: reviewers declare conflicts of interest; the secretariat assigns reviewers (a declared
 * conflict or a shared organisation blocks it); a reviewer sees only what is assigned to them (404
 * otherwise) and, when the call is blind, never the applicant's identity; each review scores the
 * revision it read with the call's weighted rubric ("not applicable" left out); the decision meeting
 * gets the ranked list with the spread of scores and flags.
 */
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import { ReviewInput, type Application, type ApplicationContent } from '../domain/schemas.ts';
import { assignmentConflict, rank, weightedScore, type RankedEntry } from '../domain/rules.ts';
import type { GrantsDb } from '../store/schema.ts';
import { toApplication } from './application-service.ts';
import {
  db,
  loadCall,
  loadOrganisation,
  memberOrgs,
  personOf,
  requireSecretariat,
  type GrantsContext,
} from './context.ts';

/** What a reviewer reads: without organisation, members and anything naming them when the call is blind. */
export interface ReviewerView {
  id: string;
  callId: string;
  revision: number;
  blind: boolean;
  organisation: { id: string; legalName: string; legalStatus: string; registrationCountry: string } | null;
  content: Omit<ApplicationContent, 'members'> & { members?: string[] };
}

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
    const conflict = assignmentConflict(applicantOrgs, await memberOrgs(conn, userId), declared);
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
    return this.blinded(app);
  }

  async assignedToMe(actor: Actor): Promise<ReviewerView[]> {
    const userId = personOf(actor);
    const rows = await db(this.ctx)
      .selectFrom('grants_applications')
      .innerJoin('grants_assignments', 'grants_assignments.application_id', 'grants_applications.id')
      .selectAll('grants_applications')
      .where('grants_assignments.user_id', '=', userId)
      .where('grants_applications.status', '=', 'in_review')
      .orderBy('grants_applications.id')
      .execute();
    return Promise.all(rows.map((r) => this.blinded(toApplication(r))));
  }

  private async assigned(applicationId: string, actor: Actor): Promise<Application> {
    const userId = personOf(actor);
    const row = await db(this.ctx)
      .selectFrom('grants_applications')
      .innerJoin('grants_assignments', 'grants_assignments.application_id', 'grants_applications.id')
      .selectAll('grants_applications')
      .where('grants_applications.id', '=', applicationId)
      .where('grants_assignments.user_id', '=', userId)
      .executeTakeFirst();
    if (!row || row.status !== 'in_review')
      throw new AppError('NOT_FOUND', `application '${applicationId}' does not exist`, { id: applicationId });
    return toApplication(row);
  }

  private async blinded(app: Application): Promise<ReviewerView> {
    const conn = db(this.ctx);
    const call = await loadCall(conn, app.callId);
    const { members, ...rest } = app.content;
    if (call.blindReview)
      return { id: app.id, callId: app.callId, revision: app.revision, blind: true, organisation: null, content: rest };
    const org = await loadOrganisation(conn, app.organisationId);
    return {
      id: app.id,
      callId: app.callId,
      revision: app.revision,
      blind: false,
      organisation: org
        ? {
            id: org.id,
            legalName: org.legalName,
            legalStatus: org.legalStatus,
            registrationCountry: org.registrationCountry,
          }
        : null,
      content: { ...rest, members },
    };
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
  async meeting(callId: string, actor: Actor): Promise<(RankedEntry & { title: string; status: string })[]> {
    requireSecretariat(actor);
    const conn = db(this.ctx);
    await loadCall(conn, callId);
    const apps = (
      await conn
        .selectFrom('grants_applications')
        .selectAll()
        .where('call_id', '=', callId)
        .where('status', 'in', ['in_review', 'approved', 'rejected', 'eligible'])
        .execute()
    ).map(toApplication);
    const reviews = apps.length
      ? await conn
          .selectFrom('grants_reviews')
          .selectAll()
          .where(
            'application_id',
            'in',
            apps.map((a) => a.id),
          )
          .execute()
      : [];
    const ranked = rank(
      apps.map((a) => ({
        applicationId: a.id,
        revision: a.revision,
        reviews: reviews
          .filter((r) => r.application_id === a.id)
          .map((r) => ({ score: r.score === null ? null : Number(r.score), revision: Number(r.revision) })),
      })),
    );
    const byId = new Map(apps.map((a) => [a.id, a]));
    return ranked.map((r) => ({
      ...r,
      title: byId.get(r.applicationId)!.content.title,
      status: byId.get(r.applicationId)!.status,
    }));
  }
}
