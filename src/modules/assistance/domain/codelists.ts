/**
 * The codelists of the assistance register, as data. The IATI lists are subsets of the official
 * IATI 2.03 codelists (IATI/IATI-Codelists xml/ActivityStatus.xml, OrganisationRole.xml,
 * ActivityDateType.xml; IATI/IATI-Codelists-NonEmbedded xml/Region.xml, Currency.xml, Sector.xml,
 * OrganisationType.xml, ResultType.xml, IndicatorMeasure.xml), codes and English names copied as
 * published. The register's own lists (activity types, themes, professions) are Palermo's.
 */
export interface Code {
  code: string;
  name: string;
}

const list = <const T extends readonly Code[]>(items: T) => items;
export const codesOf = (l: readonly Code[]) => l.map((c) => c.code) as [string, ...string[]];
export const nameOf = (l: readonly Code[], code: string) => l.find((c) => c.code === code)?.name ?? code;

export const IATI_VERSION = '2.03';

/** IATI ActivityStatus (6, Suspended, is left out: the register records 1-5). */
export const ACTIVITY_STATUS = list([
  { code: '1', name: 'Pipeline/identification' },
  { code: '2', name: 'Implementation' },
  { code: '3', name: 'Finalisation' },
  { code: '4', name: 'Closed' },
  { code: '5', name: 'Cancelled' },
]);

/** IATI OrganisationRole. */
export const ORGANISATION_ROLE = list([
  { code: '1', name: 'Funding' },
  { code: '2', name: 'Accountable' },
  { code: '3', name: 'Extending' },
  { code: '4', name: 'Implementing' },
]);

/** IATI ActivityDateType. */
export const ACTIVITY_DATE_TYPE = { plannedStart: '1', actualStart: '2', plannedEnd: '3', actualEnd: '4' } as const;

/** IATI OrganisationType. */
export const ORGANISATION_TYPE = list([
  { code: '10', name: 'Government' },
  { code: '11', name: 'Local Government' },
  { code: '15', name: 'Other Public Sector' },
  { code: '21', name: 'International NGO' },
  { code: '22', name: 'National NGO' },
  { code: '23', name: 'Regional NGO' },
  { code: '24', name: 'Partner Country based NGO' },
  { code: '30', name: 'Public Private Partnership' },
  { code: '40', name: 'Multilateral' },
  { code: '60', name: 'Foundation' },
  { code: '70', name: 'Private Sector' },
  { code: '80', name: 'Academic, Training and Research' },
  { code: '90', name: 'Other' },
]);

/**
 * IATI Region (vocabulary 1, OECD DAC), a subset, each with the UN M49 region it lies in (for the
 * register's region facet and reports; the M49 link is Palermo's).
 */
export const REGION = [
  { code: '89', name: 'Europe, regional', m49: '150' },
  { code: '298', name: 'Africa, regional', m49: '002' },
  { code: '189', name: 'North of Sahara, regional', m49: '002' },
  { code: '289', name: 'South of Sahara, regional', m49: '002' },
  { code: '1027', name: 'Eastern Africa, regional', m49: '002' },
  { code: '1028', name: 'Middle Africa, regional', m49: '002' },
  { code: '1029', name: 'Southern Africa, regional', m49: '002' },
  { code: '1030', name: 'Western Africa, regional', m49: '002' },
  { code: '498', name: 'America, regional', m49: '019' },
  { code: '489', name: 'South America, regional', m49: '019' },
  { code: '389', name: 'Caribbean & Central America, regional', m49: '019' },
  { code: '1031', name: 'Caribbean, regional', m49: '019' },
  { code: '1032', name: 'Central America, regional', m49: '019' },
  { code: '798', name: 'Asia, regional', m49: '142' },
  { code: '589', name: 'Middle East, regional', m49: '142' },
  { code: '619', name: 'Central Asia, regional', m49: '142' },
  { code: '679', name: 'South Asia, regional', m49: '142' },
  { code: '689', name: 'South & Central Asia, regional', m49: '142' },
  { code: '789', name: 'Far East Asia, regional', m49: '142' },
  { code: '889', name: 'Oceania, regional', m49: '009' },
  { code: '1033', name: 'Melanesia, regional', m49: '009' },
  { code: '1034', name: 'Micronesia, regional', m49: '009' },
  { code: '1035', name: 'Polynesia, regional', m49: '009' },
  { code: '998', name: 'Developing countries, unspecified', m49: '' },
] as const satisfies readonly (Code & { m49: string })[];

