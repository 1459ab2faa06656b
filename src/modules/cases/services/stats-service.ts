/**
 * Research statistics over the published cases of any search: one engine `aggregate` call, turned
 * into labelled tables (one per statistic) that the API serves as JSON and CSV and the Statistics
 * page draws as charts. Public outputs never show a count resting on fewer than `minCell` cases:
 * such a cell reads "fewer than N" (zero stays zero: no documented case is not a small group).
 */
import { AppError } from '../../../kernel/errors.ts';
import { countryByCode, INTERNATIONAL_CODE } from '../../../kernel/geo/countries.ts';
import { labelOf } from '../domain/taxonomy.ts';
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
import type { Cell, StatColumn, StatTable } from '../../../kernel/web/stat-table.ts';

export const COVERAGE =
  'Cases documented in this database, not trafficking prevalence: the figures show what has been collected and published here, not how much trafficking there is in any country.';

export type { Cell, StatColumn, StatTable };

export interface StatsParams {
  q?: string;
  selection: FacetSelection;
}

interface Def {
  title: string;
  note: string;
  /** What the engine must compute for this table. */
  parts: AggregatePart[];
  build: (a: CaseAggregates, ctx: Ctx) => Pick<StatTable, 'columns' | 'rows' | 'chart' | 'restsOn'>;
}

interface Ctx {
  minCell: number;
  cell: (n: number, basis?: number) => Cell;
  links: (changes: Record<string, string>) => string;
}

const MULTI =
  'Multi-valued: a case with several values counts under each, so the rows add up to more than the number of cases.';
const PERSONS =
  'A person counts once (a group as its recorded size); rows count persons and the cases they appear in. Persons with two nationalities count under both.';

const col = (key: string, label: string, type: StatColumn['type'] = 'count'): StatColumn => ({ key, label, type });
const byCount = <T extends { count?: number; cases?: number }>(a: T, b: T) =>
  (b.count ?? b.cases ?? 0) - (a.count ?? a.cases ?? 0);
const countryName = (code: string) => (code === NOT_RECORDED ? 'Not recorded' : (countryByCode(code)?.name ?? code));

function facetTable(field: FacetField, what: string, note: string): Def {
  return {
    title: `Cases by ${what}`,
    note,
    parts: ['cases'],
    build: (a, { cell }) => ({
      columns: [
        col('value', what[0]!.toUpperCase() + what.slice(1), 'text'),
        col('label', 'Name', 'text'),
        col('cases', 'Cases'),
      ],
      rows: [...a.cases[field]]
        .sort(byCount)
        .map((f) => ({ value: f.value, label: facetLabel(field, f.value), cases: cell(f.count) })),
      chart: { kind: 'bars', label: 'label', value: 'cases' },
      restsOn: { cases: a.total, what: 'cases match' },
    }),
  };
}

function personTable(
  who: 'victims' | 'defendants',
  key: string,
  what: string,
  label: (v: string) => string,
  note = PERSONS,
): Def {
  return {
    title: `${who === 'victims' ? 'Victims' : 'Defendants'} by ${what}`,
    note,
    parts: ['persons'],
    build: (a, { cell }) => {
      const list = (a[who] as Record<string, PersonCount[]>)[key]!;
      const basis = a.byJurisdiction.reduce(
        (s, j) => s + (who === 'victims' ? j.casesWithVictims : j.casesWithDefendants),
        0,
      );
      return {
        columns: [
          col('value', what[0]!.toUpperCase() + what.slice(1), 'text'),
          col('label', 'Name', 'text'),
          col(who, who === 'victims' ? 'Victims' : 'Defendants'),
          col('cases', 'Cases'),
        ],
        rows: [...list]
          .sort((x, y) => y.persons - x.persons)
          .map((p) => ({
            value: p.value,
            label: label(p.value),
            [who]: cell(p.persons, p.cases),
            cases: cell(p.cases),
          })),
        chart: { kind: 'bars', label: 'label', value: who },
        restsOn: { cases: basis, what: `cases record ${who}` },
      };
    },
  };
}

/** Distribution figures; all of them hidden when the row rests on fewer than minCell cases. */
function prisonRow(d: Distribution, { cell, minCell }: Ctx): Record<string, Cell> {
  const hide = d.cases > 0 && d.cases < minCell;
  const v = (n: number) => (hide ? `fewer than ${minCell}` : Math.round(n * 10) / 10);
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
  col('cases', 'Cases'),
  col('sentenced', 'Sentenced defendants'),
  col('min', 'Min (months)', 'number'),
  col('q1', 'Lower quartile', 'number'),
  col('median', 'Median', 'number'),
  col('q3', 'Upper quartile', 'number'),
  col('max', 'Max', 'number'),
];
const PRISON_NOTE =
  'Prison terms in months, one per sentenced defendant (the longest of its charges: sentences for several counts are usually concurrent). Quartiles interpolate between closest ranks.';

