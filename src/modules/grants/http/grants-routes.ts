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

  app.get('/api/v1/grants/calls', { schema: { tags } }, async () => ({ calls: await calls.listCalls() }));
  app.get<Id>('/api/v1/grants/calls/:id', { schema: { tags } }, async (req) => calls.getCall(req.params.id));
  app.post('/api/v1/grants/calls', { schema: { tags } }, async (req, reply) =>
    reply.code(201).send(await calls.createCall(req.body, signedIn(req))),
  );
  app.get<Id>('/api/v1/grants/calls/:id/meeting', { schema: { tags } }, async (req) => ({
    ranked: await reviews.meeting(req.params.id, signedIn(req)),
  }));

  app.get('/api/v1/grants/organisations', { schema: { tags } }, async (req) => ({
    organisations: await calls.myOrganisations(signedIn(req)),
  }));
  app.post('/api/v1/grants/organisations', { schema: { tags } }, async (req, reply) =>
    reply.code(201).send(await calls.registerOrganisation(req.body, signedIn(req))),
  );
  app.get<Id>('/api/v1/grants/organisations/:id', { schema: { tags } }, async (req) =>
    calls.getOrganisation(req.params.id, signedIn(req)),
  );
  app.post<Id>('/api/v1/grants/organisations/:id/members', { schema: { tags } }, async (req, reply) => {
    await calls.addMember(req.params.id, parseOrThrow(Member, req.body, 'member').userId, signedIn(req));
    return reply.code(204).send();
  });

  app.get('/api/v1/grants/applications', { schema: { tags } }, async (req) => ({
    applications: await applications.list(signedIn(req)),
  }));
  app.post('/api/v1/grants/applications', { schema: { tags } }, async (req, reply) =>
    reply.code(201).send(await applications.createDraft(req.body, signedIn(req))),
  );
  app.get<Id>('/api/v1/grants/applications/:id', { schema: { tags } }, async (req) =>
    applications.get(req.params.id, signedIn(req)),
  );
  app.put<Id>('/api/v1/grants/applications/:id', { schema: { tags } }, async (req) =>
    applications.save(req.params.id, req.body, signedIn(req)),
  );
  app.post<Id>('/api/v1/grants/applications/:id/submit', { schema: { tags } }, async (req) =>
    applications.submit(req.params.id, signedIn(req)),
  );
  app.post<Id>('/api/v1/grants/applications/:id/decision', { schema: { tags } }, async (req) => {
    const d = parseOrThrow(Decision, req.body, 'decision');
    return decisions.decide(req.params.id, d, signedIn(req));
  });
  app.get<Id>('/api/v1/grants/applications/:id/revisions', { schema: { tags } }, async (req) => ({
    revisions: await applications.revisions(req.params.id, signedIn(req)),
  }));
  app.get<Id>('/api/v1/grants/applications/:id/eligibility', { schema: { tags } }, async (req) =>
    applications.eligibility(req.params.id, signedIn(req)),
  );
  app.post<{ Params: { id: string; requirement: string } }>(
    '/api/v1/grants/applications/:id/attachments/:requirement',
    { schema: { tags } },
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
  app.post<Id>('/api/v1/grants/applications/:id/reviewers', { schema: { tags } }, async (req, reply) => {
    await reviews.assign(req.params.id, parseOrThrow(Reviewer, req.body, 'reviewer').userId, signedIn(req));
    return reply.code(204).send();
  });

  app.post('/api/v1/grants/conflicts', { schema: { tags } }, async (req, reply) => {
    const c = parseOrThrow(Conflict, req.body, 'conflict');
    await reviews.declareConflict(c.organisationId, c.reason, signedIn(req));
    return reply.code(204).send();
  });
  app.get('/api/v1/grants/reviews', { schema: { tags } }, async (req, reply) => {
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
  });
  app.get<Id>('/api/v1/grants/reviews/:id', { schema: { tags } }, async (req) =>
    reviews.view(req.params.id, signedIn(req)),
  );
  app.get<Id>('/api/v1/grants/reviews/:id/declaration', { schema: { tags } }, async (req) =>
    reviews.declarationView(req.params.id, signedIn(req)),
  );
  app.post<Id>('/api/v1/grants/reviews/:id/declaration', { schema: { tags } }, async (req) =>
    reviews.declare(req.params.id, req.body, signedIn(req)),
  );
  app.post<Id>('/api/v1/grants/reviews/:id', { schema: { tags } }, async (req, reply) =>
    reply.code(201).send(await reviews.submitReview(req.params.id, req.body, signedIn(req))),
  );

  app.post<Id>('/api/v1/grants/applications/:id/award', { schema: { tags } }, async (req, reply) =>
    reply.code(201).send(await awards.award(req.params.id, req.body, signedIn(req))),
  );
  app.get<Id>('/api/v1/grants/applications/:id/award', { schema: { tags } }, async (req) =>
    awards.get(req.params.id, signedIn(req)),
  );
  app.post<{ Params: { id: string; seq: string } }>(
    '/api/v1/grants/applications/:id/tranches/:seq/release',
    { schema: { tags } },
    async (req, reply) => {
      await awards.releaseTranche(req.params.id, Number(req.params.seq), signedIn(req));
      return reply.code(204).send();
    },
  );
  app.post<Id>('/api/v1/grants/reports/:id/received', { schema: { tags } }, async (req, reply) => {
    await awards.receiveReport(req.params.id, signedIn(req));
    return reply.code(204).send();
  });
  app.post<Id>('/api/v1/grants/reports/:id/approve', { schema: { tags } }, async (req, reply) => {
    await awards.approveReport(req.params.id, signedIn(req));
    return reply.code(204).send();
  });
  app.get<Id>('/api/v1/grants/calls/:id/dashboard', { schema: { tags } }, async (req) =>
    awards.dashboard(req.params.id, signedIn(req)),
  );
  app.get<Id>('/api/v1/grants/calls/:id/applications.csv', { schema: { tags } }, async (req, reply) =>
    reply.type('text/csv; charset=utf-8').send(await awards.csv(req.params.id, signedIn(req))),
  );
}
