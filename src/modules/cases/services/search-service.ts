/**
 * Search use cases: parse the query text, merge it with the facet selection, page with signed
 * cursors, and present hits and facets with labels. Engine-agnostic: any SearchEngine plugs in.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../kernel/errors.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { CaseRecord } from '../domain/case-schema.ts';
import type { CaseStore } from '../store/case-store.ts';
import { parseQuery, formatQuery, type ParsedQuery as ParsedCaseQuery } from '../search/query-parser.ts';
import { parseQuery as parseWith, QueryLanguage } from '../../../kernel/search/query-parser.ts';
import {
  engineCorrection,
  parseForgiving,
  type ForgivingParse,
  type QueryCorrection,
} from '../../../kernel/search/query-correction.ts';
import { CASE_QUERY } from '../search/query-parser.ts';
import type { FacetDef } from '../../../kernel/search/facet-registry.ts';
import { formatReasons } from '../search/similar-reasons.ts';
import { FACET_FIELDS, facetLabel, type FacetField } from '../search/facet-fields.ts';
import type { FacetSelection, SearchEngine, SearchSort, Snippet } from '../search/search-engine.ts';
import { cursorCodecOf, type CursorCodec } from './cursor.ts';

export interface SearchParams {
  q?: string;
  /** The kinds to search (`kind` parameter); absent: cases only, answered exactly as before kinds existed. */
  kinds?: string[];
  selection: FacetSelection;
  sort?: SearchSort;
  limit: number;
  cursor?: string;
  facets: boolean;
  /** A query that cannot be read is a 400 (QUERY_SYNTAX); otherwise its correction is searched (`corrected`). */
  strict?: boolean;
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

/** A hit when kinds are asked for: a case's summary with its kind, or another source's record. */
export type KindHit =
  | (HitSummary & { kind: 'case' })
  | { kind: string; id: string; score: number; fuzzy: boolean; snippet: Snippet | null; record: unknown };

export interface SearchResponse<H = HitSummary> {
  query: { q: string; normalized: string | null };
  total: number;
  sort: SearchSort;
  hits: H[];
  facets: Partial<Record<FacetField | 'kind' | (string & {}), FacetValue[]>>;
  didYouMean: string | null;
  corrections: { word: string; alternatives: string[] }[];
  /** No case holds every word: these cases hold some of them, the most words first. */
  relaxed: boolean;
  /** The query could not be read as written: what was searched for instead, and why. */
  corrected: QueryCorrection | null;
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
  /** The query language of every source's facets (`article:`, `type:` ...), for searches with `kind`. */
  private readonly language: QueryLanguage;

  constructor(
    private readonly engine: SearchEngine,
    store: CaseStore,
  ) {
    this.cursors = cursorCodecOf(store);
    this.language = new QueryLanguage(engine.facetDeclarations());
  }

  /** Every source's facet declarations (URL parameters and their value schemas), once by name. */
  facetDefs(): readonly FacetDef<never>[] {
    return this.engine.facetDeclarations();
  }

  /** Cases only (no `kind` parameter): the response of the case search as it always was. */
  async search(params: Omit<SearchParams, 'kinds'>): Promise<SearchResponse> {
    const res = await this.run({ ...params, kinds: undefined });
    return { ...res, hits: res.hits.flatMap((h) => ('summary' in h ? [h.summary] : [])) };
  }

  /** Any kinds (the `kind` parameter): hits of every asked kind, ranked together; a `kind` facet. */
  async searchKinds(params: SearchParams & { kinds: string[] }): Promise<SearchResponse<KindHit>> {
    const known = this.engine.kinds();
    const unknown = params.kinds.find((k) => !known.includes(k));
    if (unknown !== undefined)
      throw new AppError('BAD_REQUEST', `unknown kind '${unknown}'; allowed: ${known.join(', ')}`, { field: 'kind' });
    const res = await this.run(params);
    return {
      ...res,
      hits: res.hits.map((h): KindHit => ('summary' in h ? { ...h.summary, kind: 'case' } : h.other)),
    };
  }

