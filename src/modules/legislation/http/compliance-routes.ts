/** /api/v1/compliance: the checklist, a country's assessments (as at a date), proposals, writes, CSV. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { COUNTRY_CODES } from '../../../kernel/geo/countries.ts';
import { errorResponses, ok, itemsOf } from '../../../kernel/http/openapi.ts';
import { signedIn } from '../../platform/index.ts';
import type { ComplianceService } from '../services/compliance-service.ts';
import { assessmentsCsv } from './csv.ts';
import { lref } from './openapi.ts';

const one = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v), s) as unknown as T;
const countryQuery = z.strictObject({
  at: one(
    z
      .union([z.iso.date(), z.iso.datetime()], { error: 'at must be a date YYYY-MM-DD or an ISO 8601 instant' })
      .optional(),
  ),
  format: one(z.enum(['json', 'csv'], { error: "format must be 'json' or 'csv'" }).default('json')),
});
const transitionBody = z.strictObject({ to: z.enum(['draft', 'in_review', 'published', 'withdrawn']) });
const security = [{ bearerAuth: [] }];
const doc = (s: z.ZodType) => z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' });
const country = { type: 'string', enum: [...COUNTRY_CODES], description: 'ISO 3166-1 alpha-3' };
const countryParam = { type: 'object', properties: { country }, required: ['country'] };
const elementParams = {
  type: 'object',
  properties: { country, element: { type: 'string' } },
  required: ['country', 'element'],
};

export function complianceRoutes(app: FastifyInstance, compliance: ComplianceService): void {
  app.get(
    '/api/v1/compliance/checklist',
    {
      schema: {
        tags: ['legislation'],
        summary: 'The compliance checklist (current, or ?version=): elements, levels, source articles',
        response: { ...ok({ type: 'object' }), ...errorResponses(404) },
      },
    },
    async (req) => {
      const q = parseOrThrow(z.strictObject({ version: one(z.string().max(40).optional()) }), req.query, 'query');
      return compliance.checklist(q.version);
    },
  );

  app.get<{ Params: { element: string } }>(
    '/api/v1/compliance/elements/:element',
    {
      schema: {
        tags: ['legislation'],
        summary: 'Every country assessed on one element, and which lack it (does_not or partially)',
        params: { type: 'object', properties: { element: { type: 'string' } }, required: ['element'] },
        response: { ...ok({ type: 'object' }), ...errorResponses(400) },
      },
    },
    async (req) => {
      const items = await compliance.forElement(req.params.element, req.actor);
      return {
        element: req.params.element,
        lacking: items.filter((a) => a.result === 'does_not' || a.result === 'partially').map((a) => a.country),
        items,
      };
    },
  );

  app.get<{ Params: { country: string } }>(
    '/api/v1/compliance/:country',
    {
      schema: {
        tags: ['legislation'],
        summary:
          "A country's assessments (published for the public), now or as at ?at= (a date or instant); JSON or CSV",
        params: countryParam,
        querystring: doc(countryQuery),
        response: { ...ok({ type: 'object' }), ...errorResponses(400) },
      },
    },
    async (req, reply) => {
      const q = parseOrThrow(countryQuery, req.query, 'query');
      const res = await compliance.forCountry(req.params.country, req.actor, q.at);
      if (q.format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="compliance-${res.country}.csv"`)
          .send(assessmentsCsv(res.assessments));
      return res;
    },
  );

  app.get<{ Params: { country: string } }>(
    '/api/v1/compliance/:country/proposals',
    {
      schema: {
        tags: ['legislation'],
        summary: "The pre-assessment: proposed results and flagged gaps from the country's tagged provisions (editors)",
        security,
        params: countryParam,
        response: { ...ok({ type: 'object' }), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => compliance.proposals(req.params.country, signedIn(req)),
  );

  app.put<{ Params: { country: string; element: string } }>(
    '/api/v1/compliance/:country/:element',
    {
      schema: {
        tags: ['legislation'],
        summary: 'Create or replace the assessment of one element for one country (editors)',
        security,
        params: elementParams,
        body: lref('AssessmentInput'),
        response: { 200: lref('Assessment'), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => compliance.put(req.params.country, req.params.element, req.body, signedIn(req)),
  );

  app.post<{ Params: { country: string; element: string } }>(
    '/api/v1/compliance/:country/:element/transitions',
    {
      schema: {
        tags: ['legislation'],
        summary: 'Move an assessment through the workflow (editors)',
        security,
        params: elementParams,
        body: doc(transitionBody),
        response: { 200: lref('Assessment'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const b = parseOrThrow(transitionBody, req.body, 'transition');
      return compliance.transition(req.params.country, req.params.element, b.to, signedIn(req));
    },
  );

  app.get<{ Params: { country: string; element: string } }>(
    '/api/v1/compliance/:country/:element/versions',
    {
      schema: {
        tags: ['legislation'],
        summary: 'The versions of one assessment, newest first (editors)',
        security,
        params: elementParams,
        response: { ...ok(itemsOf({ type: 'object' })), ...errorResponses(400, 401, 403) },
      },
    },
    async (req) => ({ items: await compliance.versions(req.params.country, req.params.element, signedIn(req)) }),
  );
}
