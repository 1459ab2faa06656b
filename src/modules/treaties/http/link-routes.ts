/** Predecessor/successor links of a participant: read (JSON or CSV, public), written and removed by curators. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import { errorResponses } from '../../../kernel/http/openapi.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { LINK_RELATIONS } from '../domain/link-file.ts';
import { participantName, resolveLinkParticipant } from '../domain/participants.ts';
import type { TreatyServices } from '../services/services.ts';
import { linkRows, sendCsv } from './csv.ts';
import { ref } from './openapi.ts';

const linkBody = z.object({
  relation: z.enum(LINK_RELATIONS),
  other: z.string().min(1).max(200),
  date: z.string().nullable().optional(),
  source: z.string().min(1).max(2000),
  note: z.string().max(2000).nullable().optional(),
});
const codeParam = {
  type: 'object',
  properties: { code: { type: 'string', examples: ['MNE'] } },
  required: ['code'],
};

/** The participant a path names (a code or a name), or a 404. */
function participantOf(raw: string): string {
  let name = raw;
  try {
    name = decodeURIComponent(raw); // a name sent encoded twice
  } catch {
    // a literal % (the router decoded the path already): the name as it is
  }
  const code = resolveLinkParticipant(name);
  if (!code) throw new AppError('NOT_FOUND', `participant '${raw}' is not known`, { code: raw });
  return code;
}

export function linkRoutes(app: FastifyInstance, s: TreatyServices): void {
  app.get<{ Params: { code: string }; Querystring: { format?: string } }>(
    '/api/v1/treaty-participants/:code/links',
    {
      schema: {
        tags: ['treaties'],
        summary: "A participant's predecessor and successor States, with dates and sources; JSON or CSV (format=csv)",
        params: codeParam,
        querystring: {
          type: 'object',
          properties: { format: { type: 'string', enum: ['json', 'csv'] } },
        },
        response: { 200: ref('TreatyParticipantLinks'), ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      const { format } = parseOrThrow(
        z.object({ format: z.enum(['json', 'csv']).default('json') }),
        req.query,
        'query',
      );
      const code = participantOf(req.params.code);
      const links = await s.treatyLinks.of(code);
      if (format === 'csv') return sendCsv(reply, `${code}-links`, linkRows(code, links));
      return { code, name: participantName(code), ...links };
    },
  );

  app.post<{ Params: { code: string } }>(
    '/api/v1/treaty-participants/:code/links',
    {
      schema: {
        tags: ['treaties'],
        summary: 'A curator records (or replaces) a predecessor or successor link of a participant (editors)',
        description: 'Kept over later imports, which report a differing link as a conflict. Versioned and audited.',
        params: codeParam,
        body: z.toJSONSchema(linkBody, { io: 'input' }),
        security: [{ bearerAuth: [] }],
        response: { 201: { type: 'object' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const body = parseOrThrow(linkBody, req.body, 'body');
      const code = participantOf(req.params.code);
      const row = await s.treatyLinks.write(code, body, req.actor);
      return reply.status(201).send(row);
    },
  );

  app.delete<{ Params: { code: string; other: string } }>(
    '/api/v1/treaty-participants/:code/links/:other',
    {
      schema: {
        tags: ['treaties'],
        summary: 'A curator removes the link between two participants (editors; versioned and audited)',
        params: {
          type: 'object',
          properties: { code: { type: 'string' }, other: { type: 'string' } },
          required: ['code', 'other'],
        },
        security: [{ bearerAuth: [] }],
        response: { 200: { type: 'object' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const code = participantOf(req.params.code);
      const other = participantOf(req.params.other);
      return s.treatyLinks.remove(code, other, req.actor);
    },
  );
}
