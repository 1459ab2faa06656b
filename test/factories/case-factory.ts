/** Builds valid case inputs for tests; every field can be overridden. */
import { CaseInputSchema, type CaseInput, type CaseRecord } from '../../src/modules/cases/domain/case-schema.ts';
import { toRecord } from '../../src/modules/cases/domain/case-record.ts';

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

/** A stored record of a valid input (as the store holds it), with its version and timestamps. */
export function caseRecord(
  id: string,
  overrides: Partial<CaseInput> = {},
  meta = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' },
): CaseRecord {
  const { id: _i, createdAt: _c, updatedAt: _u, version: _v, ...content } = CaseInputSchema.parse(caseInput(overrides));
  return toRecord(id, content, meta);
}
