/** Treaty dates through Intl in each language, ordinals in the rule, actions by name. */
import { describe, expect, it } from 'vitest';
import { I18n } from '../../../kernel/i18n/i18n.ts';
import { treatiesModule } from '../module.ts';
import { actionName, fmtDate } from './parts.ts';

const i18n = new I18n([{ owner: 'treaties', catalogs: treatiesModule.messages }]);

describe('treaty page parts', () => {
  it('dates: the UN day-month-year in English, each language its own form and digits', () => {
    expect(fmtDate(i18n.translator('en'), '2002-08-21')).toBe('21 Aug 2002');
    expect(fmtDate(i18n.translator('fr'), '2002-08-21')).toBe('21 août 2002');
    expect(fmtDate(i18n.translator('zh'), '2002-08-21')).toBe('2002年8月21日');
    expect(fmtDate(i18n.translator('ar', 'arab'), '2002-08-21')).toContain('٢٠٠٢');
    expect(fmtDate(i18n.translator('en'), null)).toBe('');
  });

  it('the entry-into-force rule says its ordinals in English (selectordinal), not "1th" or "2th"', () => {
    const rule = (days1: number, threshold: number) =>
      i18n.translator('en').t('treaties.page.rule', { days1, threshold, days2: 30, parent: 'none', reio: 'yes' });
    expect(rule(90, 40)).toContain('the 90th day after the deposit of the 40th instrument');
    expect(rule(1, 22)).toContain('the 1st day after the deposit of the 22nd instrument');
    expect(rule(3, 2)).toContain('the 3rd day after the deposit of the 2nd instrument');
  });

  it('counts of participants agree; actions read as words in the language, never as codes', () => {
    const en = i18n.translator('en');
    const partial = en.t('treaties.page.partial', { recorded: 1, total: 117, date: 'x' });
    expect(partial).toContain('it records 1 participant, while the UN counted about 117 parties');
    expect(actionName(en, 'formal_confirmation')).toBe('formal confirmation');
    expect(actionName(i18n.translator('ru'), 'accession')).toBe('присоединение');
  });
});
