import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { QueryLanguage } from './query-parser.ts';
import { engineCorrection, parseForgiving, plainWords } from './query-correction.ts';
import { AppError } from '../errors.ts';

const lang = new QueryLanguage([]);

describe('parseForgiving', () => {
  it('leaves a query that parses alone', () => {
    const r = parseForgiving('debt bondage -fishing', lang);
    expect(r.corrected).toBeNull();
    expect(r.query.text).not.toBeNull();
  });

  it.each([
    ['Dosar nr 1ra - 433/2009', /dangling operator/],
    ['"debt bondage', /unterminated phrase/],
    ['(fishing OR boats', /unbalanced parenthesis/],
    ['fishing)', /unbalanced parenthesis/],
    ['fishing AND', /dangling operator/],
    ['OR fishing', /dangling operator/],
    ['- - 2009/12 -- //', /dangling operator/],
    ['Case No. 12-34/2019 (appeal', /unbalanced parenthesis/],
    ['a*', /prefix too short/],
    ['foo:bar', /unknown field/],
    ['((((((((((((((((((((x))))))))))))))))))))', /too deeply nested/],
  ])('%s is corrected, with the reason', (q, reason) => {
    const r = parseForgiving(q, lang);
    expect(r.corrected).not.toBeNull();
    expect(r.corrected!.from).toBe(q);
    expect(r.corrected!.reason).toMatch(reason);
    // The correction itself parses without a correction.
    expect(parseForgiving(r.corrected!.to, lang).corrected).toBeNull();
  });

  it('a pasted title keeps its words', () => {
    const r = parseForgiving('Dosar nr 1ra - 433/2009', lang);
    expect(r.corrected!.to).toBe('Dosar nr 1ra 433/2009');
  });

  it('a query over the limit is cut to its first words', () => {
    const r = parseForgiving('word '.repeat(1000), lang);
    expect(r.corrected!.reason).toMatch(/too long|too many terms/);
    expect(r.corrected!.to.split(' ').length).toBeLessThanOrEqual(64);
  });

  it('never throws and always says when it corrected (property)', () => {
    const piece = fc.constantFrom('"', '(', ')', 'AND', 'OR', 'NOT', '-', '+', '*', 'title:', 'x:', '/', 'nr', '433');
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.array(piece, { maxLength: 14 }).map((a) => a.join(' ')),
        ),
        (q) => {
          const r = parseForgiving(q, lang);
          if (r.corrected) expect(parseForgiving(r.corrected.to, lang).corrected).toBeNull();
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('plainWords and engineCorrection', () => {
  it('takes out every operator', () => {
    expect(plainWords('a OR -b "c d" (e) f:g h*')).toBe('a b c d e f g h');
  });

  it('turns an engine refusal into a search for the plain words', () => {
    const refusal = new AppError('QUERY_SYNTAX', 'a negation cannot be one side of OR', { reason: 'NEGATION_IN_OR' });
    const r = engineCorrection(refusal, 'trafficking OR -labour', lang);
    expect(r!.corrected).toEqual({
      from: 'trafficking OR -labour',
      to: 'trafficking labour',
      reason: 'a negation cannot be one side of OR',
    });
    expect(engineCorrection(new Error('other'), 'x', lang)).toBeNull();
  });
});
