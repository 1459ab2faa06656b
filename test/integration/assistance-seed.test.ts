/** The demo content imports with the facts of the 2012 report, nothing more, and exports as valid IATI. */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { iatiErrors } from '../helpers/iati-xsd.ts';
import { seedModules } from '../../src/app/boot.ts';
import type { Activity, Agreement, Campaign } from '../../src/modules/assistance/index.ts';

let t: TestApp;
let lines: string[];
const json = async (url: string) => (await t.app.inject({ url })).json();
const REPORT = readFileSync('../shared/docs/000_09290eec35e0abef.txt', 'utf8');

beforeAll(async () => {
  t = await makeTestApp();
  lines = await seedModules(t.services);
});
afterAll(() => t.close());

describe('demo content of the source report', () => {
  it('seeds once, into an empty register', async () => {
    expect(lines.some((l) => l.startsWith('seeded the assistance register'))).toBe(true);
    const again = await seedModules(t.services);
    expect(again.some((l) => l.includes('assistance'))).toBe(false);
  });

  it('the Rwanda joint programme: UNODC and IOM, November 2011, four objectives (¶10)', async () => {
    const a = (await json('/api/v1/activities/rwa-unodc-iom-joint-programme')) as Activity;
    expect(a).toMatchObject({ type: 'joint_programme', actualStart: '2011-11', recipientCountries: [{ code: 'RWA' }] });
    expect(a.participatingOrgs.map((o) => o.orgId)).toEqual(['unodc', 'iom']);
    expect(a.objectives).toHaveLength(4);
    expect(a.provenance?.paragraphs).toEqual(['10']);
    expect(REPORT).toContain(
      'In November 2011, UNODC launched one such joint programme with the International Organization for ' +
        'Migration (IOM) in Rwanda',
    );
  });

  it('the other joint programmes: Bolivia, Egypt, Pakistan, Serbia and Central Asia (¶10), undated', async () => {
    const jps = ((await json('/api/v1/activities?type=joint_programme')).items as Activity[]).filter(
      (a) => a.id !== 'rwa-unodc-iom-joint-programme',
    );
    expect(jps.flatMap((a) => a.recipientCountries.map((c) => c.code)).sort()).toEqual(['BOL', 'EGY', 'PAK', 'SRB']);
    expect(jps.flatMap((a) => a.recipientRegions.map((r) => r.code))).toEqual(['619']);
    expect(jps.every((a) => !a.actualStart && !a.plannedStart)).toBe(true);
  });

  it('the workshops and trainings with their places and dates (¶18, ¶23, ¶38)', async () => {
    const cpv = (await json('/api/v1/activities/cpv-2012-legislative-drafting-workshop')) as Activity;
    expect(cpv).toMatchObject({ type: 'legislative_drafting', actualStart: '2012-03', venueCountries: ['CPV'] });
    expect(cpv.participantCountries).toEqual(['BEN', 'GIN', 'TGO']);
    const trainings = (await json('/api/v1/activities/global-training-initiative-2011')) as Activity;
    expect(trainings.participantCountries).toEqual(['FJI', 'MLI', 'PRT', 'UKR']);
    expect(trainings.actualStart).toBe('2011');
    const ven = (await json('/api/v1/activities/ven-2012-train-the-trainer')) as Activity;
    expect(ven).toMatchObject({
      type: 'train_the_trainer',
      actualStart: '2012-02',
      recipientCountries: [{ code: 'VEN' }],
    });
    const alb = (await json('/api/v1/activities/alb-2011-consular-officials-workshop')) as Activity;
    expect(alb).toMatchObject({ actualStart: '2011-12', venueCountries: ['ALB'] });
    expect(alb.participatingOrgs.map((o) => o.orgId)).toEqual(['unodc', 'iom']);
  });

  it('no figure the report does not give: no participants, budgets, disbursements or percentages', async () => {
    const all = (await json('/api/v1/activities')).items as Activity[];
    expect(all.length).toBeGreaterThanOrEqual(12);
    for (const a of all) {
      expect(a.participants, a.id).toBeNull();
      expect(a.budgets, a.id).toEqual([]);
      expect(a.disbursements, a.id).toEqual([]);
      expect(
        a.recipientCountries.every((c) => c.percentage === undefined),
        a.id,
      ).toBe(true);
      expect(a.provenance?.paragraphs.length, a.id).toBeGreaterThan(0);
    }
    const byGender = await json('/api/v1/assistance/reports/participants-by-gender');
    expect(byGender.rows).toEqual([]);
  });

  it('the April 2012 agreements with UNWTO, Frontex and IOM (¶12)', async () => {
    const items = (await json('/api/v1/agreements')).items as Agreement[];
    const of = (org: string) => items.find((a) => a.parties.some((p) => p.orgId === org));
    expect(of('unwto')).toMatchObject({ kind: 'mou', signed: '2012-04' });
    expect(of('frontex')).toMatchObject({ kind: 'working_arrangement', signed: '2012-04' });
    expect(of('iom')).toMatchObject({ kind: 'cooperation_agreement', signed: '2012-04' });
  });

  it('the Blue Heart Campaign, with no adopting State the report does not name (¶32)', async () => {
    const c = (await json('/api/v1/campaigns/blue-heart-campaign')) as Campaign;
    expect(c.name).toBe('Blue Heart Campaign');
    expect(c.adopters).toEqual([]);
  });

  it('exports as valid IATI 2.03, leaving out (and naming) the undated programmes', async () => {
    const r = await t.app.inject({ url: '/api/v1/activities.iati.xml' });
    expect(r.statusCode).toBe(200);
    expect(iatiErrors(r.body)).toEqual([]);
    expect(r.headers['x-palermo-iati-skipped']).toBe(
      'bol-joint-programme,central-asia-joint-programme,egy-joint-programme,pak-joint-programme,srb-joint-programme',
    );
    expect(r.body).toContain('<activity-date type="2" iso-date="2011-11-01">');
    expect(r.body).toContain('Known to the month: 2011-11');
  });
});
