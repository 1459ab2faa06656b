import { describe, expect, it } from 'vitest';
import { countryName, namesWith, regionName } from './country-names.ts';
import { I18n } from '../i18n/i18n.ts';
import { KERNEL_MESSAGES } from '../i18n/kernel-messages.ts';

const i18n = new I18n([{ owner: 'kernel', catalogs: KERNEL_MESSAGES }]);

describe('country and region names', () => {
  const table = {
    countries: { BOL: { fr: 'Bolivie (État plurinational de)', source: 'UNTERM' } },
    regions: { '419': { ru: 'Латинская Америка и Карибский бассейн' } },
  };
  const names = namesWith(table);

  it('takes the UN override, else CLDR through Intl.DisplayNames, else the English name', () => {
    expect(names.country('BOL', 'fr')).toBe('Bolivie (État plurinational de)');
    expect(names.country('BOL', 'es')).toBe('Bolivia');
    expect(names.country('DEU', 'zh')).toBe('德国');
    expect(names.country('BOL', null)).toBe('Bolivia (Plurinational State of)');
    expect(names.region('419', 'ru')).toBe('Латинская Америка и Карибский бассейн');
    expect(names.region('035', 'fr')).toBe('Asie du Sud-Est');
    expect(names.region('035', null)).toBe('South-eastern Asia');
  });

  it('names countries in the Translator’s language, English (UN names) for English', () => {
    expect(countryName('FRA', i18n.translator('ar'))).toBe('فرنسا');
    expect(countryName('VNM', i18n.translator('en'))).toBe('Viet Nam');
    expect(countryName('XIR', i18n.translator('fr'))).toBe('Organes internationaux et régionaux');
    expect(regionName('150', i18n.translator('ru'))).toBe('Европа');
  });
});