  /** Parses the query: strictly (a 400 on any error) or forgiving (its correction, said in `corrected`). */
  private parse(q: string, params: SearchParams): ForgivingParse {
    const lang = params.kinds ? this.language : CASE_QUERY;
    if (params.strict) return { query: params.kinds ? parseWith(q, lang) : parseQuery(q), corrected: null };
    return parseForgiving(q, lang);
  }

  private async run(params: SearchParams) {
    const q = params.q ?? '';
    // Without `kind`, the case language as always; with it, every source's filters.
    let { query, corrected } = this.parse(q, params) as { query: ParsedCaseQuery; corrected: QueryCorrection | null };
    const sort: SearchSort = params.sort ?? (query.text ? 'relevance' : 'date_desc');
    if (sort === 'relevance' && !query.text && params.sort) {
      // Relevance without words is date order; say so rather than silently ignoring it.
      throw new AppError('BAD_REQUEST', "sort 'relevance' needs query words; use date_desc or date_asc to browse", {
        field: 'sort',
      });
    }
    const scope = createHash('sha256')
      .update(JSON.stringify(['search', q, params.selection, sort, ...(params.kinds ? [params.kinds] : [])]))
      .digest('base64url')
      .slice(0, 12);
    const codec = await this.cursors();
    const after = params.cursor ? codec.decode(scope, params.cursor) : undefined;
    const ask = (parsed: ParsedCaseQuery) =>
      this.engine.search({
        query: parsed,
        selection: { ...params.selection, kind: params.kinds ?? ['case'] },
        sort,
        limit: params.limit,
        after,
        facets: params.facets,
      });
    let result: Awaited<ReturnType<typeof ask>>;
    try {
      result = await ask(query);
    } catch (e) {
      // An engine may refuse what the parser read (a negation as one side of OR): its plain words then.
      const retry =
        params.strict || corrected ? null : engineCorrection(e, q, params.kinds ? this.language : CASE_QUERY);
      if (!retry) throw e;
      ({ query, corrected } = retry as { query: ParsedCaseQuery; corrected: QueryCorrection });
      result = await ask(query);
    }
    const facets: SearchResponse['facets'] = {};
    for (const [field, values] of Object.entries(result.facets) as [FacetField, { value: string; count: number }[]][]) {
      // Without `kind`, the facets of the case search only, as before kinds existed.
      if (!params.kinds && !FACET_FIELDS.includes(field)) continue;
      facets[field] = values
        .map((v) => ({ value: v.value, label: facetLabel(field, v.value), count: v.count }))
        .sort((a, b) =>
          field === 'year' ? (a.value < b.value ? 1 : -1) : b.count - a.count || a.label.localeCompare(b.label),
        );
    }
    return {
      query: {
        q,
        normalized:
          query.text || Object.keys(query.filters).length
            ? params.kinds
              ? this.language.format(query)
              : formatQuery(query)
            : null,
      },
      total: result.total,
      sort,
      hits: result.hits.map((h): { summary: HitSummary } | { other: KindHit } =>
        h.kind === 'case'
          ? { summary: summarize(h.record as CaseRecord, h.score, h.fuzzy, h.snippet) }
          : { other: { kind: h.kind, id: h.id, score: h.score, fuzzy: h.fuzzy, snippet: h.snippet, record: h.record } },
      ),
      facets,
      didYouMean: result.didYouMean,
      corrections: result.corrections,
      relaxed: result.relaxed,
      corrected,
      nextCursor: result.nextKey ? codec.encode(scope, result.nextKey) : null,
    };
  }

  /** Similar cases with their structured reasons (the pages translate them). */
  async similarCases(id: string, limit: number) {
    const list = await this.engine.similar(id, limit);
    if (!list) throw new AppError('NOT_FOUND', `case '${id}' does not exist`, { id });
    return list.map((s) => ({ ...summarize(s.record, s.score, false, null), reasons: s.reasons }));
  }

  /** Similar cases as the API gives them: each with its one-line English reason. */
  async similar(id: string, limit: number) {
    const list = await this.similarCases(id, limit);
    return list.map(({ reasons, ...s }) => ({ ...s, reason: formatReasons(reasons) }));
  }

  reindex(onProgress?: (n: number) => void): Promise<number> {
    return this.engine.reindex(onProgress);
  }
}
