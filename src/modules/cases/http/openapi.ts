/**
 * The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so the
 * documentation cannot drift from the behaviour. Route schemas are for documentation only; zod
 * validates in the handlers and services (one error format everywhere).
 */
import { z } from 'zod';
import { CaseInputSchema, CasePatchSchema } from '../domain/case-schema.ts';

const toJson = (schema: z.ZodType, io: 'input' | 'output' = 'input') =>
  z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function withoutMeta(s: Record<string, unknown>): Record<string, unknown> {
  const { $schema: _s, ...rest } = s;
  return rest;
}

const caseInput = withoutMeta(toJson(CaseInputSchema));
const caseOutput = withoutMeta(toJson(CaseInputSchema, 'output'));

export const components = {
  securitySchemes: {
    bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token (plm_...) created by an administrator, with scopes read, write and/or import' },
  },
  schemas: {
    CaseInput: caseInput,
    CasePatch: withoutMeta(toJson(CasePatchSchema)),
    Case: {
      ...caseOutput,
      description: 'A case as stored: the input fields with defaults filled in, plus id, version and timestamps.',
      required: [...((caseOutput.required as string[]) ?? []), 'id', 'version', 'createdAt', 'updatedAt'],
    },
    CasePage: {
      type: 'object',
      properties: {
        items: { type: 'array', items: { $ref: '#/components/schemas/Case' } },
        nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` to get the next page; null on the last page' },
        next: { type: ['string', 'null'], description: 'The URL of the next page' },
        limit: { type: 'integer' },
      },
      required: ['items', 'nextCursor', 'limit'],
    },
    Error: {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: {
            code: { type: 'string', examples: ['VALIDATION_FAILED', 'NOT_FOUND'] },
            message: { type: 'string' },
            details: { description: 'For validation errors, a list of { path, message, allowed? } naming each bad field' },
          },
          required: ['code', 'message'],
        },
        requestId: { type: 'string' },
      },
      required: ['error', 'requestId'],
    },
  },
};

export const ref = (name: keyof typeof components.schemas) => ({ $ref: `#/components/schemas/${name}` });

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request: the details name each bad field',
  401: 'No token was sent, or it is unknown, revoked or expired',
  403: 'The token or account lacks the right',
  404: 'Not found (unpublished cases are not found for the public)',
  409: 'Conflict: the id exists, the version is stale, the workflow does not allow the move, or the pseudonymisation check found names',
  413: 'The body is over the size limit',
  415: 'The body is not JSON',
  429: 'Too many requests: wait for the seconds in Retry-After',
};

export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(statuses.map((s) => [s, { description: STATUS_TEXT[s] ?? 'Error', ...ref('Error') }]));
}

export const caseIdParam = {
  type: 'object',
  properties: { id: { type: 'string', description: 'The case id (a slug such as rantsev-v-cyprus-and-russia)' } },
  required: ['id'],
};
