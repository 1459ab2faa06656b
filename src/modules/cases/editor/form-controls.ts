/** One labelled control of the case editor with its hint and its error message beside it. */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { fieldId, nameOf, type FieldSpec } from './form-spec.ts';
import { messageFor } from './form-errors.ts';

export interface RenderContext {
  /** Field values as the browser would submit them, by path. */
  values: ReadonlyMap<string, string>;
  errors: ReadonlyMap<string, string[]>;
  /** Path of the control to focus (autofocus) when the form comes back. */
  focus: string | null;
}

/** The error paragraph of a field or group, or '' when it has none. */
export function errorText(ctx: RenderContext, path: string, spec?: FieldSpec): SafeHtml | '' {
  const messages = ctx.errors.get(path);
  if (!messages?.length) return '';
  const shown = [...new Set(messages.map((m) => messageFor(m, spec, ctx.values.get(path))))];
  return html`<p class="field-error" id="${fieldId(path)}-error"><span class="visually-hidden">Error: </span>${shown.join(' ')}</p>`;
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

function selectOptions(spec: FieldSpec, value: string): SafeHtml[] {
  if (spec.control.kind === 'yesno') {
    return [
      ['unknown', 'Not known'],
      ['yes', 'Yes'],
      ['no', 'No'],
    ].map(([v, l]) => html`<option value="${v!}"${v === value ? html` selected` : ''}>${l!}</option>`);
  }
  if (spec.control.kind !== 'select') return [];
  const options = spec.control.options;
  const out: SafeHtml[] = [];
  if (!spec.default)
    out.push(
      html`<option value=""${value === '' ? html` selected` : ''}>${spec.required ? 'Choose…' : '— not recorded —'}</option>`,
    );
  // A value outside the list (from a bad submission) stays visible and is sent back, so its error makes sense.
  if (value !== '' && !options.some((o) => o.code === value))
    out.push(html`<option value="${value}" selected>${value} (not in the list)</option>`);
  for (const o of options)
    out.push(html`<option value="${o.code}"${o.code === value ? html` selected` : ''}>${o.label}</option>`);
  return out;
}

/** A field: label, hint, error beside it, and the control named and identified by its path. */
export function control(ctx: RenderContext, path: string, spec: FieldSpec, opts: { lang?: string } = {}): SafeHtml {
  const id = fieldId(path);
  const name = nameOf(path);
  const value = ctx.values.get(path) ?? '';
  const names = spec.control.kind === 'countries' ? countryNames(value) : '';
  const hintText = [spec.hint ?? '', names ? `Recognised: ${names}` : ''].filter(Boolean).join('. ');
  const common = html` id="${id}" name="${name}"${describedBy(ctx, path, Boolean(hintText))}${spec.required ? html` aria-required="true"` : ''}${ctx.focus === path ? html` autofocus` : ''}`;
  let input: SafeHtml;
  switch (spec.control.kind) {
    case 'textarea':
      input = html`<textarea${common} rows="6"${opts.lang ? html` lang="${opts.lang}"` : ''}>
${value}</textarea>`;
      break;
    case 'select':
    case 'yesno':
      input = html`<select${common}>${selectOptions(spec, value)}</select>`;
      break;
    case 'number':
      input = html`<input type="text" inputmode="decimal"${common} value="${value}" size="8">`;
      break;
    case 'date':
      input = html`<input type="text"${common} value="${value}" size="12" placeholder="YYYY-MM-DD">`;
      break;
    default:
      input = html`<input type="text"${common} value="${value}"${opts.lang ? html` lang="${opts.lang}"` : ''}>`;
  }
  const wide = spec.control.kind === 'textarea' || spec.key === 'title';
  return html`<div class="field${wide ? ' wide' : ''}${ctx.errors.has(path) ? ' has-error' : ''}">
<label for="${id}">${spec.label}${spec.required ? html` <span class="required">(required)</span>` : ''}</label>
${hintText ? html`<p class="hint" id="${id}-hint">${hintText}</p>` : ''}${errorText(ctx, path, spec)}${input}
</div>`;
}

/** A submit button that adds or removes a row (works without JavaScript). */
export function opButton(op: string, label: string, cls: 'add' | 'remove'): SafeHtml {
  return html`<button type="submit" name="_op" value="${op}" class="op ${cls}">${label}</button>`;
}
