/**
 * Compiles the query syntax tree into a PostgreSQL tsquery, the way fts-compiler.ts does for FTS5:
 * every word is analysed by the shared analyzer (the same tokens the index holds) and written as a
 * quoted lexeme; operators come only from the tree; the result is passed as a bound parameter and
 * cast with ::tsquery (no parser, no dictionary in between). Negations are lifted into a second
 * query whose matches are subtracted, so both engines treat them alike.
 *
 * Fields: the index (postgres-index.ts) gives facts weight B and reasoning weight C, so `facts:x`
 * is 'x':B; title, citation and court share weights with other text, so their tokens are also
 * indexed with a field tag ('t~x', 'c~x', 'k~x') and `title:x` is 't~x'.
 */
import { AppError } from '../../errors.ts';
import { analyze, queryVariants, tokenize, DEFAULT_QUERY_LANGUAGES } from '../analyzer.ts';
import type { QueryNode, TextField } from '../query-ast.ts';
import type { MatchTerms } from '../search-source.ts';
import { withWordForms } from '../word-forms.ts';
import { isNoiseWord, type CompiledQuery } from '../sqlite/fts-compiler.ts';

/** Lexeme tag of the fields that are indexed twice (plain and tagged). */
export const FIELD_TAG = { title: 't~', citation: 'c~', court: 'k~' } as const;
/** Weight label of the fields that have one of their own. */
const FIELD_WEIGHT: Partial<Record<TextField, string>> = { facts: 'B', reasoning: 'C' };

export const quoteLexeme = (lexeme: string) => `'${lexeme.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function lexeme(field: TextField, token: string, prefix = false): string {
  const tag = field in FIELD_TAG ? FIELD_TAG[field as keyof typeof FIELD_TAG] : '';
  const weight = FIELD_WEIGHT[field] ?? '';
  const suffix = prefix || weight ? `:${prefix ? '*' : ''}${weight}` : '';
  return `${quoteLexeme(tag + token)}${suffix}`;
}

/** A phrase of tokens (one token is just the lexeme). */
function phraseOf(field: TextField, tokens: string[], lastPrefix = false): string {
  const parts = tokens.map((t, i) => lexeme(field, t, lastPrefix && i === tokens.length - 1));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' <-> ')})`;
}

const or = (parts: string[]) => {
  if (parts.length === 0) throw new Error('empty OR group');
  return parts.length === 1 ? parts[0]! : `(${parts.join(' | ')})`;
};

interface Part {
  pos: string | null;
  neg: string | null;
}

export class TsqueryCompiler {
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
        return { pos: null, neg: inner.neg ? `(${inner.pos} & !${inner.neg})` : inner.pos };
      }
      case 'and': {
        const parts = node.children.map((c) => this.node(c, negated));
        const pos = parts.map((p) => p.pos).filter((p): p is string => !!p);
        const neg = parts.map((p) => p.neg).filter((p): p is string => !!p);
        return {
          pos: pos.length ? (pos.length === 1 ? pos[0]! : `(${pos.join(' & ')})`) : null,
          neg: neg.length ? or(neg) : null,
        };
      }
      case 'or': {
        const parts = node.children
          .map((c) => this.node(c, negated))
          .map((p) => (p.pos && p.neg ? { pos: `(${p.pos} & !${p.neg})`, neg: null } : p));
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
    return or(all.map((v) => phraseOf(field, v.split(' '))));
  }

  private prefix(field: TextField, text: string, negated: boolean): string | null {
    const tokens = tokenize(text);
    if (!tokens.length) return null;
    const head = tokens.slice(0, -1);
    const last = tokens[tokens.length - 1]!;
    // The index holds stems: "trafficke*" must also try the stem of the prefix ("traffick" -> "traffic").
    const stems = [...new Set([last, ...DEFAULT_QUERY_LANGUAGES.map((l) => analyze(last, l)[0] ?? last)])].filter(
      (l) => l.length >= 2,
    );
    const lasts = stems.length ? stems : [last];
    if (!negated) this.terms.prefixes.push(...lasts);
    return or(lasts.map((l) => phraseOf(field, [...head, l], true)));
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
    return or([...variants].map((v) => phraseOf(field, v.split(' '))));
  }
}
