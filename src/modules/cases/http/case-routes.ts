/** /api/v1/cases: list, read, create, patch, delete. Handlers translate HTTP to service calls only. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { CaseService } from '../services/case-service.ts';
import { signedIn } from '../../platform/index.ts';
import { listQuerySchema, single } from './query-params.ts';
import { caseIdParam, errorResponses, ref } from './openapi.ts';
import { TAG_KINDS } from '../domain/taxonomy.ts';

export interface CaseRouteDeps {
  cases: CaseService;
  maxPageSize: number;
}

export function caseRoutes(app: FastifyInstance, deps: CaseRouteDeps): void {
  const querySchema = listQuerySchema(deps.maxPageSize);
  const security = [{ bearerAuth: [] }];
  const createQuery = z.strictObject({ acknowledge_warnings: single(z.enum(['true', 'false'])).optional() });

  app.get(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'List cases (published only, unless the token or session may read unpublished cases), newest decision first',
        querystring: z.toJSONSchema(querySchema, { io: 'input', unrepresentable: 'any' }),
        response: { 200: ref('CasePage'), ...errorResponses(400, 403) },
      },
    },
    async (req) => {
      const q = parseOrThrow(querySchema, req.query, 'query');
      const actor = req.actor;
      const tags = Object.fromEntries(TAG_KINDS.filter((k) => q[k]?.length).map((k) => [k, q[k]!]));
      const page = await deps.cases.list(
        {
          jurisdictions: q.jurisdiction,
          yearFrom: q.year_from,
          yearTo: q.year_to,
          statuses: q.status,
          tags,
          sort: q.sort,
          limit: q.limit,
          cursor: q.cursor,
        },
        actor,
      );
      const next = page.nextCursor ? nextLink(req.url, page.nextCursor) : null;
      return { items: page.items, nextCursor: page.nextCursor, next, limit: q.limit };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case',
        params: caseIdParam,
        response: { 200: ref('Case'), ...errorResponses(404) },
      },
    },
    async (req) => deps.cases.get(req.params.id, req.actor),
  );

  app.post(
    '/api/v1/cases',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Create a case (contributors: as draft or in_review; publishing directly needs publish rights and passes ' +
          'the pseudonymisation check unless acknowledge_warnings=true)',
        security,
        body: ref('CaseInput'),
        querystring: z.toJSONSchema(createQuery, { io: 'input', unrepresentable: 'any' }),
        response: { 201: ref('Case'), ...errorResponses(400, 401, 403, 409, 413, 415) },
      },
    },
    async (req, reply) => {
      const q = parseOrThrow(createQuery, req.query, 'query');
      const rec = await deps.cases.create(req.body, signedIn(req), {
        acknowledgeWarnings: q.acknowledge_warnings === 'true',
      });
      return reply
        .status(201)
        .header('location', `/api/v1/cases/${encodeURIComponent(rec.id)}`)
        .send(rec);
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary:
          'Change some fields of a case (arrays and objects are replaced whole); send `version` to guard against ' +
          'lost updates. Status changes go through /transitions. An edit of a published case passes the ' +
          'pseudonymisation check unless acknowledge_warnings=true',
        security,
        params: caseIdParam,
        body: ref('CasePatch'),
        querystring: z.toJSONSchema(createQuery, { io: 'input', unrepresentable: 'any' }),
        response: { 200: ref('Case'), ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
      },
    },
    async (req) => {
      const q = parseOrThrow(createQuery, req.query, 'query');
      return deps.cases.patch(req.params.id, req.body, signedIn(req), undefined, {
        acknowledgeWarnings: q.acknowledge_warnings === 'true',
      });
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/v1/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'Delete a case',
        security,
        params: caseIdParam,
        response: { 204: { type: 'null', description: 'Deleted' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deps.cases.delete(req.params.id, signedIn(req));
      return reply.status(204).send();
    },
  );
}

function nextLink(url: string, cursor: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('cursor', cursor);
  return `${u.pathname}?${u.searchParams.toString()}`;
}
