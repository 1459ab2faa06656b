/**
 * Predecessor/successor links, depositary notifications on the page, and a recorded entry into force that
 * differs from the computed one, on a real database: the links import (validation by line and field, nothing
 * written, dry run, idempotence, undo), a curator's link over the API (editors only, versioned, kept over a later
 * import), and what the API, the treaty page and the country profile show. The relations are the test's own.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { AUTH, type TestApp } from '../helpers/test-app.ts';
import { AppError } from '../../src/kernel/errors.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';

const P = 'XVIII-12-a';
const csv = (rows: string[][]) => Buffer.from(stringify(rows));
const LINKS = ['participant', 'relation', 'other', 'date', 'source', 'note'];
const UNTC = ['Participant', 'Signature', 'Ratification, Acceptance(A), Approval(AA), Accession(a), Succession(d)'];
const SRC = 'https://example.org/test-source';

export function treatyLinksSuite(name: string, make: () => Promise<TestApp>): void {
  describe(`treaty links, notifications, entry into force: ${name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await make();
      await t.services.treaties.ensureInstruments();
      await imp(csv([UNTC, ['Montenegro', '', '23 Oct 2006 d'], ['Serbia', '12 Dec 2000', '6 Sep 2001']]));
    });
    afterAll(() => t.close());
    const imp = (bytes: Buffer, dryRun = false) =>
      t.services.treatyImports.importFile(bytes, { instrument: P, dryRun }, SYSTEM);
    const get = (url: string) => t.app.inject({ method: 'GET', url });
    const participant = async (code: string) =>
      (
        (await get(`/api/v1/treaties/${P}`)).json().participants as {
          code: string;
          predecessors: { code: string; date: string | null; source: string; curated: boolean }[];
          successors: { code: string }[];
          entryIntoForceDetail: Record<string, unknown> | null;
        }[]
      ).find((p) => p.code === code)!;

    it('refuses bad link lines by line and field, and writes nothing', async () => {
      const e = await imp(
        csv([
          LINKS,
          ['Montenegro', 'heir_of', 'SCG', '2006-06-03', SRC, ''],
          ['Montenegro', 'successor_of', 'Atlantis', '', SRC, ''],
          ['Montenegro', 'successor_of', 'SCG', '2006-02-30', SRC, ''],
          ['Montenegro', 'successor_of', 'Montenegro', '', SRC, ''],
          ['Serbia', 'successor_of', 'Serbia and Montenegro', '', 'a book', ''],
        ]),
      ).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(AppError);
      const details = (e as AppError).details as { line: number; path: string; message: string }[];
      expect(details.map((d) => [d.line, d.path])).toEqual([
        [2, 'relation'],
        [3, 'other'],
        [4, 'date'],
        [5, 'other'],
        [6, 'source'],
      ]);
      expect(details[1]!.message).toMatch(/'Atlantis' is not known; closest: /);
      expect((await participant('MNE')).predecessors).toEqual([]);
      expect(await t.services.treatyLinks.all()).toEqual([]);
    });

    it('imports links (dry run first), shows them both ways, is idempotent, and undoes', async () => {
      const file = csv([
        LINKS,
        ['Montenegro', 'successor_of', 'Serbia and Montenegro', '2006-06-03', SRC, 'test relation'],
        ['SCG', 'predecessor_of', 'Serbia', '', SRC, ''],
      ]);
      const dry = await imp(file, true);
      expect(dry).toMatchObject({ format: 'links', dryRun: true, batch: null, rows: 2 });
      expect(dry.changes.map((c) => c.field)).toEqual(['link:SCG', 'link:SCG']);
      expect(await t.services.treatyLinks.all()).toEqual([]);
      const r = await imp(file);
      const mne = await participant('MNE');
      expect(mne.predecessors).toEqual([
        {
          code: 'SCG',
          name: 'Serbia and Montenegro',
          date: '2006-06-03',
          source: SRC,
          note: 'test relation',
          curated: false,
        },
      ]);
      expect((await participant('SRB')).predecessors.map((l) => l.code)).toEqual(['SCG']);
      const links = (await get('/api/v1/treaty-participants/SCG/links')).json();
      expect(links.successors.map((l: { code: string }) => l.code)).toEqual(['MNE', 'SRB']);
      const asCsv = await get('/api/v1/treaty-participants/MNE/links?format=csv');
      expect(asCsv.headers['content-type']).toMatch(/^text\/csv/);
      expect(asCsv.body).toContain(`MNE,successor_of,SCG,2006-06-03,${SRC},test relation`);
      expect((await imp(file)).changes).toEqual([]);
      await t.services.treatyImports.undo(r.batch!, SYSTEM);
      expect(await t.services.treatyLinks.all()).toEqual([]);
    });

    it("takes a curator's link from an editor token only, versions it, and keeps it over a later import", async () => {
      const url = '/api/v1/treaty-participants/MNE/links';
      const payload = { relation: 'successor_of', other: 'SCG', date: '2006-06-03', source: SRC };
      expect((await t.app.inject({ method: 'POST', url, payload })).statusCode).toBe(401);
      const bad = await t.app.inject({
        method: 'POST',
        url,
        payload: { ...payload, date: '2006-13-01' },
        headers: AUTH,
      });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('date');
      const ok = await t.app.inject({ method: 'POST', url, payload, headers: AUTH });
      expect(ok.statusCode, ok.body).toBe(201);
      expect((await participant('MNE')).predecessors[0]).toMatchObject({ code: 'SCG', curated: true });
      expect(await t.services.treatyLinks.versions('MNE')).toHaveLength(1);
      const later = await imp(csv([LINKS, ['Montenegro', 'successor_of', 'SCG', '2006-06-04', SRC, '']]));
      expect(later.conflicts).toEqual([expect.objectContaining({ line: 2, participant: 'MNE', field: 'link' })]);
      expect((await participant('MNE')).predecessors[0]!.date).toBe('2006-06-03');
      const page = (await get(`/treaties/${P}`)).body;
      expect(page).toContain('Successor of');
      const profile = (await get('/countries/MNE')).body;
      expect(profile).toContain('Predecessor and successor States');
      expect(profile).toContain('Serbia and Montenegro');
      const json = (await get('/api/v1/countries/MNE/profile')).json();
      const section = json.sections.find((s: { id: string }) => s.id === 'treaties');
      expect(section.data.links.predecessors[0].code).toBe('SCG');
      const del = await t.app.inject({ method: 'DELETE', url: `${url}/SCG`, headers: AUTH });
      expect(del.statusCode, del.body).toBe(200);
      expect((await participant('MNE')).predecessors).toEqual([]);
      expect(await t.services.treatyLinks.versions('MNE')).toHaveLength(2);
      expect((await t.app.inject({ method: 'DELETE', url: `${url}/SCG`, headers: AUTH })).statusCode).toBe(404);
    });

    it("keeps a curator's link when the import that first wrote it is undone", async () => {
      const r = await imp(csv([LINKS, ['Serbia', 'successor_of', 'SCG', '', SRC, '']]));
      const payload = { relation: 'successor_of', other: 'SCG', date: '2006-06-03', source: SRC };
      const url = '/api/v1/treaty-participants/SRB/links';
      expect((await t.app.inject({ method: 'POST', url, payload, headers: AUTH })).statusCode).toBe(201);
      await t.services.treatyImports.undo(r.batch!, SYSTEM);
      expect((await participant('SRB')).predecessors).toEqual([
        expect.objectContaining({ code: 'SCG', curated: true }),
      ]);
      await t.services.treatyLinks.remove('SRB', 'SCG', SYSTEM);
    });

    it('shows depositary notifications on the page and as CSV', async () => {
      await imp(
        csv([
          ['cn_ref', 'participant', 'kind', 'date', 'url'],
          ['C.N.1.2006.TREATIES-XVIII-12-a', 'Montenegro', 'succession', '2006-10-24', ''],
        ]),
      );
      const page = (await get(`/treaties/${P}`)).body;
      expect(page).toContain('id="notifications"');
      expect(page).toContain('C.N.1.2006.TREATIES-XVIII-12-a');
      expect(page).toContain('Succession');
      const r = await get(`/api/v1/treaties/${P}/notifications.csv`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      expect(r.body).toContain('C.N.1.2006.TREATIES-XVIII-12-a,Montenegro,succession,2006-10-24,');
      const items = (await get(`/api/v1/treaties/${P}/notifications`)).json().items;
      expect(items[0]).toMatchObject({ participant: 'MNE', participantName: 'Montenegro', kind: 'succession' });
    });

    it('warns of a recorded entry into force that differs from the computed one, and marks it', async () => {
      const head = ['participant', 'signature_date', 'consent_date', 'consent_type', 'entry_into_force_date'];
      const r = await imp(csv([head, ['Angola', '', '2014-09-09', 'accession', '2014-10-19']]));
      expect(r.warnings).toEqual([
        expect.objectContaining({
          line: 2,
          path: 'entry_into_force_date',
          message: expect.stringMatching(/2014-10-19.*2014-10-09/),
        }),
      ]);
      expect((await participant('AGO')).entryIntoForceDetail).toEqual({
        date: '2014-10-09',
        basis: 'computed',
        computed: '2014-10-09',
        recorded: '2014-10-19',
        disagrees: true,
      });
      expect((await participant('MNE')).entryIntoForceDetail).toMatchObject({ disagrees: false });
      expect((await get(`/treaties/${P}`)).body).toContain('treaty-eif-differs');
    });
  });
}
