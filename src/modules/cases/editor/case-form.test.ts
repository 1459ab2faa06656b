import { describe, it, expect } from 'vitest';
import qs from 'qs';
import { existsSync, readFileSync } from 'node:fs';
import { CaseInputSchema, type CaseInput } from '../domain/case-schema.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { AppError } from '../../../kernel/errors.ts';
import { sherlocToCase } from '../importers/sherloc.ts';
import { caseInput } from '../../../../test/factories/case-factory.ts';
import { html } from '../../../kernel/web/html.ts';
import {
  renderCaseForm,
  formFields,
  parseCaseForm,
  applyFormOp,
  keepUneditedFields,
  FORM_QS_OPTIONS,
  fieldId,
  type CaseFormValues,
  type FormError,
} from './case-form.ts';
import { richCase, minimalCase } from '../../../../test/fixtures/test-cases.ts';
import { createI18n } from '../../../app/modules.ts';

const t = createI18n().translator('en');

const BRIEF_QS = { depth: 10, arrayLimit: 1000 };
const restricted = { internalNotes: 'Met the prosecutor on 3 May.\nCall back.', sourceContacts: 'j.doe@example.org' };
const valuesOf = (c: CaseInput, version?: number): CaseFormValues => ({
  case: c as Record<string, unknown>,
  restricted,
  ...(version ? { version } : {}),
});
const render = (values: CaseFormValues, errors: FormError[] = []) =>
  renderCaseForm({ t, action: '/editor/cases/x', values, errors, csrfToken: 'tok"en<1>', submitLabel: 'Save draft' })
    .value;

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]!) : null;
};

/**
 * What a browser submits for the rendered form (no button clicked): text and hidden inputs, checked
 * checkboxes, the selected (or first) option of each select, textarea contents; in document order,
 * newlines as CRLF.
 */
function browserSubmit(page: string): [string, string][] {
  const out: [string, string][] = [];
  const controls = /<input\b[^>]*>|<select\b[^>]*>[\s\S]*?<\/select>|<textarea\b[^>]*>[\s\S]*?<\/textarea>/g;
  for (const [m] of page.matchAll(controls)) {
    const open = /^<[^>]*>/.exec(m)![0];
    const name = attr(open, 'name');
    if (name === null) continue;
    if (m.startsWith('<input')) {
      if (attr(open, 'type') === 'checkbox' && !/\schecked[\s>]/.test(open)) continue;
      out.push([name, attr(open, 'value') ?? '']);
    } else if (m.startsWith('<select')) {
      const options = [...m.matchAll(/<option\b[^>]*>/g)].map(([o]) => o);
      const chosen = options.find((o) => /\sselected[\s>]/.test(o)) ?? options[0];
      out.push([name, chosen ? (attr(chosen, 'value') ?? '') : '']);
    } else {
      const body = /^<textarea\b[^>]*>([\s\S]*)<\/textarea>$/.exec(m)![1]!;
      out.push([name, decode(body.replace(/^\n/, ''))]);
    }
  }
  return out.map(([n, v]) => [n, v.replace(/\r?\n/g, '\r\n')]);
}

function roundTrip(pairs: [string, string][], options: qs.IParseOptions = FORM_QS_OPTIONS) {
  return parseCaseForm(qs.parse(new URLSearchParams(pairs).toString(), options) as Record<string, unknown>);
}

const cases: [string, () => CaseInput][] = [
  ['the factory case', () => caseInput()],
  ['a rich case (3 victims, 3 defendants, 4 charges, 3 languages, all tag kinds)', richCase],
  ['a minimal case', minimalCase],
  [
    'a case of a regional court with respondent States (ECtHR, XIR)',
    () => caseInput({ jurisdiction: 'XIR', respondentStates: ['CYP', 'RUS'] }),
  ],
  [
    'a case with 120 victims (more parameters than qs allows by default)',
    () =>
      caseInput({
        victims: Array.from({ length: 120 }, (_, i) => ({
          label: `V${i + 1}`,
          gender: 'female' as const,
          child: i % 2 === 0,
          ageAtOffence: 10 + (i % 50),
          nationalities: ['PHL'],
        })),
      }),
  ],
];

