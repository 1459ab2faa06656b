/**
 * Research statistics over the published cases of any search: one engine `aggregate` call, turned
 * into labelled tables (one per statistic) that the API serves as JSON and CSV and the Statistics
 * page draws as charts. Public outputs never show a count resting on fewer than `minCell` cases:
 * such a cell reads "fewer than N" (zero stays zero: no documented case is not a small group).
 */
import { AppError } from '../../../kernel/errors.ts';
import { countryByCode, INTERNATIONAL_CODE } from '../../../kernel/geo/countries.ts';
import { termMessage, FACET_VOCABULARY } from '../i18n/labels.ts';
import { parseQuery } from '../search/query-parser.ts';
import {
  CONVICTION_VERDICTS,
  NOT_RECORDED,
  type AggregatePart,
  type CaseAggregates,
  type Distribution,
  type PersonCount,
} from '../search/aggregates.ts';
import type { FacetField } from '../search/facet-fields.ts';
import type { FacetSelection, SearchEngine } from '../search/search-engine.ts';
import { facetLabel } from './search-service.ts';
import {
  msg,
  type Cell,
  type KeyedStatTable,
  type Message,
  type MessageCell,
  type StatColumn,
  type StatTable,
} from '../../../kernel/web/stat-table.ts';

/** What the figures are (documented cases, not prevalence). */
export const COVERAGE = msg('cases.stats.coverage');

export type { Cell, KeyedStatTable, StatColumn, StatTable };

export interface StatsParams {
  q?: string;
  selection: FacetSelection;
}

interface Def {
  title: Message;
  note: Message;
  /** What the engine must compute for this table. */
  parts: AggregatePart[];
  build: (a: CaseAggregates, ctx: Ctx) => Pick<KeyedStatTable, 'columns' | 'rows' | 'chart' | 'restsOn'>;
}

interface Ctx {
  minCell: number;
  cell: (n: number, basis?: number) => MessageCell;
  links: (changes: Record<string, string>) => string;
}

const MULTI = msg('cases.stats.note.multi');
const PERSONS = msg('cases.stats.note.persons');
const NOT_RECORDED_LABEL = msg('cases.stats.label.notRecorded');
const fewerThan = (n: number) => msg('cases.stats.fewerThan', { n });
const restsOn = (what: 'match' | 'victims' | 'defendants' | 'prison') => msg(`cases.stats.restsOn.${what}`);

/** A column; its label is `cases.stats.column.<label>`. */
const col = (key: string, label: string, type: StatColumn['type'] = 'count'): KeyedStatTable['columns'][number] => ({
  key,
  label: msg(`cases.stats.column.${label}`),
  type,
});
const byCount = <T extends { count?: number; cases?: number }>(a: T, b: T) =>
  (b.count ?? b.cases ?? 0) - (a.count ?? a.cases ?? 0);
const countryName = (code: string): MessageCell =>
  code === NOT_RECORDED ? NOT_RECORDED_LABEL : (countryByCode(code)?.name ?? code);
const countryText = (code: string): string => countryByCode(code)?.name ?? code;

/** A facet value's label: a vocabulary term as a message, a name from reference data as it is. */
function facetCell(field: FacetField, value: string): MessageCell {
  const vocabulary = FACET_VOCABULARY[field];
  return vocabulary ? termMessage(vocabulary, value) : facetLabel(field, value);
}

/** `what` names the value column (`cases.stats.column.<what>`) and the title (`cases.stats.title.<name>`). */
function facetTable(name: string, field: FacetField, what: string, note: Message): Def {
  return {
    title: msg(`cases.stats.title.${name}`),
    note,
    parts: ['cases'],
    build: (a, { cell }) => ({
      columns: [col('value', what, 'text'), col('label', 'name', 'text'), col('cases', 'cases')],
      rows: [...a.cases[field]]
        .sort(byCount)
        .map((f) => ({ value: f.value, label: facetCell(field, f.value), cases: cell(f.count) })),
      chart: { kind: 'bars', label: 'label', value: 'cases' },
      restsOn: { cases: a.total, what: restsOn('match') },
    }),
  };
}

