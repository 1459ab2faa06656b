/**
 * Blind review: what identifies an applicant in free text. Every e-mail and web address goes, and so
 * do the applicant's own names (the organisations' legal names and registration numbers, its people's
 * names in full and by each part, its domains), matched whole-word, ignoring case and line breaks.
 */
export interface Identity {
  /** Legal names, registration numbers and people's names, as stored. */
  names: readonly string[];
  /** The applicant's e-mail addresses (their domains are scrubbed too, written bare). */
  emails: readonly string[];
}

export const MASK = '[…]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const URL_LIKE = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]*[^\s<>"')\],.;:!?]/giu;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The terms to hide: each name whole, each part of a person's or organisation's name of 3+ letters, each domain. */
export function identityTerms(id: Identity): string[] {
  const terms = new Set<string>();
  for (const n of id.names) {
    const whole = n.trim().replace(/\s+/g, ' ');
    if (whole.length >= 2) terms.add(whole);
  }
  for (const e of id.emails) {
    const domain = e.split('@')[1]?.toLowerCase();
    if (domain) terms.add(domain);
  }
  return [...terms].sort((a, b) => b.length - a.length);
}

/** Person names: the full name and every part of 3 letters or more (a surname alone names them too). */
export function personTerms(fullNames: readonly (string | null)[]): string[] {
  const out: string[] = [];
  for (const n of fullNames) {
    if (!n?.trim()) continue;
    out.push(n.trim());
    for (const part of n.split(/[\s,]+/)) if (part.replace(/\P{L}/gu, '').length >= 3) out.push(part);
  }
  return out;
}

export function scrub(text: string, id: Identity): string {
  let out = text.replace(EMAIL, MASK).replace(URL_LIKE, MASK);
  for (const term of identityTerms(id)) {
    const pattern = escape(term).replace(/ /g, '\\s+');
    out = out.replace(new RegExp(`(?<![\\p{L}\\p{N}])${pattern}(?![\\p{L}\\p{N}])`, 'giu'), MASK);
  }
  return out;
}
