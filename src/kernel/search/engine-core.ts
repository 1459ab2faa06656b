/**
 * The one engine core: everything both engines do alike, step by step, so that they answer alike.
 * Spelling corrections from the index's vocabulary, known items (title key, identifiers from every
 * source), candidates (with the relaxed fallback when no document holds every word), filters and
 * disjunctive counts on the shared facet columns, the order of hits, hydration by the sources,
 * "did you mean", aggregates and the similar-case cache. An engine adds only what differs: how it
 * matches a compiled expression and scores it, how it compiles the query, and how it reads its
 * tables (SQLite FTS5 synchronously on one connection; PostgreSQL tsvector through a pool,
 * possibly a replica).
 */
import { AppError } from '../errors.ts';
import type { Matches } from './match-cache.ts';
import type { SearchSource } from './search-source.ts';
import type { Vocabulary } from './vocabulary.ts';
import { queryTitleKey } from './title-key.ts';
import { knownEdits } from './spelling.ts';
import { topK } from './top-k.ts';
import { foldIdentifier, KEY_MARK, queryKeys } from './identifier.ts';
import type { FacetIndex, SlotColumns } from './facet-index.ts';
import type { FacetDef } from './facet-registry.ts';
import { candidatesOf, everyCandidate, hitOrder, hydrate } from './hit-order.ts';
import { QueryLanguage, type QueryNode } from './query-ast.ts';
import type { SearchRequest, SearchResult } from './search-engine.ts';
import type { AggregateQuery } from './search-source.ts';
import { mergeSelection } from './selection.ts';
import { plainWords, type CompiledQuery } from './sqlite/fts-compiler.ts';

/**
 * A word found in no document is also matched by close spellings; so is a word found in at most
 * RARE documents when a close spelling is at least TIMES as frequent (a likely typo of a common word).
 */
const RARE = 2;
const TIMES = 10;

type Key = { kind: string; id: string };

export abstract class EngineCore<R> {
  /** Similar-record lists by id; emptied by any committed index write, like the match cache. */
  protected readonly similarCache = new Map<string, unknown[]>();
  protected readonly sources: Map<string, SearchSource>;
  /** Every source's facets, once by name (the first declaration wins). */
  private readonly facetDefs: readonly FacetDef<never>[];
  /** The query language of the sources' facets, for "did you mean". */
  private readonly language: QueryLanguage;

  constructor(sources: readonly SearchSource[]) {
    this.sources = new Map(sources.map((src) => [src.kind, src]));
    const byName = new Map<string, FacetDef<never>>();
    for (const src of sources) for (const f of src.facets) if (!byName.has(f.name)) byName.set(f.name, f);
    this.facetDefs = [...byName.values()];
    this.language = new QueryLanguage(this.facetDefs);
  }

  /** The slot columns of the source that extends the facet columns (its `slotColumns` hook), if any. */
  protected static slotColumnsOf(sources: readonly SearchSource[]): (() => SlotColumns) | undefined {
    const src = sources.find((s) => s.slotColumns);
    return src && (() => src.slotColumns!());
  }

  /** The one source with the given extension hook. */
  private extended(hook: 'aggregate' | 'similar'): SearchSource {
    const src = [...this.sources.values()].find((s) => s[hook]);
    if (!src) throw new Error(`no search source has a '${hook}' hook`);
    return src;
  }

  kinds(): string[] {
    return [...this.sources.keys()];
  }

  /** Every source's facet declarations, once by name (the HTTP layer builds its parameters from them). */
  facetDeclarations(): readonly FacetDef<never>[] {
    return this.facetDefs;
  }

  protected source(kind: string): SearchSource {
    const src = this.sources.get(kind);
    if (!src) throw new Error(`no search source of kind '${kind}'`);
    return src;
  }

  // ---- what an engine supplies ----

  protected abstract get facets(): FacetIndex;
  protected abstract get vocabulary(): Vocabulary;
  /** What one search reads from (synced with the index first). */
  protected abstract reader(): Promise<R>;
  /** Every document matching a compiled expression, with its raw score, cached. */
  protected abstract run(r: R, expr: string): Promise<Matches>;
  /** The query compiled for this engine, with spelling expansions. */
  protected abstract compile(node: QueryNode | null, expansions?: Map<string, string[]>): CompiledQuery;
  /** An OR of compiled expressions. */
  protected abstract or(parts: string[]): string;
  /** Raw score to higher-is-better. */
  protected abstract score(raw: number): number;
  /** The documents matching the exact (uncorrected) query, when `expr` is its positive part. */
  protected abstract exactIds(r: R, expr: string | null): Promise<Set<number>>;
  /**
   * The documents holding any of these index tokens (identifier and title keys): 255 for one of
   * `whole`, else 254 for one of `spans`.
   */
  protected abstract byKeys(r: R, whole: string[], spans: string[]): Promise<Map<number, number>>;
  protected abstract seqsOf(r: R, kind: string, ids: string[]): Promise<number[]>;
  /** (kind, id) of document numbers, in order (undefined where the document is gone). */
  protected abstract keysOf(r: R, seqs: number[]): Promise<(Key | undefined)[]>;
  /** The connection the sources read full text and identifiers through. */
  protected abstract db(r: R): unknown;
  /** The best `k` documents holding any of the tokens, with scores (higher is better). */
  protected abstract top(r: R, tokens: string[], k: number): Promise<[number, number][]>;

