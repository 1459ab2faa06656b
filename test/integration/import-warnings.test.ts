import { describe, it, expect } from 'vitest';
import { makeTestApp } from '../helpers/test-app.ts';
import { caseInput } from '../factories/case-factory.ts';

async function* lines(...xs: unknown[]) {
  for (const x of xs) yield JSON.stringify(x);
}

describe('import warnings', () => {
  it(
    'reports possible duplicates by identifier and by jurisdiction + court + date + similar title, in the file ' +
      'and in the store',
    async () => {
      const t = await makeTestApp();
      try {
        const first = caseInput({
          id: 'a',
          title: 'People v. Santos and Reyes',
          jurisdiction: 'PHL',
          court: 'Regional Trial Court',
          decisionDate: '2012-03-04',
          identifiers: [{ type: 'docket', value: 'No. 09-CR-1234' }],
        });
        expect((await t.services.jsonl.import(lines(first))).warnings).toBe(0);
        // Re-importing a record is not a duplicate of itself.
        expect(
          (await t.services.jsonl.import(lines({ ...first, title: 'People v. Santos and Reyes (corrected)' })))
            .warnings,
        ).toBe(0);
        const sameDocket = caseInput({
          id: 'b',
          title: 'Another case',
          identifiers: [{ type: 'docket', value: '09cr1234' }],
        });
        const sameIdentity = caseInput({
          id: 'c',
          title: 'People of the Philippines v. Santos & Reyes',
          jurisdiction: 'PHL',
          court: 'Regional Trial Court',
          decisionDate: '2012-03-04',
          identifiers: [],
        });
        const inFile = caseInput({ id: 'd', title: 'Third', identifiers: [{ type: 'docket', value: 'X-77' }] });
        const inFileAgain = caseInput({ id: 'e', title: 'Fourth', identifiers: [{ type: 'docket', value: 'x 77' }] });
        const r = await t.services.jsonl.import(lines(sameDocket, sameIdentity, inFile, inFileAgain));
        expect(r.created).toBe(4); // warnings, not errors
        expect(r.warningDetails).toEqual([
          { line: 1, path: 'identifiers.0', message: "possible duplicate of stored case 'a' (same docket '09cr1234')" },
          {
            line: 2,
            path: 'title',
            message:
              "possible duplicate of stored case 'a' (same jurisdiction, court and date; " +
              "similar title 'People v. Santos and Reyes (corrected)')",
          },
          { line: 4, path: 'identifiers.0', message: "possible duplicate of line 3 (same docket 'x 77')" },
        ]);
      } finally {
        await t.close();
      }
    },
  );
});
