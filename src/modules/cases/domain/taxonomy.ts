/**
 * The controlled vocabularies of a case record, as data: stable codes (never renamed; a code may be
 * deprecated, not reused). Their labels are text, in the cases catalog (`cases.taxonomy.<vocabulary>.<code>`,
 * see i18n/labels.ts). Acts, means and purposes follow article 3(a) of the
 * Trafficking in Persons Protocol; the extended entries come from article 5(2) and from practice
 * (marked `basis`).
 */
export interface Term {
  code: string;
  /** Where the term comes from: a Protocol provision, or 'practice' for extensions. */
  basis?: string;
}

function terms<const T extends readonly Term[]>(list: T): T {
  return list;
}

export const ACTS = terms([
  { code: 'recruitment', basis: 'art. 3(a)' },
  { code: 'transportation', basis: 'art. 3(a)' },
  { code: 'transfer', basis: 'art. 3(a)' },
  { code: 'harbouring', basis: 'art. 3(a)' },
  { code: 'receipt', basis: 'art. 3(a)' },
  { code: 'buying_selling', basis: 'practice' },
  { code: 'organizing_directing', basis: 'art. 5(2)(c)' },
  { code: 'accomplice', basis: 'art. 5(2)(b)' },
]);

export const MEANS = terms([
  { code: 'threat_force_coercion', basis: 'art. 3(a)' },
  { code: 'abduction', basis: 'art. 3(a)' },
  { code: 'fraud', basis: 'art. 3(a)' },
  { code: 'deception', basis: 'art. 3(a)' },
  {
    code: 'abuse_of_power_or_vulnerability',
    basis: 'art. 3(a)',
  },
  {
    code: 'payments_or_benefits',
    basis: 'art. 3(a)',
  },
]);

export const PURPOSES = terms([
  {
    code: 'sexual_exploitation',
    basis: 'art. 3(a)',
  },
  { code: 'forced_labour', basis: 'art. 3(a)' },
  { code: 'slavery', basis: 'art. 3(a)' },
  { code: 'servitude', basis: 'art. 3(a)' },
  { code: 'organ_removal', basis: 'art. 3(a)' },
  { code: 'forced_begging', basis: 'practice' },
  { code: 'forced_criminality', basis: 'practice' },
  { code: 'other', basis: 'art. 3(a) "at a minimum"' },
]);

export const FORMS = terms([{ code: 'transnational' }, { code: 'internal' }, { code: 'organized_criminal_group' }]);

export const SECTORS = terms([
  { code: 'commercial_sex' },
  { code: 'hospitality' },
  { code: 'domestic_servitude' },
  { code: 'begging' },
  { code: 'agriculture' },
  { code: 'construction' },
  { code: 'manufacturing' },
  { code: 'fishing' },
  { code: 'organ_removal' },
  { code: 'beauty_salon' },
  { code: 'mining' },
  { code: 'other' },
]);

export const OFFENCES = terms([{ code: 'trafficking_children' }, { code: 'trafficking_adults' }]);

export const VERDICTS = terms([
  { code: 'convicted' },
  { code: 'acquitted' },
  { code: 'dismissed' },
  { code: 'pending' },
  { code: 'plea_agreement' },
  { code: 'violation_found' },
  { code: 'no_violation' },
  { code: 'other' },
]);

export const COURT_LEVELS = terms([
  { code: 'first_instance' },
  { code: 'appellate' },
  { code: 'supreme' },
  { code: 'constitutional' },
  { code: 'international' },
  { code: 'other' },
]);

export const PROCEEDING_STAGES = terms([
  { code: 'first_instance' },
  { code: 'appeal' },
  { code: 'cassation' },
  { code: 'constitutional' },
  { code: 'international' },
  { code: 'retrial' },
  { code: 'other' },
]);

export const LEGAL_SYSTEMS = terms([
  { code: 'common_law' },
  { code: 'civil_law' },
  { code: 'mixed' },
  { code: 'islamic_law' },
  { code: 'customary_law' },
  { code: 'international' },
]);

export const GENDERS = terms([
  { code: 'female' },
  { code: 'male' },
  { code: 'other' },
  { code: 'mixed' },
  { code: 'unknown' },
]);

export const PARTY_KINDS = terms([{ code: 'person' }, { code: 'group' }, { code: 'legal_entity' }]);

export const STATUSES = terms([{ code: 'draft' }, { code: 'in_review' }, { code: 'published' }, { code: 'withdrawn' }]);

export const IDENTIFIER_TYPES = terms([
  { code: 'ecli' },
  { code: 'docket' },
  { code: 'neutral_citation' },
  { code: 'application_number' },
  { code: 'other' },
]);

export const TAXONOMY = {
  acts: ACTS,
  means: MEANS,
  purposes: PURPOSES,
  forms: FORMS,
  sectors: SECTORS,
  offences: OFFENCES,
  verdicts: VERDICTS,
  courtLevels: COURT_LEVELS,
  proceedingStages: PROCEEDING_STAGES,
  legalSystems: LEGAL_SYSTEMS,
  genders: GENDERS,
  partyKinds: PARTY_KINDS,
  statuses: STATUSES,
  identifierTypes: IDENTIFIER_TYPES,
} as const;

export type Vocabulary = keyof typeof TAXONOMY;
type CodeOf<L extends readonly Term[]> = L[number]['code'];
type Codes<L extends readonly Term[]> = [CodeOf<L>, ...CodeOf<L>[]];

export function codes<L extends readonly Term[]>(list: L): Codes<L> {
  return list.map((t) => t.code) as Codes<L>;
}

/** The tag vocabularies a case carries in `tags`. */
export const TAG_KINDS = ['acts', 'means', 'purposes', 'forms', 'sectors', 'offences'] as const;
export type TagKind = (typeof TAG_KINDS)[number];
