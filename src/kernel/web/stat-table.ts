/** A table of figures as pages, charts, CSV and JSON show it: columns, rows, coverage and the small-cell rule. */
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
