/**
 * The register over the API: activities (with filters), partners (organisations), agreements and
 * campaigns; reads for everyone (published records; unpublished ones for those who may), writes
 * for editors' tokens (workflow, versions, audit in the services).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import {
  jsonSchemaOf,
  errorResponses,
  itemsOf,
  ok,
  storedRecordOf,
  VERSION_SUMMARY,
} from '../../../kernel/http/openapi.ts';
import { signedIn, type RecordStatus } from '../../platform/index.ts';
import { ActivityInput, AgreementInput, CampaignInput, OrganisationInput, type Activity } from '../domain/schemas.ts';
import { publicOf, type RegisterService } from '../services/register-service.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { ActivityFilter, matches } from '../services/activity-filter.ts';

const STATUSES = ['draft', 'in_review', 'published', 'withdrawn'] as const;
const StatusQuery = z.enum(STATUSES);
const idParam = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
const Transition = z.strictObject({ to: StatusQuery });
const CreateQuery = z.strictObject({ status: StatusQuery.optional() });
const ReplaceQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional() });
const ListQuery = z.strictObject({ status: StatusQuery.optional() });

/** The four collections: URL, service, the schema of a write, a tag. */
function collections(r: AssistanceRegisters) {
  return [
    { path: 'activities', service: r.activities, input: ActivityInput, what: 'activity' },
    { path: 'partners', service: r.organisations, input: OrganisationInput, what: 'partner organisation' },
    { path: 'agreements', service: r.agreements, input: AgreementInput, what: 'agreement' },
    { path: 'campaigns', service: r.campaigns, input: CampaignInput, what: 'campaign' },
  ] as const;
}

export function assistanceRoutes(app: FastifyInstance, r: AssistanceRegisters): void {
  const security: Record<string, string[]>[] = [{ bearerAuth: [] }, {}];
  for (const c of collections(r)) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the four services differ only in their record type
    const service = c.service as unknown as RegisterService<any, { id: string }>;
    const base = `/api/v1/${c.path}`;
    const tags = ['assistance'];
    const record = storedRecordOf(jsonSchemaOf(c.input, 'output'));

    app.get(
      base,
      {
        schema: {
          tags,
          security,
          summary:
            c.path === 'activities'
              ? 'Activities (published; status=draft|in_review|withdrawn for editors), filtered by country, ' +
                'region (UN M49), type, theme, year, activity_status (IATI) or parent'
              : `The ${c.what}s (published; other statuses for editors)`,
          querystring: jsonSchemaOf(c.path === 'activities' ? ActivityFilter.extend(ListQuery.shape) : ListQuery),
          response: { ...ok(itemsOf(record, { total: { type: 'integer', minimum: 0 } })), ...errorResponses(400, 403) },
        },
      },
      async (req) => {
        const q = req.query as Record<string, string>;
        const { status, ...filter } =
          c.path === 'activities'
            ? parseOrThrow(ActivityFilter.extend(ListQuery.shape), q, 'query')
            : parseOrThrow(ListQuery, q, 'query');
        let items = await service.list(req.actor, [(status ?? 'published') as RecordStatus]);
        if (c.path === 'activities') items = items.filter((s) => matches(s.record as Activity, filter));
        return { total: items.length, items: items.map(publicOf) };
      },
    );

    app.get<{ Params: { id: string } }>(
      `${base}/:id`,
      {
        schema: {
          tags,
          security,
          params: idParam,
          summary: `One ${c.what}`,
          response: { ...ok(record), ...errorResponses(404) },
        },
      },
      async (req) => publicOf(await service.get(req.params.id, req.actor)),
    );

    app.post(
      base,
      {
        schema: {
          tags,
          security: [{ bearerAuth: [] }],
          summary: `Create a ${c.what} (a draft; ?status=published for those who may publish)`,
          body: jsonSchemaOf(c.input),
          querystring: jsonSchemaOf(CreateQuery),
          response: { ...ok(record, 201, 'Created'), ...errorResponses(400, 401, 403, 409) },
        },
      },
      async (req, reply) => {
        const { status } = parseOrThrow(CreateQuery, req.query, 'query');
        const created = await service.create(req.body, signedIn(req), status);
        return reply.code(201).send(publicOf(created));
      },
    );

    app.put<{ Params: { id: string } }>(
      `${base}/:id`,
      {
        schema: {
          tags,
          security: [{ bearerAuth: [] }],
          params: idParam,
          summary: `Replace a ${c.what}'s content (?version=N refuses a stale write)`,
          body: jsonSchemaOf(c.input),
          querystring: jsonSchemaOf(ReplaceQuery),
          response: { ...ok(record), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { version } = parseOrThrow(ReplaceQuery, req.query, 'query');
        return publicOf(await service.replace(req.params.id, req.body, signedIn(req), version));
      },
    );

    app.post<{ Params: { id: string } }>(
      `${base}/:id/transitions`,
      {
        schema: {
          tags,
          security: [{ bearerAuth: [] }],
          params: idParam,
          body: jsonSchemaOf(Transition),
          summary: `Move a ${c.what} through the workflow (draft -> in_review -> published -> withdrawn -> draft)`,
          response: { ...ok(record), ...errorResponses(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const { to } = parseOrThrow(Transition, req.body, 'transition');
        return publicOf(await service.transition(req.params.id, to, signedIn(req)));
      },
    );

    app.get<{ Params: { id: string } }>(
      `${base}/:id/versions`,
      {
        schema: {
          tags,
          security: [{ bearerAuth: [] }],
          params: idParam,
          summary: `The version history of a ${c.what} (editors)`,
          response: { ...ok(itemsOf(VERSION_SUMMARY)), ...errorResponses(401, 403, 404) },
        },
      },
      async (req) => ({ items: await service.versions(req.params.id, signedIn(req)) }),
    );
  }
}
