/**
 * A partial date (`2010`, `2010-03`, `2010-03-17`) in words in a language, through Intl: the year alone,
 * the month and year, or the full date, each in the language's own pattern ("mars 2010", "2010年3月",
 * "март 2010 г.", "مارس 2010"). `intl` is the Translator's Intl locale, so the numbering system follows
 * the reader's choice (Latin digits unless Arabic-Indic were asked for).
 */
import { parsePartialDate } from './partial-date.ts';

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(intl: string, precision: 'year' | 'month' | 'day'): Intl.DateTimeFormat {
  const id = `${intl}|${precision}`;
  let f = formats.get(id);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions =
      precision === 'year'
        ? { year: 'numeric' }
        : precision === 'month'
          ? { year: 'numeric', month: 'long' }
          : { year: 'numeric', month: 'long', day: 'numeric' };
    formats.set(id, (f = new Intl.DateTimeFormat(intl, { ...opts, timeZone: 'UTC' })));
  }
  return f;
}

/** The date in words, or the value unchanged when it is not a partial date. */
export function formatPartialDate(value: string, intl: string): string {
  const p = parsePartialDate(value);
  if (typeof p === 'string') return value;
  return formatter(intl, p.precision).format(new Date(Date.UTC(p.year, (p.month ?? 1) - 1, p.day ?? 1)));
}
