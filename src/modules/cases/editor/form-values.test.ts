import { describe, it, expect } from 'vitest';
import qs from 'qs';
import { CaseInputSchema } from '../domain/case-schema.ts';
import { AppError } from '../../../kernel/errors.ts';
import { issuesOf } from '../../../kernel/validation.ts';
import { caseInput } from '../../../../test/factories/case-factory.ts';
import {
  parseCaseForm,
  parseFormOp,
  applyFormOp,
  focusAfterOp,
  keepUneditedFields,
  formFields,
  blankRow,
  FORM_QS_OPTIONS,
  type CaseFormValues,
  type FormOp,
} from './form-values.ts';
import { richCase } from '../../../../test/fixtures/test-cases.ts';

const parse = (raw: string) => parseCaseForm(qs.parse(raw, FORM_QS_OPTIONS) as Record<string, unknown>);
const issues = (c: Record<string, unknown>) => {
  const r = CaseInputSchema.safeParse(c);
  return r.success ? [] : issuesOf(r.error);
};
const values = (c = richCase()): CaseFormValues => ({
  case: c as Record<string, unknown>,
  restricted: { internalNotes: null, sourceContacts: null },
});
const rejects = (fn: () => unknown, code: string, path: string) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(code);
    expect((e as AppError).details).toEqual([expect.objectContaining({ path })]);
    return;
  }
  throw new Error('expected an AppError');
};