  /** True while the engine loads its state in the background (searches and figures must wait). */
  protected isLoading(): boolean {
    return false;
  }

  /** False while the state loads in the background. */
  ready(): boolean {
    return !this.isLoading();
  }

  /** UNAVAILABLE (HTTP 503, with Retry-After) while the state loads in the background. */
  private assertReady(): void {
    if (this.isLoading())
      throw new AppError('UNAVAILABLE', 'the search index is loading after a restart; try again in a few seconds', {
        reason: 'SEARCH_INDEX_LOADING',
        retryAfter: 10,
      });
  }

  // ---- shared ----

  protected async ids(r: R, expr: string): Promise<Set<number>> {
    return new Set((await this.run(r, expr)).seqs);
  }

  /** Close spellings for rare words, from the index's own vocabulary. */
  private corrections(text: QueryNode | null) {
    const vocab = this.vocabulary;
    const expansions = new Map<string, string[]>();
    const corrections: { word: string; alternatives: string[] }[] = [];
    const replace = new Map<string, string>();
    for (const w of plainWords(text)) {
      const df = Math.max(...w.tokens.map((t) => vocab.docFreq(t)));
      if (df > RARE) continue;
      const minDf = df === 0 ? 1 : Math.max(5, df * TIMES);
      // A word in no document: also the words one edit away from it as typed (spelling.ts).
      const close = [
        ...w.tokens.flatMap((t) => vocab.closeTo(t, minDf, 3)),
        ...(df === 0 ? knownEdits(w.text, vocab) : []),
      ].sort((a, b) => a.distance - b.distance || b.df - a.df);
      const alternatives = [...new Set(close.map((c) => c.term))].slice(0, 3);
      if (!alternatives.length) continue;
      expansions.set(w.text, alternatives);
      corrections.push({ word: w.text, alternatives });
      replace.set(w.text, vocab.wordFor(alternatives[0]!));
    }
    return { expansions, corrections, replace };
  }

  /**
   * Known items: a title typed in full, or the whole query equal to an identifier or a numbered
   * title however typed (tier 255: first); an identifier named inside a longer query (tier 254).
   */
  private async knownItems(r: R, text: QueryNode | null): Promise<Map<number, number>> {
    const words = positiveWords(text);
    if (!words || words.length > 16) return new Map();
    const joined = words.join(' ');
    const { whole, spans } = queryKeys(joined);
    const title = queryTitleKey(joined);
    const wholeKeys = [...new Set([...(title ? [title] : []), ...whole])].map((k) => KEY_MARK + k);
    const spanKeys = spans.map((k) => KEY_MARK + k);
    const identified = async () => {
      const ident = foldIdentifier(joined);
      if (ident.length < 3) return [];
      const seqs: number[] = [];
      for (const src of this.sources.values()) {
        const ids = src.identified ? await src.identified(ident, this.db(r)) : [];
        if (ids.length) seqs.push(...(await this.seqsOf(r, src.kind, ids)));
      }
      return seqs;
    };
    const [byIdent, byKey] = await Promise.all([
      identified(),
      wholeKeys.length || spanKeys.length ? this.byKeys(r, wholeKeys, spanKeys) : new Map<number, number>(),
    ]);
    for (const seq of byIdent) byKey.set(seq, 255);
    return byKey;
  }

  /** The documents matching an expression as matches without scores (0): for figures, not for an order. */
  private async unscored(r: R, expr: string): Promise<Matches> {
    const seqs = Uint32Array.from(await this.ids(r, expr));
    return { seqs, scores: new Float64Array(seqs.length) };
  }

