/**
 * A search box never fails a person: a query the language cannot read is replaced by its repair
 * (the parser's own fixes, as in "did you mean"), or else by its plain words with every operator
 * taken out, and the answer says so (`corrected: { from, to, reason }`). Programs that want the
 * 400 ask for strict parsing (parseQuery).
 */
import { AppError } from '../errors.ts';
import { QUERY_LIMITS, parseQuery, repairQuery, type ParsedQuery, type QueryLanguage } from './query-parser.ts';

export interface QueryCorrection {
  /** The query as written. */
  from: string;
  /** The query searched for instead. */
  to: string;
  /** Why the query could not be read as written. */
  reason: string;
}

export interface ForgivingParse {
  query: ParsedQuery;
  corrected: QueryCorrection | null;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]/g;

/**
 * The words of a query with every operator taken out (quotes, parentheses, leading - and +, AND/OR/NOT,
 * name: prefixes, trailing *), within the query limits: what is left to search when the language
 * cannot read it.
 */
export function plainWords(input: string): string {
  return input
    .slice(0, QUERY_LIMITS.maxLength)
    .replace(LONE_SURROGATE, ' ')
    .replace(CONTROL, ' ')
    .replace(/["\u201c\u201d\u201e\u00ab\u00bb()]/g, ' ')
    .split(/[\s:]+/)
    .map((w) => w.replace(/^[-+]+/, '').replace(/\*+$/, ''))
    .filter((w) => w && !/^(AND|OR|NOT)$/.test(w) && /[\p{L}\p{N}]/u.test(w))
    .slice(0, QUERY_LIMITS.maxTerms)
    .join(' ');
}

const isSyntax = (e: unknown): e is AppError => e instanceof AppError && e.code === 'QUERY_SYNTAX';

/** Parses `input`; when it cannot be read, parses its repair or its plain words, and says which. */
export function parseForgiving(input: string, lang: QueryLanguage): ForgivingParse {
  const failure = repairQuery(input, lang);
  if (!failure) return { query: parseQuery(input, lang), corrected: null };
  for (const to of [failure.fixed, plainWords(input), '']) {
    if (to === undefined) continue;
    try {
      return { query: parseQuery(to, lang), corrected: { from: input, to, reason: failure.reason } };
    } catch (e) {
      if (!isSyntax(e)) throw e;
    }
  }
  /* c8 ignore next */
  throw new Error('unreachable: the empty query always parses');
}

/**
 * For a query the parser reads but an engine refuses (a negation as one side of OR): its plain words,
 * with the engine's message as the reason; null when the error is another or the words are the same.
 */
export function engineCorrection(e: unknown, input: string, lang: QueryLanguage): ForgivingParse | null {
  if (!isSyntax(e)) return null;
  const words = plainWords(input);
  if (words === input) return null;
  const parsed = parseForgiving(words, lang);
  const to = parsed.corrected ? parsed.corrected.to : words;
  return { query: parsed.query, corrected: { from: input, to, reason: e.message } };
}
