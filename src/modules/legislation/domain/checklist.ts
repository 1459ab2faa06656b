/**
 * The compliance checklist as versioned data. A version is never changed once published: a new
 * wording or element is a new version, and every assessment records the version it was made under,
 * so an assessment "as at" a past date is read against the checklist it used.
 *
 * Sources: the Trafficking in Persons Protocol (tip.*), the Organized Crime Convention (untoc.*) and
 * the UNODC Model Law against Trafficking in Persons (2009; `ml` article numbers). Levels follow the
 * wording of the obligation: "shall" (mandatory), "shall ... in appropriate cases / to the extent
 * possible / subject to the basic concepts of its legal system / within available means" (qualified),
 * "shall consider" or Model Law only (optional).
 */
export type Level = 'mandatory' | 'qualified' | 'optional';

export interface ChecklistElement {
  code: string;
  level: Level;
  /** Protocol / UNTOC articles (tags a provision carries when it implements them). */
  articles: readonly string[];
  /** Model Law (2009) articles. */
  modelLaw: readonly string[];
  /** Group on the gap report. */
  group: 'definition' | 'offences' | 'victims' | 'other';
}

export interface Checklist {
  version: string;
  published: string;
  elements: readonly ChecklistElement[];
}

/** Named failure patterns an assessment may record (and the pre-assessment may flag). */
export const FAILURE_PATTERNS = [
  'means_required_for_children',
  'exploitation_list_closed',
  'consent_defence',
  'only_sexual_exploitation',
  'no_liability_legal_persons',
] as const;
export type FailurePattern = (typeof FAILURE_PATTERNS)[number];

const e = (
  code: string,
  level: Level,
  group: ChecklistElement['group'],
  articles: string[],
  modelLaw: string[] = [],
): ChecklistElement => ({ code, level, group, articles, modelLaw });

export const CHECKLIST_2026_1: Checklist = {
  version: '2026.1',
  published: '2026-12-04',
  elements: [
    e('definition_three_elements', 'mandatory', 'definition', ['tip.3.a', 'tip.5.1'], ['8']),
    e('acts_all', 'mandatory', 'definition', ['tip.3.a'], ['8']),
    e('means_all', 'mandatory', 'definition', ['tip.3.a'], ['8']),
    e('means_vulnerability', 'mandatory', 'definition', ['tip.3.a'], ['5', '8']),
    e('means_payments', 'mandatory', 'definition', ['tip.3.a'], ['8']),
    e('purposes_open_list', 'mandatory', 'definition', ['tip.3.a'], ['5', '8']),
    e('consent_irrelevant', 'mandatory', 'definition', ['tip.3.b'], ['8']),
    e('child_no_means', 'mandatory', 'definition', ['tip.3.c'], ['8']),
    e('child_under_18', 'mandatory', 'definition', ['tip.3.d'], ['5']),
    e('attempt', 'qualified', 'offences', ['tip.5.2.a'], ['14']),
    e('accomplice', 'mandatory', 'offences', ['tip.5.2.b'], ['12']),
    e('organizing_directing', 'mandatory', 'offences', ['tip.5.2.c'], ['13']),
    e('penalties_serious_crime', 'mandatory', 'offences', ['untoc.11.1', 'untoc.2.b'], ['8']),
    e('aggravating_circumstances', 'optional', 'offences', [], ['9']),
    e('non_punishment', 'optional', 'victims', [], ['10']),
    e('victim_identity_protected', 'qualified', 'victims', ['tip.6.1'], ['16']),
    e('victim_information', 'mandatory', 'victims', ['tip.6.2'], []),
    e('victim_physical_safety', 'qualified', 'victims', ['tip.6.5'], []),
    e('victim_recovery', 'optional', 'victims', ['tip.6.3'], []),
    e('victim_compensation', 'mandatory', 'victims', ['tip.6.6'], []),
    e('residence_status', 'optional', 'victims', ['tip.7'], []),
    e('repatriation', 'mandatory', 'victims', ['tip.8'], []),
    e('document_security', 'qualified', 'other', ['tip.12', 'tip.13'], ['15']),
    e('jurisdiction', 'mandatory', 'other', ['untoc.15.1'], ['6']),
    e('jurisdiction_extraterritorial', 'optional', 'other', ['untoc.15.2'], ['7']),
    e('legal_persons_liability', 'mandatory', 'other', ['untoc.10'], []),
  ],
};

/** Every checklist version, by id; the last is current. */
export const CHECKLISTS: ReadonlyMap<string, Checklist> = new Map([[CHECKLIST_2026_1.version, CHECKLIST_2026_1]]);
export const CURRENT_CHECKLIST: Checklist = CHECKLIST_2026_1;

export function checklistOf(version: string): Checklist | undefined {
  return CHECKLISTS.get(version);
}

export function elementOf(checklist: Checklist, code: string): ChecklistElement | undefined {
  return checklist.elements.find((x) => x.code === code);
}