export const STATS: Record<string, Def> = {
  years: {
    title: 'Cases by decision year',
    note: 'One row per year from the first to the last decision; cases whose decision date is not known are counted apart.',
    parts: ['cases'],
    build: (a, { cell }) => {
      const years = new Map(a.cases.year.map((y) => [Number(y.value), y.count]));
      const known = [...years.keys()];
      const rows: Record<string, Cell>[] = [];
      if (known.length)
        for (let y = Math.min(...known); y <= Math.max(...known); y++)
          rows.push({ value: String(y), label: String(y), cases: cell(years.get(y) ?? 0) });
      const unknown = a.total - [...years.values()].reduce((s, n) => s + n, 0);
      if (unknown) rows.push({ value: 'unknown', label: 'Date not known', cases: cell(unknown) });
      return {
        columns: [col('value', 'Year', 'text'), col('label', 'Label', 'text'), col('cases', 'Cases')],
        rows,
        chart: { kind: 'columns', label: 'label', value: 'cases' },
        restsOn: { cases: a.total, what: 'cases match' },
      };
    },
  },
  jurisdictions: facetTable(
    'jurisdiction',
    'jurisdiction',
    'Jurisdiction of the deciding court; XIR collects international and regional bodies (ECtHR, IACtHR, ...).',
  ),
  regions: facetTable(
    'region',
    'region',
    'UN M49 regions of the jurisdiction: a case counts under its region and its sub-region (and intermediate region), so the rows overlap. International bodies (XIR) have no region.',
  ),
  purposes: facetTable('purposes', 'purpose of exploitation', MULTI),
  acts: facetTable('acts', 'act', MULTI),
  means: facetTable('means', 'means', MULTI),
  forms: facetTable('forms', 'form', MULTI),
  sectors: facetTable('sectors', 'sector', MULTI),
  verdicts: facetTable(
    'verdict',
    'verdict',
    `A case counts under every verdict given on any charge of any defendant. ${MULTI}`,
  ),
  'victim-gender': personTable('victims', 'gender', 'gender', (v) =>
    v === NOT_RECORDED ? 'Not recorded' : labelOf('genders', v),
  ),
  'victim-age': personTable(
    'victims',
    'age',
    'child or adult',
    (v) => ({ child: 'Child', adult: 'Adult', [NOT_RECORDED]: 'Not recorded' })[v] ?? v,
  ),
  'victim-nationality': personTable('victims', 'nationality', 'nationality', countryName),
  'defendant-gender': personTable('defendants', 'gender', 'gender', (v) =>
    v === NOT_RECORDED ? 'Not recorded' : labelOf('genders', v),
  ),
  'defendant-nationality': personTable('defendants', 'nationality', 'nationality', countryName),
  'defendant-type': personTable(
    'defendants',
    'kind',
    'type',
    (v) => ({ person: 'Person', group: 'Group of persons', legal_entity: 'Company or other legal entity' })[v] ?? v,
  ),
  'prison-by-jurisdiction': {
    title: 'Prison terms by jurisdiction',
    note: PRISON_NOTE,
    parts: ['prison'],
    build: (a, ctx) => ({
      columns: [col('value', 'Jurisdiction', 'text'), col('label', 'Name', 'text'), ...PRISON_COLUMNS],
      rows: a.byJurisdiction
        .filter((j) => j.prison)
        .sort((x, y) => y.prison!.count - x.prison!.count)
        .map((j) => ({ value: j.jurisdiction, label: countryName(j.jurisdiction), ...prisonRow(j.prison!, ctx) })),
      chart: { kind: 'boxes', label: 'label', value: 'median' },
      restsOn: {
        cases: a.byJurisdiction.reduce((s, j) => s + (j.prison?.cases ?? 0), 0),
        what: 'cases record a prison term',
      },
    }),
  },
  'prison-by-purpose': {
    title: 'Prison terms by purpose of exploitation',
    note: `${PRISON_NOTE} ${MULTI}`,
    parts: ['prison'],
    build: (a, ctx) => ({
      columns: [col('value', 'Purpose', 'text'), col('label', 'Name', 'text'), ...PRISON_COLUMNS],
      rows: a.prisonByPurpose
        .sort((x, y) => y.prison.count - x.prison.count)
        .map((p) => ({ value: p.purpose, label: labelOf('purposes', p.purpose), ...prisonRow(p.prison, ctx) })),
      chart: { kind: 'boxes', label: 'label', value: 'median' },
      restsOn: {
        cases: a.byJurisdiction.reduce((s, j) => s + (j.prison?.cases ?? 0), 0),
        what: 'cases record a prison term',
      },
    }),
  },
  flows: {
    title: 'Transnational cases: victim nationality to jurisdiction of prosecution',
    note: 'Cases with a victim whose nationality differs from the jurisdiction; a case counts once per pair. International and regional bodies (XIR) are not a jurisdiction of prosecution and are left out.',
    parts: ['flows'],
    build: (a, { cell }) => ({
      columns: [
        col('from', 'Victim nationality', 'text'),
        col('fromName', 'Nationality', 'text'),
        col('to', 'Jurisdiction', 'text'),
        col('toName', 'Jurisdiction name', 'text'),
        col('label', 'Flow', 'text'),
        col('cases', 'Cases'),
        col('victims', 'Victims'),
      ],
      rows: [...a.flows]
        .sort((x, y) => y.cases - x.cases || y.victims - x.victims)
        .map((f) => ({
          from: f.from,
          fromName: countryName(f.from),
          to: f.to,
          toName: countryName(f.to),
          label: `${countryName(f.from)} → ${countryName(f.to)}`,
          cases: cell(f.cases),
          victims: cell(f.victims, f.cases),
        })),
      chart: { kind: 'bars', label: 'label', value: 'cases' },
      restsOn: { cases: a.byJurisdiction.reduce((s, j) => s + j.casesWithVictims, 0), what: 'cases record victims' },
    }),
  },
};

