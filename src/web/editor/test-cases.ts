/** Rich case inputs for the editor tests: many rows, charges, languages and tags. Test-only. */
import type { CaseInput } from '../../domain/case-schema.ts';
import { caseInput } from '../../../test/factories/case-factory.ts';

export function richCase(): CaseInput {
  return caseInput({
    title: 'Prosecutor v. "Smith" & <Jones>',
    databaseNumber: 'PHLx042',
    jurisdiction: 'PHL',
    decisionDate: '2015-06',
    identifiers: [
      { type: 'docket', value: 'Crim. Case No. 1234' },
      { type: 'ecli', value: 'ECLI:XX:2015:42' },
    ],
    proceedings: [
      { stage: 'first_instance', court: 'RTC Manila', courtLevel: 'first_instance', date: '2013', docket: 'Q-13-1', outcome: 'Convicted on all counts.\nAppeal lodged.', caseId: null },
      { stage: 'appeal', court: 'Court of Appeals', courtLevel: 'appellate', date: '2015-06-30', docket: null, outcome: null, caseId: 'phl-2015-ca-42' },
    ],
    narratives: {
      en: { facts: 'Line one.\n\nLine two with “quotes”, <b>markup</b> & ampersands.', reasoning: 'The court found deception.', commentary: null, crossCutting: 'Child victims.' },
      es: { facts: 'Hechos del caso: ñandú.', reasoning: null, commentary: 'Comentario.', crossCutting: null },
      'pt-BR': { facts: 'Fatos.', reasoning: null, commentary: null, crossCutting: null },
    },
    victims: [
      { kind: 'person', label: 'AAA', gender: 'female', child: true, ageAtOffence: 15, ageAtTrial: 17, birthYear: 1998, nationalities: ['PHL', 'THA'] },
      { kind: 'group', label: 'Fishermen', count: 12, gender: 'male', child: false, nationalities: [] },
      { kind: 'person', label: null, gender: null, child: null, nationalities: ['MMR'] },
    ],
    defendants: [
      {
        kind: 'person', label: 'Accused 1', gender: 'male', nationalities: ['PHL'],
        charges: [
          { statute: 'RA 9208 s. 4', charge: 'Qualified trafficking', verdict: 'convicted', prisonMonths: 480, fine: { amount: 2000000, currency: 'PHP' }, otherSentence: null },
          { statute: 'RA 9208 s. 5', charge: 'Acts that promote trafficking', verdict: 'acquitted', prisonMonths: null, fine: null, otherSentence: null },
          { statute: null, charge: 'Illegal recruitment', verdict: 'plea_agreement', prisonMonths: 7.5, fine: { amount: 0.5, currency: 'USD' }, otherSentence: 'Deportation' },
        ],
      },
      { kind: 'legal_entity', label: 'Agency X Ltd.', gender: null, nationalities: [], charges: [] },
      { kind: 'person', label: 'Accused 3', gender: 'female', child: false, ageAtTrial: 40, nationalities: ['THA'], charges: [{ verdict: 'pending' }] },
    ],
    tags: {
      acts: ['recruitment', 'transportation', 'harbouring'],
      means: ['deception', 'abuse_of_power_or_vulnerability'],
      purposes: ['sexual_exploitation', 'forced_labour'],
      forms: ['transnational', 'organized_criminal_group'],
      sectors: ['hospitality', 'fishing'],
      offences: ['trafficking_children'],
    },
    sources: [
      { kind: 'url', value: 'https://example.org/judgment?id=1&lang=en', label: 'Judgment' },
      { kind: 'citation', value: '[2015] PHCA 42', label: null },
    ],
    provenance: { source: 'Partner NGO', importBatch: 'batch-7', original: { jurisdiction: 'Philippines' } },
    status: 'in_review',
  });
}

/** A case with only the required fields. */
export function minimalCase(): CaseInput {
  return { title: 'Minimal', jurisdiction: 'XIR' };
}
