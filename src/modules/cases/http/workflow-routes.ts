/**
 * The editorial side of a case over the API: workflow transitions, review comments, restricted
 * fields, versions (with diffs and restore) and the review queue. Services decide who may do what.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { STATUSES } from '../domain/taxonomy.ts';
import { canViewRestricted } from '../../platform/index.ts';
import type { CaseService } from '../services/case-service.ts';
import type { WorkflowService } from '../services/workflow-service.ts';
import { signedIn } from '../../platform/index.ts';
import { diffRecords } from '../services/case-diff.ts';
import { caseIdParam, errorResponses, itemsOf, ok, ref } from './openapi.ts';
import { single } from './query-params.ts';

const TransitionBody = z.strictObject({
  to: z.enum(['draft', 'in_review', 'published', 'withdrawn']),
  comment: z.string().max(10_000).nullable().optional(),
  acknowledgeWarnings: z.boolean().optional(),
});
/** Restore takes no body, or `{ acknowledgeWarnings }` as transitions do (the query parameter works too). */
const RestoreBody = z.strictObject({ acknowledgeWarnings: z.boolean().optional() });
const CommentBody = z.strictObject({ body: z.string().min(1).max(10_000) });
const RestrictedBody = z.strictObject({
  internalNotes: z.string().max(200_000).nullable().optional(),
  sourceContacts: z.string().max(20_000).nullable().optional(),
  version: z.number().int().min(1).optional(),
});
const versionParams = {
  type: 'object',
  properties: { id: { type: 'string' }, version: { type: 'integer', minimum: 1 } },
  required: ['id', 'version'],
};
const VersionNumber = z.coerce.number().int().min(1);
const statusCodes = STATUSES.map((s) => s.code) as [string, ...string[]];
const DiffQuery = z.strictObject({ against: single(z.coerce.number().int().min(1)).optional() });
const AckQuery = z.strictObject({ acknowledge_warnings: single(z.enum(['true', 'false'])).optional() });
const QueueQuery = z.strictObject({ status: single(z.enum(statusCodes)).optional() });

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });

