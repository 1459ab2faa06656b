/**
 * Who am I, and the administrators' read views of users, API tokens and the audit log. Changing
 * users and tokens happens on the /admin pages (signed in, with CSRF tokens) and on the command
 * line, never with an API token: tokens carry no administrative right, so a leaked token can never
 * create accounts or further tokens.
 */
import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { AccountService } from '../services/account-service.ts';
import type { AuditService } from '../services/audit-service.ts';
import { signedIn } from './auth.ts';
import { errorResponses, ok, itemsOf } from '../../../kernel/http/openapi.ts';
import { single } from '../../../kernel/http/query-params.ts';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
const AuditQuery = z.strictObject({
  action: single(z.string().max(100)).optional(),
  actor: single(z.string().max(100)).optional(),
  target: single(z.string().max(200)).optional(),
  before: single(z.coerce.number().int().min(1)).optional(),
  limit: single(z.coerce.number().int().min(1).max(1000)).default(100),
  format: single(z.enum(['json', 'jsonl', 'csv'])).default('json'),
});

export function accountRoutes(app: FastifyInstance, deps: { accounts: AccountService; audit: AuditService }): void {
  const security = [{ bearerAuth: [] }];

  app.get(
    '/api/v1/me',
    {
      schema: {
        tags: ['accounts'],
        security,
        summary: 'Who the request acts as: the signed-in user or the token, with role and scopes',
        response: {
          ...ok({
            type: 'object',
            properties: {
              kind: { type: 'string', enum: ['user', 'token'] },
              id: { type: 'string' },
              userId: { type: ['string', 'null'] },
              label: { type: 'string' },
              role: { type: ['string', 'null'] },
              scopes: { type: 'array', items: { type: 'string' } },
            },
            required: ['kind', 'id', 'label'],
          }),
          ...errorResponses(401),
        },
      },
    },
    async (req) => {
      const a = signedIn(req);
      return { kind: a.kind, id: a.id, userId: a.userId, label: a.label, role: a.role, scopes: a.scopes };
    },
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        tags: ['accounts'],
        security,
        summary: 'All users (administrators, signed in on the web: tokens never manage accounts)',
        response: {
          ...ok(
            itemsOf({
              type: 'object',
              properties: { id: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' } },
              required: ['id'],
            }),
          ),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => ({ items: await deps.accounts.listUsers(signedIn(req)) }),
  );

  app.get(
    '/api/v1/tokens',
    {
      schema: {
        tags: ['accounts'],
        security,
        summary: 'All API tokens, without their secrets, with last-used times (administrators, signed in)',
        response: {
          ...ok(
            itemsOf({
              type: 'object',
              properties: {
                id: { type: 'string' },
                label: { type: 'string' },
                scopes: { type: 'array', items: { type: 'string' } },
              },
              required: ['id'],
            }),
          ),
          ...errorResponses(401, 403),
        },
      },
    },
    async (req) => ({ items: await deps.accounts.listTokens(signedIn(req)) }),
  );

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['accounts'],
        security,
        querystring: json(AuditQuery),
        summary:
          'The audit log, newest first (format=json, paged with before=); format=jsonl or csv exports all of it, ' +
          'oldest first (administrators, signed in)',
        response: {
          ...ok(itemsOf({ type: 'object' }, { next: { type: ['string', 'null'] } })),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const q = parseOrThrow(AuditQuery, req.query, 'query');
      const actor = signedIn(req);
      if (q.format !== 'json') {
        const chunks = deps.audit.export(q.format, actor);
        const it = chunks[Symbol.asyncIterator]();
        const first = await it.next(); // permission errors become a proper error answer
        const rest = (async function* () {
          if (!first.done) yield first.value;
          for (let r = await it.next(); !r.done; r = await it.next()) yield r.value;
        })();
        return reply
          .type(q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="palermo-audit.${q.format}"`)
          .send(Readable.from(rest));
      }
      const page = await deps.audit.list(
        { action: q.action, actorId: q.actor, targetId: q.target, beforeId: q.before, limit: q.limit },
        actor,
      );
      return {
        items: page.items,
        next: page.nextBefore ? `/api/v1/audit?before=${page.nextBefore}&limit=${q.limit}` : null,
      };
    },
  );
}
