import { describe, it, expect } from 'vitest';
import { CaseInputSchema, CasePatchSchema } from './case-schema.ts';
import { issuesOf } from '../../../kernel/validation.ts';
import { caseInput } from '../../../../test/factories/case-factory.ts';

const issues = (v: unknown) => {
  const r = CaseInputSchema.safeParse(v);
  return r.success ? [] : issuesOf(r.error);
};

describe('case schema', () => {
  it('accepts a full case and fills defaults for a minimal one', () => {
    expect(issues(caseInput())).toEqual([]);
    const min = CaseInputSchema.parse({ title: 'R v Tang', jurisdiction: 'AUS' });
    expect(min.status).toBe('draft');
    expect(min.victims).toEqual([]);
    expect(min.decisionDate).toBeNull();
    expect(min.tags.purposes).toEqual([]);
  });

  it('keeps the respondent States of an international court (issue 22): codes, each once, none by default', () => {
    expect(CaseInputSchema.parse({ title: 'Rantsev', jurisdiction: 'XIR' }).respondentStates).toEqual([]);
    const ecthr = CaseInputSchema.parse({ title: 'Rantsev', jurisdiction: 'XIR', respondentStates: ['CYP', 'RUS'] });
    expect(ecthr.respondentStates).toEqual(['CYP', 'RUS']);
    expect(issues({ title: 'x', jurisdiction: 'XIR', respondentStates: ['CYP', 'CYP'] })[0]?.message).toMatch(/once/);
    expect(issues({ title: 'x', jurisdiction: 'XIR', respondentStates: ['Cyprus'] }).map((i) => i.path)).toEqual([
      'respondentStates.0',
    ]);
  });

  it('names each bad field by path and lists allowed codes', () => {
    const found = issues(
      caseInput({ jurisdiction: 'XXX', tags: { purposes: ['forced_labor'] } as never, decisionDate: '2021-02-30' }),
    );
    expect(found.map((i) => i.path).sort()).toEqual(['decisionDate', 'jurisdiction', 'tags.purposes.0']);
    const purpose = found.find((i) => i.path === 'tags.purposes.0')!;
    expect(purpose.allowed).toContain('forced_labour');
    expect(purpose.message).toMatch(/unknown purpose 'forced_labor'/);
  });

  it('validates parties: child status is its own field, counts only for groups, nationalities are codes', () => {
    const bad = issues(
      caseInput({ victims: [{ kind: 'person', gender: 'child' as never, nationalities: ['Moldova'] }] }),
    );
    expect(bad.map((i) => i.path).sort()).toEqual(['victims.0.gender', 'victims.0.nationalities.0']);
    expect(issues(caseInput({ victims: [{ kind: 'person', count: 3 }] })).map((i) => i.path)).toEqual([
      'victims.0.count',
    ]);
    expect(issues(caseInput({ victims: [{ kind: 'group', count: 12, gender: 'female', child: true }] }))).toEqual([]);
  });

  it('keys narratives by BCP 47 language tag', () => {
    expect(
      issues(
        caseInput({ narratives: { 'pt-BR': { facts: 'Trabalho escravo.' }, es: { facts: 'Trata de personas.' } } }),
      ),
    ).toEqual([]);
    expect(issues(caseInput({ narratives: { english: { facts: 'x' } } })).map((i) => i.path)).toEqual([
      'narratives.english',
    ]);
  });

  it('rejects unknown fields and non-http sources', () => {
    expect(issues({ ...caseInput(), colour: 'red' })[0]!.message).toMatch(/unknown field\(s\): colour/);
    expect(issues(caseInput({ sources: [{ kind: 'url', value: 'javascript:alert(1)' }] })).map((i) => i.path)).toEqual([
      'sources.0.value',
    ]);
  });

  it('patches may hold any subset of fields', () => {
    expect(CasePatchSchema.parse({ title: 'New' })).toEqual({ title: 'New' });
    expect(CasePatchSchema.safeParse({ jurisdiction: 'nope' }).success).toBe(false);
  });
});
