/** /api/v1/search and /api/v1/cases/{id}/similar. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { CASE_FACETS } from '../search/facet-fields.ts';
import { KIND_FACET, type FacetDef } from '../../../kernel/search/facet-registry.ts';
import type { SearchService } from '../services/search-service.ts';
import type { FacetSelection } from '../search/search-engine.ts';
import { multi, single, year } from './query-params.ts';
import { QUERY_LIMITS } from '../search/query-parser.ts';
import { caseIdParam, errorResponses, itemsOf, ok, ref } from './openapi.ts';

/** The URL parameters of the case facets (facet-fields.ts): a list per facet, two bounds for a range. */
function facetParams() {
  const shape: Record<string, z.ZodType> = {};
  for (const f of CASE_FACETS) {
    if ('range' in f) {
      shape[f.range.from] = single(year.optional());
      shape[f.range.to] = single(year.optional());
    } else shape[f.param] = multi(f.schema);
  }
  type ListParam = Exclude<(typeof CASE_FACETS)[number], { range: unknown }>['param'];
  type Year = z.ZodType<number | undefined>;
  return shape as { [K in ListParam]: z.ZodType<string[] | undefined> } & { year_from: Year; year_to: Year };
}

/** `maxQueryLength`: the parser's limit for the API; the search page takes longer pastes and corrects them. */
export function searchQuerySchema(maxPageSize: number, maxQueryLength: number = QUERY_LIMITS.maxLength) {
  return z.strictObject({
    q: single(
      z
        .string()
        .max(maxQueryLength, `q is longer than ${maxQueryLength.toLocaleString('en')} characters`)
        .optional(),
    ),
    ...facetParams(),
    sort: single(
      z
        .enum(['relevance', 'date_desc', 'date_asc'], { error: "sort must be 'relevance', 'date_desc' or 'date_asc'" })
        .optional(),
    ),
    limit: single(
      z.coerce
        .number()
        .int()
        .min(1)
        .max(maxPageSize, { error: `limit must be at most ${maxPageSize}` })
        .default(20),
    ),
    cursor: single(z.string().max(2000).optional()),
    facets: single(z.enum(['true', 'false']).default('true')),
  });
}

/**
 * The list parameters of the other sources' facets (`article`, `in_force`, `type`, `topic`,
 * `activity_country` ...), read off the engine's sources: those the case schema does not have already.
 */
export function otherFacets(all: readonly FacetDef<never>[]): FacetDef<never>[] {
  const taken = new Set<string>(['q', 'sort', 'limit', 'cursor', 'facets', 'kind']);
  for (const f of CASE_FACETS) {
    if ('range' in f) [f.range.from, f.range.to].forEach((p) => taken.add(p));
    else taken.add(f.param);
  }
  return all.filter((f) => !f.range && !taken.has(f.param) && (taken.add(f.param), true));
}

export function searchRoutes(app: FastifyInstance, deps: { search: SearchService; maxPageSize: number }): void {
  // `kind` opens the other kinds of the one search; without it the answer is the case search's.
  const others = otherFacets(deps.search.facetDefs());
  const schema = searchQuerySchema(deps.maxPageSize).extend({
    kind: multi(KIND_FACET.schema),
    strict: single(
      z
        .enum(['true', 'false'])
        .default('false')
        .describe('true: a query that cannot be read is a 400 QUERY_SYNTAX instead of a search for its correction'),
    ),
    ...Object.fromEntries(others.map((f) => [f.param, multi(f.schema)])),
  });

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search published cases: query language, facet filters, disjunctive facet counts, snippets',
        description:
          'See the README for the query language: words, "phrases", AND/OR/NOT, -word, (groups), prefix*, ' +
          'title:/facts:/reasoning:/court:/citation: fields, and filters such as country:PHL ' +
          'purpose:forced_labour year:2010..2015. A query that cannot be read as written is corrected and the ' +
          'answer says so in `corrected` ({ from, to, reason }); strict=true answers 400 QUERY_SYNTAX instead.',
        querystring: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
        response: { ...ok(ref('SearchResult')), ...errorResponses(400) },
      },
    },
    async (req) => {
      const p = parseOrThrow(schema, req.query, 'search parameters');
      const { kind, strict, ...rest } = p;
      const params = {
        q: p.q,
        selection: selectionOf(rest, others),
        sort: p.sort,
        limit: p.limit,
        cursor: p.cursor,
        facets: p.facets === 'true',
        strict: strict === 'true',
      };
      const result = kind
        ? await deps.search.searchKinds({ ...params, kinds: kind })
        : await deps.search.search(params);
      const next = result.nextCursor ? withCursor(req.url, result.nextCursor) : null;
      return { ...result, next, limit: p.limit };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: string } }>(
    '/api/v1/cases/:id/similar',
    {
      schema: {
        tags: ['search'],
        summary: 'Published cases similar to this one, best first, each with a one-line reason',
        params: caseIdParam,
        querystring: {
          type: 'object',
          properties: { limit: { type: 'integer', minimum: 1, maximum: 50, default: 10 } },
          additionalProperties: false,
        },
        response: {
          ...ok(
            itemsOf({
              type: 'object',
              properties: { id: { type: 'string' }, title: { type: 'string' }, reason: { type: 'string' } },
              required: ['id', 'title', 'reason'],
            }),
          ),
          ...errorResponses(400, 404),
        },
      },
    },
    async (req) => {
      const { limit } = parseOrThrow(
        z.strictObject({ limit: single(z.coerce.number().int().min(1).max(50).default(10)) }),
        req.query,
        'parameters',
      );
      return { items: await deps.search.similar(req.params.id, limit) };
    },
  );
}

type SearchParamsParsed = z.output<ReturnType<typeof searchQuerySchema>>;

/** The facet selection of a search request's parameters. */
export function selectionOf(
  p: Omit<SearchParamsParsed, 'q' | 'sort' | 'limit' | 'cursor' | 'facets'>,
  others: readonly FacetDef<never>[] = [],
): FacetSelection {
  const params = p as Record<string, unknown>;
  const selection: Record<string, unknown> = {};
  for (const f of others) if (params[f.param] !== undefined) selection[f.name] = params[f.param];
  for (const f of CASE_FACETS) {
    if ('range' in f) {
      if (params[f.range.from] !== undefined) selection.yearFrom = params[f.range.from];
      if (params[f.range.to] !== undefined) selection.yearTo = params[f.range.to];
    } else if (params[f.param] !== undefined) selection[f.name] = params[f.param];
  }
  return selection as FacetSelection;
}

function withCursor(url: string, cursor: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('cursor', cursor);
  return `${u.pathname}?${u.searchParams.toString()}`;
}