function personTable(
  name: string,
  who: 'victims' | 'defendants',
  key: string,
  what: string,
  label: (v: string) => MessageCell,
  note = PERSONS,
): Def {
  return {
    title: msg(`cases.stats.title.${name}`),
    note,
    parts: ['persons'],
    build: (a, { cell }) => {
      const list = (a[who] as Record<string, PersonCount[]>)[key]!;
      const basis = a.byJurisdiction.reduce(
        (s, j) => s + (who === 'victims' ? j.casesWithVictims : j.casesWithDefendants),
        0,
      );
      return {
        columns: [col('value', what, 'text'), col('label', 'name', 'text'), col(who, who), col('cases', 'cases')],
        rows: [...list]
          .sort((x, y) => y.persons - x.persons)
          .map((p) => ({
            value: p.value,
            label: label(p.value),
            [who]: cell(p.persons, p.cases),
            cases: cell(p.cases),
          })),
        chart: { kind: 'bars', label: 'label', value: who },
        restsOn: { cases: basis, what: restsOn(who) },
      };
    },
  };
}

/** Distribution figures; all of them hidden when the row rests on fewer than minCell cases. */
function prisonRow(d: Distribution, { cell, minCell }: Ctx): Record<string, MessageCell> {
  const hide = d.cases > 0 && d.cases < minCell;
  const v = (n: number) => (hide ? fewerThan(minCell) : Math.round(n * 10) / 10);
  return {
    cases: cell(d.cases),
    sentenced: cell(d.count, d.cases),
    min: v(d.min),
    q1: v(d.q1),
    median: v(d.median),
    q3: v(d.q3),
    max: v(d.max),
  };
}

const PRISON_COLUMNS = [
  col('cases', 'cases'),
  col('sentenced', 'sentenced'),
  col('min', 'min', 'number'),
  col('q1', 'q1', 'number'),
  col('median', 'median', 'number'),
  col('q3', 'q3', 'number'),
  col('max', 'max', 'number'),
];
const PRISON_NOTE = msg('cases.stats.note.prison');

