import { describe, it, expect } from 'vitest';
import { MASK, personTerms, scrub } from './blind.ts';

describe('blind review scrub', () => {
  const id = {
    names: ['Harbour Legal Aid', 'NGO-2016-114', ...personTerms(['Amina Odhiambo'])],
    emails: ['office@harbour-aid.example.org'],
  };

  it('hides names across line breaks and case, people by surname, every e-mail and web address', () => {
    const text =
      'HARBOUR legal\naid (reg. NGO-2016-114) works with Ms Odhiambo; write to amina@gmail.example or see ' +
      'https://harbour-aid.example.org/about, www.partner.example.net and harbour-aid.example.org.';
    const out = scrub(text, id);
    expect(out).not.toMatch(/harbour|odhiambo|amina|NGO-2016|@|https?:|www\./i);
    expect(out).toContain(`${MASK} (reg. ${MASK}) works with Ms ${MASK}`);
  });

  it('leaves words that merely contain a name alone', () => {
    expect(scrub('Aminaville harbourside', id)).toBe('Aminaville harbourside');
  });
});
