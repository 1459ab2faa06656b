import { describe, it, expect } from 'vitest';
import { readCountries, isDemonym } from './countries.ts';
import { matchTerm } from './terms.ts';
import { readCount } from './counts.ts';
import { checkHeaderRow, encodingProblem } from './table.ts';
import { matchColumns } from './columns.ts';

describe('country reconciliation', () => {
  it('reads names in the six UN languages, ISO codes and demonyms in English, French and Spanish', () => {
    for (const v of [
      'Germany',
      'Allemagne',
      'Alemania',
      'Германия',
      '德国',
      'ألمانيا',
      'DE',
      'DEU',
      'German',
      'allemande',
    ])
      expect(readCountries(v, false).codes, v).toEqual(['DEU']);
    expect(readCountries('Filipino', true).codes).toEqual(['PHL']);
    expect(readCountries('Nigerien', true).codes).toEqual(['NER']);
    expect(readCountries('Nigerian', true).codes).toEqual(['NGA']);
    expect(readCountries('mexicana', true).codes).toEqual(['MEX']);
    expect(isDemonym('Togolese')).toBe(true);
  });

  it('sends ambiguous demonyms to a person, with the candidates', () => {
    expect(readCountries('Congolese', true)).toMatchObject({
      codes: [],
      problem: 'ambiguous',
      candidates: ['COD', 'COG'],
    });
    expect(readCountries('Dominican', true)).toMatchObject({ codes: [], problem: 'ambiguous' });
  });

  it('splits off a qualifier, reads lists where several are allowed, and respondent States', () => {
    expect(readCountries('Namibian (implied)', true)).toMatchObject({ codes: ['NAM'], qualifier: 'implied' });
    expect(readCountries('Vietnamese, Chinese, Samoan', true).codes).toEqual(['VNM', 'CHN', 'WSM']);
    expect(readCountries('Chile; Peru', false)).toMatchObject({ codes: [], problem: 'several' });
    expect(readCountries('Cyprus; Russian Federation (respondent States)', false)).toMatchObject({
      codes: ['XIR'],
      respondentStates: ['CYP', 'RUS'],
    });
    // A comma inside a name is not a list.
    expect(readCountries('Korea, Republic of', true).codes).toEqual(['KOR']);
  });

  it('settles a close spelling only when it is clearly one country', () => {
    const r = readCountries('Phillipines', false);
    expect(r.codes).toEqual(['PHL']);
    expect(r.confidence).toBeLessThan(1);
    expect(readCountries('Xyzzy', false)).toMatchObject({ codes: [], problem: 'unknown' });
  });
});

describe('taxonomy terms', () => {
  it('matches codes, labels, Spanish and French synonyms and SHERLOC labels', () => {
    expect(matchTerm('trabajo forzoso', 'purposes').codes).toEqual(['forced_labour']);
    expect(matchTerm('Exploitation sexuelle', 'purposes').codes).toEqual(['sexual_exploitation']);
    expect(matchTerm('abuse of authority', 'means').codes).toEqual(['abuse_of_power_or_vulnerability']);
    expect(matchTerm('MEANS_FRAUD', 'article3').codes).toEqual(['means:fraud']);
    expect(matchTerm('captación', 'article3').codes).toEqual(['acts:recruitment']);
  });

  it('proposes the means a practitioner term evidences, for a person to confirm', () => {
    for (const v of [
      'debt bondage',
      'confiscation of documents',
      'withholding of wages',
      'isolation',
      'threats of deportation',
      'voodoo/juju oath',
    ]) {
      const m = matchTerm(v, 'means');
      expect(m.proposal, v).toMatch(/evidences/);
      expect(m.confidence).toBeLessThan(1);
    }
    expect(matchTerm('debt bondage', 'article3').codes).toEqual([
      'means:abuse_of_power_or_vulnerability',
      'purposes:servitude',
    ]);
  });

  it('leaves unknown labels unsettled, with candidates', () => {
    expect(matchTerm('zzz', 'means')).toMatchObject({ codes: [], proposal: null });
  });
});

describe('counts, encodings and headers', () => {
  it('reads exact counts and stated lower bounds; words give no number', () => {
    expect(readCount('17')).toEqual({ value: 17, exact: true });
    expect(readCount('at least 3 (one per count)')).toEqual({ value: 3, exact: false });
    expect(readCount('over 200 recruited; 17 named')).toEqual({ value: 201, exact: false });
    expect(readCount('al menos 4')).toEqual({ value: 4, exact: false });
    expect(readCount('several')).toEqual({ value: null, exact: false });
  });

  it('names the encoding of a file that is not UTF-8', () => {
    expect(encodingProblem(Buffer.from('caf\xe9', 'latin1'))).toMatch(/ISO-8859-1/);
    expect(encodingProblem(Buffer.from('plain ascii'))).toBeNull();
  });

  it('refuses a header that is data, empty or has a name twice', () => {
    expect(() => checkHeaderRow(['Row A', '2015'])).toThrow(/looks like data/);
    expect(() => checkHeaderRow(['A', '', 'C'])).toThrow(/column 2 of the header has no name/);
    expect(() => checkHeaderRow(['A', 'A'])).toThrow(/names column 'A' twice/);
  });

  it('matches columns by name in three languages, then by content', () => {
    const values = [['https://example.org/a'], ['2014-05-02'], ['Chile'], ['x']];
    const m = matchColumns(['Hechos', 'Pays', 'Link col', 'Fecha col', 'Lugar', 'Otro'], (i) => values[i - 2] ?? []);
    expect(m.map((c) => c.target)).toEqual(['facts', 'jurisdiction', 'sourceUrls', 'decisionDate', null, null]);
  });
});
