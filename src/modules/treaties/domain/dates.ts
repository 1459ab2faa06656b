/** Calendar dates as ISO text (YYYY-MM-DD): parsing the forms the status tables use, checking, adding days. */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** True for a real calendar date in ISO form (2003-02-30 is not). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const laterOf = (a: string, b: string | null | undefined): string => (b && b > a ? b : a);

/**
 * A date as written in a status table: ISO (2002-08-21), UN style (21 Aug 2002, 21 August 2002) or
 * 21/08/2002 (day first). Returns the ISO date, 'invalid' for a date that does not exist or cannot
 * be read, or null for an empty cell.
 */
export function parseTableDate(raw: string): string | 'invalid' | null {
  const s = raw.trim();
  if (!s) return null;
  let y: number, mo: number, d: number;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(s))) {
    const idx = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    if (idx < 0) return 'invalid';
    [y, mo, d] = [Number(m[3]), idx + 1, Number(m[1])];
  } else if ((m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(s)))
    [y, mo, d] = [Number(m[3]), Number(m[2]), Number(m[1])];
  else return 'invalid';
  const iso = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : 'invalid';
}
