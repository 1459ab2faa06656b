/**
 * Treaty imports on a real database (SQLite and PostgreSQL): the UNTC table as CSV and XLSX, our CSV,
 * the partial parties file; validation by line and field with nothing written; dry run; the change
 * report on a re-import; idempotence; undo; a curator's correction kept and reported as a conflict.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '../../src/kernel/config/config.ts';
import { boot, closeServices, type Services } from '../../src/app/boot.ts';
import { AppError } from '../../src/kernel/errors.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { participantRows } from '../../src/modules/treaties/http/csv.ts';

const UNTC = ['Participant', 'Signature', 'Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)'];
const csv = (rows: string[][]) => Buffer.from(stringify(rows));
const PARTIAL = readFileSync(new URL('../../src/modules/treaties/seed/protocol-parties-partial.csv', import.meta.url));
const P = 'XVIII-12-a';

export function treatyImportSuite(name: string, env: () => Promise<Record<string, string>>): void {
  describe(`treaty import: ${name}`, () => {
    let s: Services;
    beforeAll(async () => {
      s = await boot(loadConfig({ ...(await env()), PALERMO_LOG_LEVEL: 'silent' }, {}, null));
    });
    afterAll(() => closeServices(s));

    const imp = (bytes: Buffer, opts: { dryRun?: boolean; asAt?: string; source?: string } = {}) =>
      s.treatyImports.importFile(bytes, { instrument: P, ...opts }, SYSTEM);
    const participants = async () => (await s.treaties.status(P)).participants;
    const failure = async (bytes: Buffer) => {
      const e = await imp(bytes).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('VALIDATION_FAILED');
      return (e as AppError).details as { line: number; path: string; message: string }[];
    };

    it('refuses each kind of bad input by line and field, and writes nothing', async () => {
      const cases: [string[][], number, string, RegExp][] = [
        [[UNTC, ['Albania', '30 Feb 2001', '']], 2, 'Signature', /not a date that exists/],
        [
          [UNTC, ['Albania', '', ''], ['Atlantis', '12 Dec 2000', '']],
          3,
          'Participant',
          /'Atlantis' is not known; closest: /,
        ],
        [[UNTC, ['Bahrain', '', '7 Jun 2004 z']], 2, UNTC[2]!, /unknown action letter 'z'/],
        [
          [UNTC, ['Albania', '', '21 Aug 2002'], ['Albania', '', '1 Sep 2002 a']],
          3,
          'consent',
          /second consent to be bound/,
        ],
        [
          [
            ['participant', 'label', 'classification', 'article', 'paragraph'],
            ['Algeria', 'reservation', '', '22', ''],
          ],
          2,
          'article',
          /has no article 22/,
        ],
      ];
      for (const [rows, line, path, message] of cases) {
        const details = await failure(csv(rows));
        expect(details).toEqual([expect.objectContaining({ line, path, message: expect.stringMatching(message) })]);
      }
      expect(await participants()).toEqual([]);
      expect(await s.treatyImports.batches(P)).toEqual([]);
    });

    it('warns (and imports) a ratification dated before the signature', async () => {
      const r = await imp(csv([UNTC, ['Albania', '12 Dec 2002', '21 Aug 2002']]), { dryRun: true });
      expect(r.warnings).toEqual([expect.objectContaining({ line: 2, path: 'consent' })]);
      expect(r.dryRun).toBe(true);
      expect(r.batch).toBeNull();
      expect(await participants()).toEqual([]);
    });

    let first = '';
    it('imports the UNTC table (XLSX) with its status date and source', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Status');
      ws.addRow(UNTC);
      ws.addRow(['Albania', '12 Dec 2000', '21 Aug 2002']);
      ws.addRow(['Algeria 1', '6 Jun 2001', '9 Mar 2004']);
      ws.addRow(['Bahrain', '', '7 Jun 2004 a']);
      ws.addRow(['Cape Verde', '', '15 Jul 2004 a']);
      const bytes = Buffer.from(await wb.xlsx.writeBuffer());
      const r = await imp(bytes, { asAt: '2024-04-20', source: 'https://treaties.un.org/' });
      first = r.batch!;
      expect(r.format).toBe('untc');
      expect(r.newParties.sort()).toEqual(['ALB', 'BHR', 'CPV', 'DZA']);
      const ps = await participants();
      expect(ps.find((p) => p.code === 'DZA')).toMatchObject({ entryIntoForce: '2004-04-08' });
      expect(ps.find((p) => p.code === 'BHR')?.consent).toMatchObject({ action: 'accession', letter: 'a' });
      expect((await s.treaties.status(P)).instrument).toMatchObject({ statusAsAt: '2024-04-20' });
    });

    it('re-imports the same table as a no-op, and reports new parties and changed dates', async () => {
      const same = await imp(csv([UNTC, ['Albania', '12 Dec 2000', '21 Aug 2002']]));
      expect(same.changes).toEqual([]);
      const next = await imp(
        csv([UNTC, ['Albania', '12 Dec 2000', '22 Aug 2002'], ['Argentina', '12 Dec 2000', '19 Nov 2002']]),
      );
      expect(next.newParties).toEqual(['ARG']);
      expect(next.changedDates).toEqual([
        expect.objectContaining({
          participant: 'ALB',
          field: 'consent_date',
          before: '2002-08-21',
          after: '2002-08-22',
        }),
      ]);
      await s.treatyImports.undo(next.batch!, SYSTEM);
      const ps = await participants();
      expect(ps.map((p) => p.code)).not.toContain('ARG');
      expect(ps.find((p) => p.code === 'ALB')?.consent?.date).toBe('2002-08-21');
    });

    it('keeps a curator correction and reports the import that differs as a conflict', async () => {
      await s.treatyCorrections.correct(
        { instrument: P, participant: 'ALB', field: 'signature_date', value: '2000-12-13', note: 'test: UN page' },
        SYSTEM,
      );
      const r = await imp(csv([UNTC, ['Albania', '12 Dec 2000', '21 Aug 2002']]));
      expect(r.conflicts).toEqual([
        expect.objectContaining({
          participant: 'ALB',
          field: 'signature_date',
          imported: '2000-12-12',
          corrected: '2000-12-13',
        }),
      ]);
      expect((await participants()).find((p) => p.code === 'ALB')?.signature?.date).toBe('2000-12-13');
      const versions = await s.treatyCorrections.versions(P, 'ALB');
      expect(versions).toEqual([
        expect.objectContaining({ version: 1, action: 'correct', changed: ['signature_date'] }),
      ]);
      await s.treatyImports.undo(r.batch!, SYSTEM);
    });

    it('round-trips through our CSV; undo of an earlier batch waits for a later one', async () => {
      const before = await participants();
      const exported = csv(participantRows(before) as string[][]);
      const r = await imp(exported);
      expect(r.format).toBe('palermo');
      expect(r.changes).toEqual([]);
      expect(await participants()).toEqual(before);
      const later = await imp(csv([UNTC, ['Argentina', '12 Dec 2000', '19 Nov 2002']]));
      const e = await s.treatyImports.undo(first, SYSTEM).catch((x: unknown) => x);
      expect((e as AppError).code).toBe('CONFLICT');
      await s.treatyImports.undo(later.batch!, SYSTEM);
      await s.treatyImports.undo(first, SYSTEM);
      expect(await participants()).toEqual([]);
    });

    it('links an objection to its reservation; refuses one with no reservation to aim at', async () => {
      const H = ['participant', 'label', 'classification', 'article', 'paragraph', 'objects_to'];
      await imp(csv([UNTC, ['Algeria', '', '9 Mar 2004']]));
      await imp(csv([H, ['Algeria', 'reservation', 'opt-out of art. 15(2) under art. 15(3)', '15', '2', '']]));
      const r = await imp(csv([H, ['Belgium', 'objection', '', '15', '', 'Algeria']]));
      expect(r.changes).toHaveLength(1);
      const st = (await s.treaties.status(P)).statements;
      expect(st.find((x) => x.participant === 'BEL')?.objectsTo).toBe(st.find((x) => x.participant === 'DZA')?.id);
      const details = await failure(csv([H, ['Belgium', 'objection', '', '16', '', 'Bahrain']]));
      expect(details).toEqual([expect.objectContaining({ line: 2, path: 'objects_to' })]);
      for (const b of (await s.treatyImports.batches(P)).slice(0, 3)) await s.treatyImports.undo(b.id, SYSTEM);
      expect((await s.treaties.status(P)).statements).toEqual([]);
    });

    it('records depositary notifications by C.N. number; a malformed reference is refused by line', async () => {
      const H = ['cn_ref', 'participant', 'kind', 'date', 'url'];
      const bad = await failure(csv([H, ['CN 12/2004', 'Algeria', 'ratification', '2004-03-10', '']]));
      expect(bad).toEqual([expect.objectContaining({ line: 2, path: 'cn_ref' })]);
      // A reference in the documented form (the numbers here are for the test, not a real notification).
      const r = await imp(csv([H, ['C.N.1.2004.TREATIES-XVIII-12-a', 'Algeria', 'ratification', '2004-03-10', '']]));
      expect(r.changes).toEqual([expect.objectContaining({ field: 'notification:C.N.1.2004.TREATIES-XVIII-12-a' })]);
      expect(await s.treaties.notifications(P)).toEqual([
        expect.objectContaining({ participant: 'DZA', kind: 'ratification' }),
      ]);
      expect(
        (await imp(csv([H, ['C.N.1.2004.TREATIES-XVIII-12-a', 'Algeria', 'ratification', '2004-03-10', '']]))).changes,
      ).toEqual([]);
      await s.treatyImports.undo(r.batch!, SYSTEM);
      expect(await s.treaties.notifications(P)).toEqual([]);
    });

    it('imports the partial parties file with its sources; again, it changes nothing', async () => {
      const r = await imp(PARTIAL);
      expect(r.format).toBe('partial');
      expect(r.rows).toBe(85);
      expect(r.conflicts.map((c) => c.field)).toEqual(['signature_date']);
      const ps = await participants();
      expect(ps).toHaveLength(85);
      expect(ps.find((p) => p.code === 'AUS')?.sources).toEqual(['TRB2007', 'VB', 'WC', 'TRB2004']);
      const again = await imp(PARTIAL);
      expect(again.changes).toEqual([]);
    });
  });
}
