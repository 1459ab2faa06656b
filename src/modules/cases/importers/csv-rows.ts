/**
 * One spreadsheet row to a case, through the mapping. Partner data is normalised where the intent
 * is clear, with a warning and the original kept in provenance.original: country names to codes,
 * labels to codes (mapping `values`), "Child" given as a gender to child status, an "age" that is
 * really a birth year to a birth year.
 */
import type { CaseInput } from '../domain/case-schema.ts';
import { resolveCountry } from '../../../kernel/geo/countries.ts';
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

export function csvRowToCase(row: Record<string, string>, mapping: CsvMapping, line: number): CsvResult {
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
  const mapped = (t: CsvTarget): string[] =>
    list(t).map((v) => {
      const code = mapping.values[t]?.[v];
      if (code !== undefined && code !== v) original[t] ??= field[t];
      return code ?? v;
    });
  const country = (raw: string, path: string): string | undefined => {
    const code = resolveCountry(raw);
    if (!code) issues.push({ line, path, message: `unknown country '${raw}'` });
    else if (code !== raw) warnings.push({ line, path, message: `'${raw}' read as ${code}` });
    return code;
  };

  const jurisdiction = field.jurisdiction ? country(field.jurisdiction, 'jurisdiction') : undefined;
  if (field.jurisdiction && jurisdiction && jurisdiction !== field.jurisdiction)
    original.jurisdiction = field.jurisdiction;

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
      if (nat) {
        const code = country(nat, `victims.${i}.nationalities`);
        if (code) v.nationalities = [code];
      }
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
        ? [country(defendantNats[i]!, `defendants.${i}.nationalities`)].filter((c): c is string => !!c)
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
    const n = Number(field[t]);
    if (!Number.isInteger(n) || n < 0) issues.push({ line, path: t, message: `'${field[t]}' is not a whole number` });
    return Number.isInteger(n) && n >= 0 ? n : null;
  };
  let child: boolean | null = null;
  if (field.childVictims) {
    child = YES_NO[field.childVictims.toLowerCase()] ?? null;
    if (child === null)
      issues.push({ line, path: 'childVictims', message: `'${field.childVictims}' is not yes or no` });
  }
  const countries = (values: string[], path: string) =>
    values.map((v, i) => country(v, `${path}.${i}`)).filter((c): c is string => !!c);
  const genderCodes = (values: string[]) => values.map((g) => GENDER_WORDS[g.toLowerCase()] ?? g.toLowerCase());
  const summaryVictims = summaryMode
    ? victimsFromSummary(
        {
          count: count('victimCount'),
          genders: genderCodes(genders),
          nationalities: countries(nationalities, 'victimNationalities'),
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
          genders: genderCodes(defendantGenders),
          nationalities: countries(defendantNats, 'defendantNationalities'),
          child: null,
        },
        verdicts,
        prison,
        line,
        issues,
      )
    : null;
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
      acts: mapped('acts'),
      means: mapped('means'),
      purposes: mapped('purposes'),
      forms: mapped('forms'),
      sectors: mapped('sectors'),
      offences: mapped('offences'),
    } as never,
    sources: list('sourceUrls').map((value) => ({ kind: 'url' as const, value })),
    provenance: { source: null, importBatch: null, original },
    ...(field.status ? { status: mapped('status')[0] as never } : {}),
    ...(field.createdAt ? { createdAt: field.createdAt } : {}),
    ...(field.updatedAt ? { updatedAt: field.updatedAt } : {}),
  };
  return { input, warnings };
}
