import { describe, it, expect } from 'vitest';
import { nameWords, pseudonymisationWarnings } from './pseudonymisation.ts';

const n = (facts: string) => ({ facts, reasoning: null, commentary: null, crossCutting: null });
const party = (label: string | null) => ({ label }) as never;

describe('pseudonymisation check', () => {
  it('takes names from labels, not initials or roles', () => {
    expect(nameWords('Maria Santos')).toEqual(['Maria', 'Santos']);
    expect(nameWords('AAA')).toEqual([]);
    expect(nameWords('V.1')).toEqual([]);
    expect(nameWords('the domestic worker')).toEqual([]);
    expect(nameWords('Victim 2 (minor)')).toEqual([]);
    expect(nameWords('Mr Kowalski')).toEqual(['Kowalski']);
    expect(nameWords('Nguyễn Thị Lan')).toEqual(['Nguyễn', 'Thị', 'Lan']);
  });

  it('warns for a narrative naming a party, with the field, the party and the name', () => {
    const w = pseudonymisationWarnings({
      narratives: { en: n('The recruiter told Santos she would work in a hotel.'), es: n('La víctima AAA declaró.') },
      victims: [party('Maria Santos'), party('AAA')],
      defendants: [party('Accused 1')],
    });
    expect(w).toEqual([
      expect.objectContaining({ path: 'narratives.en.facts', party: 'victims.0.label', name: 'Santos' }),
    ]);
    expect(w[0]!.message).toMatch(/narratives\.en\.facts contains "Santos".*victims\.0\.label/);
  });

  it('matches whole words only and is quiet when nothing is named', () => {
    expect(
      pseudonymisationWarnings({
        narratives: { en: n('Santosa and Lando were towns.') },
        victims: [party('Maria Santos'), party('Lan')],
        defendants: [],
      }),
    ).toEqual([]);
    expect(
      pseudonymisationWarnings({
        narratives: { en: n('V.1 was recruited.') },
        victims: [party('V.1')],
        defendants: [],
      }),
    ).toEqual([]);
  });
});
