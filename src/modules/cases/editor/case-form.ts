/**
 * The server-rendered case editor form. Every section of a case, repeatable rows added and removed
 * by submit buttons (no JavaScript needed), narratives in language tabs (anchors + CSS), taxonomy
 * checkboxes, a restricted section, and validation messages beside each field with an error
 * summary at the top. Field names come from formFields (form-values.ts), the one source of truth.
 */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { TAG_KINDS, type TagKind } from '../domain/taxonomy.ts';
import { termLabel } from '../i18n/labels.ts';
import {
  TOP_FIELDS,
  CHARGE_FIELDS,
  NARRATIVE_FIELDS,
  PROVENANCE_FIELDS,
  RESTRICTED_FIELDS,
  ROW_LISTS,
  TAG_LISTS,
  LANGUAGE_CHOICES,
  fieldId,
  join,
  languageLabel,
  type FieldSpec,
  type RowList,
} from './form-spec.ts';
import { fieldEntries, type CaseFormValues } from './form-values.ts';
import { placeErrors, fieldLabel, type FormError } from './form-errors.ts';
import { errorMessage } from './form-messages.ts';
import { control, errorText, opButton, type RenderContext } from './form-controls.ts';

export type { CaseFormValues, FormOp, FieldEntry } from './form-values.ts';
export {
  formFields,
  fieldEntries,
  parseCaseForm,
  parseFormOp,
  applyFormOp,
  focusAfterOp,
  blankRow,
  keepUneditedFields,
  FORM_QS_OPTIONS,
} from './form-values.ts';
export type { FormError } from './form-errors.ts';
export { fieldId, nameOf } from './form-spec.ts';
export { fieldLabel, normalizePath } from './form-errors.ts';

export interface CaseFormOptions {
  /** The reader's language. */
  t: Translator;
  action: string;
  values: CaseFormValues;
  errors: FormError[];
  csrfToken: string;
  /** The submit button's text, already in the reader's language. */
  submitLabel: string;
  extraButtons?: SafeHtml;
  /** Path of the field to focus, e.g. from focusAfterOp after a row was added. */
  focus?: string | null;
}

type Obj = Record<string, unknown>;
type Part = SafeHtml | '' | readonly SafeHtml[];
const objAt = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const count = (v: unknown): number => (Array.isArray(v) ? v.length : 0);
const SECTIONS = [
  'identity',
  'identifiers',
  'proceedings',
  'narratives',
  'victims',
  'defendants',
  'tags',
  'sources',
  'provenance',
  'restricted',
];

/** Every path the form shows an element for: inputs and the groups (sections, rows, tabs, tag lists). */
export function formTargets(values: CaseFormValues): Set<string> {
  const t = new Set<string>(SECTIONS);
  for (const e of fieldEntries(values)) t.add(e.path);
  const c = values.case;
  for (const list of Object.keys(ROW_LISTS) as RowList[]) {
    for (let i = 0; i < count(c[list]); i++) t.add(join(list, i));
  }
  (Array.isArray(c.defendants) ? c.defendants : []).forEach((d, i) => {
    t.add(join('defendants', i, 'charges'));
    for (let j = 0; j < count(objAt(d).charges); j++) {
      t.add(join('defendants', i, 'charges', j));
      t.add(join('defendants', i, 'charges', j, 'fine'));
    }
  });
  for (const lang of Object.keys(objAt(c.narratives))) t.add(join('narratives', lang));
  for (const kind of TAG_KINDS) t.add(`tags.${kind}`);
  t.add('_newLanguage');
  t.delete('version');
  return t;
}

function fields(ctx: RenderContext, prefix: string, specs: readonly FieldSpec[], lang?: string): SafeHtml[] {
  return specs.map((s) => control(ctx, join(prefix, s.key), s, lang ? { lang } : {}));
}

/** A group (row, tab, list) whose own error shows under its legend. */
function group(ctx: RenderContext, path: string, cls: string, legend: SafeHtml | string, body: Part[]): SafeHtml {
  const has = ctx.errors.has(path);
  const describedBy = has ? html` aria-describedby="${fieldId(path)}-error"` : '';
  return html`<fieldset class="${cls}${has ? ' has-error' : ''}" id="${fieldId(path)}"${describedBy}>
<legend>${legend}</legend>${errorText(ctx, path)}
${body}
</fieldset>`;
}

function section(ctx: RenderContext, key: string, body: Part[], cls = ''): SafeHtml {
  const id = fieldId(key);
  const title = ctx.t.t(`cases.editor.section.${key}`);
  return html`<section class="form-section${cls ? ` ${cls}` : ''}" id="${id}" aria-labelledby="${id}-title">
<h2 id="${id}-title">${title}</h2>${errorText(ctx, key)}
${body}
</section>`;
}