export const STATS: Record<string, Def> = {
  years: {
    title: msg('cases.stats.title.years'),
    note: msg('cases.stats.note.years'),
    parts: ['cases'],
    build: (a, { cell }) => {
      const years = new Map(a.cases.year.map((y) => [Number(y.value), y.count]));
      const known = [...years.keys()];
      const rows: Record<string, MessageCell>[] = [];
      if (known.length)
        for (let y = Math.min(...known); y <= Math.max(...known); y++)
          rows.push({ value: String(y), label: String(y), cases: cell(years.get(y) ?? 0) });
      const unknown = a.total - [...years.values()].reduce((s, n) => s + n, 0);
      if (unknown) rows.push({ value: 'unknown', label: msg('cases.stats.label.dateNotKnown'), cases: cell(unknown) });
      return {
        columns: [col('value', 'year', 'text'), col('label', 'label', 'text'), col('cases', 'cases')],
        rows,
        chart: { kind: 'columns', label: 'label', value: 'cases' },
        restsOn: { cases: a.total, what: restsOn('match') },
      };
    },
  },
  jurisdictions: facetTable('jurisdictions', 'jurisdiction', 'jurisdiction', msg('cases.stats.note.jurisdictions')),
  regions: facetTable('regions', 'region', 'region', msg('cases.stats.note.regions')),
  purposes: facetTable('purposes', 'purposes', 'purposeOfExploitation', MULTI),
  acts: facetTable('acts', 'acts', 'act', MULTI),
  means: facetTable('means', 'means', 'means', MULTI),
  forms: facetTable('forms', 'forms', 'form', MULTI),
  sectors: facetTable('sectors', 'sectors', 'sector', MULTI),
  verdicts: facetTable('verdicts', 'verdict', 'verdict', msg('cases.stats.note.verdicts')),
  'victim-gender': personTable('victimGender', 'victims', 'gender', 'gender', (v) =>
    v === NOT_RECORDED ? NOT_RECORDED_LABEL : termMessage('genders', v),
  ),
  'victim-age': personTable('victimAge', 'victims', 'age', 'childOrAdult', (v) =>
    v === 'child' || v === 'adult' ? msg(`cases.stats.label.${v}`) : v === NOT_RECORDED ? NOT_RECORDED_LABEL : v,
  ),
  'victim-nationality': personTable('victimNationality', 'victims', 'nationality', 'nationality', countryName),
  'defendant-gender': personTable('defendantGender', 'defendants', 'gender', 'gender', (v) =>
    v === NOT_RECORDED ? NOT_RECORDED_LABEL : termMessage('genders', v),
  ),
  'defendant-nationality': personTable('defendantNationality', 'defendants', 'nationality', 'nationality', countryName),
  'defendant-type': personTable('defendantType', 'defendants', 'kind', 'type', (v) =>
    v === 'person' || v === 'group' || v === 'legal_entity' ? msg(`cases.stats.label.partyKind.${v}`) : v,
  ),
  'prison-by-jurisdiction': {
    title: msg('cases.stats.title.prisonByJurisdiction'),
    note: PRISON_NOTE,
    parts: ['prison'],
    build: (a, ctx) => ({
      columns: [col('value', 'jurisdiction', 'text'), col('label', 'name', 'text'), ...PRISON_COLUMNS],
      rows: a.byJurisdiction
        .filter((j) => j.prison)
        .sort((x, y) => y.prison!.count - x.prison!.count)
        .map((j) => ({ value: j.jurisdiction, label: countryName(j.jurisdiction), ...prisonRow(j.prison!, ctx) })),
      chart: { kind: 'boxes', label: 'label', value: 'median' },
      restsOn: {
        cases: a.byJurisdiction.reduce((s, j) => s + (j.prison?.cases ?? 0), 0),
        what: restsOn('prison'),
      },
    }),
  },
  'prison-by-purpose': {
    title: msg('cases.stats.title.prisonByPurpose'),
    note: msg('cases.stats.note.prisonByPurpose'),
    parts: ['prison'],
    build: (a, ctx) => ({
      columns: [col('value', 'purpose', 'text'), col('label', 'name', 'text'), ...PRISON_COLUMNS],
      rows: a.prisonByPurpose
        .sort((x, y) => y.prison.count - x.prison.count)
        .map((p) => ({ value: p.purpose, label: termMessage('purposes', p.purpose), ...prisonRow(p.prison, ctx) })),
      chart: { kind: 'boxes', label: 'label', value: 'median' },
      restsOn: {
        cases: a.byJurisdiction.reduce((s, j) => s + (j.prison?.cases ?? 0), 0),
        what: restsOn('prison'),
      },
    }),
  },
  flows: {
    title: msg('cases.stats.title.flows'),
    note: msg('cases.stats.note.flows'),
    parts: ['flows'],
    build: (a, { cell }) => ({
      columns: [
        col('from', 'victimNationality', 'text'),
        col('fromName', 'nationality', 'text'),
        col('to', 'jurisdiction', 'text'),
        col('toName', 'jurisdictionName', 'text'),
        col('label', 'flow', 'text'),
        col('cases', 'cases'),
        col('victims', 'victims'),
      ],
      rows: [...a.flows]
        .sort((x, y) => y.cases - x.cases || y.victims - x.victims)
        .map((f) => ({
          from: f.from,
          fromName: countryName(f.from),
          to: f.to,
          toName: countryName(f.to),
          // Data in every export, whatever its language (like fromName and toName); the page words it in the
          // reader's language (cases.stats.label.flow, whose arrow reads right in Arabic).
          label: `${countryText(f.from)} → ${countryText(f.to)}`,
          cases: cell(f.cases),
          victims: cell(f.victims, f.cases),
        })),
      chart: { kind: 'bars', label: 'label', value: 'cases' },
      restsOn: { cases: a.byJurisdiction.reduce((s, j) => s + j.casesWithVictims, 0), what: restsOn('victims') },
    }),
  },
};

export const STAT_NAMES = [...Object.keys(STATS), 'comparison'];

export class StatsService {
  constructor(
    private readonly engine: SearchEngine,
    readonly minCell: number,
  ) {}

  /** The small-cell rule as stated on pages and in the API. */
  get rule(): Message {
    const m = this.minCell;
    return m <= 1 ? msg('cases.stats.rule.exact') : msg('cases.stats.rule.small', { max: m - 1, n: m });
  }

  /** A count, or "fewer than N" when the cases it rests on (basis, default the count) are 1 .. N-1. */
  cell = (n: number, basis = n): MessageCell => (basis > 0 && basis < this.minCell ? fewerThan(this.minCell) : n);

  async aggregate(params: StatsParams, parts?: AggregatePart[]): Promise<CaseAggregates> {
    return this.engine.aggregate({ query: parseQuery(params.q ?? ''), selection: params.selection, parts });
  }

