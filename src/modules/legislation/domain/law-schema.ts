/**
 * A law as a work (FRBR/Akoma Ntoso sense): country, title, type, number, gazette, dates, its
 * amendments and repeal, its expressions (points in time and languages), and its provisions. Each
 * provision has a stable Akoma Ntoso eId, its own text or our summary with the official link, and
 * tags in the cases taxonomy (acts, means, purposes, offences) plus the Protocol/UNTOC article it
 * implements. A provision is kept per point in time: each wording applies from a date (`from`).
 */
import { z } from 'zod';
import { ACTS, MEANS, OFFENCES, PURPOSES, codes } from '../../cases/index.ts';
import { isCountryCode } from '../../../kernel/geo/countries.ts';

export const LAW_TYPES = ['act', 'code', 'decree', 'regulation'] as const;
export type LawType = (typeof LAW_TYPES)[number];
export const EXPRESSION_KINDS = ['original', 'official_translation', 'unofficial_translation'] as const;
export const LAW_STATUSES = ['draft', 'in_review', 'published', 'withdrawn'] as const;

/** Akoma Ntoso component ids: `sec_1`, `sec_1__subsec_2`, `art_13__para_2`, `chp_2__art_5A`. */
export const EID = /^[a-z]+_[0-9A-Za-z-]+(__[a-z]+_[0-9A-Za-z-]+)*$/;
/** Protocol (tip) or UNTOC article, then paragraph and subparagraph: tip.3.a, tip.5.2.b, untoc.10.1. */
export const ARTICLE = /^(tip|untoc)\.\d{1,2}(\.[0-9a-z]{1,3}){0,2}$/;

const isoDate = z.iso.date({ error: 'must be a date YYYY-MM-DD' });
const country = z
  .string()
  .refine(isCountryCode, { error: (i) => `unknown country '${String(i.input)}'; expected ISO 3166-1 alpha-3` });
const codeEnum = (list: readonly string[], what: string) =>
  z.enum(list as [string, ...string[]], {
    error: (i) => `unknown ${what} '${String(i.input)}'; allowed: ${list.join(', ')}`,
  });
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const ProvisionTagsSchema = z.strictObject({
  articles: z.array(z.string().regex(ARTICLE, 'must be an article such as tip.3.a, tip.5.2.b or untoc.10')).default([]),
  offences: z.array(codeEnum(codes(OFFENCES), 'offence')).default([]),
  acts: z.array(codeEnum(codes(ACTS), 'act')).default([]),
  means: z.array(codeEnum(codes(MEANS), 'means')).default([]),
  purposes: z.array(codeEnum(codes(PURPOSES), 'purpose')).default([]),
  /** For a definition of exploitation: an open list ("at a minimum", "includes") or a closed one. */
  purposeList: z.enum(['open', 'closed']).nullable().default(null),
});
export type ProvisionTags = z.output<typeof ProvisionTagsSchema>;

export const ProvisionInputSchema = z
  .strictObject({
    eid: z.string().regex(EID, 'must be an Akoma Ntoso eId such as sec_1__subsec_2 or art_13__para_2'),
    heading: text(500).nullable().default(null),
    text: text(50_000).nullable().default(null),
    summary: text(5000).nullable().default(null),
    link: url.nullable().default(null),
    citation: text(300).nullable().default(null),
    tags: ProvisionTagsSchema.default(ProvisionTagsSchema.parse({})),
  })
  .refine((p) => p.text !== null || (p.summary !== null && p.link !== null), {
    error: 'give the text, or a summary with a link to the official text',
    path: ['summary'],
  });
export type ProvisionInput = z.output<typeof ProvisionInputSchema>;

export const ExpressionSchema = z.strictObject({
  date: isoDate,
  language: z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language tag such as en or es'),
  kind: z.enum(EXPRESSION_KINDS),
});

export const AmendmentRefSchema = z.strictObject({
  /** The amending work: its citation, or the id of a law in this register. */
  by: text(300),
  date: isoDate,
});

export const LawInputSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{2,119}$/, 'must be lowercase letters, digits and dashes (3-120)')
    .optional(),
  country,
  title: text(500),
  type: z.enum(LAW_TYPES, { error: `must be one of ${LAW_TYPES.join(', ')}` }),
  number: text(100).nullable().default(null),
  gazette: text(300).nullable().default(null),
  adopted: isoDate.nullable().default(null),
  commenced: isoDate.nullable().default(null),
  link: url.nullable().default(null),
  expressions: z.array(ExpressionSchema).default([]),
  /** Amendments already made (as metadata: the wordings given are those in force now). */
  amendments: z.array(AmendmentRefSchema).default([]),
  repeal: AmendmentRefSchema.nullable().default(null),
  status: z.enum(['draft', 'in_review', 'published']).default('draft'),
  provisions: z.array(ProvisionInputSchema).max(2000).default([]),
});
export type LawInput = z.output<typeof LawInputSchema>;

/** An amendment: the wording of the changed or new provisions from `date`, and provisions it repeals. */
export const AmendmentInputSchema = z.strictObject({
  by: text(300),
  date: isoDate,
  provisions: z.array(ProvisionInputSchema).max(2000).default([]),
  repeals: z.array(z.string().regex(EID, 'must be an Akoma Ntoso eId')).default([]),
});
export type AmendmentInput = z.output<typeof AmendmentInputSchema>;

export interface LawWork {
  id: string;
  country: string;
  title: string;
  type: LawType;
  number: string | null;
  gazette: string | null;
  adopted: string | null;
  commenced: string | null;
  link: string | null;
  expressions: z.output<typeof ExpressionSchema>[];
  amendments: { by: string; date: string }[];
  repeal: { by: string; date: string } | null;
  status: (typeof LAW_STATUSES)[number];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One wording of a provision, applying from `from` until `to` (exclusive; null: still in force). */
export interface Provision extends ProvisionInput {
  lawId: string;
  from: string;
  to: string | null;
}

/** A provision with its law, as search and evidence see it. */
export interface ProvisionView extends Provision {
  law: Pick<LawWork, 'id' | 'title' | 'country' | 'type' | 'number' | 'status' | 'repeal'>;
  inForce: boolean;
}

/** The date from which a work's original wording applies. */
export function originalFrom(w: { commenced: string | null; adopted: string | null }): string {
  return w.commenced ?? w.adopted ?? '0001-01-01';
}
