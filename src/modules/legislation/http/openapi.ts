/** The legislation module's OpenAPI components, from the same zod schemas that validate the input. */
import { jsonSchemaOf, storedRecordOf } from '../../../kernel/http/openapi.ts';
import { AmendmentInputSchema, LawInputSchema, ProvisionInputSchema } from '../domain/law-schema.ts';
import { AssessmentInputSchema, RESULTS } from '../domain/assessment.ts';

const provision = jsonSchemaOf(ProvisionInputSchema, 'output');

export const LEGISLATION_SCHEMAS = {
  LawInput: jsonSchemaOf(LawInputSchema),
  AmendmentInput: jsonSchemaOf(AmendmentInputSchema),
  Provision: {
    ...provision,
    description: 'One wording of a provision: applies from `from` until `to` (exclusive; null while in force).',
    properties: {
      ...(provision.properties as object),
      lawId: { type: 'string' },
      from: { type: 'string', format: 'date' },
      to: { type: ['string', 'null'], format: 'date' },
      inForce: { type: 'boolean' },
    },
  },
  Law: lawSchema(),
  AssessmentInput: jsonSchemaOf(AssessmentInputSchema),
  Assessment: {
    type: 'object',
    description: 'One country x element: result, evidence, reasoning, assessor, date, checklist version, proposal.',
    properties: {
      id: { type: 'string' },
      country: { type: 'string' },
      element: { type: 'string' },
      checklistVersion: { type: 'string' },
      result: { enum: [...RESULTS] },
      reasoning: { type: 'string' },
      evidence: { type: 'object' },
      failurePatterns: { type: 'array', items: { type: 'string' } },
      assessor: { type: 'string' },
      date: { type: 'string', format: 'date' },
      proposal: { type: ['object', 'null'] },
      decision: { enum: ['confirmed', 'overridden', null] },
      status: { enum: ['draft', 'in_review', 'published', 'withdrawn'] },
      version: { type: 'integer' },
    },
    required: ['id', 'country', 'element', 'result', 'reasoning', 'assessor', 'date', 'checklistVersion'],
  },
};

/** A law as the API shows it; GET /laws/{id} adds the date it is read at and the provisions in force then. */
function lawSchema() {
  const stored = storedRecordOf(jsonSchemaOf(LawInputSchema.omit({ provisions: true }), 'output'));
  return {
    ...stored,
    description: 'A law (work): its metadata, amendments and repeal, version and timestamps.',
    properties: {
      ...(stored.properties as object),
      at: { type: 'string', format: 'date' },
      provisions: { type: 'array', items: { $ref: '#/components/schemas/Provision' } },
    },
  };
}

export const lref = (name: keyof typeof LEGISLATION_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
