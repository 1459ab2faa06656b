/**
 * The data of the search query language: the syntax tree, the limits, the closed lists of field and
 * filter names, the validation of filter values, and the canonical text form of a parsed query
 * (`QueryLanguage.format`). The filter tables come from the facet declarations of the sources
 * (`new QueryLanguage(facets)`): the kernel knows no facet. The grammar and the parser live in
 * `query-parser.ts`, which re-exports the public part of this module.
 *
 * The tree carries text only as the user wrote it (no lowercasing, no stemming): analysis belongs to
 * the engine. Filters never appear in the tree; they are hoisted into `Filters` and ANDed with it.
 */

import type { FacetDef } from './facet-registry.ts';
import { COUNTRIES, COUNTRY_CODES, REGIONS, foldName, isCountryCode, resolveCountry } from '../geo/countries.ts';
import { editDistance } from './vocabulary.ts';

/** Where a text term is searched: `any` = every text field; the others restrict to one field. */
export type TextField = 'any' | 'title' | 'facts' | 'reasoning' | 'court' | 'citation';

/**
 * A word. `prefix` is true for `traff*` (then `text` is `traff`). `pos` is the 0-based UTF-16 offset
 * of the word itself.
 */
export interface TermNode {
  type: 'term';
  field: TextField;
  text: string;
  prefix: boolean;
  pos: number;
}

/** A quoted phrase; `text` is trimmed, with runs of whitespace folded to one space. `pos` is the opening quote. */
export interface PhraseNode {
  type: 'phrase';
  field: TextField;
  text: string;
  pos: number;
}

/** Children are never single and never of the same type as the parent (nested ANDs / ORs are flattened). */
export interface AndNode {
  type: 'and';
  children: QueryNode[];
}

export interface OrNode {
  type: 'or';
  children: QueryNode[];
}

export interface NotNode {
  type: 'not';
  child: QueryNode;
}

export type QueryNode = TermNode | PhraseNode | AndNode | OrNode | NotNode;
export type { QueryNode as Node };

/**
 * Structured filters, one per query facet of the sources (keyed by the facet's `query.key`). Values
 * within one kind are a union (OR); different kinds intersect (AND). Codes are normalised: countries
 * upper-case alpha-3, regions 3-digit M49, vocabulary codes as declared, languages as canonical BCP 47
 * tags, flags booleans. Years are inclusive bounds. A module narrows this type for its own facets
 * (see `FiltersOf`).
 */
export type Filters = { [key: string]: string[] | boolean[] | number | undefined } & {
  yearFrom?: number;
  yearTo?: number;
};

/** A facet declaration written in the query language. */
export type QueryFacet = FacetDef<never> & { readonly query: NonNullable<FacetDef<never>['query']> };

/** The Filters of a list of query facets, typed by key (flags are booleans, years are bounds). */
export type FiltersOf<Q extends { query: { key: string; values: string } }> = {
  [F in Q as F['query']['values'] extends 'year' ? never : F['query']['key']]?: F['query']['values'] extends 'flag'
    ? boolean[]
    : string[];
} & { yearFrom?: number; yearTo?: number };

export interface ParsedQuery {
  /** The text query; null when the query has only filters (or is empty). */
  text: QueryNode | null;
  filters: Filters;
}

export type QuerySyntaxReason =
  | 'QUERY_TOO_LONG'
  | 'TOO_MANY_TERMS'
  | 'TOO_DEEP'
  | 'INVALID_CHARACTER'
  | 'UNTERMINATED_PHRASE'
  | 'UNBALANCED_PARENTHESIS'
  | 'DANGLING_OPERATOR'
  | 'EMPTY_GROUP'
  | 'PREFIX_TOO_SHORT'
  | 'UNKNOWN_FIELD'
  | 'UNKNOWN_CODE'
  | 'INVALID_FILTER_VALUE'
  | 'DUPLICATE_FILTER'
  | 'FILTER_NOT_ALLOWED_HERE';

