/** GET /api/v1/export: the published cases (all, or a search's results) as a stream. */
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { parseQuery } from '../search/query-parser.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, type ExportService } from '../services/export-service.ts';
import { searchQuerySchema, selectionOf } from './search-routes.ts';

const FILE_EXTENSIONS = { jsonl: 'jsonl', csv: 'csv', jsonld: 'jsonld.jsonl' } as const;
import { errorResponses, okBody } from './openapi.ts';

export function exportRoutes(
  app: FastifyInstance,
  deps: { exports: ExportService; publicUrl: string | undefined },
): void {
  const schema = searchQuerySchema(1)
    .omit({ sort: true, limit: true, cursor: true, facets: true })
    .extend({
      format: z.preprocess(
        (v) => (Array.isArray(v) ? v[v.length - 1] : v),
        z.enum(EXPORT_FORMATS, { error: `format must be one of: ${EXPORT_FORMATS.join(', ')}` }).default('jsonl'),
      ),
    });

  app.get(
    '/api/v1/export',
    {
      schema: {
        tags: ['export'],
        summary:
          'Every published case, or those matching a search (same q and filters as /search), as JSON Lines ' +
          '(lossless, the API shape), CSV (flattened; columns in docs/export-formats.md) or schema.org JSON-LD ' +
          '(one document a line). Streamed; no size limit.',
        querystring: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
        response: {
          ...okBody(
            [...new Set(Object.values(CONTENT_TYPES).map((c) => c.split(';')[0]!))],
            'The cases, one a line (or CSV rows)',
          ),
          ...errorResponses(400),
        },
      },
    },
    async (req, reply) => {
      const p = parseOrThrow(schema, req.query, 'export parameters');
      const { q, format, ...filters } = p;
      parseQuery(q ?? ''); // a malformed query is a 400 before the stream starts
      const selection = selectionOf(filters);
      const searching = q !== undefined || Object.keys(selection).length > 0;
      const base = deps.publicUrl?.replace(/\/$/, '') ?? `${req.protocol}://${req.headers.host ?? 'localhost'}`;
      const stream = Readable.from(
        deps.exports.lines(format, searching ? { search: { q, selection } } : { statuses: ['published'] }, base),
      );
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .type(CONTENT_TYPES[format])
        .header('content-disposition', `attachment; filename="palermo-cases-${stamp}.${FILE_EXTENSIONS[format]}"`)
        .send(stream);
    },
  );
}
