import { describe, expect, it } from 'vitest';
import { identifierKeys, queryKeys } from './identifier.ts';

/** Whether a query names the identifier as a whole (first) or inside a longer query. */
function found(query: string, identifier: string): 'whole' | 'span' | null {
  const doc = new Set(identifierKeys(identifier));
  const q = queryKeys(query);
  if (q.whole.some((k) => doc.has(k))) return 'whole';
  return q.spans.some((k) => doc.has(k)) ? 'span' : null;
}

describe('identifier keys', () => {
  it('ignore punctuation, spacing, case and accents', () => {
    expect(found('processo n 0001234-5620104050000', 'Processo n 0001234-56.2010.4.05.0000')).toBe('whole');
    expect(found('acr 200451015145417 trf2', 'ACR 2004.51.01.514541-7 TRF2')).toBe('whole');
    expect(found('6b_812010 and 6b_1262010', '6B_81/2010 and 6B_126/2010')).toBe('whole');
    expect(found('kbr 410', 'K.br. 4/10')).toBe('whole');
  });

  it('read No. / nº / n° / Nr. / number alike, and run into what follows', () => {
    for (const q of ['case noabc-12345', 'Case No. ABC 12345', 'case nº abc12345', 'case n° abc-12345', 'Nr. ABC12345'])
      expect(found(q, 'Case No. ABC-12345'), q).toBe('whole');
    expect(found('crim case No364', 'CRIM. CASE NO. 364')).toBe('whole');
    expect(found('noabc-12345', 'Case No. ABC-12345')).toBe('whole');
    expect(found('case 1262011', 'Case No. 1-26-2011')).toBe('whole');
  });

  it('find an identifier inside a longer query', () => {
    expect(found('unodc rus-008', 'RUS008')).toBe('span');
    expect(found('sherloc SRB 006 belgrade', 'SRB006')).toBe('span');
  });

  it('never take a bare short number or a year for an identifier', () => {
    expect(queryKeys('romania 2010 women').spans).not.toContain('2010');
    expect(identifierKeys('Case 1014')).toEqual(['case1014']);
    expect(queryKeys('sexual exploitation').whole).toEqual([]);
    expect(found('women 364', 'CRIM. CASE NO. 364')).toBe(null);
    expect(found('case 364', 'CRIM. CASE NO. 364')).toBe('whole');
  });
});
