import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { AppError } from '../../../kernel/errors.ts';
import { formatQuery, parseQuery, type ParsedQuery, type QuerySyntaxDetails, type TextField } from './query-parser.ts';

// Tree builders without positions (positions are asserted separately; most expectations strip them).
const t = (text: string, field: TextField = 'any', prefix = false) => ({ type: 'term', field, text, prefix });
const p = (text: string, field: TextField = 'any') => ({ type: 'phrase', field, text });
const and = (...children: unknown[]) => ({ type: 'and', children });
const or = (...children: unknown[]) => ({ type: 'or', children });
const not = (child: unknown) => ({ type: 'not', child });

function strip<T>(x: T): unknown {
  return JSON.parse(JSON.stringify(x, (k, v: unknown) => (k === 'pos' ? undefined : v)));
}
const text = (q: string): unknown => strip(parseQuery(q).text);
const filters = (q: string) => parseQuery(q).filters;

function syntaxError(q: string): { message: string; details: QuerySyntaxDetails } {
  try {
    parseQuery(q);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    const err = e as AppError;
    expect(err.code).toBe('QUERY_SYNTAX');
    return { message: err.message, details: err.details as QuerySyntaxDetails };
  }
  throw new Error(`expected a syntax error for ${JSON.stringify(q)}`);
}

