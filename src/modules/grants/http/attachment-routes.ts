/**
 * Reading an application's attachments: the list of every version (API) and each version's bytes
 * (API, and the same on the web for the pages' links). One service decides for both (the applicant's
 * members, the secretariat, an assigned reviewer who declared no conflict on an open call); a
 * download is sent as stored, with the type its bytes were found to be at upload, never inline.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DOCUMENT_MEDIA_TYPES } from '../../../kernel/files/documents.ts';
import { ok } from '../../../kernel/http/openapi.ts';
import { signedIn } from '../../platform/index.ts';
import { attachmentDisposition } from '../domain/attachments.ts';
import type { AttachmentDownload } from '../services/attachment-service.ts';
import type { GrantsServices } from '../services/grants-services.ts';
import { toSignIn } from '../web/parts.ts';

type Version = { Params: { id: string; requirement: string; n: string } };
const tags = ['grants'];

const versionSchema = {
  type: 'object',
  properties: {
    version: { type: 'integer' },
    filename: { type: 'string' },
    size: { type: 'integer' },
    contentType: { type: 'string' },
    uploadedAt: { type: 'string' },
    revision: { type: ['integer', 'null'] },
    uploadedBy: { type: 'string' },
    sha256: { type: 'string' },
    download: { type: ['string', 'null'] },
  },
  required: ['version', 'size', 'contentType', 'uploadedAt', 'revision', 'download'],
};
const catalogueSchema = {
  type: 'object',
  properties: {
    applicationId: { type: 'string' },
    attachments: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          requirement: { type: 'string' },
          label: { type: 'string' },
          versions: { type: 'array', items: versionSchema },
        },
        required: ['requirement', 'label', 'versions'],
      },
    },
  },
  required: ['applicationId', 'attachments'],
};

function sendFile(reply: FastifyReply, d: AttachmentDownload) {
  return reply
    .header('content-type', d.contentType)
    .header('content-length', d.size)
    .header('content-disposition', attachmentDisposition(d.filename))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .send(d.stream);
}

export function attachmentRoutes(app: FastifyInstance, s: GrantsServices): void {
  const { attachments } = s.grants;
  app.get<{ Params: { id: string } }>(
    '/api/v1/grants/applications/:id/attachments',
    {
      schema: {
        tags,
        summary:
          'Every version of each required attachment (the applicant, the secretariat, a declared reviewer of an ' +
          'open call)',
        response: ok(catalogueSchema, 200),
      },
    },
    async (req) => attachments.catalogue(req.params.id, signedIn(req)),
  );
  app.get<Version>(
    '/api/v1/grants/applications/:id/attachments/:requirement/versions/:n',
    {
      schema: {
        tags,
        summary: "One version of an attachment, as uploaded (never to a blind call's reviewers: 403)",
        response: {
          200: {
            description: 'The file, with the media type its bytes are',
            content: Object.fromEntries(
              DOCUMENT_MEDIA_TYPES.map((m) => [m, { schema: { type: 'string', format: 'binary' } }]),
            ),
          },
        },
      },
    },
    async (req, reply) =>
      sendFile(reply, await attachments.open(req.params.id, req.params.requirement, req.params.n, signedIn(req))),
  );
}

/** The web pages' download links: the same service and rules, the public sent to sign in. */
export function attachmentPages(app: FastifyInstance, s: GrantsServices): void {
  app.get<Version>('/grants/applications/:id/attachments/:requirement/versions/:n', async (req, reply) => {
    if (toSignIn(req, reply)) return reply;
    const { id, requirement, n } = req.params;
    return sendFile(reply, await s.grants.attachments.open(id, requirement, n, req.actor));
  });
}
