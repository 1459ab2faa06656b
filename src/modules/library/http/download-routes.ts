/**
 * The stable download URL of a file, /library/{id}/files/{language}/{filename}: the current file of
 * that language and name (a corrected upload keeps the URL), or an earlier one with ?sha256=.
 * Each response goes through the COUNTER rules once it is over (services/download-counter.ts):
 * a 304 (If-None-Match on the file's hash) and a 206 (a Range request) are answered but never
 * counted; an error or a broken-off transfer is never counted either.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import contentDisposition from 'content-disposition';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { single } from '../../../kernel/http/query-params.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { secureCookie, type AuthConfig } from '../../platform/index.ts';
import type { LibraryServices } from '../services/library-services.ts';
import { DOWNLOAD_COOKIE, SESSION_SECONDS } from '../services/download-counter.ts';

/** Gives the request a download session: the cookie it brought, or a new one (set on the reply). */
export async function downloadSession(
  req: FastifyRequest,
  reply: FastifyReply,
  library: LibraryServices,
  auth: AuthConfig,
): Promise<string | null> {
  const s = await library.downloads.session(req.cookies?.[DOWNLOAD_COOKIE], req.actor, req.ip);
  if (s.issue)
    reply.setCookie(DOWNLOAD_COOKIE, s.issue, {
      path: '/library',
      httpOnly: true,
      sameSite: 'lax',
      secure: secureCookie(req, auth),
      maxAge: SESSION_SECONDS,
    });
  return s.key;
}

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export function downloadRoutes(app: FastifyInstance, deps: { library: LibraryServices; auth: AuthConfig }): void {
  const query = z.strictObject({
    sha256: single(
      z
        .string()
        .regex(/^[0-9a-f]{64}$/, 'a SHA-256 in lower-case hex')
        .optional(),
    ),
  });
  app.get<{ Params: { id: string; language: string; filename: string } }>(
    '/library/:id/files/:language/:filename',
    { schema: { tags: ['library'], summary: 'Download a file (counted COUNTER-style)' } },
    async (req, reply) => {
      const { sha256 } = parseOrThrow(query, req.query, 'parameters');
      const { id, language, filename } = req.params;
      const file = await deps.library.files.find(id, language, filename, sha256, req.actor);
      const session = await downloadSession(req, reply, deps.library, deps.auth);
      const etag = `"${file.sha256}"`;
      const inline = file.mediaType === 'application/pdf' || file.mediaType === 'text/plain';
      reply
        .header('etag', etag)
        .header('cache-control', 'private, max-age=0, must-revalidate')
        .header('accept-ranges', 'bytes')
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:")
        .header('content-disposition', contentDisposition(file.filename, { type: inline ? 'inline' : 'attachment' }));
      const inm = req.headers['if-none-match'];
      if (inm && inm.split(',').some((t) => t.trim() === etag || t.trim() === '*')) return reply.status(304).send();
      const stream = await deps.library.files.open(file); // 503 when the file is missing: not counted
      const type = file.mediaType.startsWith('text/') ? `${file.mediaType}; charset=utf-8` : file.mediaType;
      const range = req.headers.range;
      const m = range ? /^bytes=(\d*)-(\d*)$/.exec(range) : null;
      if (m && (m[1] || m[2])) {
        const all = await bytesOf(stream);
        const start = m[1] ? Number(m[1]) : Math.max(0, all.length - Number(m[2]));
        const end = m[1] && m[2] ? Math.min(Number(m[2]), all.length - 1) : all.length - 1;
        if (start >= all.length || start > end)
          return reply.status(416).header('content-range', `bytes */${all.length}`).send();
        return reply
          .status(206)
          .header('content-type', type)
          .header('content-range', `bytes ${start}-${end}/${all.length}`)
          .send(all.subarray(start, end + 1));
      }
      // Counted once the whole body has gone out with a 200; never for errors or broken transfers.
      const userAgent = req.headers['user-agent'];
      // 'finish' comes only once every byte has been handed on; a broken transfer ends without it.
      reply.raw.once('finish', () => {
        const full = reply.raw.statusCode === 200;
        deps.library.downloads.track(
          deps.library.downloads.record({
            resourceId: id,
            language: file.language,
            sha256: file.sha256,
            session,
            userAgent,
            full,
          }),
        );
      });
      return reply.header('content-type', type).header('content-length', file.size).send(stream);
    },
  );
}
