import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import Database from 'better-sqlite3';
import { FtsCompiler, FTS_COLUMNS } from './fts-compiler.ts';
import { parseQuery as parseWith, QueryLanguage } from '../query-parser.ts';
import { AppError } from '../../errors.ts';

const db = new Database(':memory:');
db.exec(
  `CREATE VIRTUAL TABLE f USING fts5(${FTS_COLUMNS.join(', ')}, ` +
    `content='', contentless_delete=1, tokenize="ascii", detail=full)`,
);
db.prepare(
  `INSERT INTO f(rowid, ${FTS_COLUMNS.join(', ')}) ` +
    `VALUES (1, 'rantsev v cyprus', 'debt bondag fish boat', '', '', 'court', '25965 04', 'cyprus')`,
).run();
const match = db.prepare('SELECT rowid FROM f WHERE f MATCH ?');

/** The query language without filters: these tests compile text only. */
const TEXT_ONLY = new QueryLanguage([]);
const parseQuery = (q: string) => parseWith(q, TEXT_ONLY);
const compile = (q: string) => new FtsCompiler().compile(parseQuery(q).text);

describe('FTS5 compiler', () => {
  it('quotes every token and keeps operators from the tree only', () => {
    expect(compile('"debt bondage" fishing -acquitted')).toMatchObject({
      positive: expect.stringContaining('"debt bondag"'),
      negative: expect.stringContaining('"acquit"'),
    });
    expect(compile('title:rantsev').positive).toBe('title : "rantsev"');
    expect(compile('the').positive).toBeNull(); // a bare stop word constrains nothing
    expect(compile('traff*').positive).toContain('"traff"*');
    expect(compile('#0*').positive).toBe('"0"*');
  });

  it('finds what it should in a real FTS5 table', () => {
    const ids = (q: string) => match.all(compile(q).positive!).length;
    expect(ids('"debt bondage" fishing')).toBe(1);
    expect(ids('title:rantsev')).toBe(1);
    expect(ids('facts:rantsev')).toBe(0);
    expect(ids('fish*')).toBe(1);
  });

  it('rejects a negation as one side of OR with a typed error', () => {
    expect(() => compile('fishing OR -boat')).toThrow(AppError);
  });

  it('every expression it produces is valid FTS5 (property)', () => {
    const piece = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        '"',
        '(',
        ')',
        'AND',
        'OR',
        'NOT',
        '-',
        '*',
        'title:',
        'court:',
        'citation:',
        '#0*',
        'ab*',
        'é',
        '贩卖人口',
        "o'brien",
        'u.s.',
        'the',
        'v',
      ),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).map((a) => a.join(' ')),
        (q) => {
          let parsed;
          try {
            parsed = parseQuery(q);
          } catch (e) {
            expect((e as AppError).code).toBe('QUERY_SYNTAX');
            return;
          }
          let compiled;
          try {
            compiled = new FtsCompiler().compile(parsed.text);
          } catch (e) {
            expect((e as AppError).code).toBe('QUERY_SYNTAX');
            return;
          }
          for (const expr of [compiled.positive, compiled.negative])
            if (expr) expect(() => match.all(expr)).not.toThrow();
        },
      ),
      { numRuns: 3000 },
    );
  });
});
