/** POST /api/v1/imports: an editor sends a JSON Lines body; it is imported as one batch, all or nothing. */
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../kernel/errors.ts';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { readLines } from '../../../kernel/io/line-reader.ts';
import { LINE_FORMATS, type JsonlTransfer } from '../services/jsonl-transfer.ts';
import type { CaseService } from '../services/case-service.ts';
import { signedIn } from '../../platform/index.ts';
import { errorResponses, ok, ref } from './openapi.ts';
import { single } from './query-params.ts';

export function importRoutes(app: FastifyInstance, deps: { jsonl: JsonlTransfer; cases: CaseService }): void {
  // The body streams through the line reader (no whole-body buffering, no body-size limit; each
  // line is limited instead).
  app.addContentTypeParser('application/x-ndjson', (_req, payload, done) => done(null, payload));
  const schema = z.strictObject({
    format: single(
      z.enum(LINE_FORMATS, { error: `format must be one of: ${LINE_FORMATS.join(', ')}` }).default('jsonl'),
    ),
    dry_run: single(z.enum(['true', 'false']).default('false')),
  });

  app.post(
    '/api/v1/imports',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Import cases from a JSON Lines body (Content-Type: application/x-ndjson), one batch, all or nothing; ' +
          'the answer is the import report',
        security: [{ bearerAuth: [] }],
        consumes: ['application/x-ndjson'],
        querystring: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
        body: {
          content: {
            'application/x-ndjson': {
              schema: { type: 'string', description: 'JSON Lines: one case (or one row of the format) per line' },
            },
          },
        },
        response: {
          ...ok(ref('ImportReport'), 201, 'Imported: the report'),
          ...ok(ref('ImportReport'), 200, 'dry_run=true: what the import would do'),
          ...errorResponses(400, 401, 403, 409, 415),
        },
      },
    },
    async (req, reply) => {
      const actor = signedIn(req);
      const q = parseOrThrow(schema, req.query, 'import parameters');
      // Only the JSON Lines parser hands on a stream: no body, a JSON body or a text body is refused here.
      const body = req.body as AsyncIterable<Buffer> | null | undefined;
      if (typeof body?.[Symbol.asyncIterator] !== 'function') {
        throw new AppError(
          'UNSUPPORTED_MEDIA_TYPE',
          'send the cases as JSON Lines (Content-Type: application/x-ndjson)',
          [
            {
              path: 'content-type',
              message: `expected application/x-ndjson, got ${req.headers['content-type'] ?? 'none'}`,
            },
          ],
        );
      }
      const result = await deps.jsonl.import(readLines(body), {
        format: q.format,
        dryRun: q.dry_run === 'true',
        actor,
      });
      return reply.status(q.dry_run === 'true' ? 200 : 201).send(result);
    },
  );

  app.delete<{ Params: { batch: string } }>(
    '/api/v1/imports/:batch',
    {
      schema: {
        tags: ['cases'],
        summary: 'Undo an import batch: delete what it created, restore what it changed',
        security: [{ bearerAuth: [] }],
        response: {
          ...ok({
            type: 'object',
            properties: {
              batch: { type: 'string' },
              deleted: { type: 'integer', minimum: 0 },
              restored: { type: 'integer', minimum: 0 },
            },
            required: ['batch', 'deleted', 'restored'],
          }),
          ...errorResponses(401, 403, 404, 409),
        },
      },
    },
    async (req) => deps.cases.undoBatch(req.params.batch, signedIn(req)),
  );
}
