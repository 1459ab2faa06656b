/**
 * A library resource: one publication (a work) with library-grade metadata (Dublin Core / CSL-JSON
 * grade), its language versions (each with its own files, or at least a link to the publisher's
 * copy), its topics, the countries and regions it concerns and the records it relates to.
 * The input schema refuses bad input field by field; the rules here are pure.
 */
import { z } from 'zod';
import { countryByCode, REGIONS } from '../../../kernel/geo/countries.ts';
import { checkIsbn } from './isbn.ts';
import type { RecordStatus } from '../../platform/index.ts';

export const RESOURCE_TYPES = [
  'manual',
  'toolkit',
  'issue_paper',
  'report',
  'model_law',
  'training_curriculum',
  'guideline',
  'case_digest',
  'video',
  'dataset',
] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];

/**
 * Topics: the Protocol's pillars and the themes UNODC's publications are filed under (a controlled
 * list of the library's own; the case taxonomy stays the cases module's).
 */
export const TOPICS = [
  'legislation',
  'criminal_justice',
  'law_enforcement',
  'victim_identification',
  'victim_assistance',
  'prevention',
  'international_cooperation',
  'data_and_research',
  'labour_exploitation',
  'sexual_exploitation',
  'children',
  'migrant_smuggling',
  'corruption',
  'supply_chains',
] as const;
export type Topic = (typeof TOPICS)[number];

const REGION_CODES = new Set(REGIONS.map((r) => r.code));
const today = () => new Date().toISOString().slice(0, 10);

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const optText = (max: number) => text(max).nullable().default(null);

const isbn = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const r = checkIsbn(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `invalid ISBN '${v}': ${r.reason}` });
      return z.NEVER;
    }
    return r.normalized;
  });

/** A publication date: a year, a month or a day, never in the future. */
export const publicationDate = z
  .string()
  .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'a date is YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d)), {
    message: 'not a calendar date',
  })
  .refine((d) => d <= today().slice(0, d.length), { message: 'a publication date cannot be in the future' });

const language = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language tag such as en, fr, es, pt-BR');

export const languageVersionSchema = z.strictObject({
  language,
  /** The title in that language, when it differs. */
  title: optText(500),
  /** The publisher's page for that version (a version without a file of ours must have one). */
  url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
});

/** Ids that are paths of their own under /library. */
export const RESERVED_IDS = ['downloads'];
const slugId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,99}$/, 'lowercase letters, digits and dashes')
  .refine((id) => !RESERVED_IDS.includes(id), { message: 'this id is reserved for a page of the library' });

export const resourceInputSchema = z.strictObject({
  id: slugId.optional(),
  type: z.enum(RESOURCE_TYPES, {
    error: (iss) => `unknown type '${String(iss.input)}'; allowed: ${RESOURCE_TYPES.join(', ')}`,
  }),
  title: text(500),
  subtitle: optText(500),
  authors: z.array(text(200)).max(50).default([]),
  corporateAuthors: z.array(text(300)).max(20).default([]),
  publisher: optText(300),
  publisherPlace: optText(200),
  date: publicationDate,
  abstract: optText(5000),
  isbn: isbn.nullable().default(null),
  salesNumber: optText(50),
  symbol: optText(100),
  series: optText(300),
  rights: optText(1000),
  licence: optText(300),
  url: z
    .url({ protocol: /^https?$/ })
    .nullable()
    .default(null),
  languages: z
    .array(languageVersionSchema)
    .min(1, 'at least one language version')
    .max(12)
    .refine((l) => new Set(l.map((x) => x.language)).size === l.length, { message: 'a language is listed twice' }),
  topics: z
    .array(z.enum(TOPICS, { error: (iss) => `unknown topic '${String(iss.input)}'; allowed: ${TOPICS.join(', ')}` }))
    .default([]),
  countries: z
    .array(z.string().refine((c) => !!countryByCode(c), { message: 'not an ISO 3166-1 alpha-3 code we know' }))
    .default([]),
  regions: z.array(z.string().refine((r) => REGION_CODES.has(r), { message: 'not a UN M49 region code' })).default([]),
  related: z
    .strictObject({
      cases: z.array(z.string().min(1).max(200)).default([]),
      laws: z.array(z.string().min(1).max(200)).default([]),
      treaties: z.array(z.string().min(1).max(200)).default([]),
    })
    .default({ cases: [], laws: [], treaties: [] }),
});
export type ResourceInput = z.input<typeof resourceInputSchema>;
export type ResourceContent = Omit<z.output<typeof resourceInputSchema>, 'id'>;

export interface ResourceFile {
  /** SHA-256 of the bytes: the file's identity. */
  sha256: string;
  language: string;
  filename: string;
  mediaType: string;
  size: number;
  pages: number | null;
  textLength: number;
  addedAt: string;
  /** When a corrected upload replaced it (null: current). */
  replacedAt: string | null;
}

export interface Withdrawal {
  reason: string;
  /** The resource that replaces it, if any. */
  successorId: string | null;
  at: string;
}

/** The resource as stored and (when published) shown. */
export interface Resource extends ResourceContent {
  id: string;
  status: RecordStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** When it was last published, withdrawn or changed while published (the OAI datestamp). */
  datestamp: string;
  withdrawal: Withdrawal | null;
  /** Current files (corrected uploads replace earlier ones of the same language and name). */
  files: ResourceFile[];
}

export function slugOf(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return s.length >= 2 && !RESERVED_IDS.includes(s) ? s : `resource-${s}`;
}

/** The year of a publication date. */
export const yearOf = (r: { date: string }) => r.date.slice(0, 4);

/**
 * Language versions must each have a file of ours or the publisher's link: a version with neither
 * is refused (the paths name it).
 */
export function emptyLanguageVersions(r: Pick<Resource, 'languages' | 'files'>): string[] {
  const out: string[] = [];
  r.languages.forEach((l, i) => {
    if (!l.url && !r.files.some((f) => f.language === l.language && !f.replacedAt)) out.push(`languages.${i}`);
  });
  return out;
}
