/** Activities for the assistance tests: a complete one (every IATI part filled) and variations. Test data only. */
import type { ActivityInput } from '../../src/modules/assistance/domain/schemas.ts';

export function activityInput(id: string, over: Partial<ActivityInput> = {}): ActivityInput {
  return {
    id,
    type: 'training_workshop',
    title: `Test workshop ${id}`,
    description: `A training workshop used by the tests (${id}).`,
    objectives: ['Train practitioners to identify victims.'],
    plannedStart: '2021-03-01',
    plannedEnd: '2021-03-05',
    actualStart: '2021-03-02',
    actualEnd: '2021-03-05',
    activityStatus: '4',
    recipientCountries: [
      { code: 'NGA', percentage: 60 },
      { code: 'GHA', percentage: 40 },
    ],
    participantCountries: ['NGA', 'GHA'],
    venueCountries: ['NGA'],
    themes: ['criminal_justice'],
    sectors: [
      { code: '15130', percentage: 50 },
      { code: '15180', percentage: 50 },
    ],
    participatingOrgs: [
      { name: 'Test Funding Ministry', type: '10', role: '1' },
      { name: 'Test Implementing Office', ref: 'XM-TEST-1', type: '40', role: '4' },
    ],
    participants: {
      total: 30,
      byProfession: [
        { profession: 'police', count: 12 },
        { profession: 'prosecutors', count: 8 },
      ],
      byGender: [
        { gender: 'female', count: 14 },
        { gender: 'male', count: 16 },
      ],
    },
    results: [
      {
        type: '1',
        title: 'Practitioners trained',
        indicator: 'Number of practitioners trained',
        measure: '1',
        baselineYear: 2020,
        baseline: 0,
        target: 30,
        actual: 30,
        periodStart: '2021-01-01',
        periodEnd: '2021-12-31',
      },
    ],
    currency: 'USD',
    budgets: [{ periodStart: '2021-01-01', periodEnd: '2021-12-31', value: 50000 }],
    disbursements: [{ date: '2021-03-01', value: 20000, provider: 'Test Funding Ministry' }],
    ...over,
  };
}