function charges(ctx: RenderContext, d: number, list: unknown[]): SafeHtml {
  const { t } = ctx;
  const base = join('defendants', d, 'charges');
  const rows = list.map((_, j) => {
    const p = join(base, j);
    const [before, fine, after] = [CHARGE_FIELDS.slice(0, 4), CHARGE_FIELDS.slice(4, 6), CHARGE_FIELDS.slice(6)];
    return group(ctx, p, 'row charge', t.t('cases.editor.charge.row', { n: j + 1 }), [
      html`<div class="row-fields">${fields(ctx, p, before)}</div>`,
      group(ctx, join(p, 'fine'), 'fine', t.t('cases.editor.charge.fine'), [
        html`<div class="row-fields">${fields(ctx, p, fine)}</div>`,
      ]),
      html`<div class="row-fields">${fields(ctx, p, after)}</div>`,
      opButton(`remove:${p}`, t.t('cases.editor.charge.remove', { n: j + 1, defendant: d + 1 }), 'remove'),
    ]);
  });
  return group(ctx, base, 'charges', t.t('cases.editor.charge.title', { defendant: d + 1 }), [
    rows.length ? rows : html`<p class="muted">${t.t('cases.editor.charge.none')}</p>`,
    opButton(`add:${base}`, t.t('cases.editor.charge.add', { defendant: d + 1 }), 'add'),
  ]);
}

function rowList(ctx: RenderContext, c: Obj, list: RowList): SafeHtml {
  const { fields: specs } = ROW_LISTS[list];
  const text = (what: string, n?: number) => ctx.t.t(`cases.editor.list.${list}.${what}`, { n: n ?? 0 });
  const rows = (Array.isArray(c[list]) ? (c[list] as unknown[]) : []).map((row, i) => {
    const p = join(list, i);
    return group(ctx, p, 'row', text('row', i + 1), [
      html`<div class="row-fields">${fields(ctx, p, specs)}</div>`,
      list === 'defendants'
        ? charges(ctx, i, Array.isArray(objAt(row).charges) ? (objAt(row).charges as unknown[]) : [])
        : '',
      opButton(`remove:${p}`, text('remove', i + 1), 'remove'),
    ]);
  });
  return section(ctx, list, [
    rows.length
      ? html`<div class="rows">${rows}</div>`
      : html`<p class="muted">${ctx.t.t('cases.editor.list.none')}</p>`,
    opButton(`add:${list}`, text('add'), 'add'),
  ]);
}

/**
 * The panel shown when no tab is targeted: the language of the focused field, else the first with an
 * error, else the first. (editor.css hides the other panels; without :has() support all show.)
 */
function currentLanguage(ctx: RenderContext, langs: string[], hasError: (l: string) => boolean): string | undefined {
  const focused = ctx.focus?.startsWith('narratives.')
    ? langs.find((l) => ctx.focus!.startsWith(`narratives.${l}.`))
    : undefined;
  return focused ?? langs.find(hasError) ?? langs[0];
}

function languageTab(ctx: RenderContext, l: string, current: string | undefined, hasError: boolean): SafeHtml {
  const { t } = ctx;
  const attrs = html`${hasError ? html` class="has-error"` : ''}${l === current ? html` aria-current="true"` : ''}`;
  const flag = hasError ? html` <span class="tab-error">${t.t('cases.editor.narratives.hasErrors')}</span>` : '';
  return html`<li><a href="#${fieldId(`narratives.${l}`)}" hreflang="${l}"${attrs}>${languageName(t, l)}${flag}</a>\
</li>`;
}

const languageName = (t: Translator, l: string) =>
  t.t('cases.editor.narratives.language', { language: languageLabel(l, t.locale), code: l });

function addLanguage(ctx: RenderContext, langs: string[]): SafeHtml {
  const { t } = ctx;
  const id = fieldId('_newLanguage');
  const has = ctx.errors.has('_newLanguage');
  const choices = LANGUAGE_CHOICES.filter((l) => !langs.includes(l)).map(
    (l) => html`<option value="${l}">${languageName(t, l)}</option>`,
  );
  const invalid = has ? html` aria-invalid="true" aria-describedby="${id}-error"` : '';
  const choose = t.t('cases.editor.form.choose');
  return html`<div class="add-language field${has ? ' has-error' : ''}">
<label for="${id}">${t.t('cases.editor.narratives.addLabel')}</label>${errorText(ctx, '_newLanguage')}
<select id="${id}" name="_newLanguage"${invalid}><option value="">${choose}</option>${choices}</select>
${opButton('add:narratives', t.t('cases.editor.narratives.add'), 'add')}
</div>`;
}

function narratives(ctx: RenderContext, c: Obj): SafeHtml {
  const { t } = ctx;
  const langs = Object.keys(objAt(c.narratives));
  const hasError = (lang: string) =>
    [...ctx.errors.keys()].some((k) => k === `narratives.${lang}` || k.startsWith(`narratives.${lang}.`));
  const current = currentLanguage(ctx, langs, hasError);
  const tabs = langs.length
    ? html`<ul class="lang-tabs" aria-label="${t.t('cases.editor.narratives.tabs')}">${langs.map((l) =>
        languageTab(ctx, l, current, hasError(l)),
      )}</ul>`
    : html`<p class="muted">${t.t('cases.editor.narratives.none')}</p>`;
  const panels = langs.map((l) => {
    const p = `narratives.${l}`;
    const remove = t.t('cases.editor.narratives.remove', { language: languageLabel(l, t.locale) });
    return group(ctx, p, l === current ? 'lang-panel current' : 'lang-panel', languageName(t, l), [
      fields(ctx, p, NARRATIVE_FIELDS, l),
      opButton(`remove:${p}`, remove, 'remove'),
    ]);
  });
  return section(ctx, 'narratives', [tabs, html`<div class="lang-panels">${panels}</div>`, addLanguage(ctx, langs)]);
}