/** IATI Currency, a subset. */
export const CURRENCY = list([
  { code: 'USD', name: 'US Dollar' },
  { code: 'EUR', name: 'Euro' },
  { code: 'GBP', name: 'Pound Sterling' },
  { code: 'CHF', name: 'Swiss Franc' },
  { code: 'JPY', name: 'Yen' },
  { code: 'SEK', name: 'Swedish Krona' },
  { code: 'NOK', name: 'Norwegian Krone' },
  { code: 'DKK', name: 'Danish Krone' },
  { code: 'CAD', name: 'Canadian Dollar' },
  { code: 'AUD', name: 'Australian Dollar' },
]);

/** IATI Sector (vocabulary 1, OECD DAC CRS 5-digit purpose codes), a subset. */
export const SECTOR = list([
  { code: '15110', name: 'Public sector policy and administrative management' },
  { code: '15130', name: 'Legal and judicial development' },
  { code: '15150', name: 'Democratic participation and civil society' },
  { code: '15160', name: 'Human rights' },
  { code: '15170', name: "Women's rights organisations and movements, and government institutions" },
  { code: '15180', name: 'Ending violence against women and girls' },
  { code: '15190', name: 'Facilitation of orderly, safe, regular and responsible migration and mobility' },
  { code: '15210', name: 'Security system management and reform' },
  { code: '16010', name: 'Social Protection' },
]);

/** IATI ResultType and IndicatorMeasure (2.03). */
export const RESULT_TYPE = list([
  { code: '1', name: 'Output' },
  { code: '2', name: 'Outcome' },
  { code: '3', name: 'Impact' },
  { code: '9', name: 'Other' },
]);
export const INDICATOR_MEASURE = list([
  { code: '1', name: 'Unit' },
  { code: '2', name: 'Percentage' },
  { code: '3', name: 'Nominal' },
  { code: '4', name: 'Ordinal' },
  { code: '5', name: 'Qualitative' },
]);

// ---- the register's own lists ----

export const ACTIVITY_TYPES = [
  'training_workshop',
  'train_the_trainer',
  'legal_assessment',
  'legislative_drafting',
  'joint_programme',
  'awareness_event',
  'study',
  'expert_meeting',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** The five areas of expertise of the source report (¶13), and the DAC sector each suggests. */
export const THEMES = [
  'legislative_assistance',
  'criminal_justice',
  'data_research',
  'prevention_awareness',
  'victim_protection',
] as const;
export type Theme = (typeof THEMES)[number];

/** Professions participants are counted by (the report's ¶24 list, and "other"). */
export const PROFESSIONS = [
  'police',
  'border_guards',
  'immigration_officers',
  'prosecutors',
  'judges',
  'national_focal_points',
  'victim_service_providers',
  'consular_officials',
  'liaison_officers',
  'government_officials',
  'civil_society',
  'trainers',
  'other',
] as const;
export const GENDERS = ['female', 'male', 'other', 'not_recorded'] as const;

export const ORG_KINDS = [
  'un_entity',
  'intergovernmental',
  'government',
  'ngo',
  'private_sector',
  'academia',
  'other',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
/** The IATI OrganisationType an organisation kind suggests when none is set. */
export const ORG_KIND_IATI_TYPE: Record<OrgKind, string> = {
  un_entity: '40',
  intergovernmental: '40',
  government: '10',
  ngo: '21',
  private_sector: '70',
  academia: '80',
  other: '90',
};

export const AGREEMENT_KINDS = [
  'mou',
  'working_arrangement',
  'joint_programme_agreement',
  'cooperation_agreement',
] as const;
export const AGREEMENT_STATUSES = ['negotiation', 'signed', 'in_force', 'expired', 'terminated'] as const;

/** Every codelist by the name the API uses (GET /api/v1/assistance/codelists). */
export const CODELISTS = {
  activityStatus: ACTIVITY_STATUS,
  organisationRole: ORGANISATION_ROLE,
  organisationType: ORGANISATION_TYPE,
  region: REGION,
  currency: CURRENCY,
  sector: SECTOR,
  resultType: RESULT_TYPE,
  indicatorMeasure: INDICATOR_MEASURE,
} as const;
