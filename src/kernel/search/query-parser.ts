/**
 * Hand-written recursive-descent parser for the search query language (grammar and decisions in
 * the comment below). It turns text into a ParsedQuery or throws AppError('QUERY_SYNTAX') whose
 * details ({@link QuerySyntaxDetails}) carry a reason, a position and a suggestion: a corrected
 * query, obtained by applying each error's own fix and re-parsing until the query is valid.
 *
 *   query   := or EOF                         filters only in the top-level AND chain
 *   or      := and ('OR' and)*
 *   and     := unary (['AND'] unary)*         adjacency is an implicit AND
 *   unary   := ('NOT' | '-' | '+')* primary   '-'/'+' must touch their operand; '+' is a no-op
 *   primary := '(' or ')' | PHRASE | WORD | FIELD ':' (WORD | PHRASE | '(' or ')') | FILTER ':' VALUES
 *
 * Lexing: whitespace is Unicode white space (tab, LF and CR included; other control characters are
 * errors). A word runs to the next whitespace, parenthesis or quote, so `o'brien`, `e-mail`, `u.s.`,
 * `10:30` and `贩卖人口` are single words. Quotes are `"` and the typographic “ ” „ « » (any of them
 * closes a phrase); `'` is an apostrophe. `AND`, `OR`, `NOT` are operators only in upper case and as
 * a whole word. `-`/`+` are operators only at the start of a word. A word ending in `*` is a prefix.
 * `name:` starts a field or filter when name is ASCII letters, `_` or `-` (case-insensitive, `-` read
 * as `_`) and the colon is followed by something other than whitespace or `)`. An unknown name is an
 * error, except when followed by `/` (a URL) or by a value containing another colon (ECLI, URN).
 * After a text field the value is literal: `title:AND` and `title:-x` search those words.
 */
import { AppError } from '../errors.ts';
import {
  QUERY_LIMITS as LIMITS,
  QueryFail as Fail,
  TEXT_FIELD_NAMES,
  closest,
  cut,
  example,
  filterItem,
  mergeFilters,
  replace,
  type FilterItem,
  type ParsedQuery,
  type QueryLanguage,
  type QueryNode,
  type QuerySyntaxDetails,
  type QuerySyntaxReason,
  type TextField,
} from './query-ast.ts';

export { QueryLanguage, QUERY_LIMITS, TEXT_FIELD_NAMES } from './query-ast.ts';
export type {
  AndNode,
  FilterKind,
  Filters,
  FiltersOf,
  QueryFacet,
  Node,
  NotNode,
  OrNode,
  ParsedQuery,
  PhraseNode,
  QueryNode,
  QuerySyntaxDetails,
  QuerySyntaxReason,
  TermNode,
  TextField,
} from './query-ast.ts';

const TITLES: Record<QuerySyntaxReason, string> = {
  QUERY_TOO_LONG: 'query too long',
  TOO_MANY_TERMS: 'too many terms',
  TOO_DEEP: 'too deeply nested',
  INVALID_CHARACTER: 'invalid character',
  UNTERMINATED_PHRASE: 'unterminated phrase',
  UNBALANCED_PARENTHESIS: 'unbalanced parenthesis',
  DANGLING_OPERATOR: 'dangling operator',
  EMPTY_GROUP: 'empty group',
  PREFIX_TOO_SHORT: 'prefix too short',
  UNKNOWN_FIELD: 'unknown field',
  UNKNOWN_CODE: 'unknown code',
  INVALID_FILTER_VALUE: 'invalid filter value',
  DUPLICATE_FILTER: 'duplicate filter',
  FILTER_NOT_ALLOWED_HERE: 'filter not allowed here',
};

/**
 * Parses a query; `lang` holds the filter tables of the sources' facets. Throws
 * AppError('QUERY_SYNTAX', message, QuerySyntaxDetails) on any error.
 */
export function parseQuery(input: string, lang: QueryLanguage): ParsedQuery {
  try {
    return parseStrict(input, lang);
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const fixed = e.fix === undefined ? '' : repair(e.fix, lang).trim();
    const suggestion = fixed || e.hint;
    const details: QuerySyntaxDetails = { reason: e.reason, position: e.position, suggestion };
    if (e.length > 0) details.length = e.length;
    if (e.allowed) details.allowed = e.allowed;
    const advice = fixed ? `did you mean: ${fixed}` : e.hint;
    throw new AppError('QUERY_SYNTAX', `${TITLES[e.reason]}: ${e.explanation}; ${advice}`, details);
  }
}

