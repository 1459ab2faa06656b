import { describe, it, expect } from 'vitest';
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { activityIssues, isBefore, participantNameIssues, validated } from './rules.ts';
import { ActivityInput, type Activity } from './schemas.ts';
import { activityInput } from '../../../../test/factories/activity-factory.ts';

const parse = (raw: unknown) =>
  validated(
    ActivityInput,
    raw,
    'activity',
    participantNameIssues,
    (a: Activity) => activityIssues(a),
    (p) => ({
      ...p,
      id: p.id ?? 'x',
    }),
  );

function issues(raw: unknown): FieldIssue[] {
  try {
    parse(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION_FAILED');
    return (e as AppError).details as FieldIssue[];
  }
  throw new Error('expected a validation error');
}

describe('activity rules', () => {
  it('accepts a complete activity', () => {
    expect(parse(activityInput('a1')).participants?.total).toBe(30);
  });

  it('compares partial dates at the precision both have', () => {
    expect(isBefore('2012-02', '2012-03-01')).toBe(true);
    expect(isBefore('2012-03', '2012-03-15')).toBe(false);
    expect(isBefore('2011', '2012-01')).toBe(true);
  });

  it('refuses an end before the start, naming the field', () => {
    const got = issues(activityInput('a', { actualStart: '2021-03-10', actualEnd: '2021-03-01' }));
    expect(got).toEqual([{ path: 'actualEnd', message: 'ends (2021-03-01) before it starts (2021-03-10)' }]);
    expect(issues(activityInput('a', { plannedStart: '2022', plannedEnd: '2021-12' }))[0]?.path).toBe('plannedEnd');
  });

  it('refuses percentages that do not add up to 100, or are given for some only', () => {
    const bad = issues(
      activityInput('a', {
        recipientCountries: [
          { code: 'NGA', percentage: 60 },
          { code: 'GHA', percentage: 30 },
        ],
      }),
    );
    expect(bad).toEqual([{ path: 'recipientCountries', message: 'percentages add up to 90, not 100' }]);
    const some = issues(activityInput('a', { recipientCountries: [{ code: 'NGA', percentage: 60 }, { code: 'GHA' }] }));
    expect(some[0]?.message).toMatch(/every entry, or for none/);
    const sectors = issues(activityInput('a', { sectors: [{ code: '15130', percentage: 70 }] }));
    expect(sectors[0]?.path).toBe('sectors');
    // Countries and regions share the 100 per cent.
    expect(
      parse(
        activityInput('a', {
          recipientCountries: [{ code: 'NGA', percentage: 50 }],
          recipientRegions: [{ code: '1030', percentage: 50 }],
        }),
      ).recipientRegions,
    ).toHaveLength(1);
    // Several recipients without percentages: the source gave none, and none is invented.
    expect(
      parse(activityInput('a', { recipientCountries: [{ code: 'BEN' }, { code: 'TGO' }] })).recipientCountries,
    ).toHaveLength(2);
  });

  it('refuses participants given with names, anywhere under participants', () => {
    const withNames = { ...activityInput('a'), participants: { total: 2, names: ['A. Person', 'B. Person'] } };
    expect(issues(withNames)).toEqual([
      { path: 'participants.names', message: expect.stringMatching(/counts .* only; names are never accepted/) },
    ]);
    const inRow = {
      ...activityInput('a'),
      participants: { byProfession: [{ profession: 'police', count: 2, attendees: 'A. Person; B. Person' }] },
    };
    expect(issues(inRow)[0]?.path).toBe('participants.byProfession.0.attendees');
    const asText = { ...activityInput('a'), participants: { byGender: [{ gender: 'female', count: 'Ann and Mary' }] } };
    expect(issues(asText)[0]?.path).toBe('participants.byGender.0.count');
  });

  it('refuses an unknown codelist value, listing the allowed ones', () => {
    const status = issues(activityInput('a', { activityStatus: '7' }));
    expect(status[0]?.path).toBe('activityStatus');
    expect(status[0]?.message).toMatch(/allowed: 1, 2, 3, 4, 5/);
    expect(status[0]?.allowed).toEqual(['1', '2', '3', '4', '5']);
    const sector = issues(activityInput('a', { sectors: [{ code: '99999' }] }));
    expect(sector[0]?.path).toBe('sectors.0.code');
    expect(sector[0]?.allowed).toContain('15180');
    expect(issues(activityInput('a', { currency: 'XYZ' }))[0]?.allowed).toContain('USD');
    expect(issues(activityInput('a', { recipientRegions: [{ code: '12345' }] }))[0]?.path).toBe(
      'recipientRegions.0.code',
    );
  });

  it('refuses an organisation role outside the codelist', () => {
    const got = issues(activityInput('a', { participatingOrgs: [{ name: 'X', role: '5' as '1' }] }));
    expect(got[0]).toMatchObject({ path: 'participatingOrgs.0.role', allowed: ['1', '2', '3', '4'] });
    expect(got[0]?.message).toMatch(/unknown organisation role '5'; allowed: 1, 2, 3, 4/);
  });

  it('refuses participant counts adding up to more than the total, and a profession counted twice', () => {
    const over = issues(
      activityInput('a', { participants: { total: 5, byGender: [{ gender: 'female', count: 6 }], byProfession: [] } }),
    );
    expect(over).toEqual([{ path: 'participants.byGender', message: 'counts add up to more than the total 5' }]);
    const twice = issues(
      activityInput('a', {
        participants: {
          byProfession: [
            { profession: 'police', count: 1 },
            { profession: 'police', count: 2 },
          ],
        },
      }),
    );
    expect(twice[0]?.path).toBe('participants.byProfession');
  });

  it('refuses an unknown country code', () => {
    expect(issues(activityInput('a', { participantCountries: ['XXX'] }))[0]?.path).toBe('participantCountries.0');
  });
});
