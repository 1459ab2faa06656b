/**
 * ISBN-10 and ISBN-13 with their check digits. A bad checksum is refused naming the digit the
 * rest of the number calls for, so a typing slip is easy to find.
 */

export type IsbnCheck = { ok: true; normalized: string } | { ok: false; reason: string; expected?: string };

const digitsOf = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

/** The check digit an ISBN-13 with these first 12 digits needs. */
export function isbn13CheckDigit(first12: string): string {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return String((10 - (sum % 10)) % 10);
}

/** The check digit an ISBN-10 with these first 9 digits needs ('X' stands for 10). */
export function isbn10CheckDigit(first9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (10 - i);
  const d = (11 - (sum % 11)) % 11;
  return d === 10 ? 'X' : String(d);
}

export function checkIsbn(input: string): IsbnCheck {
  const s = digitsOf(input);
  if (/^\d{13}$/.test(s)) {
    if (!s.startsWith('978') && !s.startsWith('979')) return { ok: false, reason: 'an ISBN-13 starts with 978 or 979' };
    const expected = isbn13CheckDigit(s.slice(0, 12));
    if (s[12] !== expected)
      return { ok: false, reason: `bad check digit ${s[12]}; the check digit should be ${expected}`, expected };
    return { ok: true, normalized: s };
  }
  if (/^\d{9}[\dX]$/.test(s)) {
    const expected = isbn10CheckDigit(s.slice(0, 9));
    if (s[9] !== expected)
      return { ok: false, reason: `bad check digit ${s[9]}; the check digit should be ${expected}`, expected };
    return { ok: true, normalized: s };
  }
  return { ok: false, reason: 'an ISBN has 10 or 13 digits (hyphens and spaces allowed)' };
}
