/** Writes the demo content into an empty register (published, by the system), in one pass per kind. */
import { SYSTEM } from '../../platform/index.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { SEED_ACTIVITIES, SEED_AGREEMENTS, SEED_CAMPAIGNS, SEED_ORGANISATIONS } from './report-2012.ts';

export async function seedAssistance(r: AssistanceRegisters): Promise<string | null> {
  const empty = (await r.organisations.list(SYSTEM, ['draft', 'in_review', 'published', 'withdrawn'])).length === 0;
  if (!empty || (await r.activities.list(SYSTEM, ['draft', 'in_review', 'published', 'withdrawn'])).length) return null;
  for (const o of SEED_ORGANISATIONS) await r.organisations.create(o, SYSTEM, 'published');
  for (const a of SEED_ACTIVITIES) await r.activities.create(a, SYSTEM, 'published');
  for (const a of SEED_AGREEMENTS) await r.agreements.create(a, SYSTEM, 'published');
  for (const c of SEED_CAMPAIGNS) await r.campaigns.create(c, SYSTEM, 'published');
  return (
    `seeded the assistance register: ${SEED_ACTIVITIES.length} activities, ${SEED_ORGANISATIONS.length} ` +
    `organisations, ${SEED_AGREEMENTS.length} agreements, ${SEED_CAMPAIGNS.length} campaign`
  );
}