  /**
   * The matches with their tiers and the known items. Lookups that do not depend on each other run
   * at once (on PostgreSQL each is a round trip on its own pooled connection). `scored` false: the
   * same documents, without what only orders them (BM25 / ts_rank, corrected readings, tiers), for
   * aggregates; ranking every match is most of a frequent word's cost (ADR 0002).
   */
  private async candidates(r: R, req: SearchRequest, expansions: Map<string, string[]>, scored = true) {
    const match = (expr: string) => (scored ? this.run(r, expr) : this.unscored(r, expr));
    const facets = this.facets;
    const compiled = this.compile(req.query.text, expansions);
    const knownP = compiled.positive ? this.knownItems(r, req.query.text) : Promise.resolve(new Map<number, number>());
    knownP.catch(() => undefined); // awaited below; a failure is reported there, not as unhandled
    // With corrections: the exact spelling and the readings beside the first match (unused when relaxed).
    const correctedP =
      scored && compiled.positive && expansions.size
        ? Promise.all([
            this.exactIds(r, this.compile(req.query.text).positive),
            this.bestReading(r, req.query.text, expansions),
          ])
        : null;
    correctedP?.catch(() => undefined);
    const [negative, first] = await Promise.all([
      compiled.negative ? this.ids(r, compiled.negative) : null,
      compiled.positive ? match(compiled.positive) : null,
    ]);
    if (!first) {
      return { c: everyCandidate(facets, negative), compiled, relaxed: false };
    }
    let rows = first;
    let tierOf: (seq: number) => number;
    let relaxed = false;
    const parts = rows.seqs.length === 0 ? this.relaxable(req.query.text, expansions) : null;
    if (parts && !scored) {
      relaxed = true;
      rows = await match(this.or(parts.map((p) => `(${p.expanded})`)));
      tierOf = () => 1;
    } else if (parts) {
      // No document has every word: take those with any, ranked by how many of the words they hold,
      // a word held only through a corrected spelling counting slightly less (1) than as typed (2):
      // all three words with one corrected (5) beat two as typed (4), and lose to three as typed (6).
      relaxed = true;
      const idsOf = (expr: string | null) => (expr ? this.ids(r, expr) : Promise.resolve(new Set<number>()));
      const [any, ...held] = await Promise.all([
        this.run(r, this.or(parts.map((p) => `(${p.expanded})`))),
        ...parts.map((p) => Promise.all([idsOf(p.exact), p.exact === p.expanded ? null : idsOf(p.expanded)])),
      ]);
      rows = any;
      const coverage = new Map<number, number>();
      for (const [exact, expanded] of held) {
        for (const seq of expanded ?? exact) coverage.set(seq, (coverage.get(seq) ?? 0) + (exact.has(seq) ? 2 : 1));
      }
      tierOf = (seq) => Math.min(coverage.get(seq) ?? 0, 200);
    } else if (correctedP) {
      const [exact, best] = await correctedP;
      if (best)
        rows = { seqs: rows.seqs, scores: Float64Array.from(rows.seqs, (seq, i) => best.get(seq) ?? rows.scores[i]!) };
      tierOf = (seq) => (exact.has(seq) ? 1 : 0);
    } else {
      tierOf = () => 1;
    }
    const known = await knownP;
    return { c: candidatesOf(facets, rows, known, negative, tierOf, (raw) => this.score(raw)), compiled, relaxed };
  }

  /**
   * Every document holds every word, some only through a corrected spelling. An OR of spellings
   * adds up, so a document holding two spellings of the corrected word (the name, and a misspelling
   * of it in the text) would outrank one holding the right spelling in its title. When one word has
   * several alternatives, a document scores by its best reading instead: the query with that word
   * read as one alternative at a time (at most three more matches, on the words' own documents).
   */
  private async bestReading(
    r: R,
    text: QueryNode | null,
    expansions: Map<string, string[]>,
  ): Promise<Map<number, number> | null> {
    const several = [...expansions].filter(([, alts]) => alts.length > 1);
    if (several.length !== 1) return null;
    const [word, alts] = several[0]!;
    const exprs = alts
      .map((alt) => this.compile(text, new Map([...expansions, [word, [alt]]])).positive)
      .filter((e): e is string => !!e);
    const scored = await this.bestOf(r, exprs);
    const best = new Map<number, number>();
    for (let i = 0; i < scored.seqs.length; i++) best.set(scored.seqs[i]!, scored.scores[i]!);
    return best;
  }

  /**
   * Every document matching any of the expressions, with its best raw score among those it matches.
   * By default one match per expression; an engine may answer in one statement.
   */
  protected async bestOf(r: R, exprs: string[]): Promise<Matches> {
    const best = new Map<number, number>();
    for (const m of await Promise.all(exprs.map((e) => this.run(r, e)))) {
      for (let i = 0; i < m.seqs.length; i++) {
        const had = best.get(m.seqs[i]!);
        if (had === undefined || this.score(m.scores[i]!) > this.score(had)) best.set(m.seqs[i]!, m.scores[i]!);
      }
    }
    return { seqs: Uint32Array.from(best.keys()), scores: Float64Array.from(best.values()) };
  }

