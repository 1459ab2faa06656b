import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { analyze } from './analyzer.ts';
import { bestSnippet, eachWord, WORD } from './snippets.ts';

const words = (text: string) => {
  const out: [number, number][] = [];
  eachWord(text, (start, end) => (out.push([start, end]), true));
  return out;
};

describe('snippets', () => {
  it('finds the same words as the WORD regex, Unicode included (property)', () => {
    const piece = fc.constantFrom(
      'a',
      'Z',
      '9',
      ' ',
      "'",
      '’',
      '.',
      '·',
      '-',
      'é',
      'ß',
      '\u0301',
      '日',
      '𠀀',
      'ب',
      ',',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        expect(words(text)).toEqual([...text.matchAll(WORD)].map((m) => [m.index, m.index + m[0].length]));
      }),
      { numRuns: 500 },
    );
    expect(words("o'brien’s u.s. ·x")).toEqual([
      [0, 9],
      [10, 13],
      [16, 17],
    ]);
  });

  it('highlights every form of a query word in the best passage, and the lead when nothing matches', () => {
    const fields = [
      { field: 'title', language: null, text: 'R v Smith', weight: 3 },
      { field: 'facts', language: 'en', text: 'The accused trafficked two women. Trafficking was proven.', weight: 2 },
    ];
    const opts = { lead: 'facts', fulltextLanguage: null };
    const terms = { stems: new Set(analyze('trafficking', 'en')), prefixes: [] };
    const s = bestSnippet(fields, terms, opts)!;
    expect(s.field).toBe('facts');
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['trafficked', 'Trafficking']);
    const none = bestSnippet(fields, { stems: new Set(['zzz']), prefixes: [] }, opts)!;
    expect(none).toEqual({ field: 'facts', language: 'en', text: fields[1]!.text, highlights: [] });
  });
});
