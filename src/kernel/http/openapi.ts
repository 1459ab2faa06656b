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
    sessionCookie: {
      type: 'apiKey',
      in: 'cookie',
      name: 'palermo_session',
      description: 'The session of a person signed in on the web pages; it counts for API reads only',
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

type Schema = Record<string, unknown>;

/** A success response for a route's `response`: `{ [status]: { description, ...schema } }`. */
export function ok(schema: Schema, status = 200, description = 'OK'): Record<number, Schema> {
  return { [status]: { description, ...schema } };
}

/** A response without a body (204). */
export const noContent = (description = 'Done; no content'): Record<number, Schema> => ({
  204: { description, type: 'null' },
});

/** `{ items: [...] }`, with more properties when given. */
export function itemsOf(item: Schema, more: Record<string, Schema> = {}): Schema {
  return {
    type: 'object',
    properties: { items: { type: 'array', items: item }, ...more },
    required: ['items', ...Object.keys(more)],
  };
}

export const RECORD_STATUSES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
export const DATE_TIME = { type: 'string', format: 'date-time' } as const;

/** A register's record as the API shows it: its content (a zod output schema) with status, version and times. */
export function storedRecordOf(content: Schema): Schema {
  const props = (content.properties ?? {}) as Record<string, Schema>;
  return {
    ...content,
    properties: {
      ...props,
      status: { type: 'string', enum: [...RECORD_STATUSES] },
      version: { type: 'integer', minimum: 1 },
      createdAt: DATE_TIME,
      updatedAt: DATE_TIME,
    },
    required: [...((content.required as string[] | undefined) ?? []), 'status', 'version', 'createdAt', 'updatedAt'],
  };
}

/** A version in a register's history (platform record_versions). */
export const VERSION_SUMMARY: Schema = {
  type: 'object',
  properties: {
    version: { type: 'integer', minimum: 1 },
    status: { type: 'string', enum: [...RECORD_STATUSES] },
  },
  required: ['version'],
};

/** A response that is not JSON: a CSV, XML or file body of the given media types. */
export function okBody(mediaTypes: string[], description = 'OK'): Schema {
  return {
    200: {
      description,
      content: Object.fromEntries(mediaTypes.map((m) => [m, { schema: { type: 'string' } }])),
    },
  };
}
