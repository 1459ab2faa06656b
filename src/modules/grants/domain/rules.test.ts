import { describe, it, expect } from 'vitest';
import { assignmentConflict, checkEligibility, deadlineState, rank, weightedScore } from './rules.ts';

const call = {
  opensAt: '2011-03-08T00:00:00.000Z',
  closesAt: '2011-04-30T23:59:59.000Z',
  capPerYear: 25_000,
  maxYears: 3,
  questions: [
    { id: 'interregional', text: 'q1' },
    { id: 'remedies', text: 'q2' },
  ],
  requiredAttachments: [{ id: 'registration', label: 'Registration' }],
};
const content = {
  durationYears: 3,
  budget: [
    { year: 1, category: 'staff', amount: 20_000 },
    { year: 1, category: 'travel', amount: 5_000 },
    { year: 3, category: 'staff', amount: 25_000 },
  ],
  answers: { interregional: 'yes', remedies: 'yes' },
};
const failed = (r: ReturnType<typeof checkEligibility>) => r.filter((x) => !x.passed).map((x) => [x.rule, x.details]);

describe('grants rules', () => {
  it('keeps the call open to its closing second, inclusive, in server time', () => {
    expect(deadlineState(call, new Date('2011-03-07T23:59:59.999Z'))).toBe('not_open');
    expect(deadlineState(call, new Date('2011-03-08T00:00:00.000Z'))).toBe('open');
    expect(deadlineState(call, new Date('2011-04-30T23:59:59.000Z'))).toBe('open');
    expect(deadlineState(call, new Date('2011-05-01T00:00:00.000Z'))).toBe('closed');
    // The same instant written in another zone is the same instant.
    expect(deadlineState(call, new Date('2011-05-01T01:59:59+02:00'))).toBe('open');
  });

  it('passes an application that meets every rule', () => {
    expect(failed(checkEligibility(call, 'ngo', content, ['registration']))).toEqual([]);
  });

  it('fails each rule on its own', () => {
    expect(failed(checkEligibility(call, 'government', content, ['registration']))).toEqual([
      ['lead_is_ngo', ['government']],
    ]);
    const over = { ...content, budget: [...content.budget, { year: 3, category: 'rent', amount: 0.01 }] };
    expect(failed(checkEligibility(call, 'ngo', over, ['registration']))).toEqual([['years_within_cap', [3]]]);
    expect(failed(checkEligibility(call, 'ngo', { ...content, durationYears: 4 }, ['registration']))).toEqual([
      ['duration_within_max', [4]],
    ]);
    const year4 = { ...content, budget: [{ year: 4, category: 'x', amount: 1 }] };
    expect(failed(checkEligibility(call, 'ngo', year4, ['registration']))).toEqual([['duration_within_max', [4]]]);
    const blank = { ...content, answers: { interregional: '  ', remedies: 'yes' } };
    expect(failed(checkEligibility(call, 'ngo', blank, ['registration']))).toEqual([
      ['criteria_answered', ['interregional']],
    ]);
    expect(failed(checkEligibility(call, 'ngo', content, []))).toEqual([['attachments_present', ['registration']]]);
  });

  it('blocks a reviewer with a declared conflict or a shared organisation', () => {
    expect(assignmentConflict(['org-a', 'org-b'], [], ['org-b'])).toBe('declared_conflict');
    expect(assignmentConflict(['org-a'], ['org-a'], [])).toBe('shared_organisation');
    expect(assignmentConflict(['org-a'], ['org-c'], ['org-d'])).toBeNull();
  });

  it('weights the rubric and leaves "not applicable" out', () => {
    const rubric = [
      { id: 'a', weight: 3 },
      { id: 'b', weight: 1 },
    ];
    expect(weightedScore(rubric, { a: 4, b: 0 })).toBe(3);
    expect(weightedScore(rubric, { a: null, b: 2 })).toBe(2);
    expect(weightedScore(rubric, { a: null, b: null })).toBeNull();
  });

  it('ranks by mean with spread, flagging disagreement, few reviews and revisions changed since review', () => {
    const r = rank([
      {
        applicationId: 'x',
        revision: 2,
        reviews: [
          { score: 5, revision: 1 },
          { score: 2, revision: 2 },
        ],
      },
      { applicationId: 'y', revision: 1, reviews: [{ score: 4, revision: 1 }] },
    ]);
    expect(r.map((e) => [e.applicationId, e.mean, e.spread, e.flags])).toEqual([
      ['y', 4, 0, ['few_reviews']],
      ['x', 3.5, 3, ['disagreement', 'changed_since_review']],
    ]);
  });
});
