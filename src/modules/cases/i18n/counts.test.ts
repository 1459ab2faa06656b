/** Counts in the cases and kernel catalogs are ICU plurals over numbers: each language agrees, in its own digits. */
import { describe, expect, it } from 'vitest';
import { I18n } from '../../../kernel/i18n/i18n.ts';
import { KERNEL_MESSAGES } from '../../../kernel/i18n/kernel-messages.ts';
import { casesModule } from '../module.ts';

const i18n = new I18n([
  { owner: 'kernel', catalogs: KERNEL_MESSAGES },
  { owner: 'cases', catalogs: casesModule.messages },
]);
const en = i18n.translator('en');
const ru = i18n.translator('ru');
const ar = i18n.translator('ar');

describe('counts in the cases and kernel catalogs', () => {
  it('agree with the number in English, Russian and Arabic', () => {
    const months = (t: typeof en, n: number) => t.t('cases.case.charge.months', { months: n });
    expect([1, 2, 5, 21].map((n) => months(en, n))).toEqual(['1 month', '2 months', '5 months', '21 months']);
    expect([1, 2, 5, 21].map((n) => months(ru, n))).toEqual(['1 месяц', '2 месяца', '5 месяцев', '21 месяц']);
    const arabic = ['شهر واحد', 'شهران', '5 أشهر', '11 شهرًا', '100 شهر'];
    expect([1, 2, 5, 11, 100].map((n) => months(ar, n))).toEqual(arabic);
    expect(en.t('kernel.map.point', { name: 'Italy', cases: 1 })).toBe('Italy: 1 case');
    expect(ru.t('kernel.map.point', { name: 'Италия', cases: 3 })).toBe('Италия: 3 дела');
    const fr = i18n.translator('fr');
    const es = i18n.translator('es');
    expect(fr.t('kernel.map.point', { name: 'Italie', cases: 1 })).toBe('Italie : 1 affaire');
    expect(es.t('cases.case.charge.months', { months: 1 })).toBe('1 mes');
    expect(es.t('cases.case.charge.months', { months: 1_000_000 })).toBe('1.000.000 de meses');
    expect(en.t('cases.editor.error.unknownFields', { count: 1, fields: 'x' })).toBe('unknown field: x');
    expect(en.t('cases.editor.error.unknownFields', { count: 2, fields: 'x, y' })).toBe('unknown fields: x, y');
    expect(en.t('cases.editor.warning.refused', { count: 1, first: 'f' })).toContain('1 narrative contains');
    expect(en.t('cases.statsPage.restsOn.victims', { count: 1 })).toBe('Rests on 1 case that records victims');
  });

  it('hidden small counts read "fewer than N cases", not a number', () => {
    expect(en.t('kernel.chart.boxes.hidden', { n: 3 })).toBe('fewer than 3 cases');
    expect(ru.t('kernel.map.pointFew', { name: 'Италия', n: 5 })).toBe('Италия: менее 5 дел');
    expect(en.t('cases.statsPage.map.internationalFew', { n: 3 })).toMatch(/: fewer than 3 cases\.$/);
  });

  it('write the numbers in the reader\u2019s digits and grouping', () => {
    const arab = i18n.translator('ar', 'arab');
    expect(arab.t('kernel.map.point', { name: 'x', cases: 12 })).toContain('١٢');
    expect(en.t('cases.about.coverage', { total: 1234 })).toContain('holds 1,234 published cases');
    expect(ru.t('cases.about.coverage', { total: 1 })).toContain('1 опубликованное дело');
  });

  it('name the field of an unknown code as a label, so no language has to agree with it', () => {
    const what = en.t('cases.editor.noun.court-level');
    expect(en.t('cases.editor.error.unknownCodeShort', { what, value: 'x' })).toBe("court level: unknown value 'x'");
  });
});
