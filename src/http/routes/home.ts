/** A minimal landing page until the public web interface lands: what this is and where the API is. */
import type { FastifyInstance } from 'fastify';
import type { CaseStore } from '../../store/case-store.ts';

export function homeRoutes(app: FastifyInstance, deps: { store: CaseStore }): void {
  app.get('/', { schema: { hide: true } }, async (_req, reply) => {
    const n = await deps.store.cases.count(['published']);
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Palermo: trafficking in persons case law</title></head><body>
<main><h1>Palermo</h1><p>Case law of the UN Trafficking in Persons Protocol: ${n} published cases.</p>
<ul><li><a href="/api/v1/cases">Cases (JSON)</a></li><li><a href="/api/v1/docs">API documentation</a></li>
<li><a href="/api/v1/openapi.json">OpenAPI document</a></li></ul>
<p>Counts reflect the cases documented here; they are not representative of trafficking in any country.</p></main></body></html>`;
  });
}
