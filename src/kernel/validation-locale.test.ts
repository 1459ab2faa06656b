import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from './errors.ts';
import { parseOrThrow } from './validation.ts';
import { localizedDetails } from './validation-locale.ts';

const Schema = z.strictObject({ name: z.string(), count: z.number().min(3), kind: z.enum(['a', 'b']) });

function detailsOf(value: unknown) {
  try {
    parseOrThrow(Schema, value, 'thing');
  } catch (e) {
    return (e as AppError).details as { path: string; message: string }[];
  }
  throw new Error('no error');
}

describe('validation details in a language', () => {
  const details = detailsOf({ name: 7, count: 1, kind: 'c', other: true });

  it('rewords zod issues in French and Spanish, keeping the paths and what was received', () => {
    const fr = localizedDetails(details, 'fr') as typeof details;
    expect(fr.map((d) => d.path)).toEqual(details.map((d) => d.path));
    expect(fr.find((d) => d.path === 'name')!.message).toMatch(/chaîne.*attendu.*nombre reçu/);
    expect(fr.find((d) => d.path === 'count')!.message).toMatch(/Trop petit/);
    const es = localizedDetails(details, 'es') as typeof details;
    expect(es.find((d) => d.path === 'kind')!.message).toMatch(/Opción inválida/);
  });

  it('leaves English, an unknown language and details a service wrote as they are', () => {
    expect(localizedDetails(details, 'en')).toBe(details);
    expect(localizedDetails(details, 'de')).toBe(details);
    const own = [{ path: 'file', message: 'too large' }];
    expect(localizedDetails(own, 'fr')).toEqual(own);
    expect(localizedDetails({ id: 'x' }, 'fr')).toEqual({ id: 'x' });
  });
});
