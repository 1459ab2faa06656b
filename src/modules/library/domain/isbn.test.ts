import { describe, it, expect } from 'vitest';
import { checkIsbn } from './isbn.ts';

describe('ISBN check digits', () => {
  it('accepts valid ISBN-13 and ISBN-10, hyphens or not', () => {
    expect(checkIsbn('978-92-1-133789-1')).toEqual({ ok: true, normalized: '9789211337891' });
    expect(checkIsbn('0-306-40615-2')).toEqual({ ok: true, normalized: '0306406152' });
    expect(checkIsbn('080442957X').ok).toBe(true);
  });

  it('refuses a bad checksum naming the expected check digit', () => {
    const r = checkIsbn('978-92-1-133789-4');
    expect(r).toMatchObject({ ok: false, expected: '1' });
    expect(r.ok ? '' : r.reason).toContain('should be 1');
    expect(checkIsbn('0-306-40615-3')).toMatchObject({ ok: false, expected: '2' });
  });

  it('refuses a number of the wrong length or prefix', () => {
    expect(checkIsbn('12345').ok).toBe(false);
    expect(checkIsbn('1234567890123').ok).toBe(false);
  });
});
