/**
 * The controlled vocabularies of a case record, as data: stable codes (never renamed; a code may be
 * deprecated, not reused) with English labels. Acts, means and purposes follow article 3(a) of the
 * Trafficking in Persons Protocol; the extended entries come from article 5(2) and from practice
 * (marked `basis`).
 */
export interface Term {
  code: string;
  label: string;
  /** Where the term comes from: a Protocol provision, or 'practice' for extensions. */
  basis?: string;
}

function terms<const T extends readonly Term[]>(list: T): T {
  return list;
}

export const ACTS = terms([
  { code: 'recruitment', label: 'Recruitment', basis: 'art. 3(a)' },
  { code: 'transportation', label: 'Transportation', basis: 'art. 3(a)' },
  { code: 'transfer', label: 'Transfer', basis: 'art. 3(a)' },
  { code: 'harbouring', label: 'Harbouring', basis: 'art. 3(a)' },
  { code: 'receipt', label: 'Receipt of persons', basis: 'art. 3(a)' },
  { code: 'buying_selling', label: 'Buying or selling', basis: 'practice' },
  { code: 'organizing_directing', label: 'Organizing or directing others', basis: 'art. 5(2)(c)' },
  { code: 'accomplice', label: 'Participating as an accomplice', basis: 'art. 5(2)(b)' },
]);

export const MEANS = terms([
  { code: 'threat_force_coercion', label: 'Threat or use of force or other forms of coercion', basis: 'art. 3(a)' },
  { code: 'abduction', label: 'Abduction', basis: 'art. 3(a)' },
  { code: 'fraud', label: 'Fraud', basis: 'art. 3(a)' },
  { code: 'deception', label: 'Deception', basis: 'art. 3(a)' },
  {
    code: 'abuse_of_power_or_vulnerability',
    label: 'Abuse of power or of a position of vulnerability',
    basis: 'art. 3(a)',
  },
  {
    code: 'payments_or_benefits',
    label:
      'Giving or receiving payments or benefits to achieve the consent of a person having control over another person',
    basis: 'art. 3(a)',
  },
]);

export const PURPOSES = terms([
  {
    code: 'sexual_exploitation',
    label: 'Exploitation of the prostitution of others or other forms of sexual exploitation',
    basis: 'art. 3(a)',
  },
  { code: 'forced_labour', label: 'Forced labour or services', basis: 'art. 3(a)' },
  { code: 'slavery', label: 'Slavery or practices similar to slavery', basis: 'art. 3(a)' },
  { code: 'servitude', label: 'Servitude', basis: 'art. 3(a)' },
  { code: 'organ_removal', label: 'Removal of organs', basis: 'art. 3(a)' },
  { code: 'forced_begging', label: 'Forced begging', basis: 'practice' },
  { code: 'forced_criminality', label: 'Forced criminality', basis: 'practice' },
  { code: 'other', label: 'Other forms of exploitation', basis: 'art. 3(a) "at a minimum"' },
]);

export const FORMS = terms([
  { code: 'transnational', label: 'Transnational' },
  { code: 'internal', label: 'Internal (domestic)' },
  { code: 'organized_criminal_group', label: 'Organized criminal group involved' },
]);

export const SECTORS = terms([
  { code: 'commercial_sex', label: 'Commercial sexual exploitation' },
  { code: 'hospitality', label: 'Hotel, restaurant or bar' },
  { code: 'domestic_servitude', label: 'Domestic servitude' },
  { code: 'begging', label: 'Begging' },
  { code: 'agriculture', label: 'Agriculture' },
  { code: 'construction', label: 'Construction' },
  { code: 'manufacturing', label: 'Factory or manufacturing' },
  { code: 'fishing', label: 'Fishing' },
  { code: 'organ_removal', label: 'Organ removal' },
  { code: 'beauty_salon', label: 'Hair or beauty salon' },
  { code: 'mining', label: 'Mining' },
  { code: 'other', label: 'Other' },
]);

export const OFFENCES = terms([
  { code: 'trafficking_children', label: 'Trafficking in children' },
  { code: 'trafficking_adults', label: 'Trafficking in adults' },
]);

export const VERDICTS = terms([
  { code: 'convicted', label: 'Convicted' },
  { code: 'acquitted', label: 'Acquitted' },
  { code: 'dismissed', label: 'Dismissed' },
  { code: 'pending', label: 'Pending' },
  { code: 'plea_agreement', label: 'Convicted on a plea agreement' },
  { code: 'violation_found', label: 'Violation found (State responsibility)' },
  { code: 'no_violation', label: 'No violation found (State responsibility)' },
  { code: 'other', label: 'Other' },
]);

export const COURT_LEVELS = terms([
  { code: 'first_instance', label: 'First instance' },
  { code: 'appellate', label: 'Appellate' },
  { code: 'supreme', label: 'Supreme or cassation' },
  { code: 'constitutional', label: 'Constitutional' },
  { code: 'international', label: 'International or regional' },
  { code: 'other', label: 'Other' },
]);

export const PROCEEDING_STAGES = terms([
  { code: 'first_instance', label: 'First instance' },
  { code: 'appeal', label: 'Appeal' },
  { code: 'cassation', label: 'Cassation or supreme court review' },
  { code: 'constitutional', label: 'Constitutional review' },
  { code: 'international', label: 'International or regional proceedings' },
  { code: 'retrial', label: 'Retrial' },
  { code: 'other', label: 'Other' },
]);

export const LEGAL_SYSTEMS = terms([
  { code: 'common_law', label: 'Common law' },
  { code: 'civil_law', label: 'Civil law' },
  { code: 'mixed', label: 'Mixed' },
  { code: 'islamic_law', label: 'Islamic law' },
  { code: 'customary_law', label: 'Customary law' },
  { code: 'international', label: 'International law' },
]);

export const GENDERS = terms([
  { code: 'female', label: 'Female' },
  { code: 'male', label: 'Male' },
  { code: 'other', label: 'Other' },
  { code: 'mixed', label: 'Mixed (group)' },
  { code: 'unknown', label: 'Not known' },
]);

export const PARTY_KINDS = terms([
  { code: 'person', label: 'Person' },
  { code: 'group', label: 'Group of persons' },
  { code: 'legal_entity', label: 'Legal entity' },
]);

export const STATUSES = terms([
  { code: 'draft', label: 'Draft' },
  { code: 'in_review', label: 'In review' },
  { code: 'published', label: 'Published' },
  { code: 'withdrawn', label: 'Withdrawn' },
]);

export const IDENTIFIER_TYPES = terms([
  { code: 'ecli', label: 'European Case Law Identifier (ECLI)' },
  { code: 'docket', label: 'Docket or case number' },
  { code: 'neutral_citation', label: 'Neutral citation' },
  { code: 'application_number', label: 'Application number (international courts)' },
  { code: 'other', label: 'Other identifier' },
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

export function labelOf(vocabulary: Vocabulary, code: string): string {
  const term = (TAXONOMY[vocabulary] as readonly Term[]).find((t) => t.code === code);
  return term?.label ?? code;
}

/** The tag vocabularies a case carries in `tags`. */
export const TAG_KINDS = ['acts', 'means', 'purposes', 'forms', 'sectors', 'offences'] as const;
export type TagKind = (typeof TAG_KINDS)[number];
