/**
 * Compiles the query syntax tree into an FTS5 MATCH expression. User text never reaches FTS5 as
 * syntax: every word is analysed into tokens of letters and digits, each quoted; operators and
 * column filters come only from the tree. Negations are lifted out: FTS5 has only a binary NOT, so
 * the result is a positive expression and a negative one (matches to subtract).
 */
import { AppError } from '../../errors.ts';
import { analyze, isStopWord, queryVariants, tokenize, DEFAULT_QUERY_LANGUAGES } from '../analyzer.ts';
import type { QueryNode, TextField } from '../query-ast.ts';
import type { MatchTerms } from '../search-source.ts';
import { withWordForms } from '../word-forms.ts';

export const FTS_COLUMNS = ['title', 'facts', 'reasoning', 'fulltext', 'court', 'citation', 'place'] as const;

/** "v", "vs", "versus" in a bare query are the title's separator, not a word to require. */
const VERSUS = new Set(['v', 'vs', 'versus']);
export const isNoiseWord = (w: string) => isStopWord(w) || VERSUS.has(w.toLowerCase().replace(/\.$/, ''));
const COLUMN_OF: Record<Exclude<TextField, 'any'>, string> = {
  title: 'title',
  facts: 'facts',
  reasoning: 'reasoning',
  court: 'court',
  citation: 'citation',
};

export interface CompiledQuery {
  /** What documents must match; null when only negations (or nothing) were given. */
  positive: string | null;
  /** What matching documents are removed; null when there is no negation. */
  negative: string | null;
  /** Tokens to highlight in snippets. */
  terms: MatchTerms;
}

/** A bare word of the query, as a candidate for spelling correction. */
export interface PlainWord {
  text: string;
  tokens: string[];
}

const quote = (token: string) => `"${token.replace(/"/g, '""')}"`;
const phrase = (tokens: string) => quote(tokens);
const or = (parts: string[]) => {
  if (parts.length === 0) throw new Error('empty OR group');
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
};
const scoped = (field: TextField, expr: string) => (field === 'any' ? expr : `${COLUMN_OF[field]} : ${expr}`);

/** Bare words (not prefixes, not in phrases, not negated) that may deserve spelling correction. */
export function plainWords(node: QueryNode | null, negated = false, out: PlainWord[] = []): PlainWord[] {
  if (!node) return out;
  switch (node.type) {
    case 'term':
      if (!node.prefix && !negated && !isNoiseWord(node.text)) {
        const tokens = queryVariants(node.text, DEFAULT_QUERY_LANGUAGES);
        if (tokens.length && tokens.every((t) => !t.includes(' '))) out.push({ text: node.text, tokens });
      }
      break;
    case 'and':
    case 'or':
      for (const c of node.children) plainWords(c, negated, out);
      break;
    case 'not':
      plainWords(node.child, !negated, out);
      break;
    default:
      break;
  }
  return out;
}

interface Part {
  pos: string | null;
  neg: string | null;
}

export class FtsCompiler {
  private readonly terms: MatchTerms = { stems: new Set(), prefixes: [] };

  /** `expansions`: for a word's text, further index tokens to accept (close spellings). */
  constructor(private readonly expansions: ReadonlyMap<string, string[]> = new Map()) {}

  compile(node: QueryNode | null): CompiledQuery {
    const part = node ? this.node(node, false) : { pos: null, neg: null };
    return { positive: part.pos, negative: part.neg, terms: this.terms };
  }

  private node(node: QueryNode, negated: boolean): Part {
    switch (node.type) {
      case 'term':
        return {
          pos: node.prefix ? this.prefix(node.field, node.text, negated) : this.word(node.field, node.text, negated),
          neg: null,
        };
      case 'phrase':
        return { pos: this.phrase(node.field, node.text, negated), neg: null };
      case 'not': {
        const inner = this.node(node.child, !negated);
        if (inner.neg && !inner.pos) return { pos: inner.neg, neg: null }; // NOT NOT x = x
        if (!inner.pos) return { pos: null, neg: null };
        return { pos: null, neg: inner.neg ? `(${inner.pos} NOT ${inner.neg})` : inner.pos };
      }
      case 'and': {
        const parts = node.children.map((c) => this.node(c, negated));
        const pos = parts.map((p) => p.pos).filter((p): p is string => !!p);
        const neg = parts.map((p) => p.neg).filter((p): p is string => !!p);
        return {
          pos: pos.length ? (pos.length === 1 ? pos[0]! : `(${pos.join(' AND ')})`) : null,
          neg: neg.length ? or(neg) : null,
        };
      }
      case 'or': {
        const parts = node.children
          .map((c) => this.node(c, negated))
          .map((p) => (p.pos && p.neg ? { pos: `(${p.pos} NOT ${p.neg})`, neg: null } : p));
        if (parts.some((p) => p.neg)) {
          throw new AppError(
            'QUERY_SYNTAX',
            'a negation cannot be one side of OR (it would match almost everything); put it outside the OR group',
            {
              reason: 'NEGATION_IN_OR',
              position: 0,
              suggestion: 'write (a OR b) -c instead of a OR -c',
            },
          );
        }
        const pos = parts.map((p) => p.pos).filter((p): p is string => !!p);
        return { pos: pos.length ? or(pos) : null, neg: null };
      }
    }
  }

  private remember(tokens: string[], negated: boolean): void {
    if (!negated) for (const t of tokens) this.terms.stems.add(t);
  }

  private word(field: TextField, text: string, negated: boolean): string | null {
    if ((field === 'any' || field === 'title') && !negated && isNoiseWord(text)) return null;
    const variants = withWordForms(queryVariants(text, DEFAULT_QUERY_LANGUAGES));
    if (field === 'citation')
      variants.push(...tokenize(text.replace(/[^\p{L}\p{N}]+/gu, '')).filter((t) => !variants.includes(t)));
    const extra = this.expansions.get(text) ?? [];
    const all = [...variants, ...extra.filter((e) => !variants.includes(e))];
    if (!all.length) return null;
    this.remember(
      all.flatMap((v) => v.split(' ')),
      negated,
    );
    return scoped(field, or(all.map(phrase)));
  }

  private prefix(field: TextField, text: string, negated: boolean): string | null {
    const tokens = tokenize(text);
    if (!tokens.length) return null;
    const head = tokens.slice(0, -1).join(' ');
    const last = tokens[tokens.length - 1]!;
    // The index holds stems: "trafficke*" must also try the stem of the prefix ("traffick" -> "traffic").
    const stems = [...new Set([last, ...DEFAULT_QUERY_LANGUAGES.map((l) => analyze(last, l)[0] ?? last)])].filter(
      (l) => l.length >= 2,
    );
    // "#0*" leaves the one-character token "0": keep it rather than produce an empty group.
    const lasts = stems.length ? stems : [last];
    if (!negated) this.terms.prefixes.push(...lasts);
    const forms = lasts.map((l) => `${quote(head ? `${head} ${l}` : l)}*`);
    return scoped(field, or(forms));
  }

  private phrase(field: TextField, text: string, negated: boolean): string | null {
    const variants = new Set<string>();
    for (const lang of DEFAULT_QUERY_LANGUAGES) {
      const tokens = analyze(text, lang);
      if (tokens.length) variants.add(tokens.join(' '));
    }
    if (!variants.size) return null;
    this.remember(
      [...variants].flatMap((v) => v.split(' ')),
      negated,
    );
    return scoped(field, or([...variants].map(phrase)));
  }
}
