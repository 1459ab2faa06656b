import { describe, it, expect } from 'vitest';
import { fullDateOf, iatiIdentifier, iatiXml } from './iati-export.ts';
import { participantsOf, report } from './reports.ts';
import { ActivityInput, type Activity } from '../domain/schemas.ts';
import type { Stored } from '../store/record-repo.ts';

const org = { ref: 'XM-TEST', name: 'Test reporting body', type: '40' };
const activity = (over: Record<string, unknown>): Activity =>
  ({
    ...ActivityInput.parse({
      type: 'study',
      title: 'A study',
      description: 'A study of the tests',
      activityStatus: '4',
      participatingOrgs: [{ name: 'Test office', role: '4' }],
      ...over,
    }),
    id: String(over.id ?? 's-1'),
  }) as Activity;
const stored = (a: Activity): Stored<Activity> => ({
  record: a,
  status: 'published',
  ownerId: null,
  version: 1,
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-02T00:00:00.000Z',
});

describe('IATI projection', () => {
  it('writes partial dates as the first or last day they cover', () => {
    expect(fullDateOf('2012-02', 'end')).toBe('2012-02-29');
    expect(fullDateOf('2011-11', 'start')).toBe('2011-11-01');
    expect(fullDateOf('2011', 'end')).toBe('2011-12-31');
    expect(fullDateOf('2011-04-05', 'end')).toBe('2011-04-05');
  });

  it('builds identifiers from the reporting organisation and leaves undated activities out', () => {
    expect(iatiIdentifier(org, 'abc')).toBe('XM-TEST-abc');
    const { xml, skipped, written } = iatiXml(
      [stored(activity({ id: 'dated', actualEnd: '2011-04' })), stored(activity({ id: 'undated' }))],
      new Map(),
      org,
      new Date('2024-05-01T10:00:00Z'),
    );
    expect(written).toEqual(['dated']);
    expect(skipped).toEqual(['undated']);
    expect(xml).toContain('generated-datetime="2024-05-01T10:00:00Z"');
    expect(xml).toContain('<activity-date type="4" iso-date="2011-04-30">');
    expect(xml).toContain('<narrative>Known to the month: 2011-04</narrative>');
  });
});

describe('reports', () => {
  it('counts participants as the total, else the larger breakdown', () => {
    expect(participantsOf(activity({ participants: { total: 9 } }))).toBe(9);
    const both = { byGender: [{ gender: 'female', count: 4 }], byProfession: [{ profession: 'police', count: 6 }] };
    expect(participantsOf(activity({ participants: both }))).toBe(6);
    expect(participantsOf(activity({}))).toBe(0);
  });

  it('counts an activity once in each country it concerns', () => {
    const a = activity({ recipientCountries: [{ code: 'BEN' }, { code: 'TGO' }], participantCountries: ['BEN'] });
    expect(report('countries', [a]).rows).toEqual([
      { country: 'BEN', name: 'Benin', activities: 1, participants: 0 },
      { country: 'TGO', name: 'Togo', activities: 1, participants: 0 },
    ]);
  });
});
