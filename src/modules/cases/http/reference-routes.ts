/** Reference data: the taxonomy, countries and regions, and the health check. */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_LOCALE } from '../../../kernel/i18n/i18n.ts';
import { translatedTaxonomy } from '../i18n/labels.ts';
import { COUNTRIES, REGIONS } from '../../../kernel/geo/countries.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { SearchEngine } from '../search/search-engine.ts';

export function referenceRoutes(
  app: FastifyInstance,
  deps: { store: CaseStore; engine: Pick<SearchEngine, 'ready'> },
): void {
  // Codes with their English labels from the catalog (the API's documented shape).
  const taxonomy = translatedTaxonomy(app.i18n.translator(DEFAULT_LOCALE));
  app.get(
    '/api/v1/taxonomy',
    {
      schema: { tags: ['reference'], summary: 'Every controlled vocabulary: stable codes with English labels' },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return taxonomy;
    },
  );

  app.get(
    '/api/v1/countries',
    {
      schema: {
        tags: ['reference'],
        summary:
          'Jurisdictions: ISO 3166-1 alpha-3 codes with UN names, aliases and UN M49 regions; XIR is International ' +
          'and Regional Bodies',
      },
    },
    async (_req, reply) => {
      reply.header('cache-control', 'public, max-age=3600');
      return { items: COUNTRIES, regions: REGIONS };
    },
  );

  app.get('/healthz', { schema: { tags: ['meta'], summary: 'Liveness and database check' } }, async (req, reply) => {
    try {
      const cases = await deps.store.cases.count(['published']);
      // The search index may still be loading after a restart without a snapshot (503 from search meanwhile).
      return {
        status: 'ok',
        database: deps.store.dialect,
        publishedCases: cases,
        search: deps.engine.ready() ? 'ready' : 'loading',
      };
    } catch (err) {
      req.log.error({ err }, 'health check failed');
      return reply.status(503).send({ status: 'unavailable', database: deps.store.dialect });
    }
  });
}
