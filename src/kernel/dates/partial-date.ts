/**
 * Decision dates are often known only to the year or the month. A partial date is written as
 * ISO 8601 reduced precision: `2010`, `2010-03` or `2010-03-17`; its precision follows from its form.
 */
export type DatePrecision = 'year' | 'month' | 'day';

const FORM = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export interface ParsedPartialDate {
  year: number;
  month: number | null;
  day: number | null;
  precision: DatePrecision;
}

/** Parses a partial date; returns a reason string when it is not a real date. */
export function parsePartialDate(value: string): ParsedPartialDate | string {
  const m = FORM.exec(value);
  if (!m) return 'expected YYYY, YYYY-MM or YYYY-MM-DD';
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1800 || year > 2200) return `year ${year} is out of range (1800-2200)`;
  if (month !== null && (month < 1 || month > 12)) return `month ${m[2]} does not exist`;
  if (month !== null && day !== null) {
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > last) return `${value} does not exist (${year}-${m[2]} has ${last} days)`;
  }
  const precision: DatePrecision = day !== null ? 'day' : month !== null ? 'month' : 'year';
  return { year, month, day, precision };
}

export function precisionOf(value: string): DatePrecision {
  const parsed = parsePartialDate(value);
  if (typeof parsed === 'string') throw new Error(`not a partial date: ${value}`);
  return parsed.precision;
}
