/** Readable ids for new cases: the title folded to a URL slug ("Rantsev v. Cyprus" -> "rantsev-v-cyprus"). */
import { randomBytes } from 'node:crypto';

export function slugify(title: string, max = 60): string {
  const slug = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/g, '');
  return slug || `case-${randomBytes(4).toString('hex')}`;
}
