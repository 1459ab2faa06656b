/**
 * The OpenAPI 3.1 document is generated from the same zod schemas that validate requests, so the
 * documentation cannot drift from the behaviour. Route schemas are for documentation only; zod
 * validates in the handlers and services (one error format everywhere).
 */
import { baseComponents, errorResponses, jsonSchemaOf, DATE_TIME } from '../../../kernel/http/openapi.ts';
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
    ReviewComment: {
      type: 'object',
      properties: {
        id: { type: 'integer' },
        caseId: { type: 'string' },
        authorId: { type: ['string', 'null'] },
        authorLabel: { type: 'string' },
        body: { type: 'string' },
        transition: { type: ['string', 'null'], description: 'The move the comment came with, e.g. in_review->draft' },
        at: DATE_TIME,
      },
      required: ['id', 'caseId', 'authorLabel', 'body', 'at'],
    },
    CaseVersionSummary: {
      type: 'object',
      properties: {
        version: { type: 'integer', minimum: 1 },
        status: { type: 'string', enum: ['draft', 'in_review', 'published', 'withdrawn'] },
        action: { type: 'string' },
        changed: { type: 'array', items: { type: 'string' } },
        actorId: { type: ['string', 'null'] },
        actorLabel: { type: 'string' },
      },
      required: ['version', 'status', 'action'],
    },
    SearchResult: {
      type: 'object',
      description:
        'Hits (case summaries; with `kind`, each hit carries its kind), facet counts, spelling help, and ' +
        '`corrected` when the query could not be read as written',
      properties: {
        query: {
          type: 'object',
          properties: { q: { type: 'string' }, normalized: { type: ['string', 'null'] } },
          required: ['q', 'normalized'],
        },
        total: { type: 'integer', minimum: 0 },
        sort: { type: 'string', enum: ['relevance', 'date_desc', 'date_asc'] },
        hits: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              kind: { type: 'string' },
              title: { type: 'string' },
              jurisdiction: { type: 'string' },
              score: { type: 'number' },
              fuzzy: { type: 'boolean' },
            },
            required: ['id', 'score'],
          },
        },
        facets: {
          type: 'object',
          additionalProperties: {
            type: 'array',
            items: {
              type: 'object',
              properties: { value: { type: 'string' }, label: { type: 'string' }, count: { type: 'integer' } },
              required: ['value', 'label', 'count'],
            },
          },
        },
        didYouMean: { type: ['string', 'null'] },
        corrections: {
          type: 'array',
          items: {
            type: 'object',
            properties: { word: { type: 'string' }, alternatives: { type: 'array', items: { type: 'string' } } },
            required: ['word', 'alternatives'],
          },
        },
        relaxed: { type: 'boolean' },
        corrected: {
          description: 'Set when the query could not be read as written: what was searched for instead, and why',
          oneOf: [
            {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } },
              required: ['from', 'to', 'reason'],
            },
            { type: 'null' },
          ],
        },
        nextCursor: { type: ['string', 'null'] },
        next: { type: ['string', 'null'] },
        limit: { type: 'integer', minimum: 1 },
      },
      required: ['query', 'total', 'sort', 'hits', 'facets', 'corrected', 'nextCursor', 'limit'],
    },
    ImportReport: {
      type: 'object',
      description: 'What an import did (or, with dry_run=true, would do): counts, the batch id, warnings',
      properties: {
        batch: { type: 'string' },
        lines: { type: 'integer', minimum: 0 },
        created: { type: 'integer', minimum: 0 },
        updated: { type: 'integer', minimum: 0 },
        unchanged: { type: 'integer', minimum: 0 },
        dryRun: { type: 'boolean' },
        warnings: { type: 'integer', minimum: 0 },
        warningDetails: { type: 'array', items: { type: 'object' } },
        rejected: { type: 'integer', minimum: 0 },
      },
      required: ['batch', 'lines', 'created', 'updated', 'unchanged', 'dryRun', 'warnings', 'rejected'],
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
export { ok, okBody, itemsOf, noContent } from '../../../kernel/http/openapi.ts';
