/**
 * One spreadsheet row to a case, through the mapping. Partner data is normalised where the intent
 * is clear, with a warning and the original kept in provenance.original: country names to codes,
 * labels to codes (mapping `values`), "Child" given as a gender to child status, an "age" that is
 * really a birth year to a birth year.
 */
import type { CaseInput } from '../domain/case-schema.ts';
import { INTERNATIONAL_CODE } from '../../../kernel/geo/countries.ts';
import { readCountries } from './mapping/countries.ts';
import { readCount } from './mapping/counts.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';
import type { CsvMapping, CsvTarget } from './csv-mapping.ts';
import { defendantsFromSummary, victimsFromSummary } from './csv-parties.ts';

const YES_NO: Record<string, boolean> = {
  yes: true,
  y: true,
  true: true,
  '1': true,
  no: false,
  n: false,
  false: false,
  '0': false,
};

const CHILD_WORDS: Record<string, 'female' | 'male' | null> = {
  child: null,
  minor: null,
  girl: 'female',
  boy: 'male',
  'child (female)': 'female',
  'child (male)': 'male',
};
const GENDER_WORDS: Record<string, string> = {
  f: 'female',
  female: 'female',
  woman: 'female',
  m: 'male',
  male: 'male',
  man: 'male',
};

export type CsvResult = { input: CaseInput; warnings: FieldIssue[] } | { issues: FieldIssue[] };

export interface RowOptions {
  /** Refuse lenient readings (counts in words, qualifiers) instead of importing them with a warning. */
  strict?: boolean;
}

