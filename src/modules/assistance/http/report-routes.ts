/** Reports (JSON and CSV), the IATI 2.03 export and the codelists: published activities only. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { jsonSchemaOf, errorResponses, okBody } from '../../../kernel/http/openapi.ts';
import { CODELISTS } from '../domain/codelists.ts';
import type { Activity, Organisation } from '../domain/schemas.ts';
import { ActivityFilter, matches } from '../services/activity-filter.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { iatiXml } from '../services/iati-export.ts';
import { REPORTS, report, reportCsv, type ReportName } from '../services/reports.ts';

const ReportQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

export async function publishedActivities(r: AssistanceRegisters, filter: ActivityFilter = {}) {
  return (await r.activities.published()).filter((s) => matches(s.record as Activity, filter));
}

export function reportRoutes(app: FastifyInstance, r: AssistanceRegisters): void {
  const tags = ['assistance'];
  app.get<{ Params: { name: string } }>(
    '/api/v1/assistance/reports/:name',
    {
      schema: {
        tags,
        summary: `A report over published activities (${REPORTS.join(', ')}), as JSON or ?format=csv`,
        params: { type: 'object', properties: { name: { type: 'string', enum: [...REPORTS] } }, required: ['name'] },
        querystring: jsonSchemaOf(ReportQuery.extend(ActivityFilter.shape)),
        response: {
          ...{
            200: {
              description: 'The report (JSON, or CSV with format=csv)',
              content: {
                'application/json': { schema: { type: 'object' } },
                'text/csv': { schema: { type: 'string' } },
              },
            },
          },
          ...errorResponses(400, 404),
        },
      },
    },
    async (req, reply) => {
      const name = req.params.name as ReportName;
      if (!REPORTS.includes(name)) throw new AppError('NOT_FOUND', `no report '${name}'`, { allowed: REPORTS });
      const { format, ...filter } = parseOrThrow(ReportQuery.extend(ActivityFilter.shape), req.query, 'query');
      const table = report(
        name,
        (await publishedActivities(r, filter)).map((s) => s.record as Activity),
      );
      if (format === 'csv')
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="palermo-assistance-${name}.csv"`)
          .send(reportCsv(table));
      return table;
    },
  );

  app.get(
    '/api/v1/activities.iati.xml',
    {
      schema: {
        tags,
        summary:
          'Published activities as IATI 2.03 XML (iati-activities), all or filtered as GET /api/v1/activities; ' +
          'activities without any date are left out (named in the X-Palermo-Iati-Skipped header)',
        querystring: jsonSchemaOf(ActivityFilter),
        response: { ...okBody(['application/xml'], 'IATI 2.03 iati-activities'), ...errorResponses(400, 404) },
      },
    },
    async (req, reply) => {
      const filter = parseOrThrow(ActivityFilter, req.query, 'query');
      const activities = await publishedActivities(r, filter);
      const orgs = new Map(
        (await r.organisations.published()).map((o) => [o.record.id, o.record as Organisation] as const),
      );
      const { xml, skipped, written } = iatiXml(activities as never, orgs, r.reportingOrg);
      if (written.length === 0)
        throw new AppError('NOT_FOUND', 'no published activity with a date matches: an IATI file needs one', {
          skipped,
        });
      if (skipped.length) reply.header('x-palermo-iati-skipped', skipped.join(','));
      return reply.type('application/xml; charset=utf-8').send(xml);
    },
  );

  app.get(
    '/api/v1/assistance/codelists',
    { schema: { tags, summary: 'The codelists of the register (IATI subsets and its own lists)' } },
    async () => CODELISTS,
  );
}