describe('parseQuery: text', () => {
  it('parses phrases, words and negation with positions', () => {
    expect(parseQuery('"debt bondage" fishing -acquitted')).toEqual({
      text: {
        type: 'and',
        children: [
          { type: 'phrase', field: 'any', text: 'debt bondage', pos: 0 },
          { type: 'term', field: 'any', text: 'fishing', prefix: false, pos: 15 },
          { type: 'not', child: { type: 'term', field: 'any', text: 'acquitted', prefix: false, pos: 24 } },
        ],
      },
      filters: {},
    });
  });

  it('parses groups, explicit AND and NOT', () => {
    expect(text('(a OR b) AND NOT c')).toEqual(and(or(t('a'), t('b')), not(t('c'))));
  });

  it('gives NOT/- precedence over AND, and AND (explicit or implicit) over OR', () => {
    expect(text('a b OR c d')).toEqual(or(and(t('a'), t('b')), and(t('c'), t('d'))));
    expect(text('a OR b AND c')).toEqual(or(t('a'), and(t('b'), t('c'))));
    expect(text('a AND b OR c AND d')).toEqual(or(and(t('a'), t('b')), and(t('c'), t('d'))));
    expect(text('NOT a b')).toEqual(and(not(t('a')), t('b')));
    expect(text('-a OR b')).toEqual(or(not(t('a')), t('b')));
    expect(text('NOT (a OR b) c')).toEqual(and(not(or(t('a'), t('b'))), t('c')));
    expect(text('a NOT b')).toEqual(and(t('a'), not(t('b'))));
  });

  it('treats lowercase and/or/not as ordinary words', () => {
    expect(text('a and b or not c')).toEqual(and(t('a'), t('and'), t('b'), t('or'), t('not'), t('c')));
    expect(text('And Or Not')).toEqual(and(t('And'), t('Or'), t('Not')));
    expect(text('ANDROID NOTE')).toEqual(and(t('ANDROID'), t('NOTE')));
  });

  it('keeps unicode words and inner apostrophes, hyphens and dots, without lowercasing', () => {
    expect(text("tráfico 贩卖人口 O'Brien e-mail U.S. Ζήτα торговля")).toEqual(
      and(t('tráfico'), t('贩卖人口'), t("O'Brien"), t('e-mail'), t('U.S.'), t('Ζήτα'), t('торговля')),
    );
    expect(text('😀x')).toEqual(t('😀x'));
  });

  it('reads + as a plain required term and stacks negations', () => {
    expect(text('+a +"b c" +(d OR e)')).toEqual(and(t('a'), p('b c'), or(t('d'), t('e'))));
    expect(text('--a')).toEqual(not(not(t('a'))));
    expect(text('NOT -a')).toEqual(not(not(t('a'))));
    expect(text('-"forced labour" -(a b)')).toEqual(and(not(p('forced labour')), not(and(t('a'), t('b')))));
  });

  it('parses prefixes', () => {
    expect(parseQuery('traf*').text).toEqual({ type: 'term', field: 'any', text: 'traf', prefix: true, pos: 0 });
    expect(text('贩卖* title:forc** a*b')).toEqual(and(t('贩卖', 'any', true), t('forc', 'title', true), t('a*b')));
  });

  it('normalises phrase whitespace and accepts typographic quotes', () => {
    expect(text('"  debt \n bondage "')).toEqual(p('debt bondage'));
    expect(text('“trata de personas” «tráfico» „Menschenhandel“')).toEqual(
      and(p('trata de personas'), p('tráfico'), p('Menschenhandel')),
    );
    expect(text('don"t stop"')).toEqual(and(t('don'), p('t stop')));
  });

  it('treats tab, newline and carriage return as whitespace', () => {
    expect(text('a\tb\r\nc\u00a0d')).toEqual(and(t('a'), t('b'), t('c'), t('d')));
  });

  it('flattens nested ANDs and ORs and unwraps single groups', () => {
    expect(text('a (b c)')).toEqual(and(t('a'), t('b'), t('c')));
    expect(text('a OR (b OR (c))')).toEqual(or(t('a'), t('b'), t('c')));
    expect(text('((a))')).toEqual(t('a'));
  });

  it('parses fielded terms, phrases and groups', () => {
    expect(text('title:word facts:"a phrase" reasoning:x court:supreme citation:ECLI:NL:HR:2009:BH2044')).toEqual(
      and(
        t('word', 'title'),
        p('a phrase', 'facts'),
        t('x', 'reasoning'),
        t('supreme', 'court'),
        t('ECLI:NL:HR:2009:BH2044', 'citation'),
      ),
    );
    expect(text('title:(a OR -b "c d")')).toEqual(or(t('a', 'title'), and(not(t('b', 'title')), p('c d', 'title'))));
    expect(text('title:(a facts:b)')).toEqual(and(t('a', 'title'), t('b', 'facts')));
    expect(text('-title:x TITLE:y Court:z')).toEqual(and(not(t('x', 'title')), t('y', 'title'), t('z', 'court')));
    expect(parseQuery('title:word').text).toMatchObject({ pos: 6 });
  });

  it('reads a field value literally', () => {
    expect(text('title:AND title:-x title:a:b')).toEqual(and(t('AND', 'title'), t('-x', 'title'), t('a:b', 'title')));
  });

  it('does not read colons as fields where they clearly are not', () => {
    expect(text('10:30 http://example.org/a ECLI:NL:HR:2009:BH2044 urn:lex:eu')).toEqual(
      and(t('10:30'), t('http://example.org/a'), t('ECLI:NL:HR:2009:BH2044'), t('urn:lex:eu')),
    );
    expect(text('held: title: (a) facts:')).toEqual(and(t('held:'), t('title:'), t('a'), t('facts:')));
  });

  it('returns null text for an empty query', () => {
    expect(parseQuery('')).toEqual({ text: null, filters: {} });
    expect(parseQuery(' \n\t ')).toEqual({ text: null, filters: {} });
  });

  it('accepts a query made only of negations', () => {
    expect(text('-acquitted')).toEqual(not(t('acquitted')));
    expect(text('NOT a -b')).toEqual(and(not(t('a')), not(t('b'))));
  });
});

