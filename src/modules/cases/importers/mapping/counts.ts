/**
 * A count as partners write it. "17" is exact; "at least 3", "over 200", "more than 40", "12+"
 * (and their Spanish and French forms) give a lower bound; anything else gives no number. The
 * caller warns (naming line and column) and keeps the text; under --strict it refuses.
 */
export interface CountReading {
  value: number | null;
  exact: boolean;
}

const AT_LEAST = new RegExp(
  '(?:at least|no (?:fewer|less) than|minimum(?: of)?|al menos|por lo menos|como m[ií]nimo|au moins|au minimum)' +
    '\\s+(\\d+)',
  'i',
);
const OVER = /(?:over|more than|above|m[aá]s de|plus de)\s+(\d+)/i;
const PLUS = /(\d+)\s*(?:\+|or more|o m[aá]s|ou plus)/i;

export function readCount(text: string): CountReading {
  const t = text.trim();
  if (/^\d+$/.test(t)) return { value: Number(t), exact: true };
  const least = AT_LEAST.exec(t) ?? PLUS.exec(t);
  if (least) return { value: Number(least[1]), exact: false };
  const over = OVER.exec(t);
  if (over) return { value: Number(over[1]) + 1, exact: false };
  return { value: null, exact: false };
}
