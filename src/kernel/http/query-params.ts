/** Query-string parsing shared by list-like endpoints: repeated or comma-separated values. */
import { z } from 'zod';

/** `a,b` or `?x=a&x=b` both give ['a','b']. */
export const multi = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => {
    if (v === undefined || v === '') return undefined;
    const arr = Array.isArray(v) ? v : [v];
    return arr
      .flatMap((s) => String(s).split(','))
      .map((s) => s.trim())
      .filter(Boolean);
  }, z.array(item).optional());

/** The last of repeated values; an empty value counts as absent. */
export const single = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[v.length - 1] : v === '' ? undefined : v), inner);