/** `details` of every AppError('QUERY_SYNTAX') thrown by parseQuery. */
export interface QuerySyntaxDetails {
  reason: QuerySyntaxReason;
  /** 0-based UTF-16 offset into the input, within [0, input.length]. */
  position: number;
  length?: number;
  /** A corrected query (every fixable error repaired) or, when none can be built, a hint. */
  suggestion: string;
  /** The closed list of accepted values, for UNKNOWN_FIELD and UNKNOWN_CODE. */
  allowed?: readonly string[];
}

export const QUERY_LIMITS = { maxLength: 2000, maxTerms: 64, maxDepth: 16, minPrefixLength: 2 } as const;

/** Text field names as written before a colon (case-insensitive, `-` read as `_`). */
export const TEXT_FIELD_NAMES: Readonly<Record<string, Exclude<TextField, 'any'>>> = {
  title: 'title',
  facts: 'facts',
  reasoning: 'reasoning',
  court: 'court',
  citation: 'citation',
};

/** The `query.key` of a filter. */
export type FilterKind = string;

/**
 * The filter tables of the query language, built once from the facet declarations of the sources
 * (facets without `query` are skipped). The parser reads them; `format` writes a parsed query back.
 */
export class QueryLanguage {
  /** The query facets in the order `format` writes them. */
  readonly facets: readonly QueryFacet[];
  /** The canonical name of each filter, in the order `format` writes them. */
  readonly filterCanonical: Readonly<Record<FilterKind, string>>;
  /** Every accepted filter name (canonical, plural and alias forms). */
  readonly filterNames: Readonly<Record<string, FilterKind>>;
  /** Every name accepted before a colon, for "did you mean" on an unknown field. */
  readonly knownFieldNames: readonly string[];
  /** @internal */
  readonly vocabulary: Partial<Record<FilterKind, readonly string[]>>;
  /** @internal */
  readonly valuesOf: Map<FilterKind, string>;

  constructor(facets: readonly FacetDef<never>[]) {
    this.facets = facets
      .filter((f): f is QueryFacet => f.query !== undefined)
      .sort((a, b) => a.query.order - b.query.order);
    this.filterCanonical = Object.fromEntries(this.facets.map((f) => [f.query.key, f.query.names[0]!]));
    this.filterNames = Object.fromEntries(this.facets.flatMap((f) => f.query.names.map((n) => [n, f.query.key])));
    this.knownFieldNames = [...Object.keys(TEXT_FIELD_NAMES), ...Object.keys(this.filterNames)];
    this.vocabulary = Object.fromEntries(
      this.facets.flatMap((f) => (f.query.codes ? [[f.query.key, f.query.codes]] : [])),
    );
    this.valuesOf = new Map<FilterKind, string>(this.facets.map((f) => [f.query.key, f.query.values]));
  }

  /**
   * The canonical text of a parsed query: text first, then filters in a fixed order. For any result
   * of parseQuery, parseQuery(format(q)) equals q except for positions.
   */
  format(q: ParsedQuery): string {
    return formatQuery(this, q);
  }
}

function formatQuery(lang: QueryLanguage, q: ParsedQuery): string {
  const parts: string[] = [];
  const f = q.filters;
  const hasFilters = Object.values(f).some((v) => v !== undefined);
  if (q.text) {
    const text = formatNode(q.text);
    // A top-level OR next to a filter would make the filter an operand of the OR.
    parts.push(q.text.type === 'or' && hasFilters ? `(${text})` : text);
  }
  for (const { query } of lang.facets) {
    if (query.values === 'year') {
      if (f.yearFrom === undefined && f.yearTo === undefined) continue;
      const from = f.yearFrom === undefined ? '' : String(f.yearFrom);
      const to = f.yearTo === undefined ? '' : String(f.yearTo);
      parts.push(`year:${from === to ? from : `${from}..${to}`}`);
    } else if (query.values === 'flag') {
      const flags = f[query.key] as boolean[] | undefined;
      if (flags?.length) parts.push(`${query.names[0]}:${flags.map((b) => (b ? 'yes' : 'no')).join(',')}`);
    } else pushList(parts, lang.filterCanonical[query.key]!, f[query.key] as string[] | undefined);
  }
  return parts.join(' ');
}

