/**
 * The query language of the case search: the kernel's parser (kernel/search/query-parser.ts) with
 * the filter tables of the case facets (facet-fields.ts), and the case filters typed by key.
 */
import { parseQuery as parseWith, QueryLanguage } from '../../../kernel/search/query-parser.ts';
import type { FiltersOf, ParsedQuery as AnyParsedQuery } from '../../../kernel/search/query-parser.ts';
import { CASE_FACETS, type QueryFacet } from './facet-fields.ts';

export { QUERY_LIMITS, TEXT_FIELD_NAMES } from '../../../kernel/search/query-parser.ts';
export type {
  AndNode,
  Node,
  NotNode,
  OrNode,
  PhraseNode,
  QueryNode,
  QuerySyntaxDetails,
  QuerySyntaxReason,
  TermNode,
  TextField,
} from '../../../kernel/search/query-parser.ts';

/** The filter tables of the case facets. */
export const CASE_QUERY = new QueryLanguage(CASE_FACETS);

/** The filters of a case query, one per query facet of the cases (facet-fields.ts). */
export type Filters = FiltersOf<QueryFacet>;
export type FilterKind = QueryFacet['query']['key'];

export interface ParsedQuery extends AnyParsedQuery {
  filters: Filters;
}

/** Every accepted filter name (canonical, plural and alias forms). */
export const FILTER_NAMES = CASE_QUERY.filterNames as Readonly<Record<string, FilterKind>>;

/** Parses a case query. Throws AppError('QUERY_SYNTAX', message, QuerySyntaxDetails) on any error. */
export function parseQuery(input: string): ParsedQuery {
  return parseWith(input, CASE_QUERY) as ParsedQuery;
}

/** The canonical text of a parsed case query (see QueryLanguage.format). */
export function formatQuery(q: AnyParsedQuery): string {
  return CASE_QUERY.format(q);
}
