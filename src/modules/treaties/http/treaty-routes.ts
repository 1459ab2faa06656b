/** The treaty API: instruments with counts, an instrument's status, parties at a date, statements; JSON or CSV. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errorResponses } from '../../../kernel/http/openapi.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { isIsoDate } from '../domain/dates.ts';
import { participantName } from '../domain/participants.ts';
import { CORRECTABLE } from '../services/import-plan.ts';
import type { TreatyServices } from '../services/services.ts';
import {
  notificationItems,
  notificationRows,
  participantRows,
  partiesAtRows,
  sendCsv,
  statementRows,
  summaryRows,
} from './csv.ts';
import { ref } from './openapi.ts';

const formatQuery = z.object({ format: z.enum(['json', 'csv']).default('json') });
const atQuery = formatQuery.extend({
  at: z
    .string()
    .refine(isIsoDate, 'a date that exists, as YYYY-MM-DD')
    .default(() => new Date().toISOString().slice(0, 10)),
});
const correctionBody = z.object({
  participant: z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'),
  field: z.enum(CORRECTABLE as [string, ...string[]]),
  value: z.string().nullable(),
  note: z.string().min(1).max(2000),
});

const idParam = { type: 'object', properties: { id: { type: 'string', examples: ['XVIII-12-a'] } }, required: ['id'] };
const fmt = {
  type: 'object',
  properties: { format: { type: 'string', enum: ['json', 'csv'], description: 'csv: the table as CSV' } },
};

/** `XVIII-12-a.csv` -> the id and csv. */
function target(req: FastifyRequest<{ Params: { id: string } }>, query: unknown) {
  const { format } = parseOrThrow(formatQuery, query, 'query');
  const csv = req.params.id.endsWith('.csv');
  return { id: csv ? req.params.id.slice(0, -4) : req.params.id, csv: csv || format === 'csv' };
}

