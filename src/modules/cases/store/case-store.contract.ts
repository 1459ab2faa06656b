/**
 * The store contract: one suite, run against every adapter (SQLite here; PostgreSQL when its
 * adapter lands). Adapters pass a factory that returns a fresh, migrated, empty store.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import type { CaseStore } from './case-store.ts';
import { caseInput, caseRecord } from '../../../../test/factories/case-factory.ts';

const record = (id: string, overrides: Parameters<typeof caseInput>[0] = {}) => caseRecord(id, overrides);

export function runCaseStoreContract(name: string, makeStore: () => Promise<CaseStore>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let store: CaseStore;
    beforeEach(async () => {
      store = await makeStore();
    });
    afterEach(async () => {
      await store.close();
    });

    it('migrating twice applies nothing the second time', async () => {
      expect((await store.migrate()).applied).toEqual([]);
    });

    it('stores and returns a case unchanged', async () => {
      const rec = record('a-1');
      await store.transaction((tx) => tx.cases.insert(rec));
      expect(await store.cases.get('a-1')).toEqual(rec);
      expect(await store.cases.get('missing')).toBeUndefined();
    });

    it('updates and deletes', async () => {
      const rec = record('a-1');
      await store.transaction((tx) => tx.cases.insert(rec));
      const changed = { ...rec, title: 'Changed', version: 2 };
      expect(await store.transaction((tx) => tx.cases.update(changed))).toBe(true);
      expect((await store.cases.get('a-1'))?.title).toBe('Changed');
      expect(await store.transaction((tx) => tx.cases.update({ ...rec, id: 'nope' }))).toBe(false);
      expect(await store.transaction((tx) => tx.cases.delete('a-1'))).toBe(true);
      expect(await store.cases.get('a-1')).toBeUndefined();
      expect(await store.transaction((tx) => tx.cases.delete('a-1'))).toBe(false);
    });

    it('rolls back every write of a failed transaction', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.cases.insert(record('r-1'));
          await tx.cases.insert(record('r-2'));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.cases.count()).toBe(0);
    });

    it('rejects a duplicate id', async () => {
      await store.transaction((tx) => tx.cases.insert(record('d-1')));
      await expect(store.transaction((tx) => tx.cases.insert(record('d-1')))).rejects.toThrow();
      expect(await store.cases.count()).toBe(1);
    });

    it('filters by jurisdiction, year range, status and tags', async () => {
      await store.transaction(async (tx) => {
        await tx.cases.insert(record('phl-2010', { jurisdiction: 'PHL', decisionDate: '2010' }));
        await tx.cases.insert(
          record('tha-2012', {
            jurisdiction: 'THA',
            decisionDate: '2012-05',
            tags: { purposes: ['forced_labour'], sectors: ['fishing'] },
          }),
        );
        await tx.cases.insert(record('usa-2015', { jurisdiction: 'USA', decisionDate: '2015-01-02', status: 'draft' }));
      });
      const ids = async (q: Partial<Parameters<CaseStore['cases']['list']>[0]>) =>
        (await store.cases.list({ sort: 'created_asc', limit: 50, ...q })).items.map((c) => c.id);
      expect(await ids({ jurisdictions: ['PHL', 'THA'] })).toEqual(['phl-2010', 'tha-2012']);
      expect(await ids({ yearFrom: 2011 })).toEqual(['tha-2012', 'usa-2015']);
      expect(await ids({ yearFrom: 2011, yearTo: 2014 })).toEqual(['tha-2012']);
      expect(await ids({ statuses: ['published'] })).toEqual(['phl-2010', 'tha-2012']);
      expect(await ids({ tags: { purposes: ['forced_labour'] } })).toEqual(['tha-2012']);
      expect(await ids({ tags: { purposes: ['forced_labour', 'sexual_exploitation'], sectors: ['fishing'] } })).toEqual(
        ['tha-2012'],
      );
    });

    it('pages by key without gaps or repeats, newest decision first', async () => {
      const years = [2001, 2005, 2005, 2003, 2010, 2007, 2009];
      await store.transaction(async (tx) => {
        for (const [i, y] of years.entries()) await tx.cases.insert(record(`p-${i}`, { decisionDate: String(y) }));
        await tx.cases.insert(record('p-undated', { decisionDate: null }));
      });
      const seen: string[] = [];
      let after: (string | number)[] | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await store.cases.list({ sort: 'decided_desc', limit: 3, after });
        seen.push(...page.items.map((c) => c.id));
        if (!page.nextKey) break;
        after = page.nextKey;
      }
      expect(seen).toEqual(['p-4', 'p-6', 'p-5', 'p-2', 'p-1', 'p-3', 'p-0', 'p-undated']);
    });

    it('finds cases by identifier however it is punctuated', async () => {
      await store.transaction((tx) =>
        tx.cases.insert(record('i-1', { identifiers: [{ type: 'docket', value: 'No. 09-CR-1234' }] })),
      );
      expect(await store.cases.findByIdentifier('docket', '09cr1234')).toEqual(['i-1']);
      expect(await store.cases.findByIdentifier('docket', 'no 09 cr 1234')).toEqual(['i-1']);
      expect(await store.cases.findByIdentifier('ecli', '09cr1234')).toEqual([]);
    });

    it('scans every case in creation order across batches', async () => {
      await store.transaction(async (tx) => {
        for (let i = 0; i < 7; i++) await tx.cases.insert(record(`s-${i}`));
      });
      const ids: string[] = [];
      for await (const c of store.cases.scan(3)) ids.push(c.id);
      expect(ids).toEqual(['s-0', 's-1', 's-2', 's-3', 's-4', 's-5', 's-6']);
    });

    it('runs write hooks inside the transaction and after commit', async () => {
      const seen: string[] = [];
      const committed: string[] = [];
      store.addWriteHook({
        async onWrite(_tx, change) {
          seen.push(change.id);
          if (change.id === 'h-bad') throw new Error('hook refused');
        },
        afterCommit(ids) {
          committed.push(...ids);
        },
      });
      await store.transaction((tx) => tx.cases.insert(record('h-1')));
      await expect(store.transaction((tx) => tx.cases.insert(record('h-bad')))).rejects.toThrow('hook refused');
      expect(seen).toEqual(['h-1', 'h-bad']);
      expect(committed).toEqual(['h-1']);
      expect(await store.cases.get('h-bad')).toBeUndefined();
    });

    it('keeps meta values', async () => {
      expect(await store.getMeta('cursor_secret')).toMatch(/^[\w-]{20,}$/);
      await store.setMeta('k', 'v1');
      await store.setMeta('k', 'v2');
      expect(await store.getMeta('k')).toBe('v2');
    });
  });
}
