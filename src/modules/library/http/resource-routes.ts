/**
 * The library's API: search and read resources (the public sees published ones; a withdrawn one is
 * a 410 tombstone with its reason and successor), writes for editors (create, patch, transitions),
 * versions, files (upload: the body is the file), citations of resources and cases, and the
 * download report.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { AppError } from '../../../kernel/errors.ts';
import { DOCUMENT_MEDIA_TYPES } from '../../../kernel/files/documents.ts';
import { single } from '../../../kernel/http/query-params.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { signedIn } from '../../platform/index.ts';
import type { Services as CaseServices } from '../../cases/index.ts';
import type { LibraryServices } from '../services/library-services.ts';
import { caseCsl, CITATION_FORMATS, formatCitation, resourceCsl } from '../services/citations.ts';
import { REPORT_CSV_COLUMNS, reportCsvRows } from '../services/download-counter.ts';
import type { Resource, ResourceInput } from '../domain/resource.ts';
import { resourceSearchSchema, selectionOf } from './schemas.ts';
import { resourceHits } from '../search/resource-source.ts';
import { RESOURCE_FACETS } from '../search/facets.ts';

export interface LibraryRouteDeps {
  library: LibraryServices;
  search: CaseServices['search'];
  cases: CaseServices['cases'];
  maxPageSize: number;
  base: string;
}

/** Facet counts with the library's own labels (type and topic names, language and country names). */
function labelled(facets: Record<string, { value: string; count: number }[]>) {
  return Object.fromEntries(
    Object.entries(facets).map(([name, values]) => {
      const def = RESOURCE_FACETS.find((f) => f.name === name);
      return [name, values.map((v) => ({ ...v, label: def ? def.valueLabel(v.value) : v.value }))];
    }),
  );
}

const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };

export const fileUrl = (id: string, language: string, filename: string) =>
  `/library/${encodeURIComponent(id)}/files/${encodeURIComponent(language)}/${encodeURIComponent(filename)}`;

/** The resource as the API shows it: files with their stable download URLs. */
export function present(r: Resource) {
  return { ...r, files: r.files.map((f) => ({ ...f, url: fileUrl(r.id, f.language, f.filename) })) };
}

/** `status` of the unpublished lists (published resources are searched, not listed by status). */
const UnpublishedQuery = z.strictObject({
  status: z.enum(['draft', 'in_review', 'withdrawn'], {
    error: "status must be 'draft', 'in_review' or 'withdrawn' (published resources: leave status out)",
  }),
});