describe('parseCaseForm', () => {
  it('turns empty strings into null, numbers into numbers, child into true/false/null, missing lists into []', () => {
    const { values: v, op } = parse(
      'title=Case%20A&databaseNumber=&jurisdiction=PHL&court=%20%20&decisionDate=2015' +
        '&victims[0][kind]=person&victims[0][label]=V1&victims[0][child]=yes&victims[0][ageAtOffence]=%2014%20' +
        '&victims[0][nationalities]=phl%2C%20tha%20%20mmr' +
        '&victims[1][kind]=group&victims[1][count]=3&victims[1][child]=no&victims[2][kind]=person' +
        '&victims[2][child]=unknown' +
        '&_csrf=abc&_newLanguage=&provenance[source]=',
    );
    expect(op).toBeNull();
    const c = v.case;
    expect(c).not.toHaveProperty('_csrf');
    expect(c).not.toHaveProperty('_newLanguage');
    expect(c).toMatchObject({
      title: 'Case A',
      databaseNumber: null,
      court: null,
      courtLevel: null,
      decisionDate: '2015',
      identifiers: [],
      proceedings: [],
      defendants: [],
      sources: [],
      narratives: {},
    });
    expect(c.tags).toEqual({ acts: [], means: [], purposes: [], forms: [], sectors: [], offences: [] });
    expect(c.victims).toEqual([
      {
        kind: 'person',
        label: 'V1',
        count: null,
        gender: null,
        child: true,
        ageAtOffence: 14,
        ageAtTrial: null,
        birthYear: null,
        nationalities: ['PHL', 'THA', 'MMR'],
      },
      expect.objectContaining({ kind: 'group', count: 3, child: false }),
      expect.objectContaining({ kind: 'person', child: null }),
    ]);
    expect(v.restricted).toEqual({ internalNotes: null, sourceContacts: null });
    expect(v).not.toHaveProperty('version');
    expect(issues(c)).toEqual([]);
  });

  it('reads respondent States as a country list (upper-cased; none is []); the schema names a bad code', () => {
    const { values: v } = parse('title=T&jurisdiction=XIR&respondentStates=cyp%2C%20rus');
    expect(v.case.respondentStates).toEqual(['CYP', 'RUS']);
    expect(issues(v.case)).toEqual([]);
    expect(parse('title=T&jurisdiction=XIR').values.case.respondentStates).toEqual([]);
    const bad = parse('title=T&jurisdiction=XIR&respondentStates=CYP%2C%20Cyprus%2C%20CYP').values.case;
    expect(issues(bad).map((i) => i.path)).toEqual(expect.arrayContaining(['respondentStates.1']));
  });

  it('keeps a non-number as a string, so the schema names the field', () => {
    const { values: v } = parse(
      'title=T&jurisdiction=PHL&victims[0][kind]=person&victims[0][ageAtOffence]=twelve' +
        '&defendants[0][kind]=person&defendants[0][charges][0][prisonMonths]=1%2C000',
    );
    expect(v.case.victims).toEqual([expect.objectContaining({ ageAtOffence: 'twelve' })]);
    expect(issues(v.case).map((i) => i.path)).toEqual([
      'victims.0.ageAtOffence',
      'defendants.0.charges.0.prisonMonths',
    ]);
  });

  it('builds a fine from amount and currency (upper-cased); both empty is no fine, one alone is named', () => {
    const { values: v } = parse(
      'title=T&jurisdiction=PHL&defendants[0][kind]=person' +
        '&defendants[0][charges][0][fine][amount]=1500.50&defendants[0][charges][0][fine][currency]=eur' +
        '&defendants[0][charges][1][fine][amount]=&defendants[0][charges][1][fine][currency]=' +
        '&defendants[0][charges][2][fine][amount]=100&defendants[0][charges][2][fine][currency]=',
    );
    const charges = (v.case.defendants as { charges: { fine: unknown }[] }[])[0]!.charges;
    expect(charges.map((c) => c.fine)).toEqual([
      { amount: 1500.5, currency: 'EUR' },
      null,
      { amount: 100, currency: null },
    ]);
    expect(issues(v.case)).toEqual([expect.objectContaining({ path: 'defendants.0.charges.2.fine.currency' })]);
  });

  it('passes malformed values through for the schema to reject by name', () => {
    const { values: v } = parse('title[x]=1&jurisdiction=PHL&jurisdiction=THA&narratives[en_GB][facts]=x');
    expect(v.case.title).toEqual({ x: '1' });
    expect(
      issues(v.case)
        .map((i) => i.path)
        .sort(),
    ).toEqual(['jurisdiction', 'narratives.en_GB', 'title']);
  });

  it('reads lists that qs leaves as objects (indexes past arrayLimit) in index order', () => {
    const { values: v } = parse('title=T&jurisdiction=PHL&victims[1001][label]=last&victims[3][label]=first');
    expect((v.case.victims as { label: string }[]).map((x) => x.label)).toEqual(['first', 'last']);
  });

  it('reads the version, the restricted notes (CRLF -> LF) and the tag checkboxes', () => {
    const { values: v } = parse(
      'title=T&jurisdiction=PHL&version=12&restricted[internalNotes]=a%0D%0Ab&restricted[sourceContacts]=%20' +
        '&tags[acts][]=recruitment&tags[acts][]=transfer&tags[means][]=fraud',
    );
    expect(v.version).toBe(12);
    expect(v.restricted).toEqual({ internalNotes: 'a\nb', sourceContacts: null });
    expect(v.case.tags).toEqual({
      acts: ['recruitment', 'transfer'],
      means: ['fraud'],
      purposes: [],
      forms: [],
      sectors: [],
      offences: [],
    });
    expect(parse('title=T&version=abc').values).not.toHaveProperty('version');
  });

  it('reads the operation of the clicked button', () => {
    expect(parse('title=T&_op=add:victims').op).toEqual({ action: 'add', path: 'victims' });
    expect(parse('title=T&_op=remove:defendants.1.charges.0').op).toEqual({
      action: 'remove',
      path: 'defendants.1.charges.0',
    });
    expect(parse('title=T&_op=add:narratives&_newLanguage=pt-BR').op).toEqual({
      action: 'add',
      path: 'narratives',
      language: 'pt-BR',
    });
    expect(parse('title=T&_op=').op).toBeNull();
    rejects(() => parse('title=T&_op=explode:victims'), 'BAD_REQUEST', '_op');
    rejects(() => parseFormOp(['add:victims', 'add:sources'], undefined), 'BAD_REQUEST', '_op');
  });
});