/**
 * Why a query cannot be parsed and its repair (every fixable error fixed), or null when it parses;
 * `fixed` is undefined when no repair is known. For searches that correct rather than refuse.
 */
export function repairQuery(input: string, lang: QueryLanguage): { reason: string; fixed: string | undefined } | null {
  try {
    parseStrict(input, lang);
    return null;
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    const fixed = e.fix === undefined ? '' : repair(e.fix, lang).trim();
    return { reason: `${TITLES[e.reason]}: ${e.explanation}`, fixed: fixed || undefined };
  }
}

/** Applies successive fixes until the query parses (or no further fix is known). */
function repair(query: string, lang: QueryLanguage): string {
  let cur = query;
  for (let i = 0; i < 12; i++) {
    try {
      parseStrict(cur, lang);
      return cur;
    } catch (e) {
      if (!(e instanceof Fail)) throw e;
      if (e.fix === undefined || e.fix === cur) return cur;
      cur = e.fix;
    }
  }
  return cur;
}

function parseStrict(s: string, lang: QueryLanguage): ParsedQuery {
  if (s.length > LIMITS.maxLength) {
    const hint = `shorten the query to at most ${LIMITS.maxLength.toLocaleString('en')} characters`;
    throw new Fail(
      'QUERY_TOO_LONG',
      LIMITS.maxLength,
      s.length - LIMITS.maxLength,
      `the query has ${s.length.toLocaleString('en')} characters`,
      hint,
    );
  }
  checkCharacters(s);
  return new Parser(s, lang).parse();
}

