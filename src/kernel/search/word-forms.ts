/**
 * Word forms the English stemmer leaves apart, joined at query time: derivations (conspire /
 * conspiracy, deceive / deception / deceit, coerce / coercion / coercive), British and American
 * spellings (harbour / harbor, labour / labor), irregular past forms (sold, held, paid, fled) of the
 * legal and trafficking vocabulary. A query word whose English stem is in a family also matches the
 * family's other stems, as one OR group, like the word's stems in other languages. The index is
 * unchanged (tokens stay one for one with the text), so phrases and prefixes keep their exact forms.
 * Kept small on purpose: each family is one concept, so that precision does not fall.
 */
import { analyze } from './analyzer.ts';

/** Families of words, each written as words (their English stems are computed). */
const FAMILIES: readonly string[] = [
  'harbour harbor',
  'labour labor',
  'conspire conspiracy conspiracies conspiratorial',
  'deceive deception deceptive deceit deceitful',
  'coerce coercion coercive',
  'abduct abductor abductors',
  'slave slavery enslave enslavement',
  'kidnap kidnapper kidnappers',
  'victim victimisation victimization victimise',
  'forge forgery forger',
  'fraud fraudulent defraud',
  'smuggle smuggler smugglers',
  'threat threaten',
  'debt indebted indebtedness',
  'acquit acquittal',
  'detain detention',
  'testify testimony',
  'marry marriage',
  'beg beggar beggars',
  'seize seizure',
  'sell sale sold',
  'pay payment paid',
  'hold held',
  'flee fled',
  'buy bought',
  'steal stole stolen',
  'rape rapist',
  'force forcible',
  'employ employee',
  'bribe bribery',
  'withhold withheld',
  'take took taken',
  'bring brought',
  'keep kept',
  'send sent',
  'hide hid hidden',
  'beat beaten',
  'lead led',
];

let families: Map<string, readonly string[]> | null = null;

function familyMap(): Map<string, readonly string[]> {
  if (families) return families;
  families = new Map();
  for (const line of FAMILIES) {
    const stems = [...new Set(line.split(' ').map((w) => analyze(w, 'en')[0]!))];
    for (const s of stems) families.set(s, stems);
  }
  return families;
}

/** The English stems joined with `stem` by the table (itself first), or just [stem]. */
export function familyOf(stem: string): readonly string[] {
  return familyMap().get(stem) ?? [stem];
}

/** A query word's variants (one token each or phrases) with the other stems of their families. */
export function withWordForms(variants: readonly string[]): string[] {
  const out = new Set(variants);
  for (const v of variants) if (!v.includes(' ')) for (const f of familyOf(v)) out.add(f);
  return [...out];
}
