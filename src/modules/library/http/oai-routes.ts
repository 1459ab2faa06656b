/**
 * /oai: the OAI-PMH 2.0 data provider, always text/xml and 200. The specification asks for both GET
 * and POST (application/x-www-form-urlencoded); both hand the raw argument pairs to the provider, so
 * repeated arguments are seen (and answered with badArgument) rather than merged by a parser.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { OaiProvider } from '../oai/oai-provider.ts';

const SCHEMA = {
  tags: ['library'],
  summary: 'OAI-PMH 2.0 data provider (oai_dc; sets by type and topic)',
  response: { 200: { description: 'An OAI-PMH response', content: { 'text/xml': { schema: { type: 'string' } } } } },
};

export async function oaiRoutes(app: FastifyInstance, oai: OaiProvider): Promise<void> {
  const answer = async (reply: FastifyReply, query: string) =>
    reply
      .header('content-type', 'text/xml; charset=utf-8')
      .send(await oai.respond([...new URLSearchParams(query).entries()]));
  app.get('/oai', { schema: SCHEMA }, async (req, reply) =>
    answer(reply, req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : ''),
  );
  await app.register(async (sub) => {
    // The form body kept as text here only (the editor's forms elsewhere keep their parser).
    sub.removeContentTypeParser('application/x-www-form-urlencoded');
    sub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
      done(null, body),
    );
    sub.post('/oai', { schema: SCHEMA }, async (req, reply) =>
      answer(reply, typeof req.body === 'string' ? req.body : ''),
    );
  });
}
