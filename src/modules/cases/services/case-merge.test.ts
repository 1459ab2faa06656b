import { describe, it, expect } from 'vitest';
import { mergeEdits } from './case-merge.ts';

const r = (internalNotes: string | null = null) => ({ internalNotes, sourceContacts: null });

describe('mergeEdits', () => {
  it("takes each side's changes when they touch different fields", () => {
    const m = mergeEdits(
      { content: { title: 'A', court: 'C1', victims: [] }, restricted: r() },
      { content: { title: 'B', court: 'C1', victims: [] }, restricted: r('their note') },
      { content: { title: 'A', court: 'C2', victims: [{ label: 'V1' }] }, restricted: r() },
    );
    expect(m).toEqual({
      content: { title: 'B', court: 'C2', victims: [{ label: 'V1' }] },
      restricted: r('their note'),
      conflicts: [],
    });
  });

  it('names the fields both changed differently, keeping mine; equal changes are no conflict', () => {
    const m = mergeEdits(
      { content: { title: 'A', court: 'C1' }, restricted: r('n0') },
      { content: { title: 'B', court: 'C2' }, restricted: r('n1') },
      { content: { title: 'B', court: 'C3' }, restricted: r('n2') },
    );
    expect(m.conflicts).toEqual(['court', 'restricted.internalNotes']);
    expect(m.content).toEqual({ title: 'B', court: 'C3' });
    expect(m.restricted.internalNotes).toBe('n2');
  });
});
