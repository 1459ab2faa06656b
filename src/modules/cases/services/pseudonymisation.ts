/**
 * The pseudonymisation check run before publishing: a narrative that names a party whose record
 * holds a name (rather than initials or a role) is flagged, so the editor can replace the name.
 */
import type { CaseContent } from '../domain/case-schema.ts';

export interface NameWarning {
  /** The narrative field, e.g. narratives.en.facts. */
  path: string;
  /** The party record, e.g. victims.0.label. */
  party: string;
  name: string;
  message: string;
}

/** Words of labels that describe a role, not a person. */
const ROLE_WORDS = new Set(
  (
    'the a an of and victim victims defendant defendants accused complainant witness minor child children girl boy ' +
    'woman women man men ' +
    'person persons worker workers group respondent appellant applicant plaintiff claimant mr mrs ms miss dr prof ' +
    'sr jr unknown unnamed ' +
    'anonymous others other first second third fourth fifth no number domestic employer mother father sister ' +
    'brother daughter son wife husband'
  ).split(' '),
);

/** Name-like words of a label: capitalised, two letters or more, not a role word, not initials. */
export function nameWords(label: string): string[] {
  const words = label.match(/\p{Lu}[\p{Ll}\p{M}'’-]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 3 && !ROLE_WORDS.has(w.toLowerCase())))];
}

function mentions(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

export function pseudonymisationWarnings(
  content: Pick<CaseContent, 'narratives' | 'victims' | 'defendants'>,
): NameWarning[] {
  const parties = [
    ...content.victims.map((p, i) => ({ party: `victims.${i}.label`, label: p.label })),
    ...content.defendants.map((p, i) => ({ party: `defendants.${i}.label`, label: p.label })),
  ].filter((p): p is { party: string; label: string } => !!p.label);
  const out: NameWarning[] = [];
  for (const [lang, n] of Object.entries(content.narratives)) {
    for (const field of ['facts', 'reasoning', 'commentary', 'crossCutting'] as const) {
      const text = n[field];
      if (!text) continue;
      for (const p of parties) {
        for (const name of nameWords(p.label)) {
          if (mentions(text, name)) {
            const path = `narratives.${lang}.${field}`;
            out.push({
              path,
              party: p.party,
              name,
              message:
                `${path} contains "${name}", a name from ${p.party} ("${p.label}"); replace it with initials ` +
                `or a role before publishing`,
            });
          }
        }
      }
    }
  }
  return out;
}
