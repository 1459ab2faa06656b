import { describe, it, expect } from 'vitest';
import type { FacetIndex } from './facet-index.ts';
import { caseFacetIndex, statsColumnsOf, statsOf, type DocStats } from './stats-columns.ts';
import fc from 'fast-check';
import { distributionOf, distributionOfUnsorted, quantile } from './aggregates.ts';
import { CaseInputSchema, type CaseRecord } from '../domain/case-schema.ts';
import { caseInput } from '../../../../test/factories/case-factory.ts';
import type { CaseInput } from '../domain/case-schema.ts';

const record = (o: Partial<CaseInput>): CaseRecord =>
  ({ ...CaseInputSchema.parse(caseInput(o)), id: 'x', version: 1, createdAt: '', updatedAt: '' }) as CaseRecord;

const victim = (o: object) => ({ kind: 'person' as const, nationalities: [], ...o });
const defendant = (o: object) => ({ kind: 'person' as const, nationalities: [], charges: [], ...o });

function indexOf(docs: [string, string[], DocStats][]): FacetIndex {
  const ix = caseFacetIndex();
  docs.forEach(([j, purposes, stats], i) =>
    ix.upsert({ seq: i + 1, date: 20100101, values: { jurisdiction: [j], purposes }, payload: stats }),
  );
  return ix;
}

const aggregate = (ix: FacetIndex) => {
  const slots = ix.allSlots();
  return statsColumnsOf(ix).aggregate(
    slots,
    slots.map((_, k) => k),
  );
};

describe('statistics columns', () => {
  it('reads persons, verdicts and the longest prison term per defendant off a record', () => {
    const s = statsOf(
      record({
        jurisdiction: 'ITA',
        victims: [
          victim({ gender: 'female', child: true, nationalities: ['NGA'] }),
          victim({ kind: 'group', count: 4, gender: 'female', nationalities: ['NGA', 'GHA'] }),
          victim({}),
        ],
        defendants: [
          defendant({
            gender: 'male',
            charges: [
              { verdict: 'convicted', prisonMonths: 60 },
              { verdict: 'convicted', prisonMonths: 96 },
            ],
          }),
          defendant({ kind: 'legal_entity', charges: [{ verdict: 'acquitted' }] }),
        ],
      }),
    );
    expect(s.victims).toBe(6);
    const people = (f: string) => Object.fromEntries(s.people.filter((p) => p[0] === f).map((p) => [p[1], p[2]]));
    expect(people('victimGender')).toEqual({ female: 5, not_recorded: 1 });
    expect(people('victimAge')).toEqual({ child: 1, not_recorded: 5 });
    expect(people('victimNationality')).toEqual({ NGA: 5, GHA: 4, not_recorded: 1 });
    expect(people('defendantKind')).toEqual({ person: 1, legal_entity: 1 });
    expect(s.prison).toEqual([96]);
    expect([s.verdict, s.convicted]).toEqual([true, true]);
  });

  it('aggregates by jurisdiction and purpose, with flows, and survives compaction and a snapshot', () => {
    const base: DocStats = { people: [], victims: 0, verdict: false, convicted: false, defendants: false, prison: [] };
    const ix = indexOf([
      [
        'ITA',
        ['sexual_exploitation'],
        {
          ...base,
          people: [['victimNationality', 'NGA', 3]],
          victims: 3,
          verdict: true,
          convicted: true,
          defendants: true,
          prison: [12, 24],
        },
      ],
      [
        'ITA',
        ['forced_labour', 'sexual_exploitation'],
        { ...base, people: [['victimNationality', 'ITA', 1]], victims: 1, verdict: true, prison: [36] },
      ],
      ['XIR', ['forced_labour'], { ...base, people: [['victimNationality', 'NGA', 1]], victims: 1 }],
      ['USA', [], base],
    ]);
    ix.remove(4);
    const check = (a: ReturnType<typeof aggregate>) => {
      const ita = a.byJurisdiction.find((j) => j.jurisdiction === 'ITA')!;
      expect(ita).toMatchObject({
        cases: 2,
        casesWithVerdict: 2,
        casesWithConviction: 1,
        casesWithVictims: 2,
        victims: 4,
        casesWithDefendants: 1,
      });
      expect(ita.prison).toEqual({ count: 3, cases: 2, min: 12, q1: 18, median: 24, q3: 30, max: 36 });
      expect(a.byJurisdiction.map((j) => j.jurisdiction).sort()).toEqual(['ITA', 'XIR']);
      expect(a.prisonByPurpose.find((p) => p.purpose === 'forced_labour')!.prison).toMatchObject({
        count: 1,
        cases: 1,
        median: 36,
      });
      expect(a.prisonByPurpose.find((p) => p.purpose === 'sexual_exploitation')!.prison).toMatchObject({
        count: 3,
        cases: 2,
      });
      // Same nationality as the jurisdiction and the international bodies are no flow.
      expect(a.flows).toEqual([{ from: 'NGA', to: 'ITA', cases: 1, victims: 3 }]);
      expect(a.victims.nationality.find((n) => n.value === 'NGA')).toEqual({ value: 'NGA', persons: 4, cases: 2 });
    };
    check(aggregate(ix));
    ix.compact();
    check(aggregate(ix));
    const copy = caseFacetIndex();
    expect(copy.deserialize(ix.serialize())).toBe(true);
    check(aggregate(copy));
  });

  it('keeps counts of persons and victims in one byte until one needs two or four, through a snapshot', () => {
    const base: DocStats = { people: [], victims: 0, verdict: false, convicted: false, defendants: false, prison: [] };
    const one = (n: number): DocStats => ({ ...base, people: [['victimNationality', 'NGA', n]], victims: n });
    const persons = (ix: FacetIndex) => aggregate(ix).victims.nationality.find((v) => v.value === 'NGA')!.persons;
    const ix = indexOf([['ITA', [], one(3)]]);
    const widths = (): number[] => {
      const buf = statsColumnsOf(ix).serialize();
      return JSON.parse(buf.subarray(4, 4 + buf.readUInt32LE(0)).toString('utf8')).widths;
    };
    expect(widths()[3]).toBe(1);
    ix.upsert({ seq: 2, date: 20100101, values: { jurisdiction: ['ITA'] }, payload: one(300) });
    expect(widths()[3]).toBe(2);
    ix.upsert({ seq: 3, date: 20100101, values: { jurisdiction: ['ITA'] }, payload: one(70_000) });
    expect(widths()[3]).toBe(4);
    expect(persons(ix)).toBe(70_303);
    const copy = caseFacetIndex();
    expect(copy.deserialize(ix.serialize())).toBe(true);
    expect(persons(copy)).toBe(70_303);
    expect(aggregate(copy).byJurisdiction[0]!.victims).toBe(70_303);
  });

  it('quartiles interpolate between closest ranks', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([7], 0.75)).toBe(7);
    expect(distributionOf([], 0)).toBeNull();
    expect(distributionOf([0, 10, 20, 30, 40], 2)).toEqual({
      count: 5,
      cases: 2,
      min: 0,
      q1: 10,
      median: 20,
      q3: 30,
      max: 40,
    });
  });

  it('quartiles by selection equal quartiles of the sorted values (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 12000, noNaN: true })), {
          minLength: 1,
          maxLength: 300,
        }),
        (xs) => {
          const sorted = Float64Array.from(xs).sort();
          expect(distributionOfUnsorted(Float64Array.from(xs), 7)).toEqual(distributionOf(sorted, 7));
        },
      ),
      { numRuns: 300 },
    );
  });
});
