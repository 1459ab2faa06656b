/**
 * An assessment: one country x one checklist element, with its result, evidence (provisions of the
 * same country, as the wording in force on the assessment date, and optionally cases), the
 * assessor's reasoning, who and when, and the checklist version. The pre-assessment's proposal is
 * kept beside the decision (confirmed or overridden).
 */
import { z } from 'zod';
import { FAILURE_PATTERNS, type FailurePattern } from './checklist.ts';
import type { RecordStatus } from '../../platform/index.ts';

export const RESULTS = ['meets', 'partially', 'does_not', 'unclear', 'not_applicable'] as const;
export type Result = (typeof RESULTS)[number];

/** A provision as evidence: `lawId/eid`. */
export const PROVISION_REF = /^[a-z0-9][a-z0-9-]{2,119}\/[a-z]+_[0-9A-Za-z-]+(__[a-z]+_[0-9A-Za-z-]+)*$/;

export const AssessmentInputSchema = z.strictObject({
  result: z.enum(RESULTS, { error: `result must be one of ${RESULTS.join(', ')}` }),
  reasoning: z
    .string({ error: 'reasoning is required' })
    .trim()
    .min(1, 'reasoning is required: say why the law meets the element or not')
    .max(20_000),
  evidence: z
    .strictObject({
      provisions: z.array(z.string().regex(PROVISION_REF, 'must be lawId/eid')).max(50).default([]),
      cases: z.array(z.string().min(1).max(200)).max(50).default([]),
    })
    .default({ provisions: [], cases: [] }),
  failurePatterns: z
    .array(z.enum(FAILURE_PATTERNS, { error: `must be one of ${FAILURE_PATTERNS.join(', ')}` }))
    .default([]),
  /** Who made the judgment (defaults to the signed-in account). */
  assessor: z.string().trim().min(1).max(200).optional(),
  /** The date of the judgment (defaults to today). */
  date: z.iso.date({ error: 'must be a date YYYY-MM-DD' }).optional(),
  status: z.enum(['draft', 'in_review', 'published']).default('draft'),
});
export type AssessmentInput = z.output<typeof AssessmentInputSchema>;

export interface EvidenceProvision {
  lawId: string;
  eid: string;
  /** The wording used: the one in force on the assessment date. */
  from: string;
  title: string;
  heading: string | null;
}

export interface Proposal {
  result: Result;
  flags: FailurePattern[];
  /** Other notes of the pre-assessment, as codes (missing means, no provision tagged...). */
  notes: string[];
  provisions: string[];
}

export interface Assessment {
  id: string;
  country: string;
  element: string;
  checklistVersion: string;
  result: Result;
  reasoning: string;
  evidence: { provisions: EvidenceProvision[]; cases: string[] };
  failurePatterns: FailurePattern[];
  assessor: string;
  date: string;
  proposal: Proposal | null;
  decision: 'confirmed' | 'overridden' | null;
  status: RecordStatus;
  version: number;
  updatedAt: string;
}

export const assessmentId = (country: string, element: string) => `${country.toLowerCase()}-${element}`;
