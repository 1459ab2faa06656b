/**
 * An instrument's status as one object, built from its rows: every participant with its actions,
 * computed entry into force and statements; counts at a date; the party count over time. Pure over
 * the rows, so the API, the pages, the profile and the tests read the same numbers.
 */
import type {
  ActionRow,
  InstrumentRow,
  ParticipantLinkRow,
  ParticipantNameRow,
  ParticipantRow,
  ParticipationRow,
  StatementRow,
} from '../store/tables.ts';
import { entryIntoForceFor, generalEntryIntoForce, type EifRule } from '../domain/entry-into-force.ts';
import type { ArticleShape } from '../domain/instruments.ts';
import { REIO_CODES } from '../domain/participants.ts';
import { linksOf, type LinkView } from './link-service.ts';

export interface ActionView {
  action: string;
  letter: string | null;
  date: string | null;
  cnRef: string | null;
}

export interface ParticipantStatus {
  code: string;
  name: string;
  nameAsListed: string;
  reio: boolean;
  signature: ActionView | null;
  consent: ActionView | null;
  withdrawal: ActionView | null;
  /** Computed from the deposit and the rule; else the date a source records. */
  entryIntoForce: string | null;
  entryIntoForceBasis: 'computed' | 'recorded' | null;
  recordedEntryIntoForce: string | null;
  /** Both dates, and whether a recorded date differs from the computed one (the computed date is shown). */
  entryIntoForceDetail: EntryIntoForceDetail | null;
  sources: string[];
  notes: string | null;
  /** Earlier names (dated where the UN states the change). */
  formerNames: { name: string; validTo: string | null; note: string | null }[];
  /** Predecessor and successor States (UNTC "Historical information"), with the date and source. */
  predecessors: LinkView[];
  successors: LinkView[];
}

export interface EntryIntoForceDetail {
  date: string;
  basis: 'computed' | 'recorded';
  computed: string | null;
  recorded: string | null;
  disagrees: boolean;
}

export interface StatementView {
  id: string;
  participant: string;
  label: string;
  classification: string | null;
  article: number | null;
  paragraph: string | null;
  occasion: string | null;
  date: string | null;
  text: string | null;
  objectsTo: string | null;
  cnRef: string | null;
}

export interface InstrumentHeader {
  id: string;
  title: string;
  shortTitle: string;
  adoptedPlace: string | null;
  adoptedOn: string | null;
  adoptedBy: string | null;
  signatureOpened: string | null;
  entryIntoForce: string | null;
  parentId: string | null;
  eifRule: EifRule;
  unUrl: string | null;
  statusAsAt: string | null;
  statusSource: string | null;
}

export interface InstrumentStatus {
  instrument: InstrumentHeader;
  articles: ArticleShape[];
  participants: ParticipantStatus[];
  statements: StatementView[];
}

export function headerOf(row: InstrumentRow): InstrumentHeader {
  return {
    id: row.id,
    title: row.title,
    shortTitle: row.short_title,
    adoptedPlace: row.adopted_place,
    adoptedOn: row.adopted_on,
    adoptedBy: row.adopted_by,
    signatureOpened: row.signature_opened,
    entryIntoForce: row.entry_into_force,
    parentId: row.parent_id,
    eifRule: JSON.parse(row.eif_rule) as EifRule,
    unUrl: row.un_url,
    statusAsAt: row.status_as_at,
    statusSource: row.status_source,
  };
}

const view = (a: ActionRow | undefined): ActionView | null =>
  a ? { action: a.action, letter: a.letter, date: a.deposit_date, cnRef: a.cn_ref } : null;

