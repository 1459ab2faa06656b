import { describe, expect, it } from 'vitest';
import { localeSegment, negotiate, parseLocaleSegment, LOCALE_TABLE, UI_LOCALES } from './locales.ts';
import { prefixLinks, rewriteLocaleUrl } from './http.ts';
import { I18n } from './i18n.ts';
import type { IncomingMessage } from 'node:http';

describe('the six languages', () => {
  it('has a direction for each, Arabic right to left, as Intl says', () => {
    expect(UI_LOCALES).toHaveLength(6);
    for (const l of UI_LOCALES) {
      const info = (new Intl.Locale(l) as unknown as { textInfo: { direction: string } }).textInfo;
      expect(LOCALE_TABLE[l].dir, l).toBe(info.direction);
    }
  });

  it('reads and writes URL segments with the numbering system', () => {
    expect(parseLocaleSegment('fr')).toEqual({ locale: 'fr', digits: 'latn' });
    expect(parseLocaleSegment('ar-u-nu-arab')).toEqual({ locale: 'ar', digits: 'arab' });
    expect(parseLocaleSegment('de')).toBeNull();
    expect(parseLocaleSegment('api')).toBeNull();
    expect(localeSegment('ar', 'arab')).toBe('ar-u-nu-arab');
    expect(localeSegment('zh', 'latn')).toBe('zh');
  });

  it('negotiates Accept-Language by q-value then order, among the six only', () => {
    expect(negotiate('de-CH, fr;q=0.9, en;q=0.8')).toEqual({ locale: 'fr', digits: 'latn' });
    expect(negotiate('en;q=0.5, zh-CN')).toEqual({ locale: 'zh', digits: 'latn' });
    expect(negotiate('ar-EG-u-nu-arab')).toEqual({ locale: 'ar', digits: 'arab' });
    expect(negotiate('ru;q=0, es')).toEqual({ locale: 'es', digits: 'latn' });
    expect(negotiate('de, it')).toBeNull();
    expect(negotiate(undefined)).toBeNull();
  });
});

describe('language prefixes', () => {
  const rewrite = (url: string) => {
    const req = { url } as IncomingMessage;
    return [rewriteLocaleUrl(req), url] as const;
  };

  it('routes /fr/search as /search and leaves other paths alone', () => {
    expect(rewrite('/fr/search?q=x')[0]).toBe('/search?q=x');
    expect(rewrite('/ar')[0]).toBe('/');
    expect(rewrite('/ar-u-nu-arab/cases/a')[0]).toBe('/cases/a');
    expect(rewrite('/zh?x=1')[0]).toBe('/?x=1');
    expect(rewrite('/de/search')[0]).toBe('/de/search');
    expect(rewrite('/france')[0]).toBe('/france');
  });

  it('prefixes site links, not the API, assets, other origins or links that name their language', () => {
    const page =
      '<a href="/search?q=1">s</a><form action="/search"></form><a href="/">h</a><a href="/api/v1/x">a</a>' +
      '<link href="/assets/site.css"><a href="//cdn.example/x">c</a><a href="https://x.example/">x</a>' +
      '<a hreflang="ar" href="/ar/search">ar</a><link rel="alternate" hreflang="en" href="/search">' +
      '<a href="#main">m</a><a href="/api">api page</a>';
    expect(prefixLinks(page, '/fr')).toBe(
      '<a href="/fr/search?q=1">s</a><form action="/fr/search"></form><a href="/fr">h</a><a href="/api/v1/x">a</a>' +
        '<link href="/assets/site.css"><a href="//cdn.example/x">c</a><a href="https://x.example/">x</a>' +
        '<a hreflang="ar" href="/ar/search">ar</a><link rel="alternate" hreflang="en" href="/search">' +
        '<a href="#main">m</a><a href="/fr/api">api page</a>',
    );
  });
});

describe('translator', () => {
  const i18n = new I18n([
    {
      owner: 'x',
      catalogs: {
        en: { 'x.n': '{n, plural, one {# case} other {# cases}}', 'x.only': 'Only English' },
        ar: {
          'x.n': '{n, plural, zero {لا قضايا} one {قضية} two {قضيتان} few {# قضايا} many {# قضية} other {# قضية}}',
        },
      },
    },
  ]);

  it('formats with the language’s plural rules and digits, and falls back to English by key', () => {
    const ar = i18n.translator('ar');
    expect(ar.dir).toBe('rtl');
    expect(ar.intl).toBe('ar-u-nu-latn');
    expect([0, 2, 3, 11, 1000].map((n) => ar.t('x.n', { n }))).toEqual([
      'لا قضايا',
      'قضيتان',
      '3 قضايا',
      '11 قضية',
      '1,000 قضية',
    ]);
    expect(i18n.translator('ar', 'arab').t('x.n', { n: 3 })).toBe('٣ قضايا');
    expect(ar.t('x.only')).toBe('Only English');
    expect(i18n.translator('ru').locale).toBe('ru');
    expect(i18n.translator('de').locale).toBe('en');
  });
});