export const STAT_NAMES = [...Object.keys(STATS), 'comparison'];

export class StatsService {
  constructor(
    private readonly engine: SearchEngine,
    readonly minCell: number,
  ) {}

  get rule(): string {
    const m = this.minCell;
    return m <= 1
      ? 'Every count is shown exactly.'
      : `Counts resting on 1 to ${m - 1} ${m - 1 === 1 ? 'case' : 'cases'} are shown as “fewer than ${m}” so that small groups of cases cannot be singled out; zero is shown as zero.`;
  }

  /** A count, or "fewer than N" when the cases it rests on (basis, default the count) are 1 .. N-1. */
  cell = (n: number, basis = n): Cell => (basis > 0 && basis < this.minCell ? `fewer than ${this.minCell}` : n);

  async aggregate(params: StatsParams, parts?: AggregatePart[]): Promise<CaseAggregates> {
    return this.engine.aggregate({ query: parseQuery(params.q ?? ''), selection: params.selection, parts });
  }

  /** Every statistic of one search (one engine call), in STATS order. */
  async all(params: StatsParams, links: Ctx['links'] = () => ''): Promise<StatTable[]> {
    const a = await this.aggregate(params);
    return Object.keys(STATS).map((name) => this.table(name, a, links));
  }

  async one(name: string, params: StatsParams, links: Ctx['links'] = () => ''): Promise<StatTable> {
    if (name === 'comparison') return this.comparison(params, links);
    if (!STATS[name])
      throw new AppError('NOT_FOUND', `no statistic '${name}'; available: ${STAT_NAMES.join(', ')}`, {
        name,
        allowed: STAT_NAMES,
      });
    return this.table(name, await this.aggregate(params, STATS[name].parts), links);
  }

  table(name: string, a: CaseAggregates, links: Ctx['links']): StatTable {
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
  async comparison(params: StatsParams, links: Ctx['links']): Promise<StatTable> {
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
        basis > 0 && basis < this.minCell ? `fewer than ${this.minCell}` : v;
      return {
        value: code,
        label: code === INTERNATIONAL_CODE ? 'International and Regional Bodies' : countryName(code),
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
      title: 'Jurisdictions compared',
      coverage: COVERAGE,
      cases: a.total,
      minCell: this.minCell,
      rule: this.rule,
      note: 'Conviction share: cases where at least one defendant was convicted (or pleaded guilty), of the cases with a verdict recorded. Median prison term: over sentenced defendants. Victims per case: over the cases that record victims. Empty: nothing recorded.',
      restsOn: { cases: a.total, what: 'cases match' },
      columns: [
        col('value', 'Jurisdiction', 'text'),
        col('label', 'Name', 'text'),
        col('cases', 'Cases'),
        col('casesWithVerdict', 'Cases with a verdict'),
        col('convictionShare', 'Conviction share (%)', 'number'),
        col('sentenced', 'Sentenced defendants'),
        col('medianPrisonMonths', 'Median prison term (months)', 'number'),
        col('casesWithVictims', 'Cases recording victims'),
        col('victimsPerCase', 'Victims per case', 'number'),
        col('casesUrl', 'Cases', 'text'),
        col('convictionsUrl', 'Convictions', 'text'),
      ],
      rows,
      chart: { kind: 'bars', label: 'label', value: 'cases' },
    };
  }
}
