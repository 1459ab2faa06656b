/**
 * Applications: drafts, submission until the deadline, requests for information, every revision
 * kept, attachments checked by their bytes, eligibility (automatic rules and the secretariat's
 * decisions with reasons) and decisions. An applicant sees only their organisation's applications:
 * any other id answers 404, as a missing one does.
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import {
  ApplicationInput,
  type Application,
  type ApplicationContent,
  type ApplicationStatus,
  type Call,
} from '../domain/schemas.ts';
import { checkEligibility, deadlineState, yearTotals, type RuleResult } from '../domain/rules.ts';
import type { GrantsDb } from '../store/schema.ts';
import {
  db,
  isSecretariat,
  loadCall,
  loadOrganisation,
  memberOrgs,
  newId,
  personOf,
  queueMail,
  applicationLocale,
  type GrantsContext,
} from './context.ts';

type Row = GrantsDb['grants_applications'];

export function toApplication(r: Row): Application {
  return {
    id: r.id,
    callId: r.call_id,
    organisationId: r.organisation_id,
    status: r.status as ApplicationStatus,
    revision: Number(r.revision),
    content: JSON.parse(r.doc) as ApplicationContent,
    submittedAt: r.submitted_at,
    decisionReason: r.decision_reason,
    updatedAt: r.updated_at,
  };
}

export const EDITABLE: readonly ApplicationStatus[] = ['draft', 'info_requested'];

export class ApplicationService {
  constructor(private readonly ctx: GrantsContext) {}

  /** The application if this actor may read it (secretariat, a member of the lead organisation), else 404. */
  async get(id: string, actor: Actor, conn: Kysely<GrantsDb> = db(this.ctx)): Promise<Application> {
    const row = await conn.selectFrom('grants_applications').selectAll().where('id', '=', id).executeTakeFirst();
    const visible =
      row && (isSecretariat(actor) || (await memberOrgs(conn, actor.userId)).includes(row.organisation_id));
    if (!row || !visible) throw new AppError('NOT_FOUND', `application '${id}' does not exist`, { id });
    return toApplication(row);
  }

  /** An application its organisation's member may change; the secretariat reads but never writes it (403). */
  async own(id: string, actor: Actor): Promise<Application> {
    const app = await this.get(id, actor);
    if (!(await memberOrgs(db(this.ctx), actor.userId)).includes(app.organisationId))
      throw new AppError('FORBIDDEN', `only the applicant organisation changes application '${id}'`, { id });
    return app;
  }

  async list(actor: Actor, filter: { callId?: string } = {}): Promise<Application[]> {
    const conn = db(this.ctx);
    let q = conn.selectFrom('grants_applications').selectAll();
    if (!isSecretariat(actor)) {
      const orgs = await memberOrgs(conn, actor.userId);
      if (!orgs.length) return [];
      q = q.where('organisation_id', 'in', orgs);
    }
    if (filter.callId) q = q.where('call_id', '=', filter.callId);
    return (await q.orderBy('updated_at', 'desc').orderBy('id').execute()).map(toApplication);
  }

  /** Refuses what no call allows (over the cap, another currency, members that do not exist). */
  private async validate(conn: Kysely<GrantsDb>, call: Call, content: ApplicationContent): Promise<void> {
    const issues: { path: string; message: string }[] = [];
    if (content.currency !== call.currency)
      issues.push({ path: 'currency', message: `must be the call's currency, ${call.currency}` });
    for (const [year, sum] of yearTotals(content))
      if (sum > call.capPerYear)
        issues.push({
          path: `budget.year${year}`,
          message: `year ${year} totals ${sum}, over the cap of ${call.capPerYear}`,
        });
    for (const [i, m] of content.members.entries())
      if (!(await loadOrganisation(conn, m))) issues.push({ path: `members.${i}`, message: `no organisation '${m}'` });
    if (issues.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `application: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
  }

  async createDraft(input: unknown, actor: Actor): Promise<Application> {
    const userId = personOf(actor);
    const { callId, organisationId, ...content } = parseOrThrow(ApplicationInput, input, 'application');
    const conn = db(this.ctx);
    if (!(await memberOrgs(conn, userId)).includes(organisationId))
      throw new AppError('NOT_FOUND', `organisation '${organisationId}' does not exist`, { id: organisationId });
    const call = await loadCall(conn, callId);
    if (deadlineState(call, this.ctx.now()) === 'closed') throw closedError(call);
    await this.validate(conn, call, content);
    const id = newId('app');
    const at = this.ctx.now().toISOString();
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .insertInto('grants_applications')
        .values({
          id,
          call_id: callId,
          organisation_id: organisationId,
          status: 'draft',
          revision: 1,
          doc: JSON.stringify(content),
          submitted_at: null,
          decision_reason: null,
          updated_at: at,
        })
        .execute();
      await this.keepRevision(tx.trx, id, 1, 'draft', content, actor, at);
    });
    return this.get(id, actor);
  }

  /** Saves a new revision of a draft, or of an application the secretariat asked more information about. */
  async save(id: string, input: unknown, actor: Actor): Promise<Application> {
    const app = await this.own(id, actor);
    if (!EDITABLE.includes(app.status))
      throw new AppError('CONFLICT', `application '${id}' is ${app.status} and cannot be edited`, {
        status: app.status,
      });
    const {
      callId: _c,
      organisationId: _o,
      ...content
    } = parseOrThrow(
      ApplicationInput,
      { ...(input as object), callId: app.callId, organisationId: app.organisationId },
      'application',
    );
    const conn = db(this.ctx);
    await this.validate(conn, await loadCall(conn, app.callId), content);
    const at = this.ctx.now().toISOString();
    const revision = app.revision + 1;
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      const r = await tx.trx
        .updateTable('grants_applications')
        .set({ doc: JSON.stringify(content), revision, updated_at: at })
        .where('id', '=', id)
        .where('revision', '=', app.revision)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `application '${id}' changed meanwhile`);
      await this.keepRevision(tx.trx, id, revision, app.status, content, actor, at);
    });
    return this.get(id, actor);
  }

  /**
   * Submits until the call closes (server time, inclusive); an answer to a request for information
   * may come after the close. Records the automatic eligibility checks and queues the receipt, in the
   * language `locale` the applicant acts in (kept for the later mails about the application).
   */
  async submit(id: string, actor: Actor, locale?: string): Promise<Application> {
    const app = await this.own(id, actor);
    if (!EDITABLE.includes(app.status))
      throw new AppError('CONFLICT', `application '${id}' is ${app.status}; it was submitted already`, {
        status: app.status,
      });
    const conn = db(this.ctx);
    const call = await loadCall(conn, app.callId);
    const now = this.ctx.now();
    const state = deadlineState(call, now);
    if (app.status === 'draft' && state !== 'open') throw state === 'closed' ? closedError(call) : notOpenError(call);
    await this.validate(conn, call, app.content);
    const org = await loadOrganisation(conn, app.organisationId);
    const results = await this.rules(conn, call, app);
    const at = now.toISOString();
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .updateTable('grants_applications')
        .set({ status: 'submitted', submitted_at: at, updated_at: at, ...(locale ? { locale } : {}) })
        .where('id', '=', id)
        .execute();
      await tx.trx
        .insertInto('grants_eligibility')
        .values({
          application_id: id,
          revision: app.revision,
          results: JSON.stringify(results),
          decision: null,
          reason: null,
          decided_by: null,
          at,
        })
        .execute();
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'grants.application.submit',
        { type: 'grants_application', id },
        { revision: app.revision },
      );
      if (org)
        await queueMail(
          this.ctx,
          tx.trx,
          'receipt',
          org.contactEmail,
          { id, title: app.content.title, call: call.title, at },
          `receipt:${id}:${app.revision}`,
          locale ?? (await applicationLocale(tx.trx, id)),
        );
    });
    return this.get(id, actor);
  }

  async rules(conn: Kysely<GrantsDb>, call: Call, app: Application): Promise<RuleResult[]> {
    const org = await loadOrganisation(conn, app.organisationId);
    const attached = await conn
      .selectFrom('grants_attachments')
      .select('requirement')
      .where('application_id', '=', app.id)
      .execute();
    return checkEligibility(
      call,
      org?.legalStatus ?? 'other',
      app.content,
      attached.map((a) => a.requirement),
    );
  }

  /** The automatic checks on the current revision, and the secretariat's decisions. */
  async eligibility(id: string, actor: Actor) {
    const app = await this.get(id, actor);
    const conn = db(this.ctx);
    const current = await this.rules(conn, await loadCall(conn, app.callId), app);
    const history = await conn
      .selectFrom('grants_eligibility')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('at')
      .execute();
    return {
      current,
      history: history.map((h) => ({
        revision: Number(h.revision),
        results: JSON.parse(h.results) as RuleResult[],
        decision: h.decision,
        reason: h.reason,
        at: h.at,
      })),
    };
  }

  async revisions(id: string, actor: Actor) {
    await this.get(id, actor);
    const rows = await db(this.ctx)
      .selectFrom('grants_revisions')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('revision')
      .execute();
    return rows.map((r) => ({
      revision: Number(r.revision),
      status: r.status,
      content: JSON.parse(r.doc) as ApplicationContent,
      actor: r.actor,
      at: r.at,
    }));
  }

  private async keepRevision(
    trx: Kysely<GrantsDb>,
    id: string,
    revision: number,
    status: ApplicationStatus,
    content: ApplicationContent,
    actor: Actor,
    at: string,
  ): Promise<void> {
    await trx
      .insertInto('grants_revisions')
      .values({ application_id: id, revision, status, doc: JSON.stringify(content), actor: actor.label, at })
      .execute();
  }
}

function closedError(call: Call): AppError {
  return new AppError(
    'CONFLICT',
    `the call '${call.title}' closed at ${call.closesAt} (UTC); submissions are no longer accepted`,
    {
      path: 'deadline',
      closesAt: call.closesAt,
    },
  );
}

function notOpenError(call: Call): AppError {
  return new AppError('CONFLICT', `the call '${call.title}' opens at ${call.opensAt} (UTC)`, {
    path: 'deadline',
    opensAt: call.opensAt,
  });
}
