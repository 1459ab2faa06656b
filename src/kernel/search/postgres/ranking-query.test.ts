import { describe, expect, it } from 'vitest';
import { rankingQuery } from './postgres-search.ts';
import { TsqueryCompiler } from './tsquery-compiler.ts';
import { parseQuery, QueryLanguage } from '../query-parser.ts';

describe('rankingQuery (PostgreSQL ranks a match by its words joined with OR)', () => {
  it('turns the ANDs of a compiled query into ORs and keeps phrases and alternatives', () => {
    expect(rankingQuery("('sabhnani' & 'indonesia' & ('domest' <-> 'servant'))")).toBe(
      "('sabhnani' | 'indonesia' | ('domest' <-> 'servant'))",
    );
    expect(rankingQuery("(('sabnani' | 'sabhnani') & 'indonesia')")).toBe("(('sabnani' | 'sabhnani') | 'indonesia')");
  });

  it('leaves a query with a negation as it is', () => {
    const q = "('a' & !'b')";
    expect(rankingQuery(q)).toBe(q);
  });

  it('reads what the compiler writes', () => {
    const compiled = new TsqueryCompiler().compile(
      parseQuery('forced labour "domestic servant"', new QueryLanguage([])).text,
    );
    expect(compiled.positive).toContain(' & ');
    expect(rankingQuery(compiled.positive!)).not.toContain(' & ');
    expect(rankingQuery(compiled.positive!)).toContain(' <-> ');
  });
});