describe('parseQuery: filters', () => {
  it('hoists filters out of the text', () => {
    expect(parseQuery('country:PHL purpose:forced_labour year:2010..2015')).toEqual({
      text: null,
      filters: { countries: ['PHL'], purposes: ['forced_labour'], yearFrom: 2010, yearTo: 2015 },
    });
    expect(parseQuery('debt country:PHL bondage AND year:2012')).toEqual({
      text: and({ ...t('debt'), pos: 0 }, { ...t('bondage'), pos: 17 }),
      filters: { countries: ['PHL'], yearFrom: 2012, yearTo: 2012 },
    });
    expect(parseQuery('(a OR b) country:tha')).toMatchObject({ filters: { countries: ['THA'] } });
  });

  it('unites values of one kind and deduplicates them', () => {
    expect(filters('country:PHL,tha jurisdiction:VNM countries:phl')).toEqual({ countries: ['PHL', 'THA', 'VNM'] });
    expect(filters('verdict:convicted verdicts:acquitted,convicted')).toEqual({ verdicts: ['convicted', 'acquitted'] });
  });

  it('accepts every tag kind, singular and plural, case- and hyphen-insensitive', () => {
    expect(
      filters(
        'act:recruitment acts:transfer means:fraud purpose:SLAVERY purposes:forced-labour form:internal ' +
          'forms:transnational',
      ),
    ).toEqual({
      acts: ['recruitment', 'transfer'],
      means: ['fraud'],
      purposes: ['slavery', 'forced_labour'],
      forms: ['internal', 'transnational'],
    });
    expect(filters('sector:fishing sectors:mining offence:trafficking_children offenses:trafficking_adults')).toEqual({
      sectors: ['fishing', 'mining'],
      offences: ['trafficking_children', 'trafficking_adults'],
    });
  });

  it('accepts verdict, court level, language, gender and child filters', () => {
    expect(
      filters(
        'verdict:plea_agreement court_level:appellate court-level:supreme lang:pt_br language:EN gender:female ' +
          'child:YES,no',
      ),
    ).toEqual({
      verdicts: ['plea_agreement'],
      courtLevels: ['appellate', 'supreme'],
      languages: ['pt-BR', 'en'],
      victimGenders: ['female'],
      childVictims: [true, false],
    });
    expect(filters('lang:zh-hant-tw lang:fil')).toEqual({ languages: ['zh-Hant-TW', 'fil'] });
  });

  it('accepts regions as M49 codes or folded names', () => {
    expect(filters('region:035 region:south-eastern_asia region:Asia region:2')).toEqual({
      regions: ['035', '142', '002'],
    });
  });

  it('reads every year form', () => {
    expect(filters('year:2010')).toEqual({ yearFrom: 2010, yearTo: 2010 });
    expect(filters('year:2010..2015')).toEqual({ yearFrom: 2010, yearTo: 2015 });
    expect(filters('year:2010..')).toEqual({ yearFrom: 2010 });
    expect(filters('years:..2015')).toEqual({ yearTo: 2015 });
  });
});

