/**
 * Judgment documents of a case: upload (editors; the body is the file itself), list, download,
 * remove. Downloads are served with the stored media type, `nosniff` and a sandboxing CSP, so an
 * uploaded HTML file can never run script on this site.
 */
import type { FastifyInstance } from 'fastify';
import contentDisposition from 'content-disposition';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import { DOCUMENT_MEDIA_TYPES } from '../../../kernel/files/documents.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { DocumentService } from '../services/document-service.ts';
import { signedIn } from '../../platform/index.ts';
import { errorResponses } from './openapi.ts';
import { single } from './query-params.ts';

export interface DocumentRouteDeps {
  documents: DocumentService;
}

const documentSchema = {
  type: 'object',
  properties: {
    sha256: { type: 'string', description: 'SHA-256 of the file: the document id' },
    filename: { type: 'string' },
    mediaType: { type: 'string', enum: DOCUMENT_MEDIA_TYPES },
    size: { type: 'integer' },
    pages: { type: ['integer', 'null'] },
    textLength: {
      type: 'integer',
      description: 'characters of text extracted into the search index (0: no text layer)',
    },
    addedAt: { type: 'string', format: 'date-time' },
    url: { type: 'string' },
  },
  required: ['sha256', 'filename', 'mediaType', 'size', 'pages', 'textLength', 'addedAt', 'url'],
};

const caseParams = {
  type: 'object',
  properties: { id: { type: 'string' } },
  required: ['id'],
};
const documentParams = {
  type: 'object',
  properties: { id: { type: 'string' }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
  required: ['id', 'sha256'],
};
const fileBody = { type: 'string', format: 'binary' };

/** Where the file name comes from: `?filename=`, else the Content-Disposition header. */
function filenameOf(query: { filename?: string }, header: string | undefined): string {
  if (query.filename) return query.filename;
  if (header) {
    try {
      const name = contentDisposition.parse(header).parameters.filename;
      if (name) return name;
    } catch {
      throw new AppError('BAD_REQUEST', `the Content-Disposition header cannot be read: ${header}`, [
        { path: 'content-disposition', message: 'malformed' },
      ]);
    }
  }
  throw new AppError('VALIDATION_FAILED', 'name the file: add ?filename=judgment.pdf or a Content-Disposition header', [
    { path: 'filename', message: 'missing' },
  ]);
}

export async function documentRoutes(app: FastifyInstance, deps: DocumentRouteDeps): Promise<void> {
  // Scoped to this plugin: only the upload route reads raw file bodies, up to the document limit.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      [...DOCUMENT_MEDIA_TYPES, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: deps.documents.maxBytes },
      (_req, body, done) => done(null, body),
    );
    const query = z.strictObject({ filename: single(z.string().min(1).max(255)).optional() });
    const url = (caseId: string, sha: string) => `/api/v1/cases/${encodeURIComponent(caseId)}/documents/${sha}`;
    const present = (caseId: string, d: object & { sha256: string }) => ({ ...d, url: url(caseId, d.sha256) });

    scope.post<{ Params: { id: string } }>(
      '/api/v1/cases/:id/documents',
      {
        bodyLimit: deps.documents.maxBytes,
        schema: {
          tags: ['documents'],
          summary:
            `Attach a judgment document (PDF, DOCX, HTML or plain text; the body is the file, Content-Type ` +
            `one of ${DOCUMENT_MEDIA_TYPES.join(', ')} or application/octet-stream). Its text is extracted into the ` +
            `search index.`,
          security: [{ bearerAuth: [] }],
          params: caseParams,
          querystring: z.toJSONSchema(query, { io: 'input', unrepresentable: 'any' }),
          body: {
            content: Object.fromEntries(
              [...DOCUMENT_MEDIA_TYPES, 'application/octet-stream'].map((m) => [m, { schema: fileBody }]),
            ),
          },
          response: { 201: documentSchema, 200: documentSchema, ...errorResponses(400, 401, 403, 404, 413, 415) },
        },
      },
      async (req, reply) => {
        const actor = signedIn(req);
        const q = parseOrThrow(query, req.query, 'query');
        if (!Buffer.isBuffer(req.body)) {
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            `send the file as the request body with Content-Type one of: ${DOCUMENT_MEDIA_TYPES.join(', ')}`,
            [{ path: 'content-type', message: 'missing or not accepted', allowed: DOCUMENT_MEDIA_TYPES }],
          );
        }
        const filename = filenameOf(q, req.headers['content-disposition']);
        const r = await deps.documents.attach(
          { caseId: req.params.id, filename, declaredType: req.headers['content-type'], bytes: req.body },
          actor,
        );
        return reply
          .status(r.created ? 201 : 200)
          .header('location', url(req.params.id, r.document.sha256))
          .send(present(req.params.id, r.document));
      },
    );

    scope.get<{ Params: { id: string } }>(
      '/api/v1/cases/:id/documents',
      {
        schema: {
          tags: ['documents'],
          summary: 'The documents attached to a case',
          params: caseParams,
          response: {
            200: {
              type: 'object',
              properties: { items: { type: 'array', items: documentSchema } },
              required: ['items'],
            },
            ...errorResponses(404),
          },
        },
      },
      async (req) => ({
        items: (await deps.documents.list(req.params.id, req.actor)).map((d) => present(req.params.id, d)),
      }),
    );

    scope.get<{ Params: { id: string; sha256: string } }>(
      '/api/v1/cases/:id/documents/:sha256',
      {
        schema: {
          tags: ['documents'],
          summary: 'Download a document, with its media type',
          params: documentParams,
          response: {
            200: {
              description: 'The file',
              content: Object.fromEntries(DOCUMENT_MEDIA_TYPES.map((m) => [m, { schema: fileBody }])),
            },
            ...errorResponses(404, 503),
          },
        },
      },
      async (req, reply) => {
        const { document, stream } = await deps.documents.open(req.params.id, req.params.sha256, req.actor);
        const inline = document.mediaType === 'application/pdf' || document.mediaType === 'text/plain';
        const type = document.mediaType.startsWith('text/')
          ? `${document.mediaType}; charset=utf-8`
          : document.mediaType;
        return reply
          .header('content-type', type)
          .header('content-length', document.size)
          .header(
            'content-disposition',
            contentDisposition(document.filename, { type: inline ? 'inline' : 'attachment' }),
          )
          .header('etag', `"${document.sha256}"`)
          .header('cache-control', 'private, max-age=0, must-revalidate')
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
          .send(stream);
      },
    );

    scope.delete<{ Params: { id: string; sha256: string } }>(
      '/api/v1/cases/:id/documents/:sha256',
      {
        schema: {
          tags: ['documents'],
          summary: 'Remove a document from a case (the file is deleted once no case holds it)',
          security: [{ bearerAuth: [] }],
          params: documentParams,
          response: { 204: { description: 'Removed', type: 'null' }, ...errorResponses(401, 403, 404) },
        },
      },
      async (req, reply) => {
        await deps.documents.remove(req.params.id, req.params.sha256, signedIn(req));
        return reply.status(204).send();
      },
    );
  });
}
