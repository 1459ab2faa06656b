/**
 * The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so the
 * documentation cannot drift from the behaviour. Route schemas are for documentation only; zod
 * validates in the handlers and services (one error format everywhere).
 */
import { baseComponents, errorResponses, jsonSchemaOf } from '../../../kernel/http/openapi.ts';
import { CaseInputSchema, CasePatchSchema } from '../domain/case-schema.ts';

const caseInput = jsonSchemaOf(CaseInputSchema);
const caseOutput = jsonSchemaOf(CaseInputSchema, 'output');

export const components = {
  securitySchemes: baseComponents.securitySchemes,
  schemas: {
    ...baseComponents.schemas,
    CaseInput: caseInput,
    CasePatch: jsonSchemaOf(CasePatchSchema),
    Case: {
      ...caseOutput,
      description: 'A case as stored: the input fields with defaults filled in, plus id, version and timestamps.',
      required: [...((caseOutput.required as string[]) ?? []), 'id', 'version', 'createdAt', 'updatedAt'],
    },
    CasePage: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/Case' } },
        nextCursor: {
          type: ['string', 'null'],
          description: 'Pass as `cursor` to get the next page; null on the last page',
        },
        next: { type: ['string', 'null'], description: 'The URL of the next page' },
        limit: { type: 'integer' },
      },
      required: ['items', 'nextCursor', 'limit'],
    },
  },
};

export const ref = (name: keyof typeof components.schemas) => ({ $ref: `#/components/schemas/${name}` });

export const caseIdParam = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The case id (a slug such as rantsev-v-cyprus-and-russia)' } },
  required: ['id'],
};

export { errorResponses };
