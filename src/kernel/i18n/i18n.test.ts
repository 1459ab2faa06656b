import { describe, expect, it } from 'vitest';
import { I18n } from './i18n.ts';
import { PSEUDO_CLOSE, PSEUDO_LOCALE, PSEUDO_OPEN } from './pseudo.ts';

const catalogs = {
  en: {
    'cases.found': '{count, plural, =0 {No cases} one {# case} other {# cases}} found',
    'cases.title': 'Search cases',
  },
};

describe('I18n', () => {
  it('formats ICU messages with plurals and falls back to English', () => {
    const i18n = new I18n([{ owner: 'cases', catalogs }]);
    expect(i18n.translator('en').t('cases.found', { count: 1 })).toBe('1 case found');
    expect(i18n.translator('en').t('cases.found', { count: 1234 })).toBe('1,234 cases found');
    expect(i18n.translator('fr').t('cases.title')).toBe('Search cases');
    // French is one of the six: the page says it is French, and a key its catalog lacks is in English.
    expect(i18n.translator('fr').locale).toBe('fr');
    expect(i18n.translator('de').locale).toBe('en');
  });

  it('marks every catalog string in the pseudo-locale, values left as they are', () => {
    const t = new I18n([{ owner: 'cases', catalogs }]).translator(PSEUDO_LOCALE);
    expect(t.t('cases.title')).toBe(`${PSEUDO_OPEN}Šéáŕçĥ çášéš${PSEUDO_CLOSE}`);
    expect(t.t('cases.found', { count: 2 })).toBe(`${PSEUDO_OPEN}2 çášéš ƒóúñđ${PSEUDO_CLOSE}`);
  });

  it('refuses a key outside the owner, a key declared twice, and invalid ICU, naming the key', () => {
    expect(() => new I18n([{ owner: 'grants', catalogs }])).toThrow(
      /'cases.found' of grants must start with 'grants.'/,
    );
    expect(
      () =>
        new I18n([
          { owner: 'cases', catalogs },
          { owner: 'cases', catalogs },
        ]),
    ).toThrow(/'cases.found' \(en\) is declared twice/);
    expect(() => new I18n([{ owner: 'cases', catalogs: { en: { 'cases.bad': '{count, plural, one {x}' } } }])).toThrow(
      /'cases.bad' \(en\) is not valid ICU/,
    );
  });

  it('a key no catalog has is an error, not a silent blank', () => {
    expect(() => new I18n([]).translator('en').t('cases.nothing')).toThrow(/no message 'cases.nothing'/);
  });
});
