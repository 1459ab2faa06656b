/** A table of figures as pages, charts, CSV and JSON show it: columns, rows, coverage and the small-cell rule. */
import { countryByCode } from '../geo/countries.ts';
import { countryName } from '../geo/country-names.ts';
import type { MessageValues, Translator } from '../i18n/i18n.ts';
export type Cell = string | number | null;
export interface StatColumn {
  key: string;
  label: string;
  /** text: a code or name; count: a whole number (may read "fewer than N"); number: a measure. */
  type: 'text' | 'count' | 'number';
}

export interface StatTable {
  name: string;
  title: string;
  /** What one row counts, and whether categories overlap (multi-valued). */
  note: string;
  coverage: string;
  /** Published cases matching the search. */
  cases: number;
  /** The cases this table actually rests on (e.g. those recording victims), with what they are. */
  restsOn: { cases: number; what: string };
  minCell: number;
  /** The rule as stated on the page. */
  rule: string;
  columns: StatColumn[];
  rows: Record<string, Cell>[];
  /** How the page draws it: the label column, the value column(s) and the chart kind. */
  chart: { kind: 'bars' | 'columns' | 'boxes'; label: string; value: string };
}

/** A catalog message not yet put into words: its key and values. */
export interface Message {
  key: string;
  values?: MessageValues;
}
export const msg = (key: string, values?: MessageValues): Message => (values ? { key, values } : { key });

/** A cell before translation: a figure, a name that is data, or a message ("fewer than N", a label). */
export type MessageCell = Cell | Message;

/**
 * A StatTable as a service returns it: every text a key with its values. renderStatTable puts it into
 * words in one language (the pages in the reader's, the API in English); keys keep their order.
 */
export interface KeyedStatTable
  extends Omit<StatTable, 'title' | 'note' | 'coverage' | 'restsOn' | 'rule' | 'columns' | 'rows'> {
  title: Message;
  note: Message;
  coverage: Message;
  restsOn: { cases: number; what: Message };
  rule: Message;
  columns: (Omit<StatColumn, 'label'> & { label: Message })[];
  rows: Record<string, MessageCell>[];
}

export const renderMessage = (t: Translator, m: Message): string => t.t(m.key, m.values);
export const renderCell = (t: Translator, c: MessageCell): Cell =>
  c !== null && typeof c === 'object' ? renderMessage(t, c) : c;

export function renderStatTable(t: Translator, k: KeyedStatTable): StatTable {
  return {
    ...k,
    title: renderMessage(t, k.title),
    note: renderMessage(t, k.note),
    coverage: renderMessage(t, k.coverage),
    restsOn: { ...k.restsOn, what: renderMessage(t, k.restsOn.what) },
    rule: renderMessage(t, k.rule),
    columns: k.columns.map((c) => ({ ...c, label: renderMessage(t, c.label) })),
    rows: k.rows.map((r) =>
      localCountry(t, r, Object.fromEntries(Object.entries(r).map(([key, c]) => [key, renderCell(t, c)]))),
    ),
  };
}

/** A row about a country (`value` an ISO code, `label` its English name) names it in the reader's language. */
function localCountry(t: Translator, keyed: Record<string, unknown>, row: Record<string, Cell>): Record<string, Cell> {
  const code = keyed.value;
  if (typeof code !== 'string' || typeof row.label !== 'string' || !/^[A-Z]{3}$/.test(code)) return row;
  const c = countryByCode(code);
  return c && c.name === row.label ? { ...row, label: countryName(code, t) } : row;
}
