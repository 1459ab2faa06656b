/** /oai: the OAI-PMH 2.0 data provider (GET and POST with form arguments), always text/xml and 200. */
import type { FastifyInstance } from 'fastify';
import type { OaiProvider } from '../oai/oai-provider.ts';

export function oaiRoutes(app: FastifyInstance, oai: OaiProvider): void {
  app.get(
    '/oai',
    { schema: { tags: ['library'], summary: 'OAI-PMH 2.0 data provider (oai_dc; sets by type and topic)' } },
    async (req, reply) => {
      const q = req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '';
      const pairs = [...new URLSearchParams(q).entries()];
      return reply.header('content-type', 'text/xml; charset=utf-8').send(await oai.respond(pairs));
    },
  );
}