  /**
   * The positive parts of a plain AND query (two or more words or phrases), each compiled alone,
   * with the spelling expansions and without (`exact`).
   */
  private relaxable(
    text: QueryNode | null,
    expansions: Map<string, string[]>,
  ): { expanded: string; exact: string | null }[] | null {
    if (!text || text.type !== 'and') return null;
    const positives = text.children.filter((c) => c.type !== 'not');
    if (positives.length < 2) return null;
    const parts = positives.flatMap((p) => {
      const expanded = this.compile(p, expansions).positive;
      return expanded ? [{ expanded, exact: this.compile(p).positive }] : [];
    });
    return parts.length >= 2 ? parts : null;
  }

  async search(req: SearchRequest): Promise<SearchResult> {
    this.assertReady();
    const r = await this.reader();
    const facets = this.facets;
    const { expansions, corrections, replace } = this.corrections(req.query.text);
    const { c, compiled, relaxed } = await this.candidates(r, req, expansions);
    const selection = mergeSelection(req.selection, req.query.filters, this.facetDefs);
    const { passing, counts } = facets.evaluate(c.slots, selection, req.facets);
    const order = hitOrder(req, c, facets);
    const page = topK(passing, req.limit + 1, order.before, order.isAfter);
    const more = page.length > req.limit;
    const shown = page.slice(0, req.limit);
    const keys = await this.keysOf(
      r,
      shown.map((k) => facets.seqOf(c.slots[k]!)),
    );
    const hits = await hydrate(this.sources, keys, shown, c, compiled.terms, (src, ids) =>
      src.fulltext(ids, this.db(r)),
    );
    const last = shown[shown.length - 1];
    return {
      total: passing.length,
      hits,
      nextKey: more && last !== undefined ? order.key(last) : null,
      facets: req.facets ? Object.fromEntries(counts) : {},
      didYouMean: replace.size ? this.language.format({ ...req.query, text: rewrite(req.query.text, replace) }) : null,
      corrections,
      relaxed,
    };
  }

  /**
   * Figures over the documents a search matches, computed by the source's `aggregate` hook on the
   * shared facet columns (the cases: statistics).
   */
  async aggregate<A = unknown>(req: AggregateQuery): Promise<A> {
    const src = this.extended('aggregate');
    this.assertReady();
    const r = await this.reader();
    const { expansions } = this.corrections(req.query.text);
    const { c } = await this.candidates(r, { ...req, sort: 'date_desc', limit: 0, facets: false }, expansions, false);
    return src.aggregate!(req, c.slots, this.facets) as A;
  }

  /** Records like `id`, from the source's `similar` hook (cached until the next index write). */
  async similar<T = unknown>(id: string, limit: number): Promise<T[] | undefined> {
    const src = this.extended('similar');
    if (this.isLoading()) return []; // a case page shows no similar cases for the minute of the load
    const r = await this.reader();
    const key = `${id}\u0000${limit}`;
    const cached = this.similarCache.get(key);
    if (cached) return cached as T[];
    const found = await src.similar!(
      {
        facets: this.facets,
        vocabulary: this.vocabulary,
        seqOf: async (i) => (await this.seqsOf(r, src.kind, [i]))[0],
        idsOf: async (seqs) => (await this.keysOf(r, seqs)).flatMap((x) => (x ? [x.id] : [])),
        top: (tokens, k) => this.top(r, tokens, k),
      },
      id,
      limit,
    );
    if (found) {
      if (this.similarCache.size >= 2000) this.similarCache.clear();
      this.similarCache.set(key, found);
    }
    return found as T[] | undefined;
  }
}

/** The words of a query that is only an AND of positive words and phrases (for known-item lookup). */
export function positiveWords(node: QueryNode | null): string[] | null {
  if (!node) return null;
  if (
    node.type === 'term' &&
    !node.prefix &&
    (node.field === 'any' || node.field === 'title' || node.field === 'citation')
  )
    return [node.text];
  if (node.type === 'phrase' && node.field !== 'court') return [node.text];
  if (node.type === 'and') {
    const parts = node.children.map(positiveWords);
    return parts.every((p) => p) ? (parts.flat() as string[]) : null;
  }
  return null;
}

/** The tree with corrected words, for "did you mean". */
export function rewrite(node: QueryNode | null, replace: Map<string, string>): QueryNode | null {
  if (!node) return null;
  switch (node.type) {
    case 'term':
      return replace.has(node.text) ? { ...node, text: replace.get(node.text)! } : node;
    case 'phrase':
      return node;
    case 'not':
      return { ...node, child: rewrite(node.child, replace)! };
    default:
      return { ...node, children: node.children.map((c) => rewrite(c, replace)!) };
  }
}
