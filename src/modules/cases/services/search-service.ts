/**
 * Search use cases: parse the query text, merge it with the facet selection, page with signed
 * cursors, and present hits and facets with labels. Engine-agnostic: any SearchEngine plugs in.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../kernel/errors.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { CaseRecord } from '../domain/case-schema.ts';
import type { CaseStore } from '../store/case-store.ts';
import { parseQuery, formatQuery } from '../search/query-parser.ts';
import { facetLabel, type FacetField } from '../search/facet-fields.ts';
import type { FacetSelection, SearchEngine, SearchSort, Snippet } from '../search/search-engine.ts';
import { cursorCodecOf, type CursorCodec } from './cursor.ts';

export interface SearchParams {
  q?: string;
  selection: FacetSelection;
  sort?: SearchSort;
  limit: number;
  cursor?: string;
  facets: boolean;
}

export interface HitSummary {
  id: string;
  title: string;
  jurisdiction: string;
  jurisdictionName: string;
  court: string | null;
  courtLevel: string | null;
  decisionDate: string | null;
  verdicts: string[];
  purposes: string[];
  languages: string[];
  updatedAt: string;
  score: number;
  fuzzy: boolean;
  snippet: Snippet | null;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface SearchResponse {
  query: { q: string; normalized: string | null };
  total: number;
  sort: SearchSort;
  hits: HitSummary[];
  facets: Partial<Record<FacetField, FacetValue[]>>;
  didYouMean: string | null;
  corrections: { word: string; alternatives: string[] }[];
  /** No case holds every word: these cases hold some of them, the most words first. */
  relaxed: boolean;
  nextCursor: string | null;
}

export { facetLabel };

export function summarize(rec: CaseRecord, score: number, fuzzy: boolean, snippet: Snippet | null): HitSummary {
  return {
    id: rec.id,
    title: rec.title,
    jurisdiction: rec.jurisdiction,
    jurisdictionName: countryByCode(rec.jurisdiction)?.name ?? rec.jurisdiction,
    court: rec.court,
    courtLevel: rec.courtLevel,
    decisionDate: rec.decisionDate,
    verdicts: [
      ...new Set(
        rec.defendants.flatMap((d) => d.charges.map((c) => c.verdict)).filter((v): v is NonNullable<typeof v> => !!v),
      ),
    ],
    purposes: rec.tags.purposes,
    languages: Object.keys(rec.narratives),
    updatedAt: rec.updatedAt,
    score,
    fuzzy,
    snippet,
  };
}

export class SearchService {
  private readonly cursors: () => Promise<CursorCodec>;

  constructor(
    private readonly engine: SearchEngine,
    store: CaseStore,
  ) {
    this.cursors = cursorCodecOf(store);
  }

  async search(params: SearchParams): Promise<SearchResponse> {
    const q = params.q ?? '';
    const query = parseQuery(q);
    const sort: SearchSort = params.sort ?? (query.text ? 'relevance' : 'date_desc');
    if (sort === 'relevance' && !query.text && params.sort) {
      // Relevance without words is date order; say so rather than silently ignoring it.
      throw new AppError('BAD_REQUEST', "sort 'relevance' needs query words; use date_desc or date_asc to browse", {
        field: 'sort',
      });
    }
    const scope = createHash('sha256')
      .update(JSON.stringify(['search', q, params.selection, sort]))
      .digest('base64url')
      .slice(0, 12);
    const codec = await this.cursors();
    const after = params.cursor ? codec.decode(scope, params.cursor) : undefined;
    const result = await this.engine.search({
      query,
      selection: params.selection,
      sort,
      limit: params.limit,
      after,
      facets: params.facets,
    });
    const facets: SearchResponse['facets'] = {};
    for (const [field, values] of Object.entries(result.facets) as [FacetField, { value: string; count: number }[]][]) {
      facets[field] = values
        .map((v) => ({ value: v.value, label: facetLabel(field, v.value), count: v.count }))
        .sort((a, b) =>
          field === 'year' ? (a.value < b.value ? 1 : -1) : b.count - a.count || a.label.localeCompare(b.label),
        );
    }
    return {
      query: { q, normalized: query.text || Object.keys(query.filters).length ? formatQuery(query) : null },
      total: result.total,
      sort,
      hits: result.hits.map((h) => summarize(h.record, h.score, h.fuzzy, h.snippet)),
      facets,
      didYouMean: result.didYouMean,
      corrections: result.corrections,
      relaxed: result.relaxed,
      nextCursor: result.nextKey ? codec.encode(scope, result.nextKey) : null,
    };
  }

  async similar(id: string, limit: number) {
    const list = await this.engine.similar(id, limit);
    if (!list) throw new AppError('NOT_FOUND', `case '${id}' does not exist`, { id });
    return list.map((s) => ({ ...summarize(s.record, s.score, false, null), reason: s.reason }));
  }

  reindex(onProgress?: (n: number) => void): Promise<number> {
    return this.engine.reindex(onProgress);
  }
}