function checkCharacters(s: string): void {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let what: string | undefined;
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      else what = 'an unpaired surrogate';
    } else if (c >= 0xdc00 && c <= 0xdfff) what = 'an unpaired surrogate';
    else if (c === 0xfffd) what = 'the replacement character (the text was probably decoded with the wrong encoding)';
    else if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0x7f && c <= 0x9f)) what = 'a control character';
    if (what) {
      const code = `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
      throw new Fail(
        'INVALID_CHARACTER',
        i,
        1,
        `${code} at position ${i} is ${what}`,
        'remove the character',
        cut(s, i, 1),
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Lexer

type Tok =
  | { k: 'lp' | 'rp' | 'eof' | 'and' | 'or' | 'not'; pos: number; len: number }
  | { k: 'minus' | 'plus'; pos: number; len: number; attached: boolean }
  | { k: 'word' | 'phrase'; pos: number; len: number; text: string }
  | { k: 'field'; pos: number; len: number; field: TextField }
  | { k: 'filter'; pos: number; len: number; item: FilterItem };

const QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e', '\u00ab', '\u00bb']);
const SPACE = /\s/;
const isSpace = (c: string | undefined): boolean => c !== undefined && SPACE.test(c);
const isStop = (c: string): boolean => c === '(' || c === ')' || QUOTES.has(c) || SPACE.test(c);
const FIELD_RE = /^([A-Za-z][A-Za-z_-]*):/;
const OPERATORS = { AND: 'and', OR: 'or', NOT: 'not' } as const;

class Lexer {
  private i = 0;
  private depth = 0;
  private valueMode = false;

  constructor(
    private readonly s: string,
    private readonly lang: QueryLanguage,
  ) {}

  private runEnd(i: number): number {
    while (i < this.s.length && !isStop(this.s[i]!)) i++;
    return i;
  }

  next(): Tok {
    const s = this.s;
    let i = this.i;
    while (i < s.length && isSpace(s[i])) i++;
    const value = this.valueMode;
    this.valueMode = false;
    if (i >= s.length) return this.emit({ k: 'eof', pos: i, len: 0 });
    const c = s[i]!;
    if (c === '(' || c === ')') {
      this.depth += c === '(' ? 1 : -1;
      return this.emit({ k: c === '(' ? 'lp' : 'rp', pos: i, len: 1 });
    }
    if (QUOTES.has(c)) return this.phrase(i);
    if (!value && (c === '-' || c === '+')) {
      return this.emit({
        k: c === '-' ? 'minus' : 'plus',
        pos: i,
        len: 1,
        attached: i + 1 < s.length && !isSpace(s[i + 1]),
      });
    }
    const end = this.runEnd(i);
    const run = s.slice(i, end);
    if (!value) {
      if (run === 'AND' || run === 'OR' || run === 'NOT') return this.emit({ k: OPERATORS[run], pos: i, len: end - i });
      const m = FIELD_RE.exec(run);
      const named = m ? this.named(i, end, m[1]!) : undefined;
      if (named) return named;
    }
    return this.emit({ k: 'word', pos: i, len: end - i, text: run });
  }

  private emit(t: Tok): Tok {
    this.i = t.pos + t.len;
    return t;
  }

  private phrase(i: number): Tok {
    const s = this.s;
    let j = i + 1;
    while (j < s.length && !QUOTES.has(s[j]!)) j++;
    if (j >= s.length) {
      let close = s.trimEnd().length;
      const rp = this.depth > 0 ? s.indexOf(')', i) : -1;
      if (rp >= 0) for (close = rp; close > i + 1 && isSpace(s[close - 1]); ) close--;
      const fix = `${s.slice(0, close)}"${s.slice(close)}`;
      throw new Fail(
        'UNTERMINATED_PHRASE',
        i,
        s.length - i,
        `the quote at position ${i} has no closing quote`,
        'close the phrase with a quote',
        fix,
      );
    }
    return this.emit({
      k: 'phrase',
      pos: i,
      len: j + 1 - i,
      text: s
        .slice(i + 1, j)
        .trim()
        .replace(/\s+/g, ' '),
    });
  }

  /** A `name:` run: a field, a filter, or (undefined) an ordinary word. */
  private named(i: number, end: number, rawName: string): Tok | undefined {
    const s = this.s;
    const colon = i + rawName.length;
    const after = s[colon + 1];
    const name = rawName.toLowerCase().replace(/-/g, '_');
    const field = TEXT_FIELD_NAMES[name];
    const kind = this.lang.filterNames[name];
    const raw = s.slice(i, colon + 1);
    if (after === undefined || isSpace(after) || after === ')') {
      if (!kind) return undefined;
      let j = colon + 1;
      while (isSpace(s[j])) j++;
      const fix = j < s.length && !isStop(s[j]!) ? s.slice(0, colon + 1) + s.slice(j) : cut(s, i, colon + 1 - i);
      const hint = `write the value right after the colon, e.g. ${example(this.lang, kind)}`;
      throw new Fail(
        'INVALID_FILTER_VALUE',
        i,
        colon + 1 - i,
        `the filter ${raw} at position ${i} has no value`,
        hint,
        fix,
      );
    }
    if (field) {
      this.valueMode = true;
      return this.emit({ k: 'field', pos: i, len: colon + 1 - i, field });
    }
    if (kind) {
      if (after === '(' || QUOTES.has(after)) {
        const hint = `filter values are codes separated by commas, e.g. ${example(this.lang, kind)}`;
        let j = colon + 2;
        while (j < s.length && s[j] !== ')' && !QUOTES.has(s[j]!)) j++;
        const words = s
          .slice(colon + 2, j)
          .split(/\s+/)
          .filter((w) => w && w !== 'OR');
        const closed = j < s.length && (after === '(') === (s[j] === ')') && words.length > 0;
        const fix = closed ? replace(s, colon + 1, j - colon, words.join(',')) : undefined;
        const explanation = `the filter ${raw} at position ${i} cannot take a phrase or a group`;
        throw new Fail('INVALID_FILTER_VALUE', colon + 1, closed ? j - colon : 1, explanation, hint, fix);
      }
      const vEnd = this.runEnd(colon + 1);
      const item = filterItem(this.lang, s, kind, i, colon + 1, vEnd);
      return this.emit({ k: 'filter', pos: i, len: vEnd - i, item });
    }
    if (after === '/' || s.slice(colon + 1, end).includes(':')) return undefined;
    const close = closest(name, this.lang.knownFieldNames, name.length <= 4 ? 1 : 2);
    const valueFollows = after === '(' || QUOTES.has(after);
    const fix = close
      ? replace(s, i, rawName.length, close)
      : valueFollows
        ? cut(s, i, colon + 1 - i)
        : replace(s, i, end - i, `"${s.slice(i, end)}"`);
    const filters = Object.values(this.lang.filterCanonical).join(', ');
    const known = `known fields: ${Object.keys(TEXT_FIELD_NAMES).join(', ')}; filters: ${filters}`;
    const explanation = `"${rawName}" at position ${i} is not a field (${known})`;
    throw new Fail(
      'UNKNOWN_FIELD',
      i,
      rawName.length,
      explanation,
      'use a known field, or quote the text to search it literally',
      fix,
      this.lang.knownFieldNames,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Parser

const UNARY_START = new Set<Tok['k']>(['word', 'phrase', 'field', 'filter', 'lp', 'minus', 'plus', 'not']);

interface Chain {
  node: QueryNode | null;
  filters: FilterItem[];
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Tok;
  private terms = 0;

  constructor(
    private readonly s: string,
    private readonly lang: QueryLanguage,
  ) {
    this.lexer = new Lexer(s, lang);
    this.tok = this.lexer.next();
  }

  private advance(): Tok {
    const t = this.tok;
    this.tok = this.lexer.next();
    return t;
  }

  private fail(
    reason: QuerySyntaxReason,
    t: { pos: number; len: number },
    explanation: string,
    hint: string,
    fix?: string,
  ): never {
    throw new Fail(reason, t.pos, t.len, explanation, hint, fix);
  }

  private dangling(t: Tok, what: string): never {
    const op = this.s.slice(t.pos, t.pos + t.len);
    const explanation = `"${op}" at position ${t.pos} ${what}`;
    this.fail(
      'DANGLING_OPERATOR',
      t,
      explanation,
      'remove the operator or put a term on each side',
      cut(this.s, t.pos, t.len),
    );
  }

  parse(): ParsedQuery {
    const { node, filters } = this.parseOr(0, 'any', null);
    const t = this.tok;
    if (t.k === 'rp') {
      const explanation = `the closing parenthesis at position ${t.pos} has no matching opening parenthesis`;
      this.fail('UNBALANCED_PARENTHESIS', t, explanation, 'remove the parenthesis', cut(this.s, t.pos, 1));
    }
    return { text: node, filters: mergeFilters(this.lang, this.s, filters) };
  }

  private parseOr(depth: number, field: TextField, negAt: number | null): Chain {
    const first = this.parseAnd(depth, field, negAt);
    if (!first.node && !first.filters.length) {
      if (this.tok.k === 'or') this.dangling(this.tok, 'has nothing on its left');
      return first;
    }
    const branches = first.node ? [first.node] : [];
    const filters = [...first.filters];
    let or = false;
    while (this.tok.k === 'or') {
      const op = this.advance();
      const next = this.parseAnd(depth, field, negAt);
      if (!next.node && !next.filters.length) this.dangling(op, 'has nothing on its right');
      if (next.node) branches.push(next.node);
      filters.push(...next.filters);
      or = true;
    }
    if (or && filters.length) {
      const f = filters[0]!;
      let rest = this.s;
      for (const g of [...filters].reverse()) rest = cut(rest, g.pos, g.len);
      const fix = `(${rest.trim()}) ${filters.map((g) => this.s.slice(g.pos, g.pos + g.len)).join(' ')}`;
      this.notAllowed(f, 'is an operand of OR', fix);
    }
    return { node: combine('or', branches), filters };
  }

  private parseAnd(depth: number, field: TextField, negAt: number | null): Chain {
    const items: QueryNode[] = [];
    const filters: FilterItem[] = [];
    for (;;) {
      const t = this.tok;
      if (t.k === 'and') {
        if (!items.length && !filters.length) this.dangling(t, 'has nothing on its left');
        this.advance();
        if (!UNARY_START.has(this.tok.k)) this.dangling(t, 'has nothing on its right');
        continue;
      }
      if (!UNARY_START.has(t.k)) break;
      const r = this.parseUnary(depth, field, negAt);
      if ('kind' in r) filters.push(r);
      else items.push(r);
    }
    return { node: combine('and', items), filters };
  }

  private parseUnary(depth: number, field: TextField, negAt: number | null): QueryNode | FilterItem {
    const ops: Tok[] = [];
    while (this.tok.k === 'not' || this.tok.k === 'minus' || this.tok.k === 'plus') {
      const t = this.advance();
      if ((t.k === 'minus' || t.k === 'plus') && !t.attached) {
        this.dangling(t, 'must be followed directly (without a space) by a word, phrase or group');
      }
      if (!UNARY_START.has(this.tok.k))
        this.dangling(t, t.k === 'plus' ? 'has no word after it' : 'has nothing to negate');
      ops.push(t);
    }
    const firstNeg = ops.find((o) => o.k !== 'plus');
    let node = this.parsePrimary(depth, field, negAt ?? firstNeg?.pos ?? null);
    if ('kind' in node) return node;
    for (let i = ops.length - 1; i >= 0; i--) if (ops[i]!.k !== 'plus') node = { type: 'not', child: node };
    return node;
  }

  private parsePrimary(depth: number, field: TextField, negAt: number | null): QueryNode | FilterItem {
    const t = this.advance();
    switch (t.k) {
      case 'word':
        return this.term(t.text, t.pos, field, t.pos);
      case 'phrase':
        return this.phrase(t.text, t.pos, t.len, field, t.pos);
      case 'lp':
        return this.group(t.pos, depth, field, negAt, t.pos);
      case 'field': {
        const v = this.advance();
        if (v.k === 'word') return this.term(v.text, v.pos, t.field, t.pos);
        if (v.k === 'phrase') return this.phrase(v.text, v.pos, v.len, t.field, t.pos);
        return this.group(v.pos, depth, t.field, negAt, t.pos);
      }
      case 'filter': {
        const raw = this.s.slice(t.pos, t.pos + t.len);
        if (negAt !== null) {
          this.notAllowed(t.item, `is negated by the operator at position ${negAt}`, cut(this.s, t.pos, t.len), true);
        }
        if (depth > 0) this.notAllowed(t.item, 'is inside parentheses', `${raw} ${cut(this.s, t.pos, t.len)}`);
        return t.item;
      }
      default:
        throw new Error(`query parser: unexpected token ${t.k}`);
    }
  }

  private notAllowed(f: FilterItem, why: string, fix: string, negated = false): never {
    const raw = this.s.slice(f.pos, f.pos + f.len);
    const rule = negated
      ? 'filters cannot be negated'
      : 'filters apply to the whole query and must stand at its top level, outside OR, NOT and parentheses';
    const hint = negated
      ? 'remove the filter, or list only the values you want'
      : 'move the filter to the top level of the query';
    throw new Fail(
      'FILTER_NOT_ALLOWED_HERE',
      f.pos,
      f.len,
      `the filter ${raw} at position ${f.pos} ${why}; ${rule}`,
      hint,
      fix,
    );
  }

  private count(pos: number, len: number): void {
    if (++this.terms > LIMITS.maxTerms) {
      const hint = `use at most ${LIMITS.maxTerms} words or phrases; narrow the search with filters instead`;
      this.fail('TOO_MANY_TERMS', { pos, len }, `the term at position ${pos} is number ${this.terms}`, hint);
    }
  }

  private term(word: string, pos: number, field: TextField, from: number): QueryNode {
    const text = word.replace(/\*+$/, '');
    const prefix = text.length < word.length;
    if (prefix && [...text].length < LIMITS.minPrefixLength) {
      const min = LIMITS.minPrefixLength;
      const explanation = `"${word}" at position ${pos} has fewer than ${min} characters before the *`;
      const fix = text ? replace(this.s, pos, word.length, text) : cut(this.s, from, pos + word.length - from);
      this.fail(
        'PREFIX_TOO_SHORT',
        { pos, len: word.length },
        explanation,
        'put at least 2 characters before the *',
        fix,
      );
    }
    this.count(pos, word.length);
    return { type: 'term', field, text, prefix, pos };
  }

  private phrase(text: string, pos: number, len: number, field: TextField, from: number): QueryNode {
    if (!text) {
      this.fail(
        'EMPTY_GROUP',
        { pos, len },
        `the phrase at position ${pos} is empty`,
        'remove the empty quotes',
        cut(this.s, from, pos + len - from),
      );
    }
    this.count(pos, len);
    return { type: 'phrase', field, text, pos };
  }

  private group(lp: number, depth: number, field: TextField, negAt: number | null, from: number): QueryNode {
    if (depth + 1 > LIMITS.maxDepth) {
      const hint = `use at most ${LIMITS.maxDepth} levels of nested parentheses`;
      this.fail('TOO_DEEP', { pos: lp, len: 1 }, `the parenthesis at position ${lp} opens level ${depth + 1}`, hint);
    }
    const inner = this.parseOr(depth + 1, field, negAt);
    const t = this.tok;
    if (t.k !== 'rp') {
      const explanation = `the parenthesis at position ${lp} is never closed`;
      this.fail(
        'UNBALANCED_PARENTHESIS',
        { pos: lp, len: 1 },
        explanation,
        'close the parenthesis',
        `${this.s.trimEnd()})`,
      );
    }
    this.advance();
    if (!inner.node) {
      const len = t.pos + 1 - lp;
      this.fail(
        'EMPTY_GROUP',
        { pos: lp, len },
        `the parentheses at position ${lp} contain nothing`,
        'remove the empty parentheses',
        cut(this.s, from, t.pos + 1 - from),
      );
    }
    return inner.node;
  }
}

function combine(type: 'and' | 'or', items: QueryNode[]): QueryNode | null {
  const flat = items.flatMap((n) => (n.type === type ? n.children : [n]));
  if (flat.length <= 1) return flat[0] ?? null;
  return { type, children: flat };
}
