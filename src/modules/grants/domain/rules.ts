/**
 * The grants rules, pure: the deadline, the automatic eligibility checks, conflicts of interest and
 * the weighted rubric. Services call these; tests call them with fixed instants.
 */
import type { ApplicationContent, Call, LegalStatus } from './schemas.ts';

/** Open from opensAt to closesAt inclusive (server time): one second after the close is refused. */
export function deadlineState(call: Pick<Call, 'opensAt' | 'closesAt'>, now: Date): 'not_open' | 'open' | 'closed' {
  const t = now.getTime();
  if (t < Date.parse(call.opensAt)) return 'not_open';
  return t <= Date.parse(call.closesAt) ? 'open' : 'closed';
}

export const ELIGIBILITY_RULES = [
  'lead_is_ngo',
  'years_within_cap',
  'duration_within_max',
  'criteria_answered',
  'attachments_present',
] as const;
export type EligibilityRule = (typeof ELIGIBILITY_RULES)[number];

export interface RuleResult {
  rule: EligibilityRule;
  passed: boolean;
  /** What failed, as data (years over the cap, unanswered question ids, missing attachment ids). */
  details: (string | number)[];
}

/** Sums of the budget per project year. */
export function yearTotals(content: Pick<ApplicationContent, 'budget'>): Map<number, number> {
  const totals = new Map<number, number>();
  for (const l of content.budget) totals.set(l.year, (totals.get(l.year) ?? 0) + l.amount);
  return totals;
}

export function checkEligibility(
  call: Pick<Call, 'capPerYear' | 'maxYears' | 'questions' | 'requiredAttachments'>,
  leadStatus: LegalStatus,
  content: Pick<ApplicationContent, 'budget' | 'durationYears' | 'answers'>,
  attachedRequirements: readonly string[],
): RuleResult[] {
  const overCap = [...yearTotals(content)].filter(([, sum]) => sum > call.capPerYear).map(([y]) => y);
  const unanswered = call.questions.filter((q) => !content.answers[q.id]?.trim()).map((q) => q.id);
  const missing = call.requiredAttachments.filter((a) => !attachedRequirements.includes(a.id)).map((a) => a.id);
  const lateYears = [...yearTotals(content).keys()].filter((y) => y > call.maxYears);
  return [
    { rule: 'lead_is_ngo', passed: leadStatus === 'ngo', details: leadStatus === 'ngo' ? [] : [leadStatus] },
    { rule: 'years_within_cap', passed: overCap.length === 0, details: overCap },
    {
      rule: 'duration_within_max',
      passed: content.durationYears <= call.maxYears && lateYears.length === 0,
      details: content.durationYears > call.maxYears ? [content.durationYears] : lateYears,
    },
    { rule: 'criteria_answered', passed: unanswered.length === 0, details: unanswered },
    { rule: 'attachments_present', passed: missing.length === 0, details: missing },
  ];
}

/** Why a reviewer may not be assigned: a declared conflict, or membership of an applicant organisation. */
export function assignmentConflict(
  applicantOrgs: readonly string[],
  reviewerOrgs: readonly string[],
  declaredConflictOrgs: readonly string[],
): 'declared_conflict' | 'shared_organisation' | null {
  if (applicantOrgs.some((o) => declaredConflictOrgs.includes(o))) return 'declared_conflict';
  if (applicantOrgs.some((o) => reviewerOrgs.includes(o))) return 'shared_organisation';
  return null;
}

/** Weighted mean over the criteria scored (null = not applicable, left out); null when none scored. */
export function weightedScore(
  rubric: readonly { id: string; weight: number }[],
  scores: Readonly<Record<string, number | null>>,
): number | null {
  let sum = 0;
  let weights = 0;
  for (const c of rubric) {
    const s = scores[c.id];
    if (s === null || s === undefined) continue;
    sum += s * c.weight;
    weights += c.weight;
  }
  return weights === 0 ? null : Math.round((sum / weights) * 100) / 100;
}

export interface RankedEntry {
  applicationId: string;
  mean: number | null;
  spread: number | null;
  reviews: number;
  flags: ('few_reviews' | 'disagreement' | 'changed_since_review')[];
}

/** The decision meeting's list: by mean score, with spread and flags (disagreement flagged, not averaged away). */
export function rank(
  entries: readonly {
    applicationId: string;
    revision: number;
    reviews: { score: number | null; revision: number }[];
  }[],
  minReviews = 2,
  disagreement = 2,
): RankedEntry[] {
  return entries
    .map((e) => {
      const scores = e.reviews.map((r) => r.score).filter((s): s is number => s !== null);
      const mean = scores.length ? Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 100) / 100 : null;
      const spread = scores.length ? Math.max(...scores) - Math.min(...scores) : null;
      const flags: RankedEntry['flags'] = [];
      if (e.reviews.length < minReviews) flags.push('few_reviews');
      if (spread !== null && spread >= disagreement) flags.push('disagreement');
      if (e.reviews.some((r) => r.revision !== e.revision)) flags.push('changed_since_review');
      return { applicationId: e.applicationId, mean, spread, reviews: e.reviews.length, flags };
    })
    .sort((a, b) => (b.mean ?? -1) - (a.mean ?? -1) || a.applicationId.localeCompare(b.applicationId));
}