describe('parseQuery: errors', () => {
  // [query, reason, position, length, suggestion, is the suggestion a corrected query?]
  const cases: [string, string, number, number | undefined, string, boolean][] = [
    ['find "debt bondage', 'UNTERMINATED_PHRASE', 5, 13, 'find "debt bondage"', true],
    ['(a "b c) d', 'UNTERMINATED_PHRASE', 3, 7, '(a "b c") d', true],
    ['title:"forced labour', 'UNTERMINATED_PHRASE', 6, 14, 'title:"forced labour"', true],
    ['(a b', 'UNBALANCED_PARENTHESIS', 0, 1, '(a b)', true],
    ['a (b (c)', 'UNBALANCED_PARENTHESIS', 2, 1, 'a (b (c))', true],
    ['a ) b', 'UNBALANCED_PARENTHESIS', 2, 1, 'a b', true],
    [')', 'UNBALANCED_PARENTHESIS', 0, 1, 'remove the parenthesis', false],
    ['a AND', 'DANGLING_OPERATOR', 2, 3, 'a', true],
    ['AND a', 'DANGLING_OPERATOR', 0, 3, 'a', true],
    ['OR a', 'DANGLING_OPERATOR', 0, 2, 'a', true],
    ['a OR', 'DANGLING_OPERATOR', 2, 2, 'a', true],
    ['a AND OR b', 'DANGLING_OPERATOR', 2, 3, 'a OR b', true],
    ['a OR OR b', 'DANGLING_OPERATOR', 2, 2, 'a OR b', true],
    ['a NOT', 'DANGLING_OPERATOR', 2, 3, 'a', true],
    ['NOT', 'DANGLING_OPERATOR', 0, 3, 'remove the operator or put a term on each side', false],
    ['(a OR) b', 'DANGLING_OPERATOR', 3, 2, '(a) b', true],
    ['a - b', 'DANGLING_OPERATOR', 2, 1, 'a b', true],
    ['a -', 'DANGLING_OPERATOR', 2, 1, 'a', true],
    ['+ a', 'DANGLING_OPERATOR', 0, 1, 'a', true],
    ['()', 'EMPTY_GROUP', 0, 2, 'remove the empty parentheses', false],
    ['a ( ) b', 'EMPTY_GROUP', 2, 3, 'a b', true],
    ['a "" b', 'EMPTY_GROUP', 2, 2, 'a b', true],
    ['x title:()', 'EMPTY_GROUP', 8, 2, 'x', true],
    ['x -()', 'EMPTY_GROUP', 3, 2, 'x', true],
    ['a*', 'PREFIX_TOO_SHORT', 0, 2, 'a', true],
    ['x *', 'PREFIX_TOO_SHORT', 2, 1, 'x', true],
    ['title:t*', 'PREFIX_TOO_SHORT', 6, 2, 'title:t', true],
    ['foo:bar', 'UNKNOWN_FIELD', 0, 3, '"foo:bar"', true],
    ['titel:x', 'UNKNOWN_FIELD', 0, 5, 'title:x', true],
    ['contry:PHL', 'UNKNOWN_FIELD', 0, 6, 'country:PHL', true],
    ['yaer:2010', 'UNKNOWN_FIELD', 0, 4, 'year:2010', true],
    ['foo:"a b"', 'UNKNOWN_FIELD', 0, 3, '"a b"', true],
    ['purpose:forced_labor', 'UNKNOWN_CODE', 8, 12, 'purpose:forced_labour', true],
    ['sector:sex', 'UNKNOWN_CODE', 7, 3, 'sector:commercial_sex', true],
    ['country:THA,philippines', 'UNKNOWN_CODE', 12, 11, 'country:THA,PHL', true],
    ['country:PH', 'UNKNOWN_CODE', 8, 2, 'country:PHL', true],
    ['country:ZZZ', 'UNKNOWN_CODE', 8, 3, 'use a code such as PHL, THA or USA', false],
    ['region:asai', 'UNKNOWN_CODE', 7, 4, 'region:142', true],
    ['verdict:2010', 'UNKNOWN_CODE', 8, 4, 'use one of the allowed codes', false],
    ['child:ye', 'UNKNOWN_CODE', 6, 2, 'child:yes', true],
    ['lang:english', 'UNKNOWN_CODE', 5, 7, 'lang:en', true],
    ['lang:xx', 'UNKNOWN_CODE', 5, 2, 'use a tag such as en, es or pt-BR', false],
    [
      'year:abc',
      'INVALID_FILTER_VALUE',
      5,
      3,
      'write one year or a range: year:2010, year:2010..2015, year:2010.. or year:..2015',
      false,
    ],
    ['year:2015..2010', 'INVALID_FILTER_VALUE', 5, 10, 'year:2010..2015', true],
    ['year:2010-2015', 'INVALID_FILTER_VALUE', 5, 9, 'year:2010..2015', true],
    ['country: PHL', 'INVALID_FILTER_VALUE', 0, 8, 'country:PHL', true],
    ['country:', 'INVALID_FILTER_VALUE', 0, 8, 'write the value right after the colon, e.g. country:PHL,THA', false],
    ['country:PHL, THA', 'INVALID_FILTER_VALUE', 12, undefined, 'country:PHL,THA', true],
    ['country:PHL,,THA', 'INVALID_FILTER_VALUE', 12, undefined, 'country:PHL,THA', true],
    ['verdict:(convicted OR acquitted)', 'INVALID_FILTER_VALUE', 8, 24, 'verdict:convicted,acquitted', true],
    [
      'year:2010 year:2012',
      'DUPLICATE_FILTER',
      10,
      9,
      'use a single year filter with a range, e.g. year:2010..2015 (found year:2012)',
      false,
    ],
    ['trafficking OR country:PHL', 'FILTER_NOT_ALLOWED_HERE', 15, 11, '(trafficking) country:PHL', true],
    [
      'trafficking OR slavery country:PHL',
      'FILTER_NOT_ALLOWED_HERE',
      23,
      11,
      '(trafficking OR slavery) country:PHL',
      true,
    ],
    ['(a country:PHL) b', 'FILTER_NOT_ALLOWED_HERE', 3, 11, 'country:PHL (a) b', true],
    ['a NOT year:2010', 'FILTER_NOT_ALLOWED_HERE', 6, 9, 'a', true],
    ['-country:PHL', 'FILTER_NOT_ALLOWED_HERE', 1, 11, 'remove the filter, or list only the values you want', false],
    ['a\u0000b', 'INVALID_CHARACTER', 1, 1, 'a b', true],
    ['a\u0007b', 'INVALID_CHARACTER', 1, 1, 'a b', true],
    ['a\u000bb', 'INVALID_CHARACTER', 1, 1, 'a b', true],
    ['a\u007f', 'INVALID_CHARACTER', 1, 1, 'a', true],
    ['a\u0085b', 'INVALID_CHARACTER', 1, 1, 'a b', true],
    ['x \ud800', 'INVALID_CHARACTER', 2, 1, 'x', true],
    ['\udc00 x', 'INVALID_CHARACTER', 0, 1, 'x', true],
    ['caf\ufffd', 'INVALID_CHARACTER', 3, 1, 'caf', true],
  ];

  it.each(cases)('%j -> %s at %i', (q, reason, position, length, suggestion, isQuery) => {
    const { details } = syntaxError(q);
    const expected: Record<string, unknown> = { reason, position, suggestion };
    if (length !== undefined) expected['length'] = length;
    expect({ ...details, allowed: undefined }).toEqual({ ...expected, allowed: undefined });
    if (isQuery) expect(() => parseQuery(suggestion)).not.toThrow();
  });

  it('writes human messages', () => {
    expect(syntaxError('find "debt bondage').message).toBe(
      'unterminated phrase: the quote at position 5 has no closing quote; did you mean: find "debt bondage"',
    );
    expect(syntaxError('a ) b').message).toBe(
      'unbalanced parenthesis: the closing parenthesis at position 2 has no matching opening parenthesis; did you ' +
        'mean: a b',
    );
    expect(syntaxError('trafficking OR country:PHL').message).toBe(
      'filter not allowed here: the filter country:PHL at position 15 is an operand of OR; filters apply to the ' +
        'whole query ' +
        'and must stand at its top level, outside OR, NOT and parentheses; did you mean: (trafficking) country:PHL',
    );
  });

  it('lists the allowed values of unknown codes and fields', () => {
    const code = syntaxError('purpose:forced_labor');
    expect(code.message).toContain('(allowed: sexual_exploitation, forced_labour, slavery,');
    expect(code.details.allowed).toContain('forced_begging');
    expect(syntaxError('country:XX1').details.allowed).toContain('PHL');
    const field = syntaxError('titel:x');
    expect(field.message).toContain('known fields: title, facts, reasoning, court, citation');
    expect(field.details.allowed).toContain('court_level');
  });

  it('repairs several errors into one suggestion', () => {
    expect(syntaxError('(trafficking AND "debt bondage').details.suggestion).toBe('(trafficking AND "debt bondage")');
    expect(syntaxError('titel:x OR purpose:forced_labor').details.suggestion).toBe('(title:x) purpose:forced_labour');
  });
});

