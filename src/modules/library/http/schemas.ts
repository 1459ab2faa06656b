/** Query schemas shared by the library's API and pages. */
import { z } from 'zod';
import { multi, single } from '../../../kernel/http/query-params.ts';
import type { Selection } from '../../../kernel/search/search-source.ts';
import { RESOURCE_FACETS } from '../search/facets.ts';

const year = z.coerce.number().int().min(1900).max(2100);
const facet = (name: string) => RESOURCE_FACETS.find((f) => f.name === name)!.schema;

export const resourceSearchSchema = (maxPageSize: number) =>
  z.strictObject({
    q: single(z.string().max(500).optional()),
    type: multi(facet('resourceType')),
    language: multi(facet('language')),
    topic: multi(facet('topic')),
    country: multi(facet('country')),
    year_from: single(year.optional()),
    year_to: single(year.optional()),
    sort: single(z.enum(['relevance', 'date_desc', 'date_asc']).optional()),
    limit: single(z.coerce.number().int().min(1).max(maxPageSize).default(20)),
    cursor: single(z.string().max(500).optional()),
    facets: single(z.enum(['true', 'false']).default('true')),
  });

export type ResourceSearch = z.output<ReturnType<typeof resourceSearchSchema>>;

export function selectionOf(p: ResourceSearch): Selection {
  const sel: Record<string, unknown> = {};
  if (p.type) sel.resourceType = p.type;
  if (p.language) sel.language = p.language;
  if (p.topic) sel.topic = p.topic;
  if (p.country) sel.country = p.country;
  if (p.year_from !== undefined) sel.yearFrom = p.year_from;
  if (p.year_to !== undefined) sel.yearTo = p.year_to;
  return sel as Selection;
}
