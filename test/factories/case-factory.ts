/** Builds valid case inputs for tests; every field can be overridden. */
import type { CaseInput } from '../../src/modules/cases/domain/case-schema.ts';

let n = 0;

export function caseInput(overrides: Partial<CaseInput> = {}): CaseInput {
  n++;
  return {
    title: `Prosecutor v. Defendant ${n}`,
    jurisdiction: 'PHL',
    court: 'Regional Trial Court',
    courtLevel: 'first_instance',
    legalSystem: 'mixed',
    decisionDate: '2015-06-30',
    identifiers: [{ type: 'docket', value: `Crim. Case No. ${1000 + n}` }],
    narratives: {
      en: {
        facts: 'The accused recruited two women with promises of work abroad and sold them to a bar.',
        reasoning: null,
        commentary: null,
        crossCutting: null,
      },
    },
    victims: [{ kind: 'person', label: 'AAA', gender: 'female', child: false, nationalities: ['PHL'] }],
    defendants: [
      {
        kind: 'person',
        label: 'Accused 1',
        gender: 'male',
        nationalities: ['PHL'],
        charges: [
          { statute: 'RA 9208 s. 4', charge: 'Qualified trafficking', verdict: 'convicted', prisonMonths: 480 },
        ],
      },
    ],
    tags: {
      acts: ['recruitment'],
      means: ['deception'],
      purposes: ['sexual_exploitation'],
      forms: ['transnational'],
      sectors: ['hospitality'],
      offences: ['trafficking_adults'],
    },
    sources: [{ kind: 'url', value: 'https://example.org/judgment', label: 'Judgment' }],
    status: 'published',
    ...overrides,
  };
}