export function csvRowToCase(
  row: Record<string, string>,
  mapping: CsvMapping,
  line: number,
  options: RowOptions = {},
): CsvResult {
  const warnings: FieldIssue[] = [];
  const issues: FieldIssue[] = [];
  const original: Record<string, unknown> = {};
  const field: Partial<Record<CsvTarget, string>> = {};
  for (const [column, target] of Object.entries(mapping.columns)) {
    if (target && row[column] !== undefined && row[column]!.trim() !== '') field[target] = row[column]!.trim();
  }
  const list = (t: CsvTarget): string[] =>
    (field[t] ?? '')
      .split(mapping.separator)
      .map((v) => v.trim())
      .filter(Boolean);
  const columnOf = (t: CsvTarget) => Object.keys(mapping.columns).find((c) => mapping.columns[c] === t) ?? t;
  const mapped = (t: CsvTarget): string[] =>
    list(t).flatMap((v) => {
      const code = mapping.values[t]?.[v];
      if (code !== undefined && code !== v) original[t] ??= field[t];
      return code ?? v;
    });
  // A lenient reading: a warning naming line and column, the original kept; with --strict, an error.
  const lenient = (t: CsvTarget, path: string, message: string) => {
    original[t] ??= field[t];
    (options.strict ? issues : warnings).push({ line, path, message: `column '${columnOf(t)}': ${message}` });
  };
  /** Countries of one value: the mapping's codes, else the reconciler's (names, codes, demonyms). */
  const countriesOf = (raw: string, path: string, t: CsvTarget, several: boolean): string[] => {
    const given = mapping.values[t]?.[raw];
    const reading = readCountries(raw, several);
    const codes = given !== undefined ? [given].flat() : reading.codes;
    if (!codes.length) {
      const why =
        reading.problem === 'ambiguous'
          ? 'is ambiguous'
          : reading.problem === 'several'
            ? 'names several countries'
            : 'is not a known country';
      const may = reading.candidates.length ? ` (it may be ${reading.candidates.join(', ')})` : '';
      issues.push({
        line,
        path,
        message: `column '${columnOf(t)}': '${raw}' ${why}${may}: map it in the mapping's values`,
      });
      return [];
    }
    if (codes.join() !== raw) {
      original[t] ??= field[t];
      warnings.push({ line, path, message: `'${raw}' read as ${codes.join(', ')}` });
    }
    if (reading.qualifier && !(codes[0] === INTERNATIONAL_CODE && reading.respondentStates.length))
      lenient(t, path, `the qualifier '(${reading.qualifier})' is not recorded as data; kept in provenance.original`);
    return codes;
  };

  const jurisdictionCodes = field.jurisdiction
    ? countriesOf(field.jurisdiction, 'jurisdiction', 'jurisdiction', false)
    : [];
  const jurisdiction = jurisdictionCodes[0];
  // An international court's case: the States named as respondents are kept.
  const respondentStates = [
    ...new Set([
      ...(jurisdiction === INTERNATIONAL_CODE ? jurisdictionCodes.slice(1) : []),
      ...list('respondentStates').flatMap((v, i) => countriesOf(v, `respondentStates.${i}`, 'respondentStates', true)),
    ]),
  ];
  if (jurisdictionCodes.length > 1)
    warnings.push({
      line,
      path: 'jurisdiction',
      message: `international court: respondent States ${respondentStates.join(', ')} recorded as respondentStates`,
    });

  // With a count column the party columns are a summary (Palermo's own export); without one they are
  // aligned lists, one entry per party.
  const summaryMode =
    Object.values(mapping.columns).includes('victimCount') || Object.values(mapping.columns).includes('defendantCount');
  // Victims: aligned lists of genders, ages and nationalities, one entry per victim.
  const genders = list('victimGenders');
  const ages = list('victimAges');
  const nationalities = list('victimNationalities');
  const victims = Array.from(
    { length: summaryMode ? 0 : Math.max(genders.length, ages.length, nationalities.length) },
    (_, i) => {
      const v: NonNullable<CaseInput['victims']>[number] = { kind: 'person' };
      const g = genders[i]?.toLowerCase();
      if (g !== undefined) {
        if (g in CHILD_WORDS) {
          v.child = true;
          v.gender = CHILD_WORDS[g] ?? null;
          warnings.push({
            line,
            path: `victims.${i}.gender`,
            message: `'${genders[i]}' is not a gender: recorded as child status`,
          });
          original.victimGenders = field.victimGenders;
        } else v.gender = (GENDER_WORDS[g] ?? g) as never;
      }
      const a = ages[i];
      if (a !== undefined) {
        const n = Number(a);
        if (!Number.isInteger(n) || n < 0)
          issues.push({ line, path: `victims.${i}.age`, message: `age '${a}' is not a whole number` });
        else if (n > 120 && n >= 1880 && n <= 2100) {
          v.birthYear = n;
          warnings.push({
            line,
            path: `victims.${i}.age`,
            message: `age ${n} looks like a birth year: recorded as birth year`,
          });
          original.victimAges = field.victimAges;
        } else v.ageAtOffence = n;
      }
      const nat = nationalities[i];
      if (nat) v.nationalities = countriesOf(nat, `victims.${i}.nationalities`, 'victimNationalities', true);
      return v;
    },
  );
  const defendantGenders = list('defendantGenders');
  const defendantNats = list('defendantNationalities');
  const verdicts = mapped('verdicts');
  const prison = field.prisonMonths ? Number(field.prisonMonths) : null;
  if (field.prisonMonths && !(prison! >= 0))
    issues.push({ line, path: 'prisonMonths', message: `'${field.prisonMonths}' is not a number of months` });
  const defendants = Array.from(
    { length: summaryMode ? 0 : Math.max(defendantGenders.length, defendantNats.length, verdicts.length ? 1 : 0) },
    (_, i) => ({
      kind: 'person' as const,
      gender: defendantGenders[i]
        ? ((GENDER_WORDS[defendantGenders[i]!.toLowerCase()] ?? defendantGenders[i]!.toLowerCase()) as never)
        : null,
      nationalities: defendantNats[i]
        ? countriesOf(defendantNats[i]!, `defendants.${i}.nationalities`, 'defendantNationalities', true)
        : [],
      // The first defendant carries the verdicts (one charge each) and the prison term.
      charges:
        i === 0
          ? (verdicts.length ? verdicts : prison !== null ? [null] : []).map((v) => ({
              verdict: v as never,
              prisonMonths: prison,
            }))
          : [],
    }),
  );
  const count = (t: CsvTarget): number | null => {
    if (!field[t]) return null;
    const r = readCount(field[t]);
    if (r.exact) return r.value;
    lenient(
      t,
      t,
      r.value === null
        ? `'${field[t]}' is not a number: imported with the count empty, the text kept in provenance.original`
        : `'${field[t]}' read as at least ${r.value} (a lower bound, not an exact count); the text kept in ` +
            'provenance.original',
    );
    return r.value;
  };
  let child: boolean | null = null;
  if (field.childVictims) {
    child = YES_NO[field.childVictims.toLowerCase()] ?? null;
    if (child === null)
      issues.push({ line, path: 'childVictims', message: `'${field.childVictims}' is not yes or no` });
  }
  const countries = (values: string[], path: string, t: CsvTarget) => [
    ...new Set(values.flatMap((v, i) => countriesOf(v, `${path}.${i}`, t, true))),
  ];
  const genderCodes = (values: string[], t: CsvTarget) =>
    values.flatMap((g) => mapping.values[t]?.[g] ?? GENDER_WORDS[g.toLowerCase()] ?? g.toLowerCase());
  const summaryVictims = summaryMode
    ? victimsFromSummary(
        {
          count: count('victimCount'),
          genders: genderCodes(genders, 'victimGenders'),
          nationalities: countries(nationalities, 'victimNationalities', 'victimNationalities'),
          child,
        },
        line,
        issues,
      )
    : null;
  const summaryDefendants = summaryMode
    ? defendantsFromSummary(
        {
          count: count('defendantCount'),
          genders: genderCodes(defendantGenders, 'defendantGenders'),
          nationalities: countries(defendantNats, 'defendantNationalities', 'defendantNationalities'),
          child: null,
        },
        verdicts,
        prison,
        line,
        issues,
      )
    : null;
  // One mixed article-3 column: codes written "means:fraud" go to their vocabularies.
  const mixed: Record<string, string[]> = {};
  for (const v of mapped('tags')) {
    const m = /^(acts|means|purposes|forms|sectors|offences):(.+)$/.exec(v);
    if (m) (mixed[m[1]!] ??= []).push(m[2]!);
    else issues.push({ line, path: 'tags', message: `column '${columnOf('tags')}': '${v}' is not mapped to a code` });
  }
  const tagList = (t: 'acts' | 'means' | 'purposes' | 'forms' | 'sectors' | 'offences') => [
    ...new Set([...mapped(t), ...(mixed[t] ?? [])]),
  ];
  if (issues.length) return { issues };

  const identifiers = list('identifiers').map((v) => {
    const m = /^(ecli|docket|neutral_citation|application_number|other):(.+)$/.exec(v);
    return m ? { type: m[1] as 'docket', value: m[2]!.trim() } : { type: 'docket' as const, value: v };
  });
  const narrative = {
    facts: field.facts ?? null,
    reasoning: field.reasoning ?? null,
    commentary: field.commentary ?? null,
  };
  const narrativeLanguage = field.language ?? mapping.language;
  // A CSV carries one narrative; say so when the row names others (they are not in the file).
  const missing = list('narrativeLanguages').filter((l) => l !== narrativeLanguage);
  if (missing.length)
    warnings.push({
      line,
      path: 'narrativeLanguages',
      message:
        `the narratives in ${missing.join(', ')} are not in a CSV file and are not imported; use JSON Lines ` +
        `to move them`,
    });
  const input: CaseInput = {
    ...(field.id ? { id: field.id } : {}),
    title: field.title ?? '',
    databaseNumber: field.databaseNumber ?? null,
    jurisdiction: jurisdiction ?? field.jurisdiction ?? '',
    respondentStates,
    identifiers,
    court: field.court ?? null,
    courtLevel: (mapped('courtLevel')[0] ?? null) as never,
    legalSystem: (mapped('legalSystem')[0] ?? null) as never,
    decisionDate: field.decisionDate ?? null,
    narratives:
      narrative.facts || narrative.reasoning || narrative.commentary ? { [narrativeLanguage]: narrative } : {},
    victims: summaryVictims ?? victims,
    defendants: summaryDefendants ?? defendants,
    tags: {
      acts: tagList('acts'),
      means: tagList('means'),
      purposes: tagList('purposes'),
      forms: tagList('forms'),
      sectors: tagList('sectors'),
      offences: tagList('offences'),
    } as never,
    sources: list('sourceUrls').map((value) => ({ kind: 'url' as const, value })),
    provenance: { source: null, importBatch: null, original },
    ...(field.status ? { status: mapped('status')[0] as never } : {}),
    ...(field.createdAt ? { createdAt: field.createdAt } : {}),
    ...(field.updatedAt ? { updatedAt: field.updatedAt } : {}),
  };
  return { input, warnings };
}
