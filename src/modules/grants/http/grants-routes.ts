/**
 * The grants API under /api/v1/grants. Calls are public; everything else needs a person (a signed-in
 * session for reads, a bearer token for writes, as for the rest of the API) and the services decide:
 * the secretariat (`grants.manage`), a member of the applicant organisation, or an assigned reviewer.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { signedIn } from '../../platform/index.ts';
import { noContent, ok, okBody } from '../../../kernel/http/openapi.ts';
import type { GrantsServices } from '../services/grants-services.ts';

const Decision = z.strictObject({
  to: z.enum(['info_requested', 'eligible', 'ineligible', 'approved', 'rejected']),
  reason: z.string().max(10_000),
});
const Conflict = z.strictObject({ organisationId: z.string().min(1), reason: z.string().min(1).max(5_000) });
const Reviewer = z.strictObject({ userId: z.string().min(1) });
const Member = z.strictObject({ userId: z.string().min(1) });
const Attachment = z.strictObject({
  filename: z.string().min(1).max(255),
  contentType: z.string().max(200).optional(),
  /** The file, base64. */
  data: z.base64(),
});

type Id = { Params: { id: string } };
const tags = ['grants'];

export function grantsRoutes(app: FastifyInstance, s: GrantsServices): void {
  const { calls, applications, attachments, decisions, reviews, awards } = s.grants;

  app.get(
    '/api/v1/grants/calls',
    {
      schema: {
        tags,
        summary: 'Calls for proposals (public)',
        response: ok(
          { type: 'object', properties: { calls: { type: 'array', items: { type: 'object' } } }, required: ['calls'] },
          200,
        ),
      },
    },
    async () => ({ calls: await calls.listCalls() }),
  );
  app.get<Id>(
    '/api/v1/grants/calls/:id',
    { schema: { tags, summary: 'One call for proposals (public)', response: ok({ type: 'object' }, 200) } },
    async (req) => calls.getCall(req.params.id),
  );
  app.post(
    '/api/v1/grants/calls',
    { schema: { tags, summary: 'Create a call (the secretariat)', response: ok({ type: 'object' }, 201) } },
    async (req, reply) => reply.code(201).send(await calls.createCall(req.body, signedIn(req))),
  );
  app.get<Id>(
    '/api/v1/grants/calls/:id/meeting',
    {
      schema: {
        tags,
        summary: 'The ranked applications of a call for the selection meeting (the secretariat)',
        response: ok(
          {
            type: 'object',
            properties: { ranked: { type: 'array', items: { type: 'object' } } },
            required: ['ranked'],
          },
          200,
        ),
      },
    },
    async (req) => ({
      ranked: await reviews.meeting(req.params.id, signedIn(req)),
    }),
  );

  app.get(
    '/api/v1/grants/organisations',
    {
      schema: {
        tags,
        summary: 'The organisations the signed-in person belongs to',
        response: ok(
          {
            type: 'object',
            properties: { organisations: { type: 'array', items: { type: 'object' } } },
            required: ['organisations'],
          },
          200,
        ),
      },
    },
    async (req) => ({
      organisations: await calls.myOrganisations(signedIn(req)),
    }),
  );
  app.post(
    '/api/v1/grants/organisations',
    {
      schema: {
        tags,
        summary: 'Register an applicant organisation (its first member is the caller)',
        response: ok({ type: 'object' }, 201),
      },
    },
    async (req, reply) => reply.code(201).send(await calls.registerOrganisation(req.body, signedIn(req))),
  );
  app.get<Id>(
    '/api/v1/grants/organisations/:id',
    {
      schema: {
        tags,
        summary: 'One organisation (its members and the secretariat)',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => calls.getOrganisation(req.params.id, signedIn(req)),
  );
  app.post<Id>(
    '/api/v1/grants/organisations/:id/members',
    { schema: { tags, summary: 'Add a member to an organisation', response: noContent() } },
    async (req, reply) => {
      await calls.addMember(req.params.id, parseOrThrow(Member, req.body, 'member').userId, signedIn(req));
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/grants/applications',
    {
      schema: {
        tags,
        summary: 'The applications the caller may see',
        response: ok(
          {
            type: 'object',
            properties: { applications: { type: 'array', items: { type: 'object' } } },
            required: ['applications'],
          },
          200,
        ),
      },
    },
    async (req) => ({
      applications: await applications.list(signedIn(req)),
    }),
  );
  app.post(
    '/api/v1/grants/applications',
    { schema: { tags, summary: 'Start a draft application to an open call', response: ok({ type: 'object' }, 201) } },
    async (req, reply) => reply.code(201).send(await applications.createDraft(req.body, signedIn(req))),
  );
  app.get<Id>(
    '/api/v1/grants/applications/:id',
    { schema: { tags, summary: 'One application', response: ok({ type: 'object' }, 200) } },
    async (req) => applications.get(req.params.id, signedIn(req)),
  );
  app.put<Id>(
    '/api/v1/grants/applications/:id',
    { schema: { tags, summary: 'Save a draft application (a new revision)', response: ok({ type: 'object' }, 200) } },
    async (req) => applications.save(req.params.id, req.body, signedIn(req)),
  );
  app.post<Id>(
    '/api/v1/grants/applications/:id/submit',
    {
      schema: {
        tags,
        summary: 'Submit an application (eligibility is checked)',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => applications.submit(req.params.id, signedIn(req), req.t.locale),
  );
  app.post<Id>(
    '/api/v1/grants/applications/:id/decision',
    {
      schema: {
        tags,
        summary: 'Decide on an application: eligible, ineligible, info requested, approved, rejected',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => {
      const d = parseOrThrow(Decision, req.body, 'decision');
      return decisions.decide(req.params.id, d, signedIn(req));
    },
  );
  app.get<Id>(
    '/api/v1/grants/applications/:id/revisions',
    {
      schema: {
        tags,
        summary: 'The revisions of an application',
        response: ok(
          {
            type: 'object',
            properties: { revisions: { type: 'array', items: { type: 'object' } } },
            required: ['revisions'],
          },
          200,
        ),
      },
    },
    async (req) => ({
      revisions: await applications.revisions(req.params.id, signedIn(req)),
    }),
  );
  app.get<Id>(
    '/api/v1/grants/applications/:id/eligibility',
    { schema: { tags, summary: 'The eligibility check of an application', response: ok({ type: 'object' }, 200) } },
    async (req) => applications.eligibility(req.params.id, signedIn(req)),
  );
  app.post<{ Params: { id: string; requirement: string } }>(
    '/api/v1/grants/applications/:id/attachments/:requirement',
    {
      schema: {
        tags,
        summary: 'Attach a file (base64 in JSON) for one of the requirements of the call',
        response: ok({ type: 'object' }, 201),
      },
    },
    async (req, reply) => {
      const a = parseOrThrow(Attachment, req.body, 'attachment');
      const r = await attachments.attach(
        req.params.id,
        {
          requirement: req.params.requirement,
          filename: a.filename,
          declaredType: a.contentType,
          bytes: Buffer.from(a.data, 'base64'),
        },
        signedIn(req),
      );
      return reply.code(201).send(r);
    },
  );
  app.post<Id>(
    '/api/v1/grants/applications/:id/reviewers',
    { schema: { tags, summary: 'Assign a reviewer to an application (the secretariat)', response: noContent() } },
    async (req, reply) => {
      await reviews.assign(req.params.id, parseOrThrow(Reviewer, req.body, 'reviewer').userId, signedIn(req));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/v1/grants/conflicts',
    {
      schema: {
        tags,
        summary: 'Declare a conflict of interest with an organisation (a reviewer)',
        response: noContent(),
      },
    },
    async (req, reply) => {
      const c = parseOrThrow(Conflict, req.body, 'conflict');
      await reviews.declareConflict(c.organisationId, c.reason, signedIn(req));
      return reply.code(204).send();
    },
  );
  app.get(
    '/api/v1/grants/reviews',
    {
      schema: {
        tags,
        summary: 'The applications assigned to the caller for review (JSON, or ?format=csv)',
        response: {
          200: {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: {
                    applications: { type: 'array', items: { type: 'object' } },
                    awaitingDeclaration: { type: 'array', items: { type: 'object' } },
                  },
                  required: ['applications', 'awaitingDeclaration'],
                },
              },
              'text/csv': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const assigned = await reviews.assignedToMe(signedIn(req));
      if ((req.query as { format?: string }).format !== 'csv')
        return { applications: assigned, awaitingDeclaration: await reviews.awaitingDeclaration(signedIn(req)) };
      const rows = assigned.map((a) => [
        a.id,
        a.revision,
        a.blind ? '' : (a.organisation?.legalName ?? ''),
        a.content.title,
        a.content.countries.join(' '),
        a.content.themes.join('; '),
      ]);
      return reply
        .type('text/csv; charset=utf-8')
        .send(stringify([['id', 'revision', 'organisation', 'title', 'countries', 'themes'], ...rows]));
    },
  );
  app.get<Id>(
    '/api/v1/grants/reviews/:id',
    {
      schema: {
        tags,
        summary: 'One assigned application, as its reviewer sees it',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => reviews.view(req.params.id, signedIn(req)),
  );
  app.get<Id>(
    '/api/v1/grants/reviews/:id/declaration',
    {
      schema: {
        tags,
        summary: 'What a reviewer sees before declaring a conflict of interest, and the declaration if made',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => reviews.declarationView(req.params.id, signedIn(req)),
  );
  app.post<Id>(
    '/api/v1/grants/reviews/:id/declaration',
    {
      schema: {
        tags,
        summary: 'Declare no conflict (the application opens) or a conflict with a reason (the assignment ends)',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => reviews.declare(req.params.id, req.body, signedIn(req)),
  );
  app.post<Id>(
    '/api/v1/grants/reviews/:id',
    { schema: { tags, summary: 'Submit a review (scores and comments)', response: ok({ type: 'object' }, 201) } },
    async (req, reply) => reply.code(201).send(await reviews.submitReview(req.params.id, req.body, signedIn(req))),
  );

  app.post<Id>(
    '/api/v1/grants/applications/:id/award',
    {
      schema: {
        tags,
        summary: 'Award a grant to an approved application, with its tranches',
        response: ok({ type: 'object' }, 201),
      },
    },
    async (req, reply) => reply.code(201).send(await awards.award(req.params.id, req.body, signedIn(req))),
  );
  app.get<Id>(
    '/api/v1/grants/applications/:id/award',
    {
      schema: {
        tags,
        summary: 'The award of an application, with tranches and reports',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => awards.get(req.params.id, signedIn(req)),
  );
  app.post<{ Params: { id: string; seq: string } }>(
    '/api/v1/grants/applications/:id/tranches/:seq/release',
    { schema: { tags, summary: 'Release a tranche of an award', response: noContent() } },
    async (req, reply) => {
      await awards.releaseTranche(req.params.id, Number(req.params.seq), signedIn(req));
      return reply.code(204).send();
    },
  );
  app.post<Id>(
    '/api/v1/grants/reports/:id/received',
    { schema: { tags, summary: 'Mark a report of a grantee as received', response: noContent() } },
    async (req, reply) => {
      await awards.receiveReport(req.params.id, signedIn(req));
      return reply.code(204).send();
    },
  );
  app.post<Id>(
    '/api/v1/grants/reports/:id/approve',
    { schema: { tags, summary: 'Approve a received report (later tranches wait for it)', response: noContent() } },
    async (req, reply) => {
      await awards.approveReport(req.params.id, signedIn(req));
      return reply.code(204).send();
    },
  );
  app.get<Id>(
    '/api/v1/grants/calls/:id/dashboard',
    {
      schema: {
        tags,
        summary: 'The dashboard of a call: applications by status, awarded and released amounts',
        response: ok({ type: 'object' }, 200),
      },
    },
    async (req) => awards.dashboard(req.params.id, signedIn(req)),
  );
  app.get<Id>(
    '/api/v1/grants/calls/:id/applications.csv',
    {
      schema: { tags, summary: 'The applications to a call as CSV (the secretariat)', response: okBody(['text/csv']) },
    },
    async (req, reply) => reply.type('text/csv; charset=utf-8').send(await awards.csv(req.params.id, signedIn(req))),
  );
}
