import { describe, expect, it } from 'vitest';
import { formatPartialDate } from './format-date.ts';

describe('formatPartialDate', () => {
  it('writes year, month and day precision in each of the six languages with Latin digits', () => {
    const rows = ['ar', 'zh', 'en', 'fr', 'ru', 'es'].map((l) => [
      l,
      ...['2015', '2015-06', '2015-06-30'].map((d) => formatPartialDate(d, `${l}-u-nu-latn`)),
    ]);
    expect(rows).toEqual([
      ['ar', '2015', 'يونيو 2015', '30 يونيو 2015'],
      ['zh', '2015年', '2015年6月', '2015年6月30日'],
      ['en', '2015', 'June 2015', 'June 30, 2015'],
      ['fr', '2015', 'juin 2015', '30 juin 2015'],
      ['ru', '2015', 'июнь 2015 г.', '30 июня 2015 г.'],
      ['es', '2015', 'junio de 2015', '30 de junio de 2015'],
    ]);
  });

  it('uses Arabic-Indic digits when asked for, and leaves a value that is not a date as it is', () => {
    expect(formatPartialDate('2015-06', 'ar-u-nu-arab')).toBe('يونيو ٢٠١٥');
    expect(formatPartialDate('n.d.', 'fr-u-nu-latn')).toBe('n.d.');
  });
});
