/** /api/v1/search and /api/v1/cases/{id}/similar. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { codes, TAXONOMY } from '../domain/taxonomy.ts';
import { countryCode } from '../domain/case-schema.ts';
import { REGIONS } from '../../../kernel/geo/countries.ts';
import type { SearchService } from '../services/search-service.ts';
import type { FacetSelection } from '../search/search-engine.ts';
import { multi, single, year } from './query-params.ts';
import { caseIdParam, errorResponses } from './openapi.ts';

const code = (vocab: keyof typeof TAXONOMY, what: string) => {
  const allowed = codes(TAXONOMY[vocab]) as [string, ...string[]];
  return z.enum(allowed, { error: (iss) => `unknown ${what} '${String(iss.input)}'; allowed: ${allowed.join(', ')}` });
};
const regionCodes = REGIONS.map((r) => r.code) as [string, ...string[]];

export function searchQuerySchema(maxPageSize: number) {
  return z.strictObject({
    q: single(z.string().max(10_000, 'q is longer than 10,000 characters').optional()),
    jurisdiction: multi(countryCode),
    region: multi(
      z.enum(regionCodes, {
        error: (iss) =>
          `unknown region '${String(iss.input)}'; expected a UN M49 region code such as 035 (South-eastern Asia); GET /api/v1/countries lists them`,
      }),
    ),
    year_from: single(year.optional()),
    year_to: single(year.optional()),
    acts: multi(code('acts', 'act')),
    means: multi(code('means', 'means')),
    purposes: multi(code('purposes', 'purpose')),
    forms: multi(code('forms', 'form')),
    sectors: multi(code('sectors', 'sector')),
    offences: multi(code('offences', 'offence')),
    verdict: multi(code('verdicts', 'verdict')),
    court_level: multi(code('courtLevels', 'court level')),
    victim_gender: multi(code('genders', 'gender')),
    child_victims: multi(z.enum(['yes', 'no'], { error: "child_victims must be 'yes' or 'no'" })),
    victim_nationality: multi(countryCode),
    defendant_nationality: multi(countryCode),
    language: multi(z.string().regex(/^[a-z]{2,3}$/, 'language must be a primary language subtag such as en, es, pt')),
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

export function searchRoutes(app: FastifyInstance, deps: { search: SearchService; maxPageSize: number }): void {
  const schema = searchQuerySchema(deps.maxPageSize);

  app.get(
    '/api/v1/search',
    {
      schema: {
        tags: ['search'],
        summary: 'Search published cases: query language, facet filters, disjunctive facet counts, snippets',
        description:
          'See the README for the query language: words, "phrases", AND/OR/NOT, -word, (groups), prefix*, title:/facts:/reasoning:/court:/citation: fields, and filters such as country:PHL purpose:forced_labour year:2010..2015.',
        querystring: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }),
        response: errorResponses(400),
      },
    },
    async (req) => {
      const p = parseOrThrow(schema, req.query, 'search parameters');
      const selection = selectionOf(p);
      const result = await deps.search.search({
        q: p.q,
        selection,
        sort: p.sort,
        limit: p.limit,
        cursor: p.cursor,
        facets: p.facets === 'true',
      });
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
        response: errorResponses(400, 404),
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
export function selectionOf(p: Omit<SearchParamsParsed, 'q' | 'sort' | 'limit' | 'cursor' | 'facets'>): FacetSelection {
  const selection: FacetSelection = {
    jurisdiction: p.jurisdiction,
    region: p.region,
    acts: p.acts,
    means: p.means,
    purposes: p.purposes,
    forms: p.forms,
    sectors: p.sectors,
    offences: p.offences,
    verdict: p.verdict,
    courtLevel: p.court_level,
    victimGender: p.victim_gender,
    childVictims: p.child_victims,
    victimNationality: p.victim_nationality,
    defendantNationality: p.defendant_nationality,
    language: p.language,
    yearFrom: p.year_from,
    yearTo: p.year_to,
  };
  for (const k of Object.keys(selection) as (keyof FacetSelection)[])
    if (selection[k] === undefined) delete selection[k];
  return selection;
}

function withCursor(url: string, cursor: string): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('cursor', cursor);
  return `${u.pathname}?${u.searchParams.toString()}`;
}
