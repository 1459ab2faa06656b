import { describe, expect, it } from 'vitest';
import { readLink, readLinkRows } from './link-file.ts';
import { formatOf } from './status-file.ts';

const SRC = 'https://example.org/source';
const cells = (participant: string, relation: string, other: string, date = '', source = SRC) => ({
  participant,
  relation,
  other,
  date,
  source,
});

describe('predecessor/successor link lines', () => {
  it('is told by its header', () => {
    expect(formatOf(['participant', 'relation', 'other', 'date', 'source'])).toBe('links');
  });

  it('stores a link one way round, whichever end the line starts from', () => {
    const a = readLink(2, cells('Montenegro', 'successor_of', 'Serbia and Montenegro', '3 Jun 2006')).link;
    const b = readLink(3, cells('SCG', 'predecessor_of', 'MNE', '2006-06-03')).link;
    expect(a).toEqual({ line: 2, successor: 'MNE', predecessor: 'SCG', date: '2006-06-03', source: SRC, note: null });
    expect(b).toMatchObject({ successor: 'MNE', predecessor: 'SCG', date: '2006-06-03' });
  });

  it('names the field of each problem, and a pair given twice', () => {
    const { links, errors } = readLinkRows([
      { line: 2, cells: cells('Montenegro', 'successor_of', 'SCG') },
      { line: 3, cells: cells('SCG', 'predecessor_of', 'Montenegro') },
      { line: 4, cells: cells('Narnia', 'successor', 'SCG', '2006-02-31', 'ftp://x') },
    ]);
    expect(links).toHaveLength(2);
    expect(errors.map((e) => [e.line, e.path])).toEqual([
      [3, 'other'],
      [4, 'participant'],
      [4, 'relation'],
      [4, 'date'],
      [4, 'source'],
    ]);
    expect(errors[0]!.message).toMatch(/same link again \(line 2\)/);
  });
});
