/**
 * Demo content on first start: the four instruments, and the Protocol's parties from the partial
 * table shipped in seed/ (dates with their sources) plus the reservations named in public summaries.
 * Writes only into an empty registry.
 */
import { readFileSync } from 'node:fs';
import { SYSTEM } from '../../platform/index.ts';
import type { TreatyServices } from './services.ts';

/** The UN's party count for the Protocol at the date the partial table is compared with (MTDSG, 20 April 2024). */
export const UN_PARTIES = { total: 182, date: '2024-04-20' };
export const DEMO_SOURCE = 'seed/protocol-parties-partial.csv (merged public sources; see its README)';
const file = (name: string) => readFileSync(new URL(`../seed/${name}`, import.meta.url));

export async function seedTreaties(s: TreatyServices): Promise<string | null> {
  await s.treaties.ensureInstruments();
  const any = await s.treatyImports.batches();
  const status = await s.treaties.status('XVIII-12-a');
  if (any.length || status.participants.length) return null;
  const parties = await s.treatyImports.importFile(
    file('protocol-parties-partial.csv'),
    { instrument: 'XVIII-12-a', file: 'protocol-parties-partial.csv', source: DEMO_SOURCE },
    SYSTEM,
  );
  await s.treatyImports.importFile(
    file('reservations.csv'),
    { instrument: 'XVIII-12-a', file: 'reservations.csv', source: 'https://whatconvention.org/en/ratifications/317' },
    SYSTEM,
  );
  return `seeded ${parties.rows} participants of the Trafficking Protocol (partial table) into the treaty registry`;
}
