import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { COUNTRIES, REGIONS } from './countries.ts';

interface Entry {
  [lang: string]: string;
}
interface Table {
  $meta: { description: string; sources: string[]; method: string; date: string };
  countries: Record<string, Entry>;
  regions: Record<string, Entry>;
}

const table = JSON.parse(readFileSync(new URL('./un-country-names.json', import.meta.url), 'utf8')) as Table;
const LANGS = ['ar', 'en', 'es', 'fr', 'ru', 'zh'];

function checkEntries(section: Record<string, Entry>, codeOf: (key: string) => string | undefined): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(section)) {
    const code = codeOf(key);
    if (code === undefined) problems.push(`${key}: unknown code`);
    if (typeof entry.source !== 'string' || entry.source.trim() === '') problems.push(`${key}: no source`);
    const langs = Object.keys(entry).filter((k) => k !== 'source');
    if (langs.length === 0) problems.push(`${key}: no name`);
    for (const lang of langs) {
      if (!LANGS.includes(lang)) {
        problems.push(`${key}: language ${lang} is not one of the six`);
        continue;
      }
      const name = entry[lang];
      if (typeof name !== 'string' || name.trim() === '' || name !== name.trim())
        problems.push(`${key}.${lang}: bad name`);
      const intl = code ? new Intl.DisplayNames([lang], { type: 'region' }).of(code) : undefined;
      if (name === intl) problems.push(`${key}.${lang}: same as Intl ("${name}"), not needed`);
    }
  }
  return problems;
}

describe('un-country-names.json', () => {
  it('has its metadata', () => {
    expect(table.$meta.sources.length).toBeGreaterThan(0);
    expect(table.$meta.method).toMatch(/\w/);
    expect(table.$meta.description).toMatch(/\w/);
    expect(table.$meta.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keys countries by a known alpha-3 code: six languages only, a source each, none equal to Intl', () => {
    const alpha2 = new Map(COUNTRIES.map((c) => [c.code, c.alpha2]));
    const problems = checkEntries(table.countries, (k) => alpha2.get(k) ?? undefined);
    expect(problems).toEqual([]);
    expect(Object.keys(table.countries).length).toBeGreaterThan(0);
  });

  it('keys regions by an M49 code used in countries.ts, with the same rules', () => {
    const codes = new Set(REGIONS.map((r) => r.code));
    const problems = checkEntries(table.regions, (k) => (codes.has(k) ? k : undefined));
    expect(problems).toEqual([]);
  });

  it('holds the UN names known to differ from CLDR', () => {
    expect(table.countries.VNM?.en).toBe('Viet Nam');
    expect(table.countries.PRK?.en).toBe("Democratic People's Republic of Korea");
    expect(table.countries.PSE?.en).toBe('State of Palestine');
    expect(table.countries.CPV?.en).toBe('Cabo Verde');
    expect(table.countries.BOL?.en).toBe('Bolivia (Plurinational State of)');
    expect(table.countries.PRK?.zh).toBe('朝鲜民主主义人民共和国');
  });
});
