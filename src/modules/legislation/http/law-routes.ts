/** /api/v1/laws: laws, their provisions (as in force on a date), amendments, workflow, CSV and AKN. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { errorResponses, ok, itemsOf, okBody } from '../../../kernel/http/openapi.ts';
import { signedIn } from '../../platform/index.ts';
import type { LawService } from '../services/law-service.ts';
import { provisionsCsv } from './csv.ts';
import { lref } from './openapi.ts';
import { today } from '../store/law-repo.ts';
import { lawToAkn } from '../akn/akn-export.ts';

const one = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), s) as unknown as T;
const at = one(z.iso.date({ error: 'at must be a date YYYY-MM-DD' }).optional());
const format = one(z.enum(['json', 'csv'], { error: "format must be 'json' or 'csv'" }).default('json'));
const listQuery = z.strictObject({
  country: one(
    z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'country must be an ISO 3166-1 alpha-3 code')
      .optional(),
  ),
});
const provisionsQuery = z.strictObject({ at, format, all: one(z.enum(['true', 'false']).default('false')) });
const transitionBody = z.strictObject({ to: z.enum(['draft', 'in_review', 'published', 'withdrawn']) });
const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
const security = [{ bearerAuth: [] }];
const doc = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });

export function lawRoutes(app: FastifyInstance, laws: LawService): void {
  app.get(
    '/api/v1/laws',
    {
      schema: {
        tags: ['legislation'],
        summary: 'List laws (published only for the public)',
        querystring: doc(listQuery),
        response: { ...ok(itemsOf(lref('Law'))), ...errorResponses(400) },
      },
    },
    async (req) => {
      const q = parseOrThrow(listQuery, req.query, 'query');
      return { items: await laws.list(req.actor, { country: q.country?.toUpperCase() }) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/laws/:id',
    {
      schema: {
        tags: ['legislation'],
        summary: 'One law with its provisions in force today (or on ?at=YYYY-MM-DD)',
        params: idParams,
        response: { 200: lref('Law'), ...errorResponses(404) },
      },
    },
    async (req) => {
      const q = parseOrThrow(z.strictObject({ at }), req.query, 'query');
      const law = await laws.get(req.params.id, req.actor);
      const provisions = await laws.provisions(req.params.id, req.actor, { at: q.at });
      return { ...law, at: q.at ?? today(), provisions };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/laws/:id/provisions',
    {
      schema: {
        tags: ['legislation'],
        summary: 'The provisions of a law in force on a date, or every wording (all=true); JSON or CSV',
        params: idParams,
        querystring: doc(provisionsQuery),
        response: {
          ...{
            200: {
              description: 'The provisions (JSON, or CSV with format=csv)',
              content: {
                'application/json': { schema: itemsOf(lref('Provision')) },
                'text/csv': { schema: { type: 'string' } },
              },
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (req, reply) => {
      const q = parseOrThrow(provisionsQuery, req.query, 'query');
      const items = await laws.provisions(req.params.id, req.actor, { at: q.at, all: q.all === 'true' });
      if (q.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${req.params.id}-provisions.csv"`)
          .send(provisionsCsv(items));
      return { items };
    },
  );

  app.get<{ Params: { id: string; eid: string } }>(
    '/api/v1/laws/:id/provisions/:eid',
    {
      schema: {
        tags: ['legislation'],
        summary: 'One provision as in force on ?at=YYYY-MM-DD (today by default)',
        params: {
          type: 'object',
          properties: { id: { type: 'string' }, eid: { type: 'string', description: 'Akoma Ntoso eId' } },
          required: ['id', 'eid'],
        },
        querystring: doc(z.strictObject({ at })),
        response: { 200: lref('Provision'), ...errorResponses(400, 404) },
      },
    },
    async (req) => {
      const q = parseOrThrow(z.strictObject({ at }), req.query, 'query');
      return laws.provision(req.params.id, req.params.eid, req.actor, q.at);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/laws/:id/akn',
    {
      schema: {
        tags: ['legislation'],
        summary: 'The law as Akoma Ntoso 3.0 XML (its provisions in force today, or on ?at=)',
        params: idParams,
        response: { ...okBody(['application/akn+xml'], 'Akoma Ntoso 3.0 XML'), ...errorResponses(404) },
      },
    },
    async (req, reply) => {
      const q = parseOrThrow(z.strictObject({ at }), req.query, 'query');
      const law = await laws.get(req.params.id, req.actor);
      const provisions = await laws.provisions(req.params.id, req.actor, { at: q.at });
      return reply.type('application/akn+xml; charset=utf-8').send(lawToAkn(law, provisions, q.at ?? today()));
    },
  );

  app.post(
    '/api/v1/laws',
    {
      schema: {
        tags: ['legislation'],
        summary: 'Create a law with its provisions (editors)',
        security,
        body: lref('LawInput'),
        response: { 201: lref('Law'), ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const law = await laws.create(req.body, signedIn(req));
      return reply.status(201).header('location', `/api/v1/laws/${law.id}`).send(law);
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/laws/:id/amendments',
    {
      schema: {
        tags: ['legislation'],
        summary: 'Record an amendment: new wordings from its date, repealed provisions (editors)',
        security,
        params: idParams,
        body: lref('AmendmentInput'),
        response: { 200: lref('Law'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => laws.amend(req.params.id, req.body, signedIn(req)),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/laws/:id/transitions',
    {
      schema: {
        tags: ['legislation'],
        summary: 'Move a law through the workflow: { "to": "in_review" | "published" | "withdrawn" | "draft" }',
        security,
        params: idParams,
        body: doc(transitionBody),
        response: { 200: lref('Law'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const b = parseOrThrow(transitionBody, req.body, 'transition');
      return laws.transition(req.params.id, b.to, signedIn(req));
    },
  );
}