export function buildStatus(
  row: InstrumentRow,
  parentEif: string | null,
  participants: readonly ParticipantRow[],
  participation: readonly ParticipationRow[],
  actions: readonly ActionRow[],
  statements: readonly StatementRow[],
  formerNames: readonly ParticipantNameRow[] = [],
  links: readonly ParticipantLinkRow[] = [],
): InstrumentStatus {
  const instrument = headerOf(row);
  const rule = instrument.eifRule;
  const names = new Map(participants.map((p) => [p.code, p]));
  const bySlot = new Map(actions.map((a) => [`${a.participant}|${a.slot}`, a]));
  const deposits = actions
    .filter((a) => a.slot === 'consent' && a.deposit_date)
    .map((a) => ({ participant: a.participant, date: a.deposit_date!, reio: REIO_CODES.has(a.participant) }));
  const general = generalEntryIntoForce(rule, deposits, { recorded: instrument.entryIntoForce, parentEif });
  const out: ParticipantStatus[] = participation.map((p) => {
    const consent = bySlot.get(`${p.participant}|consent`);
    const computed = consent?.deposit_date ? entryIntoForceFor(rule, consent.deposit_date, general) : null;
    const eif = computed ?? p.recorded_eif;
    return {
      code: p.participant,
      name: names.get(p.participant)?.name ?? p.participant,
      nameAsListed: p.name_as_listed,
      reio: names.get(p.participant)?.kind === 'reio',
      signature: view(bySlot.get(`${p.participant}|signature`)),
      consent: view(consent),
      withdrawal: view(bySlot.get(`${p.participant}|withdrawal`)),
      entryIntoForce: computed ?? p.recorded_eif,
      entryIntoForceBasis: computed ? 'computed' : p.recorded_eif ? 'recorded' : null,
      recordedEntryIntoForce: p.recorded_eif,
      entryIntoForceDetail: eif
        ? {
            date: eif,
            basis: computed ? 'computed' : 'recorded',
            computed,
            recorded: p.recorded_eif,
            disagrees: !!computed && !!p.recorded_eif && computed !== p.recorded_eif,
          }
        : null,
      sources: p.sources ? p.sources.split(';').filter(Boolean) : [],
      notes: p.notes,
      formerNames: formerNames
        .filter((n) => n.code === p.participant && !(n.note ?? '').startsWith('as listed'))
        .map((n) => ({ name: n.name, validTo: n.valid_to, note: n.note })),
      ...linksOf(links, p.participant),
    };
  });
  out.sort((a, b) => a.name.localeCompare(b.name, 'en'));
  return {
    instrument: { ...instrument, entryIntoForce: general },
    articles: JSON.parse(row.articles) as ArticleShape[],
    participants: out,
    statements: statements.map((s) => ({
      id: s.id,
      participant: s.participant,
      label: s.label,
      classification: s.classification,
      article: s.article,
      paragraph: s.paragraph,
      occasion: s.occasion,
      date: s.made_on,
      text: s.text,
      objectsTo: s.objects_to,
      cnRef: s.cn_ref,
    })),
  };
}

/** Whether a participant had consented to be bound by `at` (and had not withdrawn). */
export function isPartyAt(p: ParticipantStatus, at: string): boolean {
  if (p.withdrawal?.date && p.withdrawal.date <= at) return false;
  if (p.consent?.date) return p.consent.date <= at;
  // No deposit date recorded here: a recorded entry into force is a date by which it had consented.
  if (p.consent || p.recordedEntryIntoForce) return !!p.recordedEntryIntoForce && p.recordedEntryIntoForce <= at;
  return false;
}

export const isInForceAt = (p: ParticipantStatus, at: string): boolean =>
  isPartyAt(p, at) && !!p.entryIntoForce && p.entryIntoForce <= at;

export const isParty = (p: ParticipantStatus): boolean => !p.withdrawal && (!!p.consent || !!p.recordedEntryIntoForce);
export const isSignatory = (p: ParticipantStatus): boolean => !!p.signature;

/** The party count at the end of each year from the first recorded year to `until`'s year. */
export function partyTimeline(ps: readonly ParticipantStatus[], until: string): { year: number; parties: number }[] {
  const dates = ps.flatMap((p) => [p.consent?.date, p.recordedEntryIntoForce]).filter((d): d is string => !!d);
  if (!dates.length) return [];
  const first = Number(dates.sort()[0]!.slice(0, 4));
  const last = Math.max(first, Number(until.slice(0, 4)));
  const out = [];
  for (let y = first; y <= last; y++)
    out.push({ year: y, parties: ps.filter((p) => isPartyAt(p, `${y}-12-31`)).length });
  return out;
}