export function treatyRoutes(app: FastifyInstance, s: TreatyServices): void {
  const list = {
    schema: {
      tags: ['treaties'],
      summary: 'The instruments (the Protocol and its sister instruments) with their signatory and party counts',
      querystring: fmt,
      response: { 200: { type: 'object', properties: { items: { type: 'array', items: ref('TreatySummary') } } } },
    },
  };
  app.get('/api/v1/treaties', list, async (req, reply) => {
    const { format } = parseOrThrow(formatQuery, req.query, 'query');
    const items = await s.treaties.list();
    return format === 'csv' ? sendCsv(reply, 'treaties', summaryRows(items)) : { items };
  });
  app.get(
    '/api/v1/treaties.csv',
    { schema: { ...list.schema, summary: 'The instruments as CSV' } },
    async (_req, reply) => sendCsv(reply, 'treaties', summaryRows(await s.treaties.list())),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/treaties/:id',
    {
      schema: {
        tags: ['treaties'],
        summary: 'An instrument: header, participants with their actions and computed entry into force, reservations',
        description: 'With `.csv` after the id or `format=csv`: the participants table (our import format).',
        params: idParam,
        querystring: fmt,
        response: { 200: ref('TreatyStatus'), ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      const { id, csv } = target(req, req.query);
      const status = await s.treaties.status(id);
      return csv ? sendCsv(reply, `${id}-participants`, participantRows(status.participants)) : status;
    },
  );

  const partiesAt = async (req: FastifyRequest<{ Params: { id: string } }>, csvPath: boolean) => {
    const q = parseOrThrow(atQuery, req.query, 'query');
    return { q, csv: csvPath || q.format === 'csv', result: await s.treaties.partiesAt(req.params.id, q.at) };
  };
  const partiesSchema = {
    tags: ['treaties'],
    summary: 'The parties at a date: consent deposited by then and not withdrawn (count), and in force (inForceCount)',
    params: idParam,
    querystring: {
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date', description: 'Default: today' },
        format: fmt.properties.format,
      },
    },
    response: { 200: ref('TreatyPartiesAt'), ...errorResponses(400, 404) },
  };
  app.get<{ Params: { id: string } }>('/api/v1/treaties/:id/parties', { schema: partiesSchema }, async (req, reply) => {
    const { csv, result } = await partiesAt(req, false);
    return csv ? sendCsv(reply, `${result.instrument}-parties-${result.at}`, partiesAtRows(result.parties)) : result;
  });
  app.get<{ Params: { id: string } }>(
    '/api/v1/treaties/:id/parties.csv',
    { schema: { ...partiesSchema, summary: 'The parties at a date, as CSV' } },
    async (req, reply) => {
      const { result } = await partiesAt(req, true);
      return sendCsv(reply, `${result.instrument}-parties-${result.at}`, partiesAtRows(result.parties));
    },
  );

  const statementsSchema = {
    tags: ['treaties'],
    summary:
      'Declarations, reservations and objections, with article and paragraph, label as deposited and classification',
    params: idParam,
    querystring: fmt,
    response: {
      200: { type: 'object', properties: { items: { type: 'array', items: ref('TreatyStatement') } } },
      ...errorResponses(400, 404),
    },
  };
  const statements = async (id: string) => (await s.treaties.status(id)).statements;
  app.get<{ Params: { id: string } }>(
    '/api/v1/treaties/:id/statements',
    { schema: statementsSchema },
    async (req, reply) => {
      const { format } = parseOrThrow(formatQuery, req.query, 'query');
      const items = await statements(req.params.id);
      return format === 'csv'
        ? sendCsv(reply, `${req.params.id}-statements`, statementRows(items, participantName))
        : { items };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/treaties/:id/statements.csv',
    {
      schema: { ...statementsSchema, summary: 'Declarations, reservations and objections as CSV (our import format)' },
    },
    async (req, reply) =>
      sendCsv(reply, `${req.params.id}-statements`, statementRows(await statements(req.params.id), participantName)),
  );

  const notificationsSchema = {
    tags: ['treaties'],
    summary: 'Depositary notifications (C.N.s) recorded for the instrument, by date; JSON or CSV (format=csv)',
    params: idParam,
    querystring: fmt,
    response: {
      200: { type: 'object', properties: { items: { type: 'array', items: ref('TreatyNotification') } } },
      ...errorResponses(400, 404),
    },
  };
  const notifications = async (id: string) => notificationItems(await s.treaties.notifications(id));
  app.get<{ Params: { id: string } }>(
    '/api/v1/treaties/:id/notifications',
    { schema: notificationsSchema },
    async (req, reply) => {
      const { format } = parseOrThrow(formatQuery, req.query, 'query');
      const items = await notifications(req.params.id);
      return format === 'csv' ? sendCsv(reply, `${req.params.id}-notifications`, notificationRows(items)) : { items };
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/treaties/:id/notifications.csv',
    { schema: { ...notificationsSchema, summary: 'Depositary notifications (C.N.s) as CSV (our import format)' } },
    async (req, reply) =>
      sendCsv(reply, `${req.params.id}-notifications`, notificationRows(await notifications(req.params.id))),
  );

  app.post<{ Params: { id: string } }>(
    '/api/v1/treaties/:id/corrections',
    {
      schema: {
        tags: ['treaties'],
        summary: "A curator's correction of one field of a participant's status (editors; kept over later imports)",
        params: idParam,
        body: z.toJSONSchema(correctionBody, { io: 'input' }),
        security: [{ bearerAuth: [] }],
        response: { 201: { type: 'object' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const body = parseOrThrow(correctionBody, req.body, 'body');
      await s.treaties.status(req.params.id);
      const row = await s.treatyCorrections.correct(
        {
          instrument: req.params.id,
          participant: body.participant,
          field: body.field as never,
          value: body.value,
          note: body.note,
        },
        req.actor,
      );
      return reply.status(201).send(row);
    },
  );
}