describe('parseQuery: limits', () => {
  it('rejects queries over 2,000 characters', () => {
    expect(() => parseQuery('a'.repeat(2000))).not.toThrow();
    const q = 'a '.repeat(5000);
    const { details, message } = syntaxError(q);
    expect(details).toEqual({
      reason: 'QUERY_TOO_LONG',
      position: 2000,
      length: 8000,
      suggestion: 'shorten the query to at most 2,000 characters',
    });
    expect(message).toBe(
      'query too long: the query has 10,000 characters; shorten the query to at most 2,000 characters',
    );
  });

  it('rejects more than 64 terms', () => {
    const words = Array.from({ length: 65 }, (_, i) => `w${i}`);
    expect(() => parseQuery(words.slice(0, 64).join(' '))).not.toThrow();
    const q = words.join(' ');
    expect(syntaxError(q).details).toMatchObject({
      reason: 'TOO_MANY_TERMS',
      position: q.lastIndexOf('w64'),
      length: 3,
    });
  });

  it('rejects nesting over 16 levels', () => {
    expect(() => parseQuery(`${'('.repeat(16)}a${')'.repeat(16)}`)).not.toThrow();
    expect(syntaxError(`x ${'('.repeat(17)}a${')'.repeat(17)}`).details).toEqual({
      reason: 'TOO_DEEP',
      position: 18,
      length: 1,
      suggestion: 'use at most 16 levels of nested parentheses',
    });
  });
});

