/**
 * Awards and follow-up: the grant agreement, its disbursement tranches, the narrative and financial
 * reports due, with reminder jobs before and after each due date (a reminder for a report already
 * received sends nothing), the call's dashboard and its CSV export (the secretariat's).
 */
import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { ClaimedJob } from '../../../kernel/jobs/index.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import type { GrantsDb } from '../store/schema.ts';
import { callApplicationsWith } from '../store/call-applications.ts';
import { toApplication, type ApplicationService } from './application-service.ts';
import { approveReport, receiveReport, releaseTranche, reportsBeforeTranches } from './tranches.ts';
import { db, loadCall, loadOrganisation, newId, queueMail, requireSecretariat, type GrantsContext } from './context.ts';

const day = z.iso.date();
export const AwardInput = z.object({
  amount: z.number().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  agreementRef: z.string().trim().min(1).max(200),
  signedOn: day,
  tranches: z
    .array(z.object({ dueOn: day, amount: z.number().positive() }))
    .min(1)
    .max(36),
  reports: z
    .array(z.object({ kind: z.enum(['narrative', 'financial']), dueOn: day }))
    .max(36)
    .default([]),
});

export const REMINDER_JOB = 'grants/report-reminder';
/** Reminders go this many days before and after a report's due date. */
export const REMINDER_DAYS = { before: 14, after: 7 } as const;

const addDays = (isoDay: string, n: number) => new Date(Date.parse(`${isoDay}T09:00:00Z`) + n * 86_400_000);

export class AwardService {
  constructor(
    private readonly ctx: GrantsContext,
    private readonly apps: ApplicationService,
  ) {}

