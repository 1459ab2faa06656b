/**
 * Disbursement tied to reporting: a report is received, then approved; the first tranche is paid on
 * signature, and each later tranche only once every report due before it has been approved. An award
 * must therefore schedule a report before each tranche after the first.
 */
import { AppError } from '../../../kernel/errors.ts';
import { audit, platformRepos, type Actor } from '../../platform/index.ts';
import type { GrantsDb } from '../store/schema.ts';
import { db, requireSecretariat, type GrantsContext } from './context.ts';

const today = (ctx: GrantsContext) => ctx.now().toISOString().slice(0, 10);

/** Award-time check: each tranche after the first has a report due before it. */
export function reportsBeforeTranches(
  tranches: readonly { dueOn: string }[],
  reports: readonly { dueOn: string }[],
): { path: string; message: string }[] {
  return tranches.flatMap((t, i) =>
    i > 0 && !reports.some((r) => r.dueOn < t.dueOn)
      ? [
          {
            path: `tranches.${i}`,
            message: `no report is due before ${t.dueOn}; a tranche after the first follows a report`,
          },
        ]
      : [],
  );
}

export async function receiveReport(ctx: GrantsContext, reportId: string, actor: Actor): Promise<void> {
  requireSecretariat(actor);
  const r = await db(ctx)
    .updateTable('grants_reports')
    .set({ received_on: today(ctx) })
    .where('id', '=', reportId)
    .where('received_on', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return;
  const known = await db(ctx).selectFrom('grants_reports').select('id').where('id', '=', reportId).executeTakeFirst();
  if (!known) throw new AppError('NOT_FOUND', `report '${reportId}' does not exist`, { id: reportId });
}

export async function approveReport(ctx: GrantsContext, reportId: string, actor: Actor): Promise<void> {
  requireSecretariat(actor);
  const report = await db(ctx).selectFrom('grants_reports').selectAll().where('id', '=', reportId).executeTakeFirst();
  if (!report) throw new AppError('NOT_FOUND', `report '${reportId}' does not exist`, { id: reportId });
  if (!report.received_on)
    throw new AppError('CONFLICT', `report '${reportId}' has not been received; it cannot be approved yet`, {
      path: 'report',
      reason: 'not_received',
    });
  if (report.approved_on) return;
  await ctx.database.transaction<GrantsDb, void>(async (tx) => {
    await tx.trx
      .updateTable('grants_reports')
      .set({ approved_on: today(ctx), approved_by: actor.label })
      .where('id', '=', reportId)
      .execute();
    await audit(
      platformRepos(tx.trx).audit,
      actor,
      'grants.report.approve',
      { type: 'grants_application', id: report.application_id },
      { report: reportId, kind: report.kind },
    );
  });
}

export async function releaseTranche(ctx: GrantsContext, applicationId: string, seq: number, actor: Actor) {
  requireSecretariat(actor);
  const conn = db(ctx);
  const tranche = await conn
    .selectFrom('grants_tranches')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('seq', '=', seq)
    .where('released_on', 'is', null)
    .executeTakeFirst();
  if (!tranche)
    throw new AppError('NOT_FOUND', `no unreleased tranche ${seq} for '${applicationId}'`, { id: applicationId, seq });
  if (seq > 1) {
    const before = await conn
      .selectFrom('grants_reports')
      .selectAll()
      .where('application_id', '=', applicationId)
      .where('due_on', '<', tranche.due_on)
      .execute();
    const pending = before.filter((r) => !r.approved_on);
    if (!before.length || pending.length)
      throw new AppError(
        'CONFLICT',
        `tranche ${seq} is payable once the reports due before ${tranche.due_on} are approved` +
          (pending.length
            ? `; not approved: ${pending.map((r) => `${r.kind} report due ${r.due_on}`).join(', ')}`
            : ''),
        { path: 'tranche', reason: 'report_not_approved', reports: pending.map((r) => r.id) },
      );
  }
  await ctx.database.transaction<GrantsDb, void>(async (tx) => {
    await tx.trx
      .updateTable('grants_tranches')
      .set({ released_on: today(ctx) })
      .where('application_id', '=', applicationId)
      .where('seq', '=', seq)
      .where('released_on', 'is', null)
      .execute();
    await audit(
      platformRepos(tx.trx).audit,
      actor,
      'grants.tranche.release',
      { type: 'grants_application', id: applicationId },
      { seq, amount: Number(tranche.amount) },
    );
  });
}
