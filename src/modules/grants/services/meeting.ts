/** The decision meeting: a call's applications in review or decided, ranked, with the spread of scores and flags. */
import type { Actor } from '../../platform/index.ts';
import { rank, type RankedEntry } from '../domain/rules.ts';
import { toApplication } from './application-service.ts';
import { db, loadCall, requireSecretariat, type GrantsContext } from './context.ts';

export async function decisionMeeting(
  ctx: GrantsContext,
  callId: string,
  actor: Actor,
): Promise<(RankedEntry & { title: string; status: string })[]> {
  requireSecretariat(actor);
  const conn = db(ctx);
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
