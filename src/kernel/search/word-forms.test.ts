import { describe, expect, it } from 'vitest';
import { analyze, queryVariants } from './analyzer.ts';
import { familyOf, withWordForms } from './word-forms.ts';

const stem = (w: string) => analyze(w, 'en')[0]!;

describe('word forms the stemmer leaves apart', () => {
  it('joins derivations, spellings and irregular forms of the legal vocabulary', () => {
    expect(familyOf(stem('harboring'))).toContain(stem('harboured'));
    expect(familyOf(stem('conspiracy'))).toContain(stem('conspired'));
    expect(familyOf(stem('deception'))).toEqual(expect.arrayContaining([stem('deceived'), stem('deceit')]));
    expect(familyOf(stem('sold'))).toContain(stem('selling'));
    // The stemmer already joins these: exploit, exploitation, exploitative, exploiting.
    expect(new Set(['exploit', 'exploitation', 'exploitative', 'exploiting'].map(stem)).size).toBe(1);
  });

  it('leaves other words alone and never turns a phrase variant into a word', () => {
    expect(familyOf(stem('brothel'))).toEqual([stem('brothel')]);
    expect(withWordForms(['anti traffic'])).toEqual(['anti traffic']);
    expect(withWordForms(queryVariants('conspiracy'))).toContain(stem('conspire'));
  });
});