describe('the case form round trip', () => {
  it.each(cases)('%s: form fields parse back to the same case', (_, make) => {
    const original = make();
    const { values, op } = roundTrip(formFields(valuesOf(original, 7)));
    expect(op).toBeNull();
    expect(values.restricted).toEqual(restricted);
    expect(values.version).toBe(7);
    const expected = CaseInputSchema.parse(original);
    expect(CaseInputSchema.parse(keepUneditedFields(original as Record<string, unknown>, values.case))).toEqual(
      expected,
    );
    // Without the unedited fields, only status, id and the import bookkeeping differ.
    const alone = CaseInputSchema.parse(values.case);
    expect({ ...alone, status: expected.status, provenance: expected.provenance }).toEqual(expected);
  });

  it.each(cases)('%s: the rendered form submits exactly formFields (as a browser would)', (_, make) => {
    const values = valuesOf(make(), 3);
    const submitted = browserSubmit(render(values));
    expect(submitted.filter(([n]) => n === '_csrf')).toEqual([['_csrf', 'tok"en<1>']]);
    expect(submitted.filter(([n]) => n === '_newLanguage')).toEqual([['_newLanguage', '']]);
    const crlf = formFields(values).map(([n, v]) => [n, v.replace(/\n/g, '\r\n')]);
    expect(submitted.filter(([n]) => !n.startsWith('_'))).toEqual(crlf);
  });

  it('a browser submission (CRLF line breaks, _csrf, _newLanguage) parses to the same case', () => {
    const original = richCase();
    const { values } = roundTrip(browserSubmit(render(valuesOf(original))));
    expect(values.restricted).toEqual(restricted);
    expect(values.case.narratives).toMatchObject({ en: { facts: original.narratives!.en!.facts } });
    expect(CaseInputSchema.parse(keepUneditedFields(original as Record<string, unknown>, values.case))).toEqual(
      CaseInputSchema.parse(original),
    );
  });

  it('parses with the qs options of the brief for an ordinary case', () => {
    const original = richCase();
    const { values } = roundTrip(formFields(valuesOf(original)), BRIEF_QS);
    expect(CaseInputSchema.parse(keepUneditedFields(original as Record<string, unknown>, values.case))).toEqual(
      CaseInputSchema.parse(original),
    );
  });

  it('never puts status in the form: a crafted status field is ignored', () => {
    const pairs = formFields(valuesOf(caseInput({ status: 'published' })));
    expect(pairs.some(([n]) => n === 'status' || n.startsWith('status['))).toBe(false);
    const { values } = roundTrip([
      ...pairs,
      ['status', 'published'],
      ['id', 'hijack'],
      ['provenance[importBatch]', 'x'],
    ]);
    expect(values.case).not.toHaveProperty('status');
    expect(values.case).not.toHaveProperty('id');
    expect(values.case.provenance).toEqual({ source: null });
    expect(render(valuesOf(caseInput()))).not.toMatch(/name="status"/);
  });
});

const CORPUS = new URL('../../../../../shared/data/sherloc-tip-cases.jsonl', import.meta.url).pathname;
describe.runIf(existsSync(CORPUS))('the real SHERLOC corpus through the form', () => {
  it('every real case survives form fields -> urlencoded -> parse unchanged', () => {
    const lines = readFileSync(CORPUS, 'utf8').split('\n').filter(Boolean);
    let n = 0;
    lines.forEach((line, i) => {
      const r = sherlocToCase(JSON.parse(line), i + 1);
      if (!('input' in r)) return;
      const { values } = roundTrip(formFields(valuesOf(r.input)));
      expect(CaseInputSchema.parse(keepUneditedFields(r.input as Record<string, unknown>, values.case))).toEqual(
        CaseInputSchema.parse(r.input),
      );
      n++;
    });
    expect(n).toBeGreaterThan(900);
  });
});

