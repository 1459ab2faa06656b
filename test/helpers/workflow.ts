/** Moves a case through the workflow to a status, one allowed step at a time (the shortest way). */
import type { FastifyInstance } from 'fastify';
import { TRANSITIONS } from '../../src/modules/platform/domain/permissions.ts';
import type { CaseStatus } from '../../src/modules/cases/domain/case-schema.ts';
import { AUTH } from './test-app.ts';

export function workflowPath(from: CaseStatus, to: CaseStatus): CaseStatus[] {
  const prev = new Map<CaseStatus, CaseStatus>();
  const queue: CaseStatus[] = [from];
  while (queue.length) {
    const s = queue.shift()!;
    if (s === to) break;
    for (const t of TRANSITIONS)
      if (t.from === s && !prev.has(t.to) && t.to !== from) {
        prev.set(t.to, s);
        queue.push(t.to);
      }
  }
  const path: CaseStatus[] = [];
  for (let s = to; s !== from; s = prev.get(s)!) {
    if (!prev.has(s)) throw new Error(`no way from ${from} to ${to}`);
    path.unshift(s);
  }
  return path;
}

/** Walks the case to `to` through POST /transitions; fails the test on any refused step. */
export async function moveTo(
  app: FastifyInstance,
  id: string,
  to: CaseStatus,
  headers: Record<string, string> = AUTH,
): Promise<void> {
  const current = await app.inject({ url: `/api/v1/cases/${id}`, headers });
  if (current.statusCode !== 200) throw new Error(`GET ${id}: ${current.statusCode} ${current.body}`);
  for (const step of workflowPath(current.json().status, to)) {
    const r = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/transitions`,
      headers,
      payload: { to: step, acknowledgeWarnings: true },
    });
    if (r.statusCode !== 200) throw new Error(`${id} -> ${step}: ${r.statusCode} ${r.body}`);
  }
}