function pushList(parts: string[], name: string, values: readonly string[] | undefined): void {
  if (values?.length) parts.push(`${name}:${values.join(',')}`);
}

function formatNode(n: QueryNode): string {
  switch (n.type) {
    case 'term':
      return `${fieldPrefix(n.field)}${n.text}${n.prefix ? '*' : ''}`;
    case 'phrase':
      return `${fieldPrefix(n.field)}"${n.text}"`;
    case 'and':
      return n.children
        .map((c) => (c.type === 'or' || c.type === 'and' ? `(${formatNode(c)})` : formatNode(c)))
        .join(' ');
    case 'or':
      return n.children.map((c) => (c.type === 'or' ? `(${formatNode(c)})` : formatNode(c))).join(' OR ');
    case 'not':
      return `-${n.child.type === 'and' || n.child.type === 'or' ? `(${formatNode(n.child)})` : formatNode(n.child)}`;
  }
}

function fieldPrefix(field: TextField): string {
  return field === 'any' ? '' : `${field}:`;
}

// ---------------------------------------------------------------------------------------------
// Internals shared with the parser

/** @internal A syntax error inside the parser; `fix` is the input with this one error repaired. */
export class QueryFail {
  constructor(
    readonly reason: QuerySyntaxReason,
    readonly position: number,
    readonly length: number,
    readonly explanation: string,
    readonly hint: string,
    readonly fix?: string,
    readonly allowed?: readonly string[],
  ) {}
}

/** @internal One `name:values` filter as written. */
export interface FilterItem {
  kind: FilterKind;
  pos: number;
  len: number;
  values: string[];
  from?: number;
  to?: number;
}

/** @internal Removes s[pos, pos+len) and tidies the whitespace around the cut. */
export function cut(s: string, pos: number, len: number): string {
  const left = s.slice(0, pos).trimEnd();
  const right = s.slice(pos + len).trimStart();
  return !left || !right || left.endsWith('(') || right.startsWith(')') ? left + right : `${left} ${right}`;
}

/** @internal */
export const replace = (s: string, pos: number, len: number, text: string): string =>
  s.slice(0, pos) + text + s.slice(pos + len);

// ---------------------------------------------------------------------------------------------
// Filter values

/** @internal An example of a filter, for hints. */
export function example(lang: QueryLanguage, kind: FilterKind): string {
  const first = lang.vocabulary[kind]?.[0];
  const samples: Record<string, string> = {
    country: 'PHL,THA',
    region: '035',
    year: '2010..2015',
    language: 'pt-BR',
    flag: 'yes',
  };
  const value = samples[lang.valuesOf.get(kind)!];
  return `${lang.filterCanonical[kind]}:${value ?? first}`;
}

interface Rejection {
  what: string;
  hint?: string;
  suggest?: string;
  allowed?: readonly string[];
}

const REGION_CODES = new Set(REGIONS.map((r) => r.code));
const REGION_BY_NAME = new Map(REGIONS.map((r) => [foldName(r.name), r.code]));
const LANG_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
let languagesByName: Map<string, string> | undefined;
const LANG_RE = /^[a-z]{2,3}(-[a-z]{4})?(-(?:[a-z]{2}|\d{3}))?$/i;

