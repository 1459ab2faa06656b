/**
 * Entry into force, computed from an instrument's rule (data, one per instrument). For the Protocol
 * (art. 17): the 90th day after the deposit of the 40th instrument, and not before the Convention
 * enters into force; for a State depositing later, the 30th day after its deposit or the Protocol's
 * own entry into force, whichever is later. Instruments of a regional economic integration
 * organization (REIO) are not counted toward the 40. Pure functions: no database, no clock.
 */
import { addDays, laterOf } from './dates.ts';

export interface EifRule {
  /** Instruments needed (40 for UNTOC and its Protocols). */
  threshold: number;
  /** Days after the threshold instrument's deposit (90: "the ninetieth day after"). */
  daysAfterThreshold: number;
  /** Days after a later deposit (30). */
  daysAfterLaterDeposit: number;
  /** REIO instruments do not count toward the threshold. */
  reioCounts: boolean;
  /** Not before this instrument (the parent Convention) enters into force. */
  notBeforeInstrument: string | null;
  /** The article stating the rule, e.g. "17". */
  article: string;
}

export interface Deposit {
  participant: string;
  /** Date of deposit of the instrument of consent (ISO). */
  date: string;
  reio: boolean;
}

/**
 * The instrument's own entry into force: from the deposits when they reach the threshold, else the
 * date recorded for it (the depositary's, when our table of deposits is partial). A recorded date
 * wins when both exist, since our tables may miss early deposits.
 */
export function generalEntryIntoForce(
  rule: EifRule,
  deposits: readonly Deposit[],
  opts: { recorded?: string | null; parentEif?: string | null } = {},
): string | null {
  if (opts.recorded) return opts.recorded;
  const counted = deposits
    .filter((d) => rule.reioCounts || !d.reio)
    .map((d) => d.date)
    .sort();
  const nth = counted[rule.threshold - 1];
  if (!nth) return null;
  if (rule.notBeforeInstrument && !opts.parentEif) return null;
  return laterOf(addDays(nth, rule.daysAfterThreshold), opts.parentEif);
}

/** The date the instrument entered into force for a participant who deposited on `deposit`. */
export function entryIntoForceFor(rule: EifRule, deposit: string, general: string | null): string | null {
  if (!general) return null;
  return laterOf(addDays(deposit, rule.daysAfterLaterDeposit), general);
}
