import { describe, expect, it } from 'vitest';
import { analyze } from './analyzer.ts';
import { knownEdits } from './spelling.ts';
import { Vocabulary } from './vocabulary.ts';

describe('spelling candidates one edit away from the word as typed', () => {
  const vocab = new Vocabulary();
  const words = ['electric', 'willing', 'hiding', 'village', 'while'];
  vocab.apply(new Map(words.map((w, i) => [analyze(w, 'en')[0]!, i + 1])));

  it('finds the stem of the intended word when the typo changes the stem', () => {
    expect(knownEdits('eectric', vocab).map((c) => c.term)).toEqual([analyze('electric', 'en')[0]]);
    expect(knownEdits('hidimg', vocab).map((c) => c.term)).toEqual(['hide']);
    expect(knownEdits('vilage', vocab).map((c) => c.term)).toEqual([analyze('village', 'en')[0]]);
    // Two words one edit away: both, the more frequent first.
    expect(knownEdits('wliling', vocab).map((c) => c.term)).toEqual(['while', 'will']);
  });

  it('leaves out numbers, short words and other scripts', () => {
    expect(knownEdits('1234', vocab)).toEqual([]);
    expect(knownEdits('wil', vocab)).toEqual([]);
    expect(knownEdits('торговля', vocab)).toEqual([]);
  });
});