  /** Every statistic of one search (one engine call), in STATS order. */
  async all(params: StatsParams, links: Ctx['links'] = () => ''): Promise<KeyedStatTable[]> {
    const a = await this.aggregate(params);
    return Object.keys(STATS).map((name) => this.table(name, a, links));
  }

  async one(name: string, params: StatsParams, links: Ctx['links'] = () => ''): Promise<KeyedStatTable> {
    if (name === 'comparison') return this.comparison(params, links);
    if (!STATS[name])
      throw new AppError('NOT_FOUND', `no statistic '${name}'; available: ${STAT_NAMES.join(', ')}`, {
        name,
        allowed: STAT_NAMES,
      });
    return this.table(name, await this.aggregate(params, STATS[name].parts), links);
  }

  table(name: string, a: CaseAggregates, links: Ctx['links']): KeyedStatTable {
    const def = STATS[name]!;
    const built = def.build(a, { cell: this.cell, minCell: this.minCell, links });
    return {
      name,
      title: def.title,
      note: def.note,
      coverage: COVERAGE,
      cases: a.total,
      minCell: this.minCell,
      rule: this.rule,
      ...built,
    };
  }

  /**
   * Side by side for 2 to 6 jurisdictions (the search's `jurisdiction` selection) under the rest of
   * the search (e.g. an article 3 profile): cases, conviction share, median prison term, victims per case.
   */
  async comparison(params: StatsParams, links: Ctx['links']): Promise<KeyedStatTable> {
    const chosen = [...new Set(params.selection.jurisdiction ?? [])];
    if (chosen.length < 2 || chosen.length > 6) {
      throw new AppError(
        'BAD_REQUEST',
        `comparison needs 2 to 6 jurisdictions (jurisdiction=ITA,NGA); got ${chosen.length}`,
        { field: 'jurisdiction' },
      );
    }
    const a = await this.aggregate(params, ['prison']);
    const by = new Map(a.byJurisdiction.map((j) => [j.jurisdiction, j]));
    const rows = chosen.map((code) => {
      const j = by.get(code);
      const share =
        j && j.casesWithVerdict ? Math.round((1000 * j.casesWithConviction) / j.casesWithVerdict) / 10 : null;
      const perCase = j && j.casesWithVictims ? Math.round((10 * j.victims) / j.casesWithVictims) / 10 : null;
      const small = (basis: number, v: number | null) =>
        basis > 0 && basis < this.minCell ? fewerThan(this.minCell) : v;
      return {
        value: code,
        label: code === INTERNATIONAL_CODE ? msg('cases.stats.label.internationalBodies') : countryName(code),
        cases: this.cell(j?.cases ?? 0),
        casesWithVerdict: this.cell(j?.casesWithVerdict ?? 0),
        convictionShare: small(j?.casesWithVerdict ?? 0, share),
        sentenced: this.cell(j?.prison?.count ?? 0, j?.prison?.cases ?? 0),
        medianPrisonMonths: small(j?.prison?.cases ?? 0, j?.prison ? Math.round(j.prison.median * 10) / 10 : null),
        casesWithVictims: this.cell(j?.casesWithVictims ?? 0),
        victimsPerCase: small(j?.casesWithVictims ?? 0, perCase),
        casesUrl: links({ jurisdiction: code }),
        convictionsUrl: links({ jurisdiction: code, verdict: CONVICTION_VERDICTS.join(',') }),
      };
    });
    return {
      name: 'comparison',
      title: msg('cases.stats.title.comparison'),
      coverage: COVERAGE,
      cases: a.total,
      minCell: this.minCell,
      rule: this.rule,
      note: msg('cases.stats.note.comparison'),
      restsOn: { cases: a.total, what: restsOn('match') },
      columns: [
        col('value', 'jurisdiction', 'text'),
        col('label', 'name', 'text'),
        col('cases', 'cases'),
        col('casesWithVerdict', 'casesWithVerdict'),
        col('convictionShare', 'convictionShare', 'number'),
        col('sentenced', 'sentenced'),
        col('medianPrisonMonths', 'medianPrisonMonths', 'number'),
        col('casesWithVictims', 'casesWithVictims'),
        col('victimsPerCase', 'victimsPerCase', 'number'),
        col('casesUrl', 'cases', 'text'),
        col('convictionsUrl', 'convictions', 'text'),
      ],
      rows,
      chart: { kind: 'bars', label: 'label', value: 'cases' },
    };
  }
}
