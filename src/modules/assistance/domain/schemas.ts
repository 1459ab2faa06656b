/**
 * The records of the assistance register as zod schemas (input), with the rules that cross fields:
 * dates in order, percentages adding up to 100, participants as counts only (never names), codes
 * from the codelists (an unknown code is refused with the allowed ones listed).
 */
import { z } from 'zod';
import { isCountryCode, COUNTRY_CODES } from '../../../kernel/geo/countries.ts';
import {
  ACTIVITY_STATUS,
  ACTIVITY_TYPES,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  codesOf,
  CURRENCY,
  GENDERS,
  INDICATOR_MEASURE,
  ORG_KINDS,
  ORGANISATION_ROLE,
  ORGANISATION_TYPE,
  PROFESSIONS,
  REGION,
  RESULT_TYPE,
  SECTOR,
  THEMES,
} from './codelists.ts';

const codeEnum = (values: readonly string[], what: string) =>
  z.enum(values as [string, ...string[]], {
    error: (iss) => `unknown ${what} '${String(iss.input)}'; allowed: ${values.join(', ')}`,
  });

export const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const recordId = z.string().regex(RECORD_ID, 'lowercase letters, digits and dashes, at most 63');
/** A date as precise as the source gives it: YYYY, YYYY-MM or YYYY-MM-DD. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
const fullDate = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD');
export const countryCode = z
  .string()
  .refine(isCountryCode, {
    message: 'unknown country: an ISO 3166-1 alpha-3 code such as RWA (GET /api/v1/countries)',
  })
  .meta({ enum: [...COUNTRY_CODES] });
const text = (max: number) => z.string().trim().min(1).max(max);
const percentage = z.number().min(0).max(100);
const count = z.number().int().min(0).max(10_000_000);
const amount = z.number().min(0).max(1e13);

export const Provenance = z.strictObject({
  source: text(500),
  url: z.url().optional(),
  paragraphs: z.array(text(20)).max(50).default([]),
  note: text(2000).optional(),
});

const ParticipatingOrg = z
  .strictObject({
    orgId: recordId.optional(),
    name: text(300).optional(),
    ref: text(100).optional(),
    type: codeEnum(codesOf(ORGANISATION_TYPE), 'organisation type').optional(),
    role: codeEnum(codesOf(ORGANISATION_ROLE), 'organisation role'),
  })
  .refine((o) => o.orgId !== undefined || o.name !== undefined, {
    message: 'give the organisation (orgId) or its name',
    path: ['orgId'],
  });

const Participants = z.strictObject({
  total: count.optional(),
  byProfession: z
    .array(z.strictObject({ profession: codeEnum(PROFESSIONS, 'profession'), count }))
    .max(PROFESSIONS.length)
    .default([]),
  byGender: z
    .array(z.strictObject({ gender: codeEnum(GENDERS, 'gender'), count }))
    .max(GENDERS.length)
    .default([]),
});

const Result = z.strictObject({
  type: codeEnum(codesOf(RESULT_TYPE), 'result type').default('1'),
  title: text(500),
  indicator: text(500),
  measure: codeEnum(codesOf(INDICATOR_MEASURE), 'indicator measure').default('1'),
  baselineYear: z.number().int().min(1900).max(2200).optional(),
  baseline: z.number().optional(),
  target: z.number().optional(),
  actual: z.number().optional(),
  periodStart: fullDate.optional(),
  periodEnd: fullDate.optional(),
});

const Money = z.strictObject({ value: amount, currency: codeEnum(codesOf(CURRENCY), 'currency').optional() });
const Budget = Money.extend({ periodStart: fullDate, periodEnd: fullDate, valueDate: fullDate.optional() });
const Disbursement = Money.extend({ date: fullDate, provider: text(300).optional(), receiver: text(300).optional() });

export const ActivityInput = z.strictObject({
  id: recordId.optional(),
  type: codeEnum(ACTIVITY_TYPES, 'activity type'),
  title: text(500),
  description: text(20_000),
  objectives: z.array(text(2000)).max(50).default([]),
  plannedStart: partialDate.nullable().default(null),
  plannedEnd: partialDate.nullable().default(null),
  actualStart: partialDate.nullable().default(null),
  actualEnd: partialDate.nullable().default(null),
  activityStatus: codeEnum(codesOf(ACTIVITY_STATUS), 'activity status'),
  recipientCountries: z
    .array(z.strictObject({ code: countryCode, percentage: percentage.optional() }))
    .max(250)
    .default([]),
  recipientRegions: z
    .array(
      z.strictObject({
        code: codeEnum(codesOf(REGION), 'region'),
        percentage: percentage.optional(),
      }),
    )
    .max(50)
    .default([]),
  venueCountries: z.array(countryCode).max(50).default([]),
  participantCountries: z.array(countryCode).max(250).default([]),
  themes: z.array(codeEnum(THEMES, 'theme')).max(THEMES.length).default([]),
  sectors: z
    .array(z.strictObject({ code: codeEnum(codesOf(SECTOR), 'sector'), percentage: percentage.optional() }))
    .max(20)
    .default([]),
  participatingOrgs: z.array(ParticipatingOrg).min(1, 'at least one participating organisation').max(50),
  parentId: recordId.nullable().default(null),
  participants: Participants.nullable().default(null),
  results: z.array(Result).max(100).default([]),
  currency: codeEnum(codesOf(CURRENCY), 'currency').nullable().default(null),
  budgets: z.array(Budget).max(100).default([]),
  disbursements: z.array(Disbursement).max(1000).default([]),
  related: z
    .strictObject({
      resources: z.array(text(100)).max(100).default([]),
      laws: z.array(text(100)).max(100).default([]),
      cases: z.array(text(100)).max(100).default([]),
    })
    .default({ resources: [], laws: [], cases: [] }),
  provenance: Provenance.nullable().default(null),
});
export type ActivityInput = z.input<typeof ActivityInput>;
export type Activity = z.output<typeof ActivityInput> & { id: string };

export const OrganisationInput = z.strictObject({
  id: recordId.optional(),
  name: text(300),
  acronym: text(50).optional(),
  kind: codeEnum(ORG_KINDS, 'organisation kind'),
  iatiType: codeEnum(codesOf(ORGANISATION_TYPE), 'organisation type').optional(),
  iatiRef: z
    .string()
    .regex(/^[A-Z]{2}(-[A-Za-z0-9._]+)+$/, 'an IATI organisation identifier such as XM-DAC-41114')
    .optional(),
  website: z.url().optional(),
  country: countryCode.optional(),
  provenance: Provenance.nullable().default(null),
});
export type Organisation = z.output<typeof OrganisationInput> & { id: string };

const Party = z
  .strictObject({ orgId: recordId.optional(), name: text(300).optional() })
  .refine((p) => p.orgId !== undefined || p.name !== undefined, { message: 'give the party (orgId) or its name' });

export const AgreementInput = z.strictObject({
  id: recordId.optional(),
  kind: codeEnum(AGREEMENT_KINDS, 'agreement kind'),
  title: text(500),
  parties: z.array(Party).min(2, 'an agreement has at least two parties').max(50),
  signed: partialDate.nullable().default(null),
  start: partialDate.nullable().default(null),
  end: partialDate.nullable().default(null),
  scope: text(5000),
  agreementStatus: codeEnum(AGREEMENT_STATUSES, 'agreement status'),
  provenance: Provenance.nullable().default(null),
});
export type Agreement = z.output<typeof AgreementInput> & { id: string };

const Adopter = z
  .strictObject({
    country: countryCode.optional(),
    orgId: recordId.optional(),
    name: text(300).optional(),
    date: partialDate.nullable().default(null),
  })
  .refine((a) => [a.country, a.orgId ?? a.name].filter(Boolean).length === 1, {
    message: 'an adopter is a State (country) or an organisation (orgId or name), not both',
  });

export const CampaignInput = z.strictObject({
  id: recordId.optional(),
  name: text(300),
  description: text(20_000),
  launched: partialDate.nullable().default(null),
  adopters: z.array(Adopter).max(500).default([]),
  provenance: Provenance.nullable().default(null),
});
export type Campaign = z.output<typeof CampaignInput> & { id: string };
