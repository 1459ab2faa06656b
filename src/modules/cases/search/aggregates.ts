/**
 * What the search port's `aggregate` answers: figures over every published case matching a search
 * (the same query and filters as `search`), from which the statistics service builds its tables.
 * An engine computes it however it likes (in-memory columns here; GROUP BY and percentile_cont in
 * PostgreSQL), but the definitions below are the contract every engine follows.
 *
 * Persons: a victim or defendant entry counts as one person, a `group` entry as its `count` when
 * known (else one). A person's prison term is the longest `prisonMonths` among that defendant's
 * charges (sentences for several counts are usually concurrent); defendants without one are left out.
 * Quartiles interpolate linearly between closest ranks (PostgreSQL `percentile_cont`, R type 7).
 */
import type { FacetCount, FacetField } from './facet-fields.ts';

/** Value recorded when a person's gender, age group or nationality is not known. */
export const NOT_RECORDED = 'not_recorded';

/** Verdicts that count as a conviction in "conviction share". */
export const CONVICTION_VERDICTS: readonly string[] = ['convicted', 'plea_agreement'];

export interface Distribution {
  /** Sentenced defendants (values). */
  count: number;
  /** Cases those defendants come from. */
  cases: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
}

export interface PersonCount {
  value: string;
  /** Persons with this value (a person with two nationalities counts under both). */
  persons: number;
  /** Cases with at least one such person. */
  cases: number;
}

export interface JurisdictionMeasures {
  jurisdiction: string;
  cases: number;
  /** Cases with a verdict recorded on at least one charge. */
  casesWithVerdict: number;
  /** Cases where at least one defendant was convicted (CONVICTION_VERDICTS). */
  casesWithConviction: number;
  /** Cases recording at least one victim, and the victims (persons) they record. */
  casesWithVictims: number;
  victims: number;
  /** Cases recording at least one defendant. */
  casesWithDefendants: number;
  prison: Distribution | null;
}

export interface Flow {
  /** Victim nationality (alpha-3). */
  from: string;
  /** Jurisdiction of prosecution (alpha-3; XIR never appears). */
  to: string;
  cases: number;
  victims: number;
}

/**
 * Parts of the aggregates a caller needs (default: all). Parts not asked for come back empty (`cases`
 * with empty lists, `prison` null); `total` and the verdict and victim counts of `byJurisdiction` always come.
 */
export const AGGREGATE_PARTS = ['cases', 'persons', 'prison', 'flows'] as const;
export type AggregatePart = (typeof AGGREGATE_PARTS)[number];

export interface CaseAggregates {
  /** Published cases matching the search. */
  total: number;
  /** Cases per facet value with every filter applied (not disjunctive, unlike search facets). */
  cases: Record<FacetField, FacetCount[]>;
  victims: { gender: PersonCount[]; age: PersonCount[]; nationality: PersonCount[] };
  defendants: { gender: PersonCount[]; nationality: PersonCount[]; kind: PersonCount[] };
  byJurisdiction: JurisdictionMeasures[];
  /** A defendant counts under every purpose of the case. */
  prisonByPurpose: { purpose: string; prison: Distribution }[];
  /**
   * Victim nationality to jurisdiction, for cases with a victim whose nationality differs from the
   * jurisdiction (XIR left out).
   */
  flows: Flow[];
}

/** Quartiles by linear interpolation between closest ranks; `sorted` ascending and non-empty. */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * Rearranges a[l..r] so that a[k] holds the value of rank k, smaller-or-equal values before it and
 * greater-or-equal after (Wirth's selection: linear on average, no full sort).
 */
function select(a: Float64Array, k: number, l: number, r: number): void {
  while (l < r) {
    const x = a[k]!;
    let i = l;
    let j = r;
    do {
      while (a[i]! < x) i++;
      while (x < a[j]!) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < k) l = i;
    if (k < i) r = j;
  }
}

/** The same figures as distributionOf(sorted) from unsorted values (reordered in place), without sorting. */
export function distributionOfUnsorted(values: Float64Array, cases: number): Distribution | null {
  const n = values.length;
  if (!n) return null;
  const ranks = [
    ...new Set(
      [0.25, 0.5, 0.75].flatMap((p) => {
        const lo = Math.floor((n - 1) * p);
        return [lo, Math.min(lo + 1, n - 1)];
      }),
    ),
  ].sort((a, b) => a - b);
  const at = new Map<number, number>();
  let from = 0;
  for (const k of ranks) {
    select(values, k, from, n - 1);
    at.set(k, values[k]!);
    from = k;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const q = (p: number) => {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const a = at.get(lo)!;
    return a + (h - lo) * (at.get(Math.min(lo + 1, n - 1))! - a);
  };
  return { count: n, cases, min, q1: q(0.25), median: q(0.5), q3: q(0.75), max };
}

export function distributionOf(sorted: ArrayLike<number>, cases: number): Distribution | null {
  if (!sorted.length) return null;
  return {
    count: sorted.length,
    cases,
    min: sorted[0]!,
    q1: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    q3: quantile(sorted, 0.75),
    max: sorted[sorted.length - 1]!,
  };
}
