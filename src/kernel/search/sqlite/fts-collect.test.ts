import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIds } from './fts-collect.ts';

describe('parseIds', () => {
  it('reads back any document numbers as SQLite joins them (property)', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (v INTEGER)');
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    const joined = db.prepare<[], string | null>('SELECT group_concat(v) FROM t').pluck();
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 50 }), (values) => {
        db.exec('DELETE FROM t');
        for (const v of values) insert.run(v);
        expect([...parseIds(joined.get() ?? '')]).toEqual(values);
      }),
      { numRuns: 200 },
    );
    db.close();
  });
});
