/**
 * The case record: zod schemas are the single source of truth; the TypeScript types are derived.
 * The same shape is the API's JSON, the canonical JSON Lines format and the stored document.
 * Every section is optional: `null` means "not known", an empty array means "none recorded".
 */
import { z } from 'zod';
import { isCountryCode, COUNTRY_CODES } from '../../../kernel/geo/countries.ts';
import { parsePartialDate } from '../../../kernel/dates/partial-date.ts';
import {
  ACTS,
  MEANS,
  PURPOSES,
  FORMS,
  SECTORS,
  OFFENCES,
  VERDICTS,
  COURT_LEVELS,
  LEGAL_SYSTEMS,
  GENDERS,
  PARTY_KINDS,
  STATUSES,
  IDENTIFIER_TYPES,
  PROCEEDING_STAGES,
  codes,
  type Term,
} from './taxonomy.ts';

/** A code from a closed vocabulary; the error lists the allowed codes. */
function vocab<L extends readonly Term[]>(list: L, what: string) {
  const allowed = codes(list);
  return z.enum(allowed, {
    error: (iss) => ({ message: `unknown ${what} '${String(iss.input)}'; allowed: ${allowed.join(', ')}` }),
  });
}

export const countryCode = z
  .string()
  .refine(isCountryCode, {
    error: (iss) =>
      `unknown country code '${String(iss.input)}'; expected an ISO 3166-1 alpha-3 code such as PHL, or XIR for ` +
      `International and Regional Bodies`,
  })
  .meta({ enum: [...COUNTRY_CODES] }); // the OpenAPI document lists the codes the check accepts

export const partialDate = z
  .string()
  .superRefine((v, ctx) => {
    const p = parsePartialDate(v);
    if (typeof p === 'string') ctx.addIssue({ code: 'custom', message: `invalid date '${v}': ${p}` });
  })
  .meta({ pattern: '^\\d{4}(-\\d{2}(-\\d{2})?)?$', description: 'YYYY, YYYY-MM or YYYY-MM-DD' });

const text = (max: number) => z.string().trim().min(1).max(max);
const optText = (max: number) => text(max).nullable().default(null);
const nonNegInt = z.number().int().min(0);

/** BCP 47 language tag, e.g. en, es, pt-BR, zh-Hant. Validated with the platform's Intl. */
export const languageTag = z
  .string()
  .refine(
    (tag) => {
      if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
      try {
        return Intl.getCanonicalLocales(tag)[0] === tag;
      } catch {
        return false;
      }
    },
    { error: (iss) => `'${String(iss.input)}' is not a canonical BCP 47 language tag (e.g. en, es, pt-BR)` },
  )
  .meta({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{1,8})*$', description: 'A canonical BCP 47 language tag' });

export const NarrativeSchema = z.strictObject({
  facts: optText(200_000),
  reasoning: optText(200_000),
  commentary: optText(200_000),
  crossCutting: optText(200_000),
});

export const ChargeSchema = z.strictObject({
  statute: optText(500),
  charge: optText(1000),
  verdict: vocab(VERDICTS, 'verdict').nullable().default(null),
  prisonMonths: z.number().min(0).max(12_000).nullable().default(null),
  fine: z
    .strictObject({ amount: z.number().min(0), currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR') })
    .nullable()
    .default(null),
  otherSentence: optText(2000),
});

const partyBase = {
  kind: vocab(PARTY_KINDS, 'party kind').default('person'),
  /** Initials or role only ("V.1", "the domestic worker"): never a victim's full name. */
  label: optText(200),
  count: z.number().int().min(1).nullable().default(null),
  gender: vocab(GENDERS, 'gender').nullable().default(null),
  child: z.boolean().nullable().default(null),
  ageAtOffence: nonNegInt.max(120).nullable().default(null),
  ageAtTrial: nonNegInt.max(120).nullable().default(null),
  birthYear: z.number().int().min(1880).max(2100).nullable().default(null),
  nationalities: z.array(countryCode).max(10).default([]),
};

function checkParty(p: { kind: string; count: number | null }, ctx: z.RefinementCtx) {
  if (p.count !== null && p.kind !== 'group') {
    ctx.addIssue({ code: 'custom', path: ['count'], message: `count is only for kind 'group' (kind is '${p.kind}')` });
  }
}

export const VictimSchema = z.strictObject(partyBase).superRefine(checkParty);
export const DefendantSchema = z
  .strictObject({ ...partyBase, charges: z.array(ChargeSchema).max(200).default([]) })
  .superRefine(checkParty);

export const IdentifierSchema = z.strictObject({
  type: vocab(IDENTIFIER_TYPES, 'identifier type'),
  value: text(300),
});

export const ProceedingSchema = z.strictObject({
  stage: vocab(PROCEEDING_STAGES, 'proceeding stage'),
  court: optText(300),
  courtLevel: vocab(COURT_LEVELS, 'court level').nullable().default(null),
  date: partialDate.nullable().default(null),
  docket: optText(300),
  outcome: optText(2000),
  /** Another record of this database that holds that decision, when there is one. */
  caseId: z.string().min(1).max(64).nullable().default(null),
});

export const SourceSchema = z
  .strictObject({
    kind: z.enum(['url', 'citation'], { error: "source kind must be 'url' or 'citation'" }),
    value: text(2000),
    label: optText(500),
  })
  .superRefine((s, ctx) => {
    if (s.kind === 'url' && !/^https?:\/\/[^\s]+$/i.test(s.value)) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: 'a url source must be an http(s) URL' });
    }
  });

