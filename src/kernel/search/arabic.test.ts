import { describe, expect, it } from 'vitest';
import { arabicLightStem, normalizeArabic } from './arabic.ts';
import { analyze, queryVariants } from './analyzer.ts';
import { queryLanguagesFor } from './query-languages.ts';

describe('Arabic normalisation and light stemming', () => {
  it('normalises alef forms, alef maqsura, teh marbuta, diacritics and tatweel', () => {
    expect(normalizeArabic('أإآٱا')).toBe('ااااا');
    expect(normalizeArabic('إلى')).toBe('الي');
    expect(normalizeArabic('ضحية')).toBe('ضحيه');
    expect(normalizeArabic('الاِسْتِرْقَاق')).toBe('الاسترقاق');
    expect(normalizeArabic('الـــعمل')).toBe('العمل');
  });

  it('strips the conjunction, the article forms and the light10 suffixes, leaving two letters at least', () => {
    expect(
      ['الإتجار', 'الاتجار', 'والاستغلال', 'بالأشخاص', 'الضحية', 'ضحيه', 'مُهرَّبين', 'المهربون', 'للدول'].map(
        arabicLightStem,
      ),
    ).toEqual(['اتجار', 'اتجار', 'استغلال', 'اشخاص', 'ضح', 'ضح', 'مهرب', 'مهرب', 'دول']);
    expect(arabicLightStem('ال')).toBe('ال');
    expect(arabicLightStem('ECLI')).toBe('ECLI');
  });

  it('is the analyzer of Arabic text, and Arabic query words are analysed as Arabic', () => {
    expect(analyze('مساعدة ضحايا الاتجار بالأشخاص', 'ar')).toEqual(['مساعد', 'ضحايا', 'اتجار', 'اشخاص']);
    expect(queryVariants('الإتجار')).toContain('اتجار');
    expect(queryLanguagesFor('بالأشخاص', ['en', 'es'])).toEqual(['en', 'es', 'ar']);
  });
});

describe('Russian through the Snowball stemmer', () => {
  it('stems index text and Cyrillic query words alike', () => {
    expect(analyze('Помощь жертвам торговли людьми', 'ru')).toEqual(['помощ', 'жертв', 'торговл', 'людьм']);
    expect(queryVariants('торговлю')).toContain('торговл');
    expect(queryLanguagesFor('жертва', ['en'])).toEqual(['en', 'ru']);
    expect(queryLanguagesFor('victim', ['en'])).toEqual(['en']);
  });
});