/** Normalises one filter value, or says why it is not accepted. */
function normalize(lang: QueryLanguage, kind: FilterKind, v: string): string | Rejection {
  const vocabulary = lang.vocabulary[kind];
  if (vocabulary) {
    const allowed = [...vocabulary];
    const code = v.toLowerCase().replace(/-/g, '_');
    if (allowed.includes(code)) return code;
    return {
      what: `a ${lang.filterCanonical[kind]!.replace('_', ' ')} code`,
      suggest: closest(code, allowed, Math.max(2, code.length / 2)),
      allowed,
    };
  }
  const values = lang.valuesOf.get(kind);
  if (values === 'code') {
    // Codes without a declared list (a Protocol article such as tip.3.a): the facet's own schema decides.
    const r = lang.facets.find((f) => f.query.key === kind)!.schema.safeParse(v);
    if (r.success) return r.data;
    return { what: `a valid ${lang.filterCanonical[kind]} value`, hint: r.error.issues[0]?.message };
  }
  if (values === 'country') {
    if (isCountryCode(v.toUpperCase())) return v.toUpperCase();
    const fold = foldName(v);
    const suggest =
      resolveCountry(v) ??
      bestOf(
        COUNTRIES,
        (c) => Math.min(distance(v.toUpperCase(), c.code) <= 1 ? 1 : 9, distance(fold, foldName(c.name))),
        2,
      )?.code;
    return {
      what: 'an ISO 3166-1 alpha-3 country code',
      hint: 'use a code such as PHL, THA or USA',
      suggest,
      allowed: COUNTRY_CODES,
    };
  }
  if (values === 'region') {
    const code = /^\d{1,3}$/.test(v) ? v.padStart(3, '0') : REGION_BY_NAME.get(foldName(v));
    if (code && REGION_CODES.has(code)) return code;
    const fold = foldName(v);
    const best = bestOf(REGIONS, (r) => distance(fold, foldName(r.name)), 2);
    const hint = 'use an M49 code such as 035, or a name such as south-eastern_asia';
    return { what: 'an M49 region code or name', hint, suggest: best?.code, allowed: [...REGION_CODES] };
  }
  if (values === 'language') {
    const tag = v.replace(/_/g, '-');
    const primary = tag.split('-')[0]!;
    if (LANG_RE.test(tag) && LANG_NAMES.of(primary.toLowerCase())) return Intl.getCanonicalLocales(tag)[0]!;
    languagesByName ??= languageNames();
    return {
      what: 'a BCP 47 language tag',
      hint: 'use a tag such as en, es or pt-BR',
      suggest: languagesByName.get(foldName(v)),
    };
  }
  const b = v.toLowerCase();
  if (b === 'yes' || b === 'no') return b;
  return { what: 'a child-victim flag', suggest: closest(b, ['yes', 'no'], 1), allowed: ['yes', 'no'] };
}

function languageNames(): Map<string, string> {
  const out = new Map<string, string>();
  for (let a = 97; a < 123; a++) {
    for (let b = 97; b < 123; b++) {
      const code = String.fromCharCode(a, b);
      const name = LANG_NAMES.of(code);
      if (name) out.set(foldName(name), code);
    }
  }
  return out;
}

