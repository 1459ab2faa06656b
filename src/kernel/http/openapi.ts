/**
 * What every module's part of the OpenAPI document shares: the error shape, the bearer scheme and the
 * error responses. The OpenAPI 3.1 document is generated from the same zod schemas that validate
 * requests, so the documentation cannot drift from the behaviour.
 */
import { z } from 'zod';

/** A zod schema as JSON Schema (draft 2020-12) without its `$schema` line. */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as Record<string, unknown>;
  return rest;
}

export const baseComponents = {
  securitySchemes: {
    bearerAuth: {
      type: 'http',
      scheme: 'bearer',
      description: 'An API token (plm_...) created by an administrator, with scopes read, write and/or import',
    },
  },
  schemas: {
    Error: {
      type: 'object',
      properties: {
        error: {
          type: 'object',
          properties: {
            code: { type: 'string', examples: ['VALIDATION_FAILED', 'NOT_FOUND'] },
            message: { type: 'string' },
            details: {
              description: 'For validation errors, a list of { path, message, allowed? } naming each bad field',
            },
          },
          required: ['code', 'message'],
        },
        requestId: { type: 'string' },
      },
      required: ['error', 'requestId'],
    },
  },
};

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request: the details name each bad field',
  401: 'No token was sent, or it is unknown, revoked or expired',
  403: 'The token or account lacks the right',
  404: 'Not found (unpublished cases are not found for the public)',
  409:
    'Conflict: the id exists, the version is stale, the workflow does not allow the move, or the ' +
    'pseudonymisation check found names',
  413: 'The body is over the size limit',
  415: 'The body is not JSON',
  429: 'Too many requests: wait for the seconds in Retry-After',
};

export function errorResponses(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: STATUS_TEXT[s] ?? 'Error', $ref: '#/components/schemas/Error' }]),
  );
}
