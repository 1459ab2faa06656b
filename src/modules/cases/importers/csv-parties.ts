/**
 * Victims and defendants from summary columns (a count, the genders and nationalities present,
 * whether any victim was a child), as Palermo's own CSV export writes them. A spreadsheet row
 * cannot say which victim had which attribute, so one representative set of parties is built
 * whose summary is exactly the row's: one party per gender, the nationalities spread over them,
 * and the rest of the count as a group. Exporting it again gives the same cells.
 */
import type { CaseInput } from '../domain/case-schema.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';

type Victim = NonNullable<CaseInput['victims']>[number];
type Defendant = NonNullable<CaseInput['defendants']>[number];
type Charge = NonNullable<Defendant['charges']>[number];

const MAX_NATIONALITIES = 10;

export interface PartySummary {
  count: number | null;
  genders: string[];
  nationalities: string[];
  /** yes: some were children; no: all were adults; null: not known. */
  child: boolean | null;
}

/** Parties whose count, distinct genders and nationalities and child flag equal the summary. */
function representatives(s: PartySummary, path: string, line: number, issues: FieldIssue[]): Victim[] {
  const slots = Math.max(
    s.genders.length,
    Math.ceil(s.nationalities.length / MAX_NATIONALITIES),
    s.count ? 1 : 0,
    s.nationalities.length ? 1 : 0,
  );
  if (slots === 0) return [];
  const count = s.count ?? slots;
  if (count < slots) {
    issues.push({
      line,
      path,
      message: `${count} is fewer than the ${slots} parties the gender and nationality columns need`,
    });
    return [];
  }
  const parties: Victim[] = Array.from({ length: slots }, (_, i) => ({
    kind: 'person',
    gender: (s.genders[i] ?? null) as never,
    child: s.child === true ? i === 0 : s.child === false ? false : null,
    nationalities: s.nationalities.slice(i * MAX_NATIONALITIES, (i + 1) * MAX_NATIONALITIES),
  }));
  // The rest of the count: the last party becomes a group of that size.
  const rest = count - slots + 1;
  if (rest > 1) Object.assign(parties[slots - 1]!, { kind: 'group', count: rest });
  return parties;
}

export function victimsFromSummary(s: PartySummary, line: number, issues: FieldIssue[]): Victim[] {
  return representatives(s, 'victims', line, issues);
}

/** Defendants likewise; the first carries the verdicts (one charge each) and the longest prison term. */
export function defendantsFromSummary(
  s: PartySummary,
  verdicts: string[],
  prisonMonths: number | null,
  line: number,
  issues: FieldIssue[],
): Defendant[] {
  const needed = verdicts.length || prisonMonths !== null ? 1 : 0;
  const parties = representatives(
    { ...s, count: s.count ?? (needed || null) },
    'defendants',
    line,
    issues,
  ) as Defendant[];
  if (!parties.length) return [];
  const charges: Charge[] = (verdicts.length ? verdicts : prisonMonths !== null ? [null] : []).map((v) => ({
    verdict: v as never,
    prisonMonths,
  }));
  parties[0] = { ...parties[0]!, charges };
  return parties;
}