describe('formatQuery', () => {
  it('writes the canonical form', () => {
    const canonical = (q: string) => formatQuery(parseQuery(q));
    expect(canonical('(a OR b) AND NOT c')).toBe('(a OR b) -c');
    expect(canonical('title:(a OR b) +"x  y"')).toBe('(title:a OR title:b) "x y"');
    expect(canonical('(a OR b) jurisdiction:phl years:2010.. child:no')).toBe(
      '(a OR b) country:PHL year:2010.. child:no',
    );
    expect(canonical('NOT (a b) traf*')).toBe('-(a b) traf*');
    expect(canonical('lang:pt_br gender:male region:asia year:2001..2001')).toBe(
      'region:142 year:2001 lang:pt-BR gender:male',
    );
    expect(formatQuery({ text: null, filters: {} })).toBe('');
  });
});

describe('parseQuery: properties', () => {
  const fragments = [
    'a',
    'bc',
    'AND',
    'OR',
    'NOT',
    'and',
    '(',
    ')',
    '"',
    '“',
    '»',
    '-',
    '+',
    '*',
    ':',
    ',',
    '..',
    ' ',
    '  ',
    '\t',
    '\n',
    'title:',
    'facts:',
    'country:',
    'PHL',
    'year:',
    '2010',
    'region:',
    'lang:',
    'child:',
    'yes',
    'verdict:',
    'convicted',
    'foo:',
    'ECLI:',
    'x*',
    'é',
    '贩',
    '😀',
    '\u0000',
    '\ud800',
    '\udc00',
    '\ufffd',
  ];
  const arbitraries = {
    ascii: fc.string({ maxLength: 60 }),
    unicode: fc.string({ unit: 'binary', maxLength: 60 }),
    codeUnits: fc.string({
      unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
      maxLength: 60,
    }),
    fragments: fc.string({ unit: fc.constantFrom(...fragments), maxLength: 40 }),
    medium: fc.string({ unit: fc.constantFrom(...fragments), minLength: 100, maxLength: 700 }),
    long: fc.string({ unit: fc.constantFrom(...fragments), minLength: 1000, maxLength: 10_000 }),
  };

  function parsesOrFailsCleanly(q: string): void {
    let result: ParsedQuery;
    try {
      result = parseQuery(q);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'QUERY_SYNTAX') throw e;
      const d = e.details as QuerySyntaxDetails;
      if (!Number.isInteger(d.position) || d.position < 0 || d.position > q.length)
        throw new Error(`bad position ${d.position}`);
      if (typeof d.suggestion !== 'string' || d.suggestion === '') throw new Error('missing suggestion');
      return;
    }
    expect(result).toHaveProperty('filters');
  }

  for (const [name, arb] of Object.entries(arbitraries)) {
    it(`returns a query or a positioned QUERY_SYNTAX error for random ${name} strings`, () => {
      fc.assert(fc.property(arb, parsesOrFailsCleanly), { numRuns: name === 'long' || name === 'medium' ? 200 : 1500 });
    });
  }

  it('handles a 10,000-character string', () => {
    parsesOrFailsCleanly('"(a OR '.repeat(1500).slice(0, 10_000));
    expect(syntaxError('x'.repeat(10_000)).details.reason).toBe('QUERY_TOO_LONG');
  });

  const word = fc.constantFrom(
    'trafficking',
    'tráfico',
    '贩卖人口',
    "o'brien",
    'e-mail',
    'u.s.',
    'and',
    'or',
    'not',
    '10:30',
    'ECLI:NL:HR:2009:BH2044',
    'http://x.org/a',
    'traf*',
    '贩卖**',
  );
  const phrase = fc.constantFrom('"debt bondage"', '“forced  labour”', '" x "');
  const field = fc.constantFrom('title', 'facts', 'reasoning', 'court', 'citation', 'Title');
  const atom = fc.oneof(
    word,
    phrase,
    fc.tuple(field, fc.oneof(word, phrase)).map(([f, w]) => `${f}:${w}`),
  );
  const { expr } = fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'expr' },
      atom,
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} ${b}`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} AND ${b}`),
      fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `${a} OR ${b}`),
      tie('expr').map((a) => `(${a})`),
      tie('expr').map((a) => `-(${a})`),
      tie('expr').map((a) => `NOT ${a}`),
      atom.map((a) => `-${a}`),
      atom.map((a) => `+${a}`),
      fc.tuple(field, tie('expr')).map(([f, a]) => `${f}:(${a})`),
    ),
  }));
  const filter = fc.constantFrom(
    'country:PHL,tha',
    'jurisdiction:VNM',
    'region:south-eastern_asia',
    'region:35',
    'acts:recruitment',
    'means:fraud,deception',
    'purpose:forced_labour',
    'form:transnational',
    'sector:fishing',
    'offence:trafficking_children',
    'verdict:convicted',
    'court_level:appellate',
    'lang:pt-br',
    'gender:female',
    'child:yes,no',
  );
  const year = fc.constantFrom([], ['year:2010'], ['year:2010..'], ['year:..2015'], ['year:2010..2015']);
  const query = fc
    .tuple(fc.option(expr), fc.array(filter, { maxLength: 4 }), year)
    .map(([e, fs, y]) => [e === null ? '' : `(${e})`, ...fs, ...y].join(' '));

  it('round-trips: parseQuery(formatQuery(parseQuery(q))) equals parseQuery(q) without positions', () => {
    fc.assert(
      fc.property(query, (q) => {
        const once = parseQuery(q);
        const formatted = formatQuery(once);
        expect(strip(parseQuery(formatted))).toEqual(strip(once));
        expect(formatQuery(parseQuery(formatted))).toBe(formatted);
      }),
      { numRuns: 1000 },
    );
  });
});
