/** The decision meeting: a call's applications in review or decided, ranked, with the spread of scores and flags. */
import type { Actor } from '../../platform/index.ts';
import { rank, type RankedEntry } from '../domain/rules.ts';
import { callApplicationsWith } from '../store/call-applications.ts';
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
  const { rows, side: reviews } = await callApplicationsWith(
    conn,
    callId,
    { in: ['in_review', 'approved', 'rejected', 'eligible'] },
    'grants_reviews',
  );
  const apps = rows.map(toApplication);
  const ranked = rank(
    apps.map((a) => ({
      applicationId: a.id,
      revision: a.revision,
      reviews: (reviews.get(a.id) ?? []).map((r) => ({
        score: r.score === null ? null : Number(r.score),
        revision: Number(r.revision),
      })),
    })),
  );
  const byId = new Map(apps.map((a) => [a.id, a]));
  return ranked.map((r) => ({
    ...r,
    title: byId.get(r.applicationId)!.content.title,
    status: byId.get(r.applicationId)!.status,
  }));
}