describe('applyFormOp', () => {
  const add = (path: string, language?: string): FormOp => ({ action: 'add', path, ...(language ? { language } : {}) });
  const remove = (path: string): FormOp => ({ action: 'remove', path });

  it('adds an empty row to each list and leaves the input unchanged', () => {
    const before = values();
    const frozen = structuredClone(before);
    for (const list of ['identifiers', 'proceedings', 'victims', 'defendants', 'sources'] as const) {
      const after = applyFormOp(before, add(list));
      const rows = after.case[list] as unknown[];
      expect(rows).toHaveLength((before.case[list] as unknown[]).length + 1);
      expect(rows.at(-1)).toEqual(blankRow(list));
    }
    expect(before).toEqual(frozen);
    expect(blankRow('victims')).toMatchObject({ kind: 'person', label: null, nationalities: [] });
    expect(blankRow('defendants')).toMatchObject({ kind: 'person', charges: [] });
    expect(blankRow('identifiers')).toEqual({ type: null, value: null });
  });

  it('adds a list to a case that has none', () => {
    const after = applyFormOp(values(caseInput({ sources: undefined })), add('sources'));
    expect(after.case.sources).toEqual([{ kind: null, value: null, label: null }]);
    const bare = applyFormOp(
      { case: { title: 'T' }, restricted: { internalNotes: null, sourceContacts: null } },
      add('victims'),
    );
    expect(bare.case.victims).toEqual([blankRow('victims')]);
  });

  it('removes the row named by its index', () => {
    const after = applyFormOp(values(), remove('victims.1'));
    expect((after.case.victims as { label: string | null }[]).map((v) => v.label)).toEqual(['AAA', null]);
    const noDefendant = applyFormOp(values(), remove('defendants.0'));
    expect((noDefendant.case.defendants as { label: string }[]).map((d) => d.label)).toEqual([
      'Agency X Ltd.',
      'Accused 3',
    ]);
  });

  it('adds and removes charges of one defendant', () => {
    const added = applyFormOp(values(), add('defendants.1.charges'));
    expect((added.case.defendants as { charges: unknown[] }[]).map((d) => d.charges.length)).toEqual([3, 1, 1]);
    expect((added.case.defendants as { charges: unknown[] }[])[1]!.charges[0]).toEqual(blankRow('charges'));
    const removed = applyFormOp(values(), remove('defendants.0.charges.1'));
    expect((removed.case.defendants as { charges: { charge: string }[] }[])[0]!.charges.map((c) => c.charge)).toEqual([
      'Qualified trafficking',
      'Illegal recruitment',
    ]);
  });

  it('adds and removes narrative languages', () => {
    const added = applyFormOp(values(), add('narratives', 'fr'));
    expect(Object.keys(added.case.narratives as object)).toEqual(['en', 'es', 'pt-BR', 'fr']);
    expect((added.case.narratives as Record<string, unknown>).fr).toEqual({
      facts: null,
      reasoning: null,
      commentary: null,
      crossCutting: null,
    });
    const removed = applyFormOp(values(), remove('narratives.es'));
    expect(Object.keys(removed.case.narratives as object)).toEqual(['en', 'pt-BR']);
  });

  it('rejects operations that name nothing in the form, naming the field', () => {
    rejects(() => applyFormOp(values(), remove('victims.7')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), add('status')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), remove('victims')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), add('victims.0.charges')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), add('defendants.9.charges')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), remove('defendants.0.charges.5')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), remove('narratives.fr')), 'BAD_REQUEST', '_op');
    rejects(() => applyFormOp(values(), add('narratives')), 'VALIDATION_FAILED', '_newLanguage');
    rejects(() => applyFormOp(values(), add('narratives', 'en_GB')), 'VALIDATION_FAILED', '_newLanguage');
    rejects(() => applyFormOp(values(), add('narratives', 'es')), 'VALIDATION_FAILED', '_newLanguage');
  });

  it('names the first field of an added row for focus', () => {
    const v = values();
    const op = add('victims');
    expect(focusAfterOp(applyFormOp(v, op), op)).toBe('victims.3.kind');
    const ch = add('defendants.0.charges');
    expect(focusAfterOp(applyFormOp(v, ch), ch)).toBe('defendants.0.charges.3.statute');
    expect(focusAfterOp(v, add('narratives', 'fr'))).toBe('narratives.fr.facts');
    expect(focusAfterOp(v, remove('victims.0'))).toBeNull();
  });
});

describe('keepUneditedFields', () => {
  it('keeps status, id, import bookkeeping and the stored order of tags', () => {
    const stored = { ...CaseInputSchema.parse(richCase()), id: 'case-1' };
    stored.tags.acts = ['harbouring', 'recruitment', 'transportation'];
    const edited = parse(new URLSearchParams(formFields(values(stored as never))).toString()).values.case;
    expect((edited.tags as { acts: string[] }).acts).toEqual(['recruitment', 'transportation', 'harbouring']);
    (edited.tags as { acts: string[] }).acts.push('transfer');
    (edited.tags as { acts: string[] }).acts.splice(0, 1);
    const merged = keepUneditedFields(stored, edited);
    expect(merged).toMatchObject({
      id: 'case-1',
      status: 'in_review',
      provenance: { source: 'Partner NGO', importBatch: 'batch-7', original: { jurisdiction: 'Philippines' } },
    });
    expect((merged.tags as { acts: string[] }).acts).toEqual(['harbouring', 'transportation', 'transfer']);
  });
});
