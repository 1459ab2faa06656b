import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedVocabulary } from './packed-vocabulary.ts';
import { TABLE_READS } from './sqlite/sqlite-state-reader.ts';

const entriesOf = (v: PackedVocabulary) => [...v.entries()];

describe('packing the vocabulary term by term', () => {
  it('packs terms read in SQL order exactly as the same terms in any order, beyond U+FFFF too (property)', () => {
    const char = fc.constantFrom('a', 'b', 'z', 'é', 'ж', '中', '\uffee', '𝒜', '😀');
    const term = fc.array(char, { minLength: 1, maxLength: 5 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(term, fc.integer({ min: -1, max: 9 })), { selector: ([t]) => t }), (list) => {
        const db = new Database(':memory:');
        db.exec('CREATE TABLE search_terms (term TEXT PRIMARY KEY, df INTEGER NOT NULL, word TEXT) WITHOUT ROWID');
        const add = db.prepare('INSERT INTO search_terms VALUES (?, ?, NULL)');
        for (const [t, d] of list) add.run(t, d);
        const rows = db.prepare<[], [string, number, null]>(TABLE_READS.terms).raw().all();
        db.close();
        const fromSql = PackedVocabulary.builder();
        for (const [t, d] of rows) fromSql.add(t, d);
        const packed = fromSql.build();
        const reference = PackedVocabulary.from([...list].reverse());
        expect(entriesOf(packed)).toEqual(entriesOf(reference));
        for (const [t, d] of list) expect(packed.indexOf(t) >= 0).toBe(d > 0);
      }),
      { numRuns: 200 },
    );
  });
});
