import { describe, expect, it } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { csvItems } from './csv-reader.ts';
import { DEFAULT_MAPPING } from './csv-mapping.ts';
import { CSV_COLUMNS } from '../services/csv-columns.ts';

async function* bytes(text: string): AsyncIterable<Buffer> {
  yield Buffer.from(text, 'utf8');
}

describe('csvItems', () => {
  it('gives each row its line and, on demand, its text as CSV (for the rejected-rows file)', async () => {
    const header = CSV_COLUMNS.map((c) => c.name);
    const row = header.map((h) => (h === 'title' ? 'R v Smith, "the first"' : ''));
    const text = stringify([header, row]);
    const items = [];
    for await (const item of csvItems(bytes(text), DEFAULT_MAPPING)) items.push(item);
    expect(items).toHaveLength(1);
    expect(items[0]!.line).toBe(2);
    expect(items[0]!.blank).toBe(false);
    expect(items[0]!.raw).toBe(stringify([row]).trimEnd());
  });
});
