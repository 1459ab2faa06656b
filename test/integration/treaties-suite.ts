/** The treaty API contract, run on SQLite (treaties-api.test.ts) and PostgreSQL (treaties-pg.test.ts). */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { TestApp } from '../helpers/test-app.ts';
import { seedModules } from '../../src/app/boot.ts';

export function treatyApiSuite(name: string, make: () => Promise<TestApp>): void {
  describe(`treaty API: ${name}`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await make();
      const lines = await seedModules(t.services);
      expect(lines.some((l) => l.includes('Trafficking Protocol'))).toBe(true);
    });
    afterAll(() => t.close());
    const get = (url: string) => t.app.inject({ method: 'GET', url });

    it('lists the four instruments with their facts and counts', async () => {
      const r = await get('/api/v1/treaties');
      expect(r.statusCode).toBe(200);
      const items = r.json().items as {
        id: string;
        entryIntoForce: string;
        adoptedOn: string;
        parties: number;
        signatories: number;
        participantsRecorded: number;
      }[];
      expect(items.map((i) => [i.id, i.adoptedOn, i.entryIntoForce])).toEqual([
        ['XVIII-12', '2000-11-15', '2003-09-29'],
        ['XVIII-12-a', '2000-11-15', '2003-12-25'],
        ['XVIII-12-b', '2000-11-15', '2004-01-28'],
        ['XVIII-12-c', '2001-05-31', '2005-07-03'],
      ]);
      const p = items.find((i) => i.id === 'XVIII-12-a')!;
      // Computed from the seed file: 69 rows with a consent or an entry into force, 52 with a signature.
      expect(p.parties).toBe(69);
      expect(p.signatories).toBe(52);
      expect(p.participantsRecorded).toBe(85);
    });

    it('gives an instrument with participants, computed entry into force and reservations', async () => {
      const r = (await get('/api/v1/treaties/XVIII-12-a')).json();
      expect(r.instrument.title).toMatch(/^Protocol to Prevent, Suppress and Punish Trafficking in Persons/);
      const by = (code: string) => r.participants.find((p: { code: string }) => p.code === code);
      expect(by('ALB')).toMatchObject({ entryIntoForce: '2003-12-25', entryIntoForceBasis: 'computed' });
      expect(by('DZA')).toMatchObject({
        entryIntoForce: '2004-04-08',
        consent: { date: '2004-03-09', action: 'ratification' },
      });
      expect(by('AND')).toMatchObject({ consent: null, entryIntoForce: '2022-10-21', entryIntoForceBasis: 'recorded' });
      expect(by('EUU')).toMatchObject({ reio: true, sources: ['TRB2007'] });
      expect(by('SWZ').nameAsListed).toBe('Eswatini (Swaziland)');
      expect(by('SWZ').formerNames).toEqual([expect.objectContaining({ name: 'Swaziland' })]);
      expect(by('BOL').formerNames).toEqual([{ name: 'Bolivia', validTo: '2009-04-09', note: expect.any(String) }]);
      expect(by('EUU').formerNames.map((n: { name: string }) => n.name)).toEqual(['European Community']);
      const bolivia = r.statements.find((s: { participant: string }) => s.participant === 'BOL');
      expect(bolivia).toMatchObject({
        label: 'declaration',
        classification: 'opt-out of art. 15(2) under art. 15(3)',
        article: 15,
        paragraph: '2',
      });
      expect((await get('/api/v1/treaties/XVIII-99')).statusCode).toBe(404);
    });

    it('counts parties at dates before and after the entry into force of 25 Dec 2003', async () => {
      const at = async (d: string) => (await get(`/api/v1/treaties/XVIII-12-a/parties?at=${d}`)).json();
      const before = await at('2003-12-24');
      const on = await at('2003-12-25');
      const later = await at('2004-04-08');
      expect(before.count).toBeGreaterThan(0);
      expect(before.inForceCount).toBe(0);
      expect(on.count).toBe(before.count);
      expect(on.inForceCount).toBe(on.count);
      expect(on.parties.map((p: { code: string }) => p.code)).toContain('ALB');
      expect(on.parties.map((p: { code: string }) => p.code)).not.toContain('DZA');
      expect(later.parties.find((p: { code: string }) => p.code === 'DZA')).toMatchObject({ inForce: true });
      expect((await at('2004-04-07')).parties.find((p: { code: string }) => p.code === 'DZA')).toMatchObject({
        inForce: false,
      });
      // The 17 participants of the file whose deposit is dated before 25 Dec 2003 (Albania ... Spain).
      expect(before.count).toBe(17);
      const bad = await get('/api/v1/treaties/XVIII-12-a/parties?at=2003-02-30');
      expect(bad.statusCode).toBe(400);
    });

    it('answers every table as CSV too', async () => {
      for (const url of [
        '/api/v1/treaties.csv',
        '/api/v1/treaties?format=csv',
        '/api/v1/treaties/XVIII-12-a.csv',
        '/api/v1/treaties/XVIII-12-a?format=csv',
        '/api/v1/treaties/XVIII-12-a/parties.csv?at=2004-01-01',
        '/api/v1/treaties/XVIII-12-a/parties?at=2004-01-01&format=csv',
        '/api/v1/treaties/XVIII-12-a/statements.csv',
        '/api/v1/treaties/XVIII-12-a/statements?format=csv',
      ]) {
        const r = await get(url);
        expect(r.statusCode, url).toBe(200);
        expect(r.headers['content-type'], url).toMatch(/^text\/csv/);
        expect(r.body.split('\n').length, url).toBeGreaterThan(2);
      }
      expect((await get('/api/v1/treaties/XVIII-12-a.csv')).body).toMatch(
        /^code,participant,signature_date,consent_date/,
      );
    });

    it('documents the routes in OpenAPI', async () => {
      const doc = (await get('/api/v1/openapi.json')).json();
      for (const p of [
        '/api/v1/treaties',
        '/api/v1/treaties/{id}',
        '/api/v1/treaties/{id}/parties',
        '/api/v1/countries/{code}/profile',
      ])
        expect(Object.keys(doc.paths)).toContain(p);
      expect(doc.components.schemas.TreatyPartiesAt).toBeDefined();
    });

    it('gives the profile of a country with no recorded status as "not recorded", never as non-party', async () => {
      const r = (await get('/api/v1/countries/FRA/profile')).json();
      const treaties = r.sections.find((s: { id: string }) => s.id === 'treaties');
      expect(treaties.data.instruments.every((i: { status: unknown }) => i.status === null)).toBe(true);
      expect((await get('/api/v1/countries/QQQ/profile')).statusCode).toBe(404);
    });
  });
}
