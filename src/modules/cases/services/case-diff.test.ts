import { describe, it, expect } from 'vitest';
import { CaseInputSchema } from '../domain/case-schema.ts';
import { caseInput } from '../../../../test/factories/case-factory.ts';
import { diffRecords, changedFields, textDiff } from './case-diff.ts';

const full = (over: Parameters<typeof caseInput>[0] = {}) =>
  CaseInputSchema.parse(caseInput({ title: 'R v. A', ...over }));

describe('diffRecords', () => {
  it('finds nothing between equal records and ignores version, updatedAt and createdAt', () => {
    const a = { ...full(), version: 1, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z' };
    const b = { ...structuredClone(a), version: 2, updatedAt: '2024-02-01T00:00:00Z' };
    expect(diffRecords(a, b)).toEqual([]);
    expect(changedFields(a, b)).toEqual([]);
  });

  it('names nested changes by dotted path, inside arrays and narratives', () => {
    const a = full();
    const b = structuredClone(a);
    b.victims[0]!.gender = 'male';
    b.defendants[0]!.charges[0]!.prisonMonths = 360;
    b.narratives.en!.reasoning = 'The court found deception.';
    expect(diffRecords(a, b)).toEqual([
      { path: 'narratives.en.reasoning', kind: 'changed', before: null, after: 'The court found deception.' },
      { path: 'victims.0.gender', kind: 'changed', before: 'female', after: 'male' },
      { path: 'defendants.0.charges.0.prisonMonths', kind: 'changed', before: 480, after: 360 },
    ]);
    expect(changedFields(a, b)).toEqual(['defendants', 'narratives', 'victims']);
  });

  it('reports added and removed array items and languages, and null -> object as one change', () => {
    const a = full({ victims: [{ label: 'V1' }, { label: 'V2' }] });
    const b = structuredClone(a);
    b.victims.pop();
    b.narratives.es = { facts: 'Hechos.', reasoning: null, commentary: null, crossCutting: null };
    delete b.narratives.en;
    b.defendants[0]!.charges[0]!.fine = { amount: 5000, currency: 'EUR' };
    b.tags.means.push('fraud');
    const changes = diffRecords(a, b);
    expect(changes).toContainEqual({ path: 'victims.1', kind: 'removed', before: a.victims[1], after: undefined });
    expect(changes).toContainEqual({
      path: 'narratives.en',
      kind: 'removed',
      before: a.narratives.en,
      after: undefined,
    });
    expect(changes).toContainEqual({ path: 'narratives.es', kind: 'added', before: undefined, after: b.narratives.es });
    expect(changes).toContainEqual({
      path: 'defendants.0.charges.0.fine',
      kind: 'changed',
      before: null,
      after: { amount: 5000, currency: 'EUR' },
    });
    expect(changes).toContainEqual({ path: 'tags.means.1', kind: 'added', before: undefined, after: 'fraud' });
    expect(changes).toHaveLength(5);
    // Order follows the record: narratives before victims before defendants before tags; inside an
    // object, its removed and changed keys before the keys only the new version has.
    expect(changes.map((c) => c.path)).toEqual([
      'narratives.en',
      'narratives.es',
      'victims.1',
      'defendants.0.charges.0.fine',
      'tags.means.1',
    ]);
    expect(changedFields(a, b)).toEqual(['defendants', 'narratives', 'tags', 'victims']);
  });

  it('treats a missing first version as empty: every field added', () => {
    const b = full();
    const changes = diffRecords(null, b);
    expect(changes.map((c) => c.path)).toEqual(Object.keys(b));
    expect(changes.every((c) => c.kind === 'added' && c.before === undefined)).toBe(true);
    expect(changedFields(undefined, b)).toEqual(Object.keys(b).sort());
  });

  it('only ignores bookkeeping keys at the top level', () => {
    const a = { provenance: { original: { version: 1 } } };
    const b = { provenance: { original: { version: 2 } } };
    expect(diffRecords(a, b)).toEqual([{ path: 'provenance.original.version', kind: 'changed', before: 1, after: 2 }]);
  });
});

describe('textDiff', () => {
  it('splits into unchanged, removed and added words', () => {
    const parts = textDiff('The accused recruited two women', 'The accused recruited three women');
    expect(parts).toEqual([
      { value: 'The accused recruited ' },
      { value: 'two', removed: true },
      { value: 'three', added: true },
      { value: ' women' },
    ]);
    expect(
      parts
        .filter((p) => !p.added)
        .map((p) => p.value)
        .join(''),
    ).toBe('The accused recruited two women');
    expect(
      parts
        .filter((p) => !p.removed)
        .map((p) => p.value)
        .join(''),
    ).toBe('The accused recruited three women');
  });

  it('returns one unchanged part for equal texts', () => {
    expect(textDiff('same text', 'same text')).toEqual([{ value: 'same text' }]);
  });
});
