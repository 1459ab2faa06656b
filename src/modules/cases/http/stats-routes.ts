/** /api/v1/stats: research statistics over the published cases of any search, as JSON or CSV. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { stringify } from 'csv-stringify/sync';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { STAT_NAMES, STATS, type StatsService, type StatTable } from '../services/stats-service.ts';
import { DEFAULT_LOCALE } from '../../../kernel/i18n/i18n.ts';
import { renderMessage, renderStatTable } from '../../../kernel/web/stat-table.ts';
import { searchQuerySchema, selectionOf } from './search-routes.ts';
import { errorResponses } from './openapi.ts';

/** The search's parameters (q and every filter) plus `format`. */
export const statsQuerySchema = searchQuerySchema(1)
  .omit({ sort: true, limit: true, cursor: true, facets: true })
  .extend({
    format: z.preprocess(
      (v) => (Array.isArray(v) ? v[v.length - 1] : v === '' ? undefined : v),
      z.enum(['json', 'csv'], { error: "format must be 'json' or 'csv'" }).default('json'),
    ),
  });

/** Parsed statistics parameters, and a link builder to the search behind a cell. */
export function statsRequest(query: unknown, url: string) {
  const { format, q, ...filters } = parseOrThrow(statsQuerySchema, query, 'statistics parameters');
  const base = new URLSearchParams(url.split('?')[1] ?? '');
  base.delete('format');
  const links = (changes: Record<string, string>) => {
    const p = new URLSearchParams(base);
    for (const [k, v] of Object.entries(changes)) p.set(k, v);
    return `/search?${p.toString()}`;
  };
  return { format, params: { q, selection: selectionOf(filters) }, links };
}

/** CSV of a table: a header of column keys, then one line per row; "fewer than N" cells as written. */
export function tableCsv(t: StatTable): string {
  return stringify([t.columns.map((c) => c.key), ...t.rows.map((r) => t.columns.map((c) => r[c.key] ?? ''))]);
}

const cellSchema = {
  type: ['number', 'string', 'null'],
  description: 'A number, or "fewer than N" when it rests on 1 to N-1 cases, or null when nothing is recorded',
};
const tableSchema = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    title: { type: 'string' },
    note: { type: 'string' },
    coverage: { type: 'string' },
    cases: { type: 'integer', description: 'Published cases matching the search' },
    restsOn: { type: 'object', properties: { cases: { type: 'integer' }, what: { type: 'string' } } },
    minCell: { type: 'integer' },
    rule: { type: 'string' },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        properties: { key: { type: 'string' }, label: { type: 'string' }, type: { enum: ['text', 'count', 'number'] } },
      },
    },
    rows: { type: 'array', items: { type: 'object', additionalProperties: cellSchema } },
    chart: { type: 'object' },
  },
  required: ['name', 'title', 'note', 'coverage', 'cases', 'minCell', 'columns', 'rows'],
};

export function statsRoutes(app: FastifyInstance, deps: { stats: StatsService }): void {
  // The API's titles, notes, labels and "fewer than N" cells are English, whatever the request's language.
  const en = app.i18n.translator(DEFAULT_LOCALE);
  const querystring = z.toJSONSchema(statsQuerySchema, { io: 'input', unrepresentable: 'any' });

  app.get(
    '/api/v1/stats',
    {
      schema: { tags: ['statistics'], summary: 'The available statistics, with their titles and notes' },
    },
    async () => ({
      items: [
        ...Object.entries(STATS).map(([name, d]) => ({
          name,
          title: renderMessage(en, d.title),
          note: renderMessage(en, d.note),
          url: `/api/v1/stats/${name}`,
        })),
        {
          name: 'comparison',
          title: en.t('cases.stats.title.comparison'),
          note: en.t('cases.stats.note.comparisonParams'),
          url: '/api/v1/stats/comparison',
        },
      ],
      minCell: deps.stats.minCell,
      rule: renderMessage(en, deps.stats.rule),
    }),
  );

  app.get<{ Params: { name: string } }>(
    '/api/v1/stats/:name',
    {
      schema: {
        tags: ['statistics'],
        summary:
          'One statistic over the published cases matching a search (the same q and filters as /search), ' +
          'as JSON or CSV (format=csv)',
        description:
          `Names: ${STAT_NAMES.join(', ')}. Counts resting on fewer cases than the configured threshold ` +
          '(PALERMO_STATS_MIN_CELL, default 3) read "fewer than N". Counts are of documented cases, not of ' +
          'trafficking prevalence. `comparison` needs 2 to 6 `jurisdiction` values.',
        params: { type: 'object', properties: { name: { type: 'string', enum: STAT_NAMES } }, required: ['name'] },
        querystring,
        response: {
          200: { description: 'The table (JSON), or CSV with a header of column keys', ...tableSchema },
          ...errorResponses(400, 404),
        },
      },
    },
    async (req, reply: FastifyReply) => {
      const { format, params, links } = statsRequest(req.query, req.url);
      // Labelled in English, or in the language the URL names (`/fr/api/v1/stats/…`, the page's CSV link);
      // the codes and the CSV's header of column keys do not change with it.
      const table = renderStatTable(req.t?.base ? req.t : en, await deps.stats.one(req.params.name, params, links));
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="palermo-${table.name}.csv"`)
          .send(tableCsv(table));
      }
      return table;
    },
  );
}
