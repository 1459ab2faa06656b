/** Demo content: real laws summarised in our own words, and assessments of a few core elements. */
import { SYSTEM } from '../../platform/index.ts';
import type { LegislationServices } from '../services/services.ts';
import { DEMO_LAWS, DEMO_ASSESSMENTS } from './demo-laws.ts';

export async function seedLegislation(s: LegislationServices): Promise<string | null> {
  if ((await s.laws.list(SYSTEM)).length) return null;
  for (const { law, amendments } of DEMO_LAWS) {
    const w = await s.laws.create(law, SYSTEM);
    for (const a of amendments ?? []) await s.laws.amend(w.id, a, SYSTEM);
  }
  for (const a of DEMO_ASSESSMENTS)
    await s.compliance.put(a.country, a.element, { ...a.input, status: 'published' }, SYSTEM);
  return `seeded ${DEMO_LAWS.length} demo laws and ${DEMO_ASSESSMENTS.length} assessments`;
}
