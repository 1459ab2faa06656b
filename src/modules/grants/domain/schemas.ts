/** The grants register's shapes: calls, organisations, applications, reviews (zod; types derive). */
import { z } from 'zod';
import { resolveCountry } from '../../../kernel/geo/countries.ts';

const iso3 = z
  .string()
  .refine((c) => /^[A-Z]{3}$/.test(c) && resolveCountry(c) === c, 'not an ISO 3166-1 alpha-3 country code');
const instant = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
const code = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'lowercase letters, digits, - and _');

export const LEGAL_STATUSES = ['ngo', 'cbo', 'government', 'academic', 'private', 'other'] as const;
export type LegalStatus = (typeof LEGAL_STATUSES)[number];

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'info_requested',
  'eligible',
  'ineligible',
  'in_review',
  'approved',
  'rejected',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const CallInput = z
  .object({
    title: z.string().trim().min(3).max(300),
    description: z.string().trim().max(20_000).default(''),
    opensAt: instant,
    closesAt: instant,
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    capPerYear: z.number().positive(),
    maxYears: z.number().int().min(1).max(10),
    questions: z
      .array(z.object({ id: code, text: z.string().trim().min(3).max(2000) }))
      .max(50)
      .default([]),
    themes: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
    countries: z.array(iso3).max(250).default([]),
    requiredAttachments: z.array(z.object({ id: code, label: z.string().trim().min(1).max(300) })).default([]),
    rubric: z
      .array(z.object({ id: code, label: z.string().trim().min(1).max(300), weight: z.number().positive().max(100) }))
      .default([]),
    blindReview: z.boolean().default(false),
    sourceUrl: z.url().nullable().default(null),
  })
  .refine((c) => c.opensAt < c.closesAt, { path: ['closesAt'], message: 'must be after opensAt' });
export type CallInput = z.input<typeof CallInput>;
export type Call = z.output<typeof CallInput> & { id: string; createdAt: string };

export const OrganisationInput = z.object({
  legalName: z.string().trim().min(2).max(300),
  legalStatus: z.enum(LEGAL_STATUSES),
  registrationNumber: z.string().trim().min(1).max(100),
  registrationCountry: iso3,
  /** Where the secretariat's messages go. */
  contactEmail: z.email(),
  /** IANA time zone in which deadlines are shown to its members (besides UTC). */
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone such as Europe/Vienna')
    .default('UTC'),
});
export type OrganisationInput = z.input<typeof OrganisationInput>;
export type Organisation = z.output<typeof OrganisationInput> & { id: string; createdAt: string };

export const BudgetLine = z.object({
  year: z.number().int().min(1).max(10),
  category: z.string().trim().min(1).max(100),
  amount: z.number().min(0, 'must not be negative').finite(),
});

export const ApplicationInput = z.object({
  callId: z.string().min(1),
  organisationId: z.string().min(1),
  title: z.string().trim().min(3).max(300),
  summary: z.string().trim().max(10_000).default(''),
  countries: z.array(iso3).max(250).default([]),
  themes: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  durationYears: z.number().int().min(1).max(10),
  currency: z.string().regex(/^[A-Z]{3}$/),
  budget: z.array(BudgetLine).max(200).default([]),
  answers: z.record(z.string(), z.string().trim().max(10_000)).default({}),
  /** Consortium members besides the lead: organisation ids. */
  members: z.array(z.string().min(1)).max(50).default([]),
});
export type ApplicationInput = z.input<typeof ApplicationInput>;
export type ApplicationContent = Omit<z.output<typeof ApplicationInput>, 'callId' | 'organisationId'>;

export interface Application {
  id: string;
  callId: string;
  organisationId: string;
  status: ApplicationStatus;
  revision: number;
  content: ApplicationContent;
  submittedAt: string | null;
  decisionReason: string | null;
  updatedAt: string;
}

export const ReviewInput = z.object({
  /** Criterion id -> score 0-5, or null for "not applicable". */
  scores: z.record(z.string(), z.number().int().min(0).max(5).nullable()),
  comment: z.string().trim().max(10_000).default(''),
});
export type ReviewInput = z.input<typeof ReviewInput>;

/** A reviewer's declaration on one assigned application; a conflict needs its reason. */
export const DeclarationInput = z.object({
  conflict: z.boolean(),
  reason: z.string().max(5_000).default(''),
});
export type DeclarationInput = z.input<typeof DeclarationInput>;
