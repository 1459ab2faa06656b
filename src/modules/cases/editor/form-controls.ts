/** One labelled control of the case editor with its hint and its error message beside it. */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { fieldId, nameOf, optionLabel, type FieldSpec } from './form-spec.ts';
import type { FormError } from './form-errors.ts';
import { errorMessage } from './form-messages.ts';

export interface RenderContext {
  t: Translator;
  /** Field values as the browser would submit them, by path. */
  values: ReadonlyMap<string, string>;
  errors: ReadonlyMap<string, FormError[]>;
  /** Path of the control to focus (autofocus) when the form comes back. */
  focus: string | null;
}

/** The error paragraph of a field or group, or '' when it has none. */
export function errorText(ctx: RenderContext, path: string, spec?: FieldSpec): SafeHtml | '' {
  const errors = ctx.errors.get(path);
  if (!errors?.length) return '';
  const shown = [...new Set(errors.map((e) => errorMessage(ctx.t, e, spec, ctx.values.get(path))))];
  return html`<p class="field-error" id="${fieldId(path)}-error">\
<span class="visually-hidden">${ctx.t.t('cases.editor.form.errorPrefix')}</span>${shown.join(' ')}</p>`;
}

/** aria-describedby (and aria-invalid) for a control with these hint and error paragraphs. */
function describedBy(ctx: RenderContext, path: string, hint: boolean): SafeHtml {
  const id = fieldId(path);
  const ids = [hint ? `${id}-hint` : '', ctx.errors.has(path) ? `${id}-error` : ''].filter(Boolean).join(' ');
  return html`${ids ? html` aria-describedby="${ids}"` : ''}${ctx.errors.has(path) ? html` aria-invalid="true"` : ''}`;
}

function countryNames(value: string): string {
  const names = value
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => countryByCode(c.toUpperCase())?.name);
  return names.every(Boolean) ? names.join(', ') : '';
}

function selectOptions(t: Translator, spec: FieldSpec, value: string): SafeHtml[] {
  if (spec.control.kind === 'yesno') {
    return ['unknown', 'yes', 'no'].map(
      (v) => html`<option value="${v}"${v === value ? html` selected` : ''}>${t.t(`cases.editor.yesno.${v}`)}</option>`,
    );
  }
  if (spec.control.kind !== 'select') return [];
  const options = spec.control.options;
  const out: SafeHtml[] = [];
  const selected = (code: string) => (code === value ? html` selected` : '');
  if (!spec.default) {
    const none = t.t(spec.required ? 'cases.editor.form.choose' : 'cases.editor.form.notRecorded');
    out.push(html`<option value=""${selected('')}>${none}</option>`);
  }
  // A value outside the list (from a bad submission) stays visible and is sent back, so its error makes sense.
  if (value !== '' && !options.some((o) => o.code === value))
    out.push(html`<option value="${value}" selected>${t.t('cases.editor.form.notInList', { value })}</option>`);
  const labels = spec.control.labels;
  for (const o of options)
    out.push(html`<option value="${o.code}"${selected(o.code)}>${optionLabel(t, labels, o)}</option>`);
  return out;
}

/** A field: label, hint, error beside it, and the control named and identified by its path. */
export function control(ctx: RenderContext, path: string, spec: FieldSpec, opts: { lang?: string } = {}): SafeHtml {
  const id = fieldId(path);
  const name = nameOf(path);
  const value = ctx.values.get(path) ?? '';
  const names = spec.control.kind === 'countries' ? countryNames(value) : '';
  const { t } = ctx;
  const hints = [spec.hint ? t.t(spec.hint) : '', names ? t.t('cases.editor.form.recognised', { names }) : ''];
  const hintText = hints.filter(Boolean).join('. ');
  const required = spec.required ? html` aria-required="true"` : '';
  const focus = ctx.focus === path ? html` autofocus` : '';
  const common = html` id="${id}" name="${name}"${describedBy(ctx, path, Boolean(hintText))}${required}${focus}`;
  let input: SafeHtml;
  switch (spec.control.kind) {
    case 'textarea':
      input = html`<textarea${common} rows="6"${opts.lang ? html` lang="${opts.lang}"` : ''}>
${value}</textarea>`;
      break;
    case 'select':
    case 'yesno':
      input = html`<select${common}>${selectOptions(t, spec, value)}</select>`;
      break;
    case 'number':
      input = html`<input type="text" inputmode="decimal"${common} value="${value}" size="8">`;
      break;
    case 'date':
      input = html`<input type="text"${common} value="${value}" size="12"\
 placeholder="${t.t('cases.editor.form.datePlaceholder')}">`;
      break;
    default:
      input = html`<input type="text"${common} value="${value}"${opts.lang ? html` lang="${opts.lang}"` : ''}>`;
  }
  const wide = spec.control.kind === 'textarea' || spec.key === 'title';
  return html`<div class="field${wide ? ' wide' : ''}${ctx.errors.has(path) ? ' has-error' : ''}">
<label for="${id}">${t.t(spec.label)}${
    spec.required
      ? html` <span\
 class="required">${t.t('cases.editor.form.required')}</span>`
      : ''
  }</label>
${hintText ? html`<p class="hint" id="${id}-hint">${hintText}</p>` : ''}${errorText(ctx, path, spec)}${input}
</div>`;
}

/** A submit button that adds or removes a row (works without JavaScript). */
export function opButton(op: string, label: string, cls: 'add' | 'remove'): SafeHtml {
  return html`<button type="submit" name="_op" value="${op}" class="op ${cls}">${label}</button>`;
}