/** @internal Reads the comma-separated values s[start, end) of the filter starting at `pos`. */
export function filterItem(
  lang: QueryLanguage,
  s: string,
  kind: FilterKind,
  pos: number,
  start: number,
  end: number,
): FilterItem {
  const raw = s.slice(start, end);
  const item: FilterItem = { kind, pos, len: end - pos, values: [] };
  if (lang.valuesOf.get(kind) === 'year') return years(s, item, raw, start);
  let at = start;
  for (const v of raw.split(',')) {
    if (v === '') {
      let j = end;
      while (j < s.length && /\s/.test(s[j]!)) j++;
      // `country:PHL, THA` joins the next word; otherwise the extra comma goes.
      const join = at === end && j > end && j < s.length && !/[()"\u201c\u201d\u201e\u00ab\u00bb]/.test(s[j]!);
      const fix = join ? s.slice(0, end) + s.slice(j) : replace(s, at < end ? at : at - 1, 1, '');
      throw new QueryFail(
        'INVALID_FILTER_VALUE',
        at,
        0,
        `empty value at position ${at}`,
        'separate values with single commas',
        fix,
      );
    }
    const r = normalize(lang, kind, v);
    if (typeof r !== 'string') {
      const list = r.allowed && r.allowed.length <= 20 ? ` (allowed: ${r.allowed.join(', ')})` : '';
      const explanation = `"${v}" at position ${at} is not ${r.what}${list}`;
      const fix = r.suggest === undefined ? undefined : replace(s, at, v.length, r.suggest);
      throw new QueryFail(
        'UNKNOWN_CODE',
        at,
        v.length,
        explanation,
        r.hint ?? 'use one of the allowed codes',
        fix,
        r.allowed,
      );
    }
    if (!item.values.includes(r)) item.values.push(r);
    at += v.length + 1;
  }
  return item;
}

function years(s: string, item: FilterItem, raw: string, start: number): FilterItem {
  const hint = 'write one year or a range: year:2010, year:2010..2015, year:2010.. or year:..2015';
  const bad = (why: string, fix?: string): QueryFail =>
    new QueryFail('INVALID_FILTER_VALUE', start, raw.length, `"${raw}" at position ${start} ${why}`, hint, fix);
  const dash = /^(\d{4})[-–](\d{4})$/.exec(raw);
  if (dash) throw bad('is not a year range', replace(s, start, raw.length, `${dash[1]}..${dash[2]}`));
  const m = /^(\d{4})$|^(\d{4})?\.\.(\d{4})?$/.exec(raw);
  if (!m || raw === '..') throw bad('is not a year or a year range');
  const from = m[1] ?? m[2];
  const to = m[1] ?? m[3];
  if (from !== undefined && to !== undefined && Number(from) > Number(to)) {
    throw bad('is a range that ends before it starts', replace(s, start, raw.length, `${to}..${from}`));
  }
  if (from !== undefined) item.from = Number(from);
  if (to !== undefined) item.to = Number(to);
  return item;
}

/** Edit distance for suggestions: a contained name is closest, long junk gets none (keeps errors cheap). */
function distance(a: string, b: string): number {
  if (a.length >= 3 && b.includes(a)) return b.startsWith(a) ? 0.5 : 0.75;
  if (a.length > 40) return Infinity;
  return editDistance(a, b, Infinity);
}

function bestOf<T>(items: readonly T[], score: (t: T) => number, max = Infinity): T | undefined {
  let best: T | undefined;
  let bestScore = Infinity;
  for (const t of items) {
    const sc = score(t);
    if (sc < bestScore) [best, bestScore] = [t, sc];
  }
  return bestScore <= max ? best : undefined;
}

/** @internal The candidate nearest to v, if within max edits. */
export function closest(v: string, candidates: readonly string[], max = Infinity): string | undefined {
  return bestOf(candidates, (c) => distance(v, c), max);
}

/** @internal Unites the filters of each kind (OR) into Filters; a second year filter is an error. */
export function mergeFilters(lang: QueryLanguage, s: string, items: readonly FilterItem[]): Filters {
  const out: Filters = {};
  const lists = new Map<FilterKind, string[]>();
  let year: FilterItem | undefined;
  for (const f of items) {
    if (lang.valuesOf.get(f.kind) === 'year') {
      if (year) {
        const explanation = `the year filter at position ${f.pos} repeats the one at position ${year.pos}`;
        const raw = s.slice(f.pos, f.pos + f.len);
        throw new QueryFail(
          'DUPLICATE_FILTER',
          f.pos,
          f.len,
          explanation,
          `use a single year filter with a range, e.g. year:2010..2015 (found ${raw})`,
        );
      }
      year = f;
      if (f.from !== undefined) out.yearFrom = f.from;
      if (f.to !== undefined) out.yearTo = f.to;
      continue;
    }
    const list = lists.get(f.kind) ?? [];
    for (const v of f.values) if (!list.includes(v)) list.push(v);
    lists.set(f.kind, list);
  }
  for (const [kind, values] of lists) {
    const to = out as Record<string, unknown>;
    if (lang.valuesOf.get(kind) === 'flag') to[kind] = values.map((v) => v === 'yes');
    else if (lang.valuesOf.get(kind) !== 'year') to[kind] = values;
  }
  return out;
}
