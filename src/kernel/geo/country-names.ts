/**
 * Country and region names in the reader's language. The standard is the UN's own short name in each
 * official language (UNTERM / the UN Statistics Division's M49 list), which differs from CLDR's in
 * places ("Bolivie (État plurinational de)" where CLDR says "Bolivie"). The order:
 *   1. the override in un-country-names.json, when the UN's name differs from CLDR's (each entry names
 *      its source);
 *   2. CLDR's name through Intl.DisplayNames (region type: ISO alpha-2 for countries, M49 for regions);
 *   3. the English name of countries.ts (the UN's English name).
 * English uses countries.ts directly (already the UN's English names).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Translator } from '../i18n/i18n.ts';
import { isUiLocale } from '../i18n/locales.ts';
import { countryByCode, INTERNATIONAL_CODE, REGIONS } from './countries.ts';

/** The override table's shape: names by language, only where the UN differs from CLDR. */
export interface UnNameTable {
  countries?: Record<string, Record<string, string | undefined>>;
  regions?: Record<string, Record<string, string | undefined>>;
}

const TABLE_URL = new URL('./un-country-names.json', import.meta.url);

function loadTable(): UnNameTable {
  if (!existsSync(TABLE_URL)) return {};
  const raw = JSON.parse(readFileSync(TABLE_URL, 'utf8')) as UnNameTable;
  return { countries: raw.countries ?? {}, regions: raw.regions ?? {} };
}

let table: UnNameTable | null = null;
const displayNames = new Map<string, Intl.DisplayNames>();

function cldr(lang: string, code: string): string | undefined {
  let d = displayNames.get(lang);
  if (!d) displayNames.set(lang, (d = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' })));
  try {
    return d.of(code) ?? undefined;
  } catch {
    return undefined;
  }
}

/** The language whose names a Translator wants, or null for English (and the pseudo-locale). */
const langOf = (t: Pick<Translator, 'locale'>): string | null =>
  isUiLocale(t.locale) && t.locale !== 'en' ? t.locale : null;

/** Names from a given table (tests pass one); the app uses the shipped un-country-names.json. */
export function namesWith(source: UnNameTable) {
  return {
    country(code: string, lang: string | null, t?: Translator): string {
      const c = countryByCode(code);
      if (code === INTERNATIONAL_CODE) return t ? t.t('kernel.geo.international') : (c?.name ?? code);
      if (!lang) return c?.name ?? code;
      return source.countries?.[code]?.[lang] ?? (c?.alpha2 ? cldr(lang, c.alpha2) : undefined) ?? c?.name ?? code;
    },
    region(m49: string, lang: string | null): string {
      const english = REGIONS.find((r) => r.code === m49)?.name ?? m49;
      if (!lang) return english;
      return source.regions?.[m49]?.[lang] ?? cldr(lang, m49) ?? english;
    },
  };
}

const shipped = () => namesWith((table ??= loadTable()));

/** A country's (ISO alpha-3) name in the Translator's language. */
export const countryName = (code: string, t: Translator): string => shipped().country(code, langOf(t), t);

/** An M49 region's name in the Translator's language. */
export const regionName = (m49: string, t: Translator): string => shipped().region(m49, langOf(t));