  async award(applicationId: string, input: unknown, actor: Actor) {
    requireSecretariat(actor);
    const a = parseOrThrow(AwardInput, input, 'award');
    const app = await this.apps.get(applicationId, actor);
    if (app.status !== 'approved')
      throw new AppError(
        'CONFLICT',
        `application '${applicationId}' is ${app.status}; only approved ones get an award`,
      );
    const call = await loadCall(db(this.ctx), app.callId);
    const issues: { path: string; message: string }[] = [];
    if (a.currency !== call.currency) issues.push({ path: 'currency', message: `must be ${call.currency}` });
    const sum = a.tranches.reduce((s, t) => s + t.amount, 0);
    if (Math.abs(sum - a.amount) > 0.005) issues.push({ path: 'tranches', message: `total ${sum}, not ${a.amount}` });
    const max = call.capPerYear * Math.min(app.content.durationYears, call.maxYears);
    if (a.amount > max) issues.push({ path: 'amount', message: `over the call's cap for the duration, ${max}` });
    issues.push(...reportsBeforeTranches(a.tranches, a.reports));
    if (issues.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `award: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
    const at = this.ctx.now().toISOString();
    const reports = a.reports.map((r) => ({ ...r, id: newId('rep') }));
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      await tx.trx
        .insertInto('grants_awards')
        .values({
          application_id: applicationId,
          amount: a.amount,
          currency: a.currency,
          agreement_ref: a.agreementRef,
          signed_on: a.signedOn,
          created_at: at,
        })
        .execute();
      for (const [i, t] of a.tranches.entries())
        await tx.trx
          .insertInto('grants_tranches')
          .values({ application_id: applicationId, seq: i + 1, due_on: t.dueOn, amount: t.amount, released_on: null })
          .execute();
      for (const r of reports) {
        await tx.trx
          .insertInto('grants_reports')
          .values({
            id: r.id,
            application_id: applicationId,
            kind: r.kind,
            due_on: r.dueOn,
            received_on: null,
            approved_on: null,
            approved_by: null,
          })
          .execute();
        for (const when of ['before', 'after'] as const) {
          const runAt = addDays(r.dueOn, when === 'before' ? -REMINDER_DAYS.before : REMINDER_DAYS.after);
          await this.ctx.jobs.enqueue(
            REMINDER_JOB,
            { reportId: r.id, when },
            { idempotencyKey: `${r.id}:${when}`, runAt },
            tx.trx,
          );
        }
      }
      await audit(
        platformRepos(tx.trx).audit,
        actor,
        'grants.award',
        { type: 'grants_application', id: applicationId },
        {
          amount: a.amount,
        },
      );
    });
    return this.get(applicationId, actor);
  }

  /** The award of an application its reader may see (applicant or secretariat), or 404. */
  async get(applicationId: string, actor: Actor) {
    await this.apps.get(applicationId, actor);
    const conn = db(this.ctx);
    const award = await conn
      .selectFrom('grants_awards')
      .selectAll()
      .where('application_id', '=', applicationId)
      .executeTakeFirst();
    if (!award) throw new AppError('NOT_FOUND', `application '${applicationId}' has no award`, { id: applicationId });
    const tranches = await conn
      .selectFrom('grants_tranches')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('seq')
      .execute();
    const reports = await conn
      .selectFrom('grants_reports')
      .selectAll()
      .where('application_id', '=', applicationId)
      .orderBy('due_on')
      .execute();
    return {
      applicationId,
      amount: Number(award.amount),
      currency: award.currency,
      agreementRef: award.agreement_ref,
      signedOn: award.signed_on,
      tranches: tranches.map((t) => ({
        seq: Number(t.seq),
        dueOn: t.due_on,
        amount: Number(t.amount),
        releasedOn: t.released_on,
      })),
      reports: reports.map((r) => ({
        id: r.id,
        kind: r.kind,
        dueOn: r.due_on,
        receivedOn: r.received_on,
        approvedOn: r.approved_on,
      })),
    };
  }

  receiveReport(reportId: string, actor: Actor): Promise<void> {
    return receiveReport(this.ctx, reportId, actor);
  }

  /** Approves a received report (the secretariat); a later tranche waits for it. */
  approveReport(reportId: string, actor: Actor): Promise<void> {
    return approveReport(this.ctx, reportId, actor);
  }

  /** Releases a tranche: the first at once, a later one once the reports due before it are approved. */
  releaseTranche(applicationId: string, seq: number, actor: Actor): Promise<void> {
    return releaseTranche(this.ctx, applicationId, seq, actor);
  }

  /** The reminder job: mails the organisation unless the report has come in. */
  readonly remind = async (job: ClaimedJob<unknown>): Promise<void> => {
    const { reportId, when } = job.payload as { reportId: string; when: 'before' | 'after' };
    const conn = db(this.ctx);
    const report = await conn.selectFrom('grants_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
    if (!report || report.received_on) return;
    const row = await conn
      .selectFrom('grants_applications')
      .selectAll()
      .where('id', '=', report.application_id)
      .executeTakeFirst();
    if (!row) return;
    const app = toApplication(row);
    const org = await loadOrganisation(conn, app.organisationId);
    if (!org) return;
    const values = { id: app.id, title: app.content.title, report: report.kind, due: report.due_on };
    const locale = row.locale ?? 'en';
    await queueMail(this.ctx, conn, 'reminder', org.contactEmail, values, `reminder:${reportId}:${when}`, locale);
  };

  /** Counts by country, theme and status, success rate and amounts, over the call's submitted applications. */
  async dashboard(callId: string, actor: Actor) {
    requireSecretariat(actor);
    const conn = db(this.ctx);
    const call = await loadCall(conn, callId);
    const { rows, side } = await callApplicationsWith(conn, callId, { notIn: ['draft'] }, 'grants_awards');
    const apps = rows.map(toApplication);
    const awards = [...side.values()].flat();
    const count = (keys: string[][]) => {
      const m = new Map<string, number>();
      for (const ks of keys) for (const k of new Set(ks)) m.set(k, (m.get(k) ?? 0) + 1);
      return Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    };
    const decided = apps.filter((a) => ['approved', 'rejected', 'ineligible'].includes(a.status)).length;
    const approved = apps.filter((a) => a.status === 'approved').length;
    return {
      callId,
      currency: call.currency,
      applications: apps.length,
      byCountry: count(apps.map((a) => a.content.countries)),
      byTheme: count(apps.map((a) => a.content.themes)),
      byStatus: count(apps.map((a) => [a.status])),
      successRate: decided ? Math.round((approved / decided) * 1000) / 1000 : null,
      requested: apps.reduce((s, a) => s + a.content.budget.reduce((t, l) => t + l.amount, 0), 0),
      awarded: awards.reduce((s, a) => s + Number(a.amount), 0),
    };
  }

  /** The call's applications as CSV for the secretariat (reviewers have their own, blind, export). */
  async csv(callId: string, actor: Actor): Promise<string> {
    requireSecretariat(actor);
    const conn = db(this.ctx);
    await loadCall(conn, callId);
    const { rows: found, side: awards } = await callApplicationsWith(conn, callId, 'all', 'grants_awards');
    const rows: (string | number)[][] = [];
    for (const a of found.map(toApplication)) {
      const org = await loadOrganisation(conn, a.organisationId);
      const award = awards.get(a.id)?.[0];
      rows.push([
        a.id,
        org?.legalName ?? '',
        a.status,
        a.revision,
        a.content.title,
        a.content.countries.join(' '),
        a.content.themes.join('; '),
        a.content.budget.reduce((t, l) => t + l.amount, 0),
        award ? Number(award.amount) : '',
        a.submittedAt ?? '',
      ]);
    }
    const head = [
      'id',
      'organisation',
      'status',
      'revision',
      'title',
      'countries',
      'themes',
      'requested',
      'awarded',
      'submitted_at',
    ];
    return stringify([head, ...rows]);
  }
}