export function workflowRoutes(app: FastifyInstance, deps: { cases: CaseService; workflow: WorkflowService }): void {
  const security = [{ bearerAuth: [] }];
  type P = { Params: { id: string } };
  type PV = { Params: { id: string; version: string } };

  app.post<P>(
    '/api/v1/cases/:id/transitions',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: caseIdParam,
        body: json(TransitionBody),
        summary:
          'Move a case through the workflow: draft -> in_review (submit), in_review -> published (publish) or draft ' +
          '(return), published -> withdrawn (takedown), withdrawn -> draft. An optional comment is kept as a ' +
          'review comment.',
        response: { ...ok(ref('Case')), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const body = parseOrThrow(TransitionBody, req.body, 'transition');
      return deps.workflow.transition(req.params.id, body, signedIn(req));
    },
  );

  app.get<P>(
    '/api/v1/cases/:id/editorial',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: caseIdParam,
        summary:
          'The restricted side of a case: owner, internal notes, source contacts, review comments, the moves you ' +
          'may make, pseudonymisation warnings',
        response: {
          ...ok({
            type: 'object',
            properties: {
              id: { type: 'string' },
              status: { type: 'string' },
              version: { type: 'integer' },
              comments: { type: 'array', items: ref('ReviewComment') },
              transitions: { type: 'array', items: { type: 'object' } },
            },
            required: ['id', 'status', 'version'],
          }),
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (req) => {
      const v = await deps.workflow.view(req.params.id, signedIn(req));
      return { ...v, record: undefined, id: v.record.id, status: v.record.status, version: v.record.version };
    },
  );

  app.put<P>(
    '/api/v1/cases/:id/restricted',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: caseIdParam,
        body: json(RestrictedBody),
        summary:
          'Set the restricted fields (internal notes, source contacts); never public. The answer holds them only ' +
          'for those who may read them (not a write-only token)',
        response: {
          ...ok({
            type: 'object',
            properties: { id: { type: 'string' }, version: { type: 'integer' }, restricted: { type: 'object' } },
            required: ['id', 'version'],
          }),
          ...errorResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (req) => {
      const body = parseOrThrow(RestrictedBody, req.body, 'restricted fields');
      const { version, ...restricted } = body;
      const actor = signedIn(req);
      const rec = await deps.cases.patch(req.params.id, version ? { version } : {}, actor, restricted);
      // A token that may write but not read the restricted side (write scope only) gets no copy of it back.
      const readable = canViewRestricted(actor, await deps.cases.access(rec));
      return {
        id: rec.id,
        version: rec.version,
        ...(readable ? { restricted: await deps.cases.restricted(rec.id) } : {}),
      };
    },
  );

  app.get<P>(
    '/api/v1/cases/:id/comments',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: caseIdParam,
        summary: 'Review comments (restricted)',
        response: { ...ok(itemsOf(ref('ReviewComment'))), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: (await deps.workflow.view(req.params.id, signedIn(req))).comments }),
  );

  app.post<P>(
    '/api/v1/cases/:id/comments',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: caseIdParam,
        body: json(CommentBody),
        summary: 'Add a review comment (restricted)',
        response: { ...ok(ref('ReviewComment'), 201, 'The comment'), ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const body = parseOrThrow(CommentBody, req.body, 'comment');
      return reply.status(201).send(await deps.workflow.comment(req.params.id, body.body, signedIn(req)));
    },
  );

  app.get<P>(
    '/api/v1/cases/:id/versions',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: caseIdParam,
        summary: 'The versions of a case, newest first: who, when, what changed',
        response: { ...ok(itemsOf(ref('CaseVersionSummary'))), ...errorResponses(401, 403, 404) },
      },
    },
    async (req) => ({ items: await deps.workflow.history(req.params.id, signedIn(req)) }),
  );

  app.get<PV>(
    '/api/v1/cases/:id/versions/:version',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: versionParams,
        summary: 'One version in full (record and restricted fields)',
        response: {
          ...ok({
            type: 'object',
            properties: { version: { type: 'integer' }, record: ref('Case'), restricted: { type: 'object' } },
            required: ['version', 'record'],
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (req) =>
      deps.workflow.version(req.params.id, parseOrThrow(VersionNumber, req.params.version, 'version'), signedIn(req)),
  );

  app.get<PV>(
    '/api/v1/cases/:id/versions/:version/diff',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: versionParams,
        querystring: json(DiffQuery),
        summary: 'What changed in a version: field by field (dotted paths), against the version before it or `against`',
        response: {
          ...ok({
            type: 'object',
            properties: {
              version: { type: 'integer', minimum: 1 },
              against: { type: ['integer', 'null'] },
              changes: { type: 'array', items: { type: 'object' } },
            },
            required: ['version', 'against', 'changes'],
          }),
          ...errorResponses(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const actor = signedIn(req);
      const n = parseOrThrow(VersionNumber, req.params.version, 'version');
      const q = parseOrThrow(DiffQuery, req.query, 'query');
      const against = q.against ?? n - 1;
      const after = await deps.workflow.version(req.params.id, n, actor);
      const before = against >= 1 ? await deps.workflow.version(req.params.id, against, actor) : undefined;
      const whole = (v: typeof after | undefined) => (v ? { ...v.record, restricted: v.restricted } : {});
      return { version: n, against: before ? before.version : null, changes: diffRecords(whole(before), whole(after)) };
    },
  );

  app.post<PV>(
    '/api/v1/cases/:id/versions/:version/restore',
    {
      schema: {
        tags: ['workflow'],
        security,
        params: versionParams,
        querystring: json(AckQuery),
        summary:
          'Bring back the content of a version as a new version (the status stays; on a published case the ' +
          'pseudonymisation check runs unless acknowledge_warnings=true)',
        body: { content: { 'application/json': { schema: json(RestoreBody) } } },
        ...({ 'x-body-optional': true } as object),
        response: { ...ok(ref('Case')), ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const q = parseOrThrow(AckQuery, req.query, 'query');
      const body = parseOrThrow(RestoreBody, req.body ?? {}, 'restore');
      return deps.workflow.restore(
        req.params.id,
        parseOrThrow(VersionNumber, req.params.version, 'version'),
        signedIn(req),
        { acknowledgeWarnings: q.acknowledge_warnings === 'true' || body.acknowledgeWarnings === true },
      );
    },
  );

  app.get(
    '/api/v1/review-queue',
    {
      schema: {
        tags: ['workflow'],
        security,
        querystring: json(QueueQuery),
        summary: 'Cases waiting for review (or in another unpublished status); contributors see their own',
        response: {
          ...ok(
            itemsOf({
              type: 'object',
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                jurisdiction: { type: 'string' },
                status: { type: 'string', enum: ['draft', 'in_review', 'published', 'withdrawn'] },
                version: { type: 'integer', minimum: 1 },
                updatedAt: { type: 'string', format: 'date-time' },
              },
              required: ['id', 'title', 'status', 'version'],
            }),
          ),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (req) => {
      const q = parseOrThrow(QueueQuery, req.query, 'query');
      return { items: await deps.workflow.queue(signedIn(req), [(q.status ?? 'in_review') as never]) };
    },
  );
}
