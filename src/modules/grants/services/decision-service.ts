/**
 * The secretariat's moves on an application, each with its reason: ask for more information, decide
 * eligibility (recorded beside the automatic checks) and decide the grant; the applicant is mailed.
 */
import { AppError } from '../../../kernel/errors.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import type { Application, ApplicationStatus } from '../domain/schemas.ts';
import type { GrantsDb } from '../store/schema.ts';
import type { ApplicationService } from './application-service.ts';
import {
  applicationLocale,
  db,
  loadCall,
  loadOrganisation,
  queueMail,
  requireSecretariat,
  type GrantsContext,
} from './context.ts';

export class DecisionService {
  constructor(
    private readonly ctx: GrantsContext,
    private readonly apps: ApplicationService,
  ) {}

  /** The secretariat's move with its reason: ask for information, decide eligibility, or decide the grant. */
  async decide(
    id: string,
    input: { to: 'info_requested' | 'eligible' | 'ineligible' | 'approved' | 'rejected'; reason: string },
    actor: Actor,
  ): Promise<Application> {
    requireSecretariat(actor);
    const reason = (input.reason ?? '').trim();
    if (!reason)
      throw new AppError('VALIDATION_FAILED', 'reason: a reason is required', [
        { path: 'reason', message: 'required' },
      ]);
    const app = await this.apps.get(id, actor);
    const from: Record<typeof input.to, readonly ApplicationStatus[]> = {
      info_requested: ['submitted', 'eligible', 'in_review'],
      eligible: ['submitted', 'ineligible'],
      ineligible: ['submitted', 'eligible'],
      approved: ['in_review', 'eligible'],
      rejected: ['submitted', 'eligible', 'ineligible', 'in_review', 'info_requested'],
    };
    if (!from[input.to]?.includes(app.status))
      throw new AppError('CONFLICT', `application '${id}' is ${app.status}; it cannot become ${input.to}`, {
        status: app.status,
        allowed: from[input.to],
      });
    const conn = db(this.ctx);
    const call = await loadCall(conn, app.callId);
    const org = await loadOrganisation(conn, app.organisationId);
    const at = this.ctx.now().toISOString();
    // Read before the transaction takes the connection.
    const results = JSON.stringify(await this.apps.rules(conn, call, app));
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .updateTable('grants_applications')
        .set({ status: input.to, decision_reason: reason, updated_at: at })
        .where('id', '=', id)
        .execute();
      if (input.to === 'eligible' || input.to === 'ineligible')
        await tx.trx
          .insertInto('grants_eligibility')
          .values({
            application_id: id,
            revision: app.revision,
            results,
            decision: input.to,
            reason,
            decided_by: actor.label,
            at,
          })
          .execute();
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        `grants.application.${input.to}`,
        { type: 'grants_application', id },
        { reason },
      );
      const kind =
        input.to === 'info_requested' ? 'info' : input.to === 'approved' || input.to === 'rejected' ? 'decision' : null;
      if (kind && org)
        await queueMail(
          this.ctx,
          tx.trx,
          kind,
          org.contactEmail,
          { id, title: app.content.title, call: call.title, reason, decision: input.to },
          `${kind}:${id}:${input.to}:${at}`,
          await applicationLocale(tx.trx, id),
        );
    });
    return this.apps.get(id, actor);
  }
}
