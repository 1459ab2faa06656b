import { describe, it, expect } from 'vitest';
import { parsePartialDate, precisionOf } from './partial-date.ts';

describe('partial dates', () => {
  it('reads year, month and day precision from the form', () => {
    expect(precisionOf('2010')).toBe('year');
    expect(precisionOf('2010-03')).toBe('month');
    expect(precisionOf('2010-03-17')).toBe('day');
    expect(parsePartialDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29, precision: 'day' });
  });

  it.each([
    ['2021-02-30', /does not exist/],
    ['2023-02-29', /does not exist/],
    ['2010-13', /month 13 does not exist/],
    ['2010-00-10', /month 00 does not exist/],
    ['10-03-2010', /expected YYYY/],
    ['2010/03/17', /expected YYYY/],
    ['1700', /out of range/],
  ])('rejects %s', (value, reason) => {
    const r = parsePartialDate(value);
    expect(typeof r).toBe('string');
    expect(r).toMatch(reason);
  });
});