/** One checkbox of a tag list; a code outside the vocabulary (from old data) stays, marked. */
function tagCheckbox(ctx: RenderContext, kind: TagKind, code: string, on: boolean, known: boolean): SafeHtml {
  const { t } = ctx;
  const id = fieldId(`tags.${kind}.${code}`);
  const label = known ? termLabel(t, kind, code) : t.t('cases.editor.tags.notInVocabulary', { code });
  const checked = on ? html` checked` : '';
  return html`<li><input type="checkbox" id="${id}" name="tags[${kind}][]" value="${code}"${checked}> \
<label for="${id}">${label}</label></li>`;
}

function tags(ctx: RenderContext): SafeHtml {
  const { t } = ctx;
  const lists = TAG_LISTS.map(([kind, title, options]) => {
    const on = new Set(ctx.values.get(`tags.${kind}`)?.split('\n').filter(Boolean) ?? []);
    const extra = [...on].filter((code) => !options.some((o) => o.code === code));
    const boxes = [
      ...options.map((o) => tagCheckbox(ctx, kind, o.code, on.has(o.code), true)),
      ...extra.map((code) => tagCheckbox(ctx, kind, code, true, false)),
    ];
    return group(ctx, `tags.${kind}`, 'checks', t.t(title), [html`<ul>${boxes}</ul>`]);
  });
  return section(ctx, 'tags', [html`<div class="tag-lists">${lists}</div>`]);
}

function summary(placed: ReturnType<typeof placeErrors>, ctx: RenderContext): SafeHtml | '' {
  if (!placed.all.length) return '';
  const { t } = ctx;
  const n = placed.all.length;
  return html`<div class="error-summary" id="error-summary" role="alert" tabindex="-1"\
 aria-labelledby="error-summary-title"${ctx.focus ? '' : html` autofocus`}>
<h2 id="error-summary-title">${t.t('cases.editor.form.problems', { n })}</h2>
<ul>${placed.all.map((e) => {
    const whole = e.path === '(root)' || e.path === '(form)' || e.path === '';
    const label = whole ? t.t('cases.editor.form.case') : fieldLabel(t, e.path);
    const message = errorMessage(t, e.error, undefined, e.target ? ctx.values.get(e.target) : undefined);
    const text = t.t('cases.editor.form.problem', { field: label, message });
    return e.target ? html`<li><a href="#${fieldId(e.target)}">${text}</a></li>` : html`<li>${text}</li>`;
  })}</ul>
</div>`;
}

/** Values by path as the browser submits them (tag lists: one code a line). */
function valueMap(values: CaseFormValues): Map<string, string> {
  const m = new Map<string, string>();
  for (const e of fieldEntries(values)) m.set(e.path, m.has(e.path) ? `${m.get(e.path)}\n${e.value}` : e.value);
  return m;
}

export function renderCaseForm(opts: CaseFormOptions): SafeHtml {
  const { values } = opts;
  const c = values.case;
  const placed = placeErrors(opts.errors, formTargets(values));
  const { t } = opts;
  const ctx: RenderContext = { t, values: valueMap(values), errors: placed.byTarget, focus: opts.focus ?? null };
  return html`<form method="post" action="${opts.action}" class="case-editor" novalidate>
<button type="submit" class="default-submit" tabindex="-1" aria-hidden="true">${opts.submitLabel}</button>
<input type="hidden" name="_csrf" value="${opts.csrfToken}">
${values.version !== undefined ? html`<input type="hidden" name="version" value="${String(values.version)}">` : ''}
${summary(placed, ctx)}
${section(ctx, 'identity', [html`<div class="row-fields">${fields(ctx, '', TOP_FIELDS)}</div>`])}
${rowList(ctx, c, 'identifiers')}
${rowList(ctx, c, 'proceedings')}
${narratives(ctx, c)}
${rowList(ctx, c, 'victims')}
${rowList(ctx, c, 'defendants')}
${tags(ctx)}
${rowList(ctx, c, 'sources')}
${section(ctx, 'provenance', fields(ctx, 'provenance', PROVENANCE_FIELDS))}
${section(
  ctx,
  'restricted',
  [
    html`<p\
 class="hint">${t.t('cases.editor.restricted.hint')}</p>`,
    fields(ctx, 'restricted', RESTRICTED_FIELDS),
  ],
  'restricted',
)}
<div class="form-actions"><button type="submit"\
 class="primary">${opts.submitLabel}</button>${opts.extraButtons ?? ''}</div>
</form>`;
}