describe('renderCaseForm', () => {
  it('has an input for every name of formFields and no other data names', () => {
    const values = valuesOf(richCase(), 2);
    const page = render(values);
    const names = new Set([...page.matchAll(/\sname="([^"]*)"/g)].map((m) => decode(m[1]!)));
    const fieldNames = new Set(formFields(values).map(([n]) => n));
    for (const n of fieldNames) expect(names, n).toContain(n);
    const extra = [...names].filter((n) => !fieldNames.has(n) && !n.startsWith('tags['));
    expect(extra.sort()).toEqual(['_csrf', '_newLanguage', '_op']);
  });

  it('covers every section, with tabs per language, checkbox groups and a restricted section', () => {
    const page = render(valuesOf(richCase(), 2));
    for (const h of [
      'Identity and court',
      'Identifiers',
      'Chain of proceedings',
      'Narratives',
      'Victims',
      'Defendants and charges',
      'Article 3 profile and tags',
      'Sources',
      'Provenance',
      'Restricted (never public)',
    ]) {
      expect(page).toContain(`>${h}</h2>`);
    }
    expect(page).toMatch(/<form method="post" action="\/editor\/cases\/x"/);
    expect(page).toContain('<input type="hidden" name="version" value="2">');
    expect(page).toContain('<a href="#f-narratives-en" hreflang="en" aria-current="true">English (en)</a>');
    for (const l of ['es', 'pt-BR']) expect(page).toContain(`<a href="#f-narratives-${l}" hreflang="${l}">`);
    expect(page).toContain('<fieldset class="lang-panel current" id="f-narratives-en">');
    expect(page).toMatch(
      /<fieldset class="lang-panel" id="f-narratives-pt-BR">\s*<legend>Brazilian Portuguese \(pt-BR\)<\/legend>/,
    );
    expect(page).toMatch(
      new RegExp(
        String.raw`<textarea id="f-narratives-es-facts" name="narratives\[es\]\[facts\]" rows="6"` +
          String.raw` lang="es">\nHechos del caso: ñandú\.<\/textarea>`,
      ),
    );
    expect(page).toMatch(
      new RegExp(
        String.raw`<input type="checkbox" id="f-tags-acts-recruitment" name="tags\[acts\]\[\]"` +
          String.raw` value="recruitment" checked> <label for="f-tags-acts-recruitment">Recruitment<\/label>`,
      ),
    );
    expect(page).toMatch(/<input type="checkbox" id="f-tags-acts-transfer" name="tags\[acts\]\[\]" value="transfer"> /);
    expect(page).toContain('<option value="PHL" selected>Philippines (PHL)</option>');
    expect((page.match(/<option value="[A-Z]{3}"/g) ?? []).length).toBeGreaterThan(240);
    expect(page).toContain(
      '<select id="f-victims-0-child" name="victims[0][child]"><option value="unknown">Not known</option>' +
        '<option value="yes" selected>Yes</option>',
    );
    expect(page).toContain('value="remove:defendants.0.charges.2"');
    expect(page).toContain('value="add:defendants.2.charges"');
    expect(page).toContain('value="remove:narratives.pt-BR"');
    expect(page).toContain('Recognised: Philippines, Thailand');
  });

  it('escapes case text everywhere and keeps the hidden version only when set', () => {
    const page = render(valuesOf(richCase()));
    expect(page).toContain('value="Prosecutor v. &quot;Smith&quot; &amp; &lt;Jones&gt;"');
    expect(page).toContain('&lt;b&gt;markup&lt;/b&gt;');
    expect(page).not.toContain('<b>markup</b>');
    expect(page).toContain('name="_csrf" value="tok&quot;en&lt;1&gt;"');
    expect(page).not.toContain('name="version"');
  });

  it('starts with an invisible default submit button, so Enter in a field saves and never removes a row', () => {
    const page = render(valuesOf(richCase()));
    const firstButton = /<button\b[^>]*>/.exec(page)![0];
    expect(firstButton).toBe('<button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">');
    expect(firstButton).not.toContain('name=');
  });

  it('puts each validation error beside its field with aria wiring, and links it from the summary', () => {
    const bad = richCase();
    bad.victims![1]!.gender = 'robot' as never;
    bad.defendants![0]!.charges![1]!.fine = { amount: 10, currency: 'euro' };
    bad.decisionDate = '2015-02-30';
    bad.title = '   ';
    const values = valuesOf(bad);
    let errors: FormError[] = [];
    try {
      parseOrThrow(CaseInputSchema, roundTrip(formFields(values)).values.case, 'case');
    } catch (e) {
      errors = (e as AppError).details as FormError[];
    }
    expect(errors.map((e) => e.path).sort()).toEqual([
      'decisionDate',
      'defendants.0.charges.1.fine.currency',
      'title',
      'victims.1.gender',
    ]);
    const page = render(values, errors);
    for (const e of errors) {
      const id = fieldId(e.path);
      const input = new RegExp(`<(input|select|textarea)[^>]* id="${id}"[^>]*>`).exec(page)?.[0] ?? '';
      expect(attr(input, 'aria-describedby')!.split(' '), e.path).toContain(`${id}-error`);
      expect(input).toContain('aria-invalid="true"');
      expect(page).toMatch(
        new RegExp(
          `<p class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>[^<]+</p>\\s*<(i` +
            `nput|select|textarea)[^>]* id="${id}"`,
        ),
      );
      expect(page).toContain(`<li><a href="#${id}">`);
    }
    expect(page).toContain(
      '<li><a href="#f-victims-1-gender">Victim 2 › Gender: gender: unknown value &#39;robot&#39;',
    );
    expect(page).toContain('<li><a href="#f-title">Title: Required.</a></li>');
    expect(page).toContain('<option value="robot" selected>robot (not in the list)</option>');
    expect(page).toMatch(/There are 4 problems/);
    const summaryAt = page.indexOf('class="error-summary"');
    expect(summaryAt).toBeGreaterThan(0);
    expect(summaryAt).toBeLessThan(page.indexOf('id="f-title"'));
    // Fields without errors carry no error wiring.
    expect(page).not.toMatch(/id="f-court"[^>]*aria-invalid/);
  });

  it('places errors on the nearest field or group; unknown paths go to the summary only', () => {
    const values = valuesOf(richCase());
    const errors: FormError[] = [
      { path: 'victims.0.nationalities.1', message: "unknown country code 'XXX'" },
      { path: 'case.defendants.2.count', message: "count is only for kind 'group'" },
      { path: 'tags.acts.3', message: "unknown act 'flying'" },
      { path: 'narratives', message: 'at most 20 languages' },
      { path: 'internalNotes', message: 'too long' },
      { path: 'defendants.0.charges.0.fine', message: 'Invalid input' },
      { path: 'mystery.field', message: 'what is this' },
      { path: '(root)', message: 'conflict' },
    ];
    const page = render(values, errors);
    expect(page).toMatch(
      new RegExp(
        String.raw`<p class="field-error" id="f-victims-0-nationalities-error">[\s\S]{0,80}unknown country code` +
          String.raw` &#39;XXX&#39;<\/p>\s*<input type="text" id="f-victims-0-nationalities"`,
      ),
    );
    expect(page).toMatch(/<p class="field-error" id="f-defendants-2-count-error">/);
    expect(page).toMatch(
      new RegExp(
        String.raw`<fieldset class="checks has-error" id="f-tags-acts" aria-describedby="f-tags-acts-error">\s*` +
          String.raw`<legend>Acts<\/legend><p class="field-error" id="f-tags-acts-error">`,
      ),
    );
    expect(page).toMatch(
      new RegExp(
        String.raw`<section class="form-section" id="f-narratives" aria-labelledby="f-narratives-title">\s*<h2` +
          String.raw` id="f-narratives-title">Narratives<\/h2><p class="field-error" id="f-narratives-error">`,
      ),
    );
    expect(page).toMatch(/<p class="field-error" id="f-restricted-internalNotes-error">/);
    expect(page).toMatch(
      new RegExp(
        String.raw`<fieldset class="fine has-error" id="f-defendants-0-charges-0-fine"` +
          String.raw` aria-describedby="f-defendants-0-charges-0-fine-error">`,
      ),
    );
    // A message no catalog key matches is not shown in English: the summary says the field is not valid.
    expect(page).toContain('<li>mystery › field: Not valid.</li>');
    expect(page).toContain('<li>Case: Not valid.</li>');
    expect(page).not.toContain('what is this');
    expect(page).not.toContain('id="f-mystery-field-error"');
    expect(page).toContain('<li><a href="#f-restricted-internalNotes">Restricted › Internal notes: too long</a></li>');
  });

  it('marks the language tab whose panel has an error and shows that panel first', () => {
    const page = render(valuesOf(richCase()), [{ path: 'narratives.es.facts', message: 'Too big' }]);
    expect(page).toContain(
      '<a href="#f-narratives-es" hreflang="es" class="has-error" aria-current="true">Spanish (es) <span' +
        ' class="tab-error">has errors</span></a>',
    );
    expect(page).toContain('<a href="#f-narratives-en" hreflang="en">English (en)</a>');
    expect(page).toContain('<fieldset class="lang-panel current" id="f-narratives-es">');
    expect(page).toContain('<fieldset class="lang-panel" id="f-narratives-en">');
  });

  it('shows the panel of a just-added language, with its facts field focused', () => {
    const page = renderCaseForm({
      t,
      action: '/x',
      values: valuesOf(richCase()),
      errors: [],
      csrfToken: 't',
      submitLabel: 'Save',
      focus: 'narratives.pt-BR.facts',
    }).value;
    expect(page).toContain('<fieldset class="lang-panel current" id="f-narratives-pt-BR">');
    expect(page.match(/class="lang-panel current"/g)).toHaveLength(1);
    expect(page).toMatch(
      /<textarea id="f-narratives-pt-BR-facts" name="narratives\[pt-BR\]\[facts\]" autofocus rows="6" lang="pt-BR">/,
    );
  });

  it('shows the submit label and extra buttons, and focuses a requested field', () => {
    const page = renderCaseForm({
      t,
      action: '/x',
      values: valuesOf(richCase()),
      errors: [],
      csrfToken: 't',
      submitLabel: 'Save and submit for review',
      extraButtons: html`<button type="submit" name="_workflow" value="submit">Submit</button>`,
      focus: 'victims.2.kind',
    }).value;
    expect(page).toMatch(
      new RegExp(
        String.raw`<div class="form-actions"><button type="submit" class="primary">Save and submit for review` +
          String.raw`<\/button><button type="submit" name="_workflow" value="submit">Submit<\/button><\/div>`,
      ),
    );
    expect(page).toMatch(/<select id="f-victims-2-kind" name="victims\[2\]\[kind\]" aria-required="true" autofocus>/);
    expect(page.match(/autofocus/g)).toHaveLength(1);
  });
});

describe('row operations through the rendered form', () => {
  it('adding a victim, a charge and a language renders new rows that submit back', () => {
    let values = valuesOf(caseInput());
    values = applyFormOp(values, { action: 'add', path: 'victims' });
    values = applyFormOp(values, { action: 'add', path: 'defendants.0.charges' });
    values = applyFormOp(values, { action: 'add', path: 'narratives', language: 'fr' });
    const page = render(values);
    expect(page).toContain('name="victims[1][kind]"');
    expect(page).toContain('name="defendants[0][charges][1][verdict]"');
    expect(page).toContain('name="narratives[fr][facts]"');
    expect(page).not.toContain('<option value="fr">');
    const { values: back } = roundTrip(browserSubmit(page));
    expect(back.case.victims).toEqual([
      expect.objectContaining({ label: 'AAA' }),
      {
        kind: 'person',
        label: null,
        count: null,
        gender: null,
        child: null,
        ageAtOffence: null,
        ageAtTrial: null,
        birthYear: null,
        nationalities: [],
      },
    ]);
    const parsed = CaseInputSchema.parse(back.case);
    expect(parsed.defendants[0]!.charges).toHaveLength(2);
    expect(parsed.narratives.fr).toEqual({ facts: null, reasoning: null, commentary: null, crossCutting: null });
  });
});
