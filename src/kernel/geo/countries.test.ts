import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { COUNTRIES, REGIONS, countryByCode, resolveCountry, INTERNATIONAL_CODE } from './countries.ts';

describe('countries', () => {
  it('resolves UN names, ISO names and common aliases to alpha-3', () => {
    expect(resolveCountry('Bolivia (Plurinational State of)')).toBe('BOL');
    expect(resolveCountry('Bolivia')).toBe('BOL');
    expect(resolveCountry('Türkiye')).toBe('TUR');
    expect(resolveCountry('Turkey')).toBe('TUR');
    expect(resolveCountry('turkiye')).toBe('TUR');
    expect(resolveCountry('Netherlands (Kingdom of the)')).toBe('NLD');
    expect(resolveCountry('The Netherlands')).toBe('NLD');
    expect(resolveCountry('United Kingdom of Great Britain and Northern Ireland')).toBe('GBR');
    expect(resolveCountry('Republic of Moldova')).toBe('MDA');
    expect(resolveCountry('Korea, Republic of')).toBe('KOR');
    expect(resolveCountry('Venezuela (Bolivarian Republic of)')).toBe('VEN');
    expect(resolveCountry('PH')).toBe('PHL');
    expect(resolveCountry('phl')).toBe('PHL');
    expect(resolveCountry('International and Regional Bodies')).toBe(INTERNATIONAL_CODE);
    expect(resolveCountry('Atlantis')).toBeUndefined();
    expect(resolveCountry('')).toBeUndefined();
  });

  it('uses the UN name and the M49 region chain', () => {
    const bol = countryByCode('BOL')!;
    expect(bol.name).toBe('Bolivia (Plurinational State of)');
    expect(bol.regions.map((r) => r.name)).toEqual(['Americas', 'Latin America and the Caribbean', 'South America']);
    const phl = countryByCode('PHL')!;
    expect(phl.regions.map((r) => r.code)).toEqual(['142', '035']);
    expect(REGIONS.some((r) => r.name === 'South-eastern Asia')).toBe(true);
    expect(COUNTRIES.length).toBeGreaterThan(240);
  });

  const corpus = '../shared/data/sherloc-tip-cases.jsonl';
  it.runIf(existsSync(corpus))('resolves every jurisdiction of the real SHERLOC corpus', () => {
    const names = new Set(
      readFileSync(corpus, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => (JSON.parse(l) as { jurisdiction: string }).jurisdiction),
    );
    const unresolved = [...names].filter((n) => !resolveCountry(n));
    expect(unresolved).toEqual([]);
    expect(names.size).toBe(75);
  });
});
