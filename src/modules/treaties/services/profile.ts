/**
 * The country profile: every module's section for one country, in order. Sections load public
 * material only (see CountrySection); one that has nothing to say returns null and is left out.
 */
import type { CountrySection } from '../../../kernel/module.ts';
import { countryByCode, type Country } from '../../../kernel/geo/countries.ts';
import { AppError } from '../../../kernel/errors.ts';

export interface LoadedSection {
  section: CountrySection;
  data: unknown;
}

export interface Profile {
  country: Country;
  sections: LoadedSection[];
}

export async function loadProfile(code: string, sections: readonly CountrySection[]): Promise<Profile> {
  const country = countryByCode(code.toUpperCase());
  if (!country) throw new AppError('NOT_FOUND', `country '${code}' does not exist`, { id: code });
  const ordered = [...sections].sort((a, b) => a.order - b.order);
  const loaded: LoadedSection[] = [];
  for (const section of ordered) {
    const data = await section.load(country.code);
    if (data !== null) loaded.push({ section, data });
  }
  return { country, sections: loaded };
}

export function profileJson(p: Profile) {
  return {
    code: p.country.code,
    name: p.country.name,
    regions: p.country.regions.map((r) => r.name),
    sections: p.sections.map((s) => ({ id: s.section.id, order: s.section.order, data: s.data })),
  };
}