export function resourceRoutes(app: FastifyInstance, deps: LibraryRouteDeps): void {
  const { resources } = deps.library;

  app.get(
    '/api/v1/resources',
    {
      schema: {
        tags: ['library'],
        summary:
          'Search published library resources (q, type, language, topic, country, year_from, year_to); ' +
          'status=draft|in_review|withdrawn lists unpublished ones for editors',
      },
    },
    async (req) => {
      const { status, ...query } = req.query as Record<string, unknown>;
      if (status !== undefined) {
        const s = parseOrThrow(UnpublishedQuery, { status }, 'query').status;
        const items = await resources.unpublished(s, req.actor);
        return { total: items.length, items: items.map((r) => present(r)), facets: {}, nextCursor: null };
      }
      const p = parseOrThrow(resourceSearchSchema(deps.maxPageSize), query, 'search parameters');
      const res = await deps.search.searchKinds({
        q: p.q,
        kinds: ['resource'],
        selection: selectionOf(p) as never,
        sort: p.sort,
        limit: p.limit,
        cursor: p.cursor,
        facets: p.facets === 'true',
      });
      return {
        total: res.total,
        items: resourceHits(res.hits).map((h) => ({ ...present(h.record), score: h.score, snippet: h.snippet })),
        facets: labelled(res.facets as Record<string, { value: string; count: number }[]>),
        nextCursor: res.nextCursor,
      };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/resources/:id',
    {
      schema: {
        tags: ['library'],
        summary: 'A resource (410 with the reason and successor when withdrawn)',
        params: idParams,
      },
    },
    async (req) => present(await resources.get(req.params.id, req.actor)),
  );

  app.post(
    '/api/v1/resources',
    {
      schema: {
        tags: ['library'],
        summary: 'Create a resource (draft unless an editor says otherwise)',
        security: [{ bearerAuth: [] }],
      },
    },
    async (req, reply) => {
      const actor = signedIn(req);
      const body = (req.body ?? {}) as ResourceInput & { status?: 'draft' | 'in_review' | 'published' };
      const { status, ...input } = body;
      const r = await resources.create(input, actor, { status });
      return reply.status(201).header('location', `/api/v1/resources/${r.id}`).send(present(r));
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/v1/resources/:id',
    {
      schema: {
        tags: ['library'],
        summary: 'Change fields of a resource (If-Match: the version)',
        params: idParams,
        security: [{ bearerAuth: [] }],
      },
    },
    async (req) => {
      const actor = signedIn(req);
      const ifMatch = req.headers['if-match'];
      const version = ifMatch ? Number(String(ifMatch).replace(/"/g, '')) : undefined;
      return present(
        await resources.patch(
          req.params.id,
          (req.body ?? {}) as Partial<ResourceInput>,
          actor,
          Number.isFinite(version) ? version : undefined,
        ),
      );
    },
  );

  const transition = z.strictObject({
    to: z.enum(['draft', 'in_review', 'published', 'withdrawn']),
    reason: z.string().max(2000).optional(),
    successorId: z.string().max(100).nullable().optional(),
  });
  app.post<{ Params: { id: string } }>(
    '/api/v1/resources/:id/transitions',
    {
      schema: {
        tags: ['library'],
        summary: 'Move a resource in the workflow (withdraw: reason, successorId)',
        params: idParams,
        security: [{ bearerAuth: [] }],
      },
    },
    async (req) => {
      const actor = signedIn(req);
      return present(
        await resources.transition(req.params.id, parseOrThrow(transition, req.body ?? {}, 'transition'), actor),
      );
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/resources/:id/versions',
    { schema: { tags: ['library'], summary: 'The versions of a resource (editors)', params: idParams } },
    async (req) => ({
      items: await resources.history(req.params.id, req.actor),
    }),
  );

  app.get<{ Params: { id: string } }>(
    '/api/v1/resources/:id/files',
    {
      schema: {
        tags: ['library'],
        summary: 'Every file of a resource, earlier (replaced) ones included',
        params: idParams,
      },
    },
    async (req) => ({
      items: (await deps.library.files.list(req.params.id, req.actor)).map((f) => ({
        ...f,
        url: `${fileUrl(req.params.id, f.language, f.filename)}${f.replacedAt ? `?sha256=${f.sha256}` : ''}`,
      })),
    }),
  );

  const citationQuery = z.strictObject({
    format: single(
      z
        .enum(CITATION_FORMATS, { error: () => `format must be one of ${CITATION_FORMATS.join(', ')}` })
        .default('csl-json'),
    ),
  });
  const citationDoc = {
    querystring: z.toJSONSchema(citationQuery, { io: 'input', unrepresentable: 'any' }),
    response: {
      200: {
        description: 'The citation',
        content: Object.fromEntries(
          [
            'application/vnd.citationstyles.csl+json',
            'application/x-bibtex',
            'application/x-research-info-systems',
          ].map((m) => [m, { schema: { type: 'string' } }]),
        ),
      },
    },
  };
  const sendCitation = (reply: FastifyReply, item: ReturnType<typeof resourceCsl>, format: string) => {
    const c = formatCitation(item, format);
    return reply
      .header('content-type', c.contentType)
      .header('content-disposition', `inline; filename="${item.id}.${c.extension}"`)
      .send(c.body);
  };
  app.get<{ Params: { id: string } }>(
    '/api/v1/resources/:id/citation',
    {
      schema: {
        tags: ['library'],
        summary: 'Cite a resource: CSL-JSON, BibTeX or RIS',
        params: idParams,
        ...citationDoc,
      },
    },
    async (req, reply) => {
      const { format } = parseOrThrow(citationQuery, req.query, 'parameters');
      const r = await resources.get(req.params.id, req.actor);
      return sendCitation(reply, resourceCsl(r, `${deps.base}/library/${r.id}`), format);
    },
  );
  app.get<{ Params: { id: string } }>(
    '/api/v1/cases/:id/citation',
    {
      schema: { tags: ['library'], summary: 'Cite a case: CSL-JSON, BibTeX or RIS', params: idParams, ...citationDoc },
    },
    async (req, reply) => {
      const { format } = parseOrThrow(citationQuery, req.query, 'parameters');
      const c = await deps.cases.get(req.params.id, req.actor);
      return sendCitation(reply, caseCsl(c, `${deps.base}/cases/${c.id}`), format);
    },
  );

  const reportQuery = z.strictObject({
    from: single(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'from is a date YYYY-MM-DD')),
    to: single(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'to is a date YYYY-MM-DD')),
    format: single(z.enum(['json', 'csv']).default('json')),
  });
  app.get(
    '/api/v1/downloads/report',
    {
      schema: {
        tags: ['library'],
        summary: 'Downloads (COUNTER-style totals and unique) by month, resource, language and country (editors)',
      },
    },
    async (req, reply) => {
      const actor = signedIn(req);
      const q = parseOrThrow(reportQuery, req.query, 'parameters');
      if (q.from > q.to)
        throw new AppError('BAD_REQUEST', 'from is later than to', [{ path: 'from', message: 'after to' }]);
      const report = await deps.library.downloads.report(q, actor);
      if (q.format === 'json') return report;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="downloads-${q.from}-${q.to}.csv"`)
        .send(stringify([[...REPORT_CSV_COLUMNS], ...reportCsvRows(report)]));
    },
  );
}

/** Upload: the body is the file (scoped parser, as for judgment documents). */
export async function uploadRoute(app: FastifyInstance, deps: { library: LibraryServices }): Promise<void> {
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      [...DOCUMENT_MEDIA_TYPES, 'application/octet-stream'],
      { parseAs: 'buffer', bodyLimit: deps.library.files.maxBytes },
      (_req, body, done) => done(null, body),
    );
    const query = z.strictObject({
      language: single(z.string().min(2).max(10)),
      filename: single(z.string().min(1).max(255)),
    });
    scope.post<{ Params: { id: string } }>(
      '/api/v1/resources/:id/files',
      {
        bodyLimit: deps.library.files.maxBytes,
        schema: {
          tags: ['library'],
          summary:
            'Upload a file of a language version (?language=en&filename=x.pdf; same language and name replaces it)',
          params: idParams,
          security: [{ bearerAuth: [] }],
        },
      },
      async (req, reply) => {
        const actor = signedIn(req);
        const q = parseOrThrow(query, req.query, 'query');
        if (!Buffer.isBuffer(req.body))
          throw new AppError(
            'UNSUPPORTED_MEDIA_TYPE',
            `send the file as the body with Content-Type one of: ${DOCUMENT_MEDIA_TYPES.join(', ')}`,
            [{ path: 'content-type', message: 'missing or not accepted', allowed: DOCUMENT_MEDIA_TYPES }],
          );
        const r = await deps.library.files.upload(
          {
            resourceId: req.params.id,
            language: q.language,
            filename: q.filename,
            declaredType: req.headers['content-type'],
            bytes: req.body,
          },
          actor,
        );
        const url = fileUrl(req.params.id, r.file.language, r.file.filename);
        return reply
          .status(r.created ? 201 : 200)
          .header('location', url)
          .send({ ...r, file: { ...r.file, url } });
      },
    );
  });
}