export const TagsSchema = z.strictObject({
  acts: z.array(vocab(ACTS, 'act')).default([]),
  means: z.array(vocab(MEANS, 'means')).default([]),
  purposes: z.array(vocab(PURPOSES, 'purpose')).default([]),
  forms: z.array(vocab(FORMS, 'form')).default([]),
  sectors: z.array(vocab(SECTORS, 'sector')).default([]),
  offences: z.array(vocab(OFFENCES, 'offence')).default([]),
});

export const ProvenanceSchema = z.strictObject({
  /** Where the record came from: "Palermo demo content", a partner's name, a URL ... */
  source: optText(500),
  importBatch: z.string().max(64).nullable().default(null),
  /** Original source strings of normalised values, e.g. { jurisdiction: "Bolivia (Plurinational State of)" }. */
  original: z.record(z.string(), z.unknown()).default({}),
});

/** The writable content of a case: what a client sends on POST and in JSON Lines. */
export const CaseInputSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only (1-64)')
    .optional(),
  title: text(1000),
  databaseNumber: optText(64),
  jurisdiction: countryCode,
  /** States named as respondents before an international or regional court (jurisdiction XIR): ECtHR, IACtHR. */
  respondentStates: z
    .array(countryCode)
    .max(60)
    .default([])
    .refine((s) => new Set(s).size === s.length, 'each respondent State once'),
  identifiers: z.array(IdentifierSchema).max(50).default([]),
  court: optText(300),
  courtLevel: vocab(COURT_LEVELS, 'court level').nullable().default(null),
  legalSystem: vocab(LEGAL_SYSTEMS, 'legal system').nullable().default(null),
  decisionDate: partialDate.nullable().default(null),
  proceedings: z.array(ProceedingSchema).max(50).default([]),
  narratives: z
    .record(languageTag, NarrativeSchema)
    .default({})
    .refine((r) => Object.keys(r).length <= 20, 'at most 20 languages'),
  victims: z.array(VictimSchema).max(1000).default([]),
  defendants: z.array(DefendantSchema).max(1000).default([]),
  tags: TagsSchema.default({ acts: [], means: [], purposes: [], forms: [], sectors: [], offences: [] }),
  sources: z.array(SourceSchema).max(100).default([]),
  provenance: ProvenanceSchema.default({ source: null, importBatch: null, original: {} }),
  status: vocab(STATUSES, 'status').default('draft'),
  /** Read-only fields accepted (and ignored or checked) so an exported line imports unchanged. */
  createdAt: z.iso.datetime().optional(),
  updatedAt: z.iso.datetime().optional(),
  version: z.number().int().min(1).optional(),
});

type Shape = typeof CaseInputSchema.shape;
type PatchKey = Exclude<keyof Shape, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
type PatchShape = { [K in PatchKey]: z.ZodOptional<z.ZodType<z.output<Shape[K]>, z.input<Shape[K]>>> };

const patchShape = Object.fromEntries(
  Object.entries(CaseInputSchema.omit({ id: true, createdAt: true, updatedAt: true, version: true }).shape).map(
    // Defaults must not apply in a patch: a field left out stays as stored.
    ([key, schema]) => [key, (schema instanceof z.ZodDefault ? schema.unwrap() : schema).optional()],
  ),
) as unknown as PatchShape;

/** PATCH: any subset of the writable fields; arrays and objects replace the stored value whole. */
export const CasePatchSchema = z.strictObject({ ...patchShape, version: z.number().int().min(1).optional() });

export type CaseInput = z.input<typeof CaseInputSchema>;
export type CaseContent = Omit<z.output<typeof CaseInputSchema>, 'id' | 'createdAt' | 'updatedAt' | 'version'>;
export type CasePatch = z.output<typeof CasePatchSchema>;
export type Victim = z.output<typeof VictimSchema>;
export type Defendant = z.output<typeof DefendantSchema>;
export type Charge = z.output<typeof ChargeSchema>;
export type Narrative = z.output<typeof NarrativeSchema>;
export type Tags = z.output<typeof TagsSchema>;
export type CaseStatus = CaseContent['status'];

/** A stored case, as the API returns it. */
export interface CaseRecord extends CaseContent {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export { COUNTRY_CODES };
