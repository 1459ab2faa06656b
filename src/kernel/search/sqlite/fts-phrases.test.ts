import { describe, it, expect } from 'vitest';
import { ftsPhrases } from './fts-phrases.ts';
import { FtsCompiler } from './fts-compiler.ts';
import { parseQuery } from '../query-parser.ts';
import { QueryLanguage } from '../query-ast.ts';

describe('ftsPhrases', () => {
  it('lists the phrases left to right, with their column filter and prefix mark', () => {
    expect(ftsPhrases('("victim" OR "victimis")')).toEqual({ phrases: ['"victim"', '"victimis"'], union: true });
    expect(ftsPhrases('"recruit"*')).toEqual({ phrases: ['"recruit"*'], union: true });
    expect(ftsPhrases('(title : ("a b" OR "c") AND "d") NOT "e"')).toEqual({
      phrases: ['title : "a b"', 'title : "c"', '"d"', '"e"'],
      union: false,
    });
    expect(ftsPhrases('"say ""no"""')).toEqual({ phrases: ['"say ""no"""'], union: true });
  });

  it('refuses what the compiler does not write', () => {
    for (const bad of ['', '""', 'victim', '"a" NEAR "b"', '("a"', '"a")', 'title : title : "a"', '"a" OR', '"a"**'])
      expect(ftsPhrases(bad), bad).toBeNull();
  });

  it('reads every expression the compiler writes for the kinds of query', () => {
    const lang = new QueryLanguage([]);
    for (const q of ['victim', 'traffick*', '"forced labour"', 'title:victim', 'a -b', '(a OR b) -c', 'a b c']) {
      const { positive, negative } = new FtsCompiler().compile(parseQuery(q, lang).text);
      for (const expr of [positive, negative]) if (expr) expect(ftsPhrases(expr), expr).not.toBeNull();
    }
  });
});
