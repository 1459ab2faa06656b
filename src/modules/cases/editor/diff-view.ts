/**
 * What changed between two versions of a case, as a table: field (human name and path), before,
 * after. Long texts show as a word diff (<del>/<ins>), codes as their vocabulary labels, rows and
 * other objects as compact JSON. Everything is escaped; every word of the interface from the catalog.
 */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { textDiff, type FieldChange } from '../services/case-diff.ts';
import { describePath } from './form-errors.ts';
import { COUNTRY_OPTIONS, optionLabel, type FieldSpec } from './form-spec.ts';

/** Strings longer than this show as a word diff. */
export const LONG_TEXT = 80;

function codeLabel(t: Translator, spec: FieldSpec | undefined, path: string, v: string): string | null {
  if (spec?.control.kind === 'select') {
    const { options, labels } = spec.control;
    const option = options.find((o) => o.code === v);
    return option ? optionLabel(t, labels, option) : null;
  }
  // A nationality inside a party's list, e.g. victims.0.nationalities.1.
  if (/\.nationalities\.\d+$/.test(path) || path === 'jurisdiction')
    return COUNTRY_OPTIONS.find((o) => o.code === v)?.label ?? null;
  return null;
}

/** One value in its cell: absent, not recorded, yes/no, a labelled code, text or compact JSON. */
export function renderValue(t: Translator, v: unknown, spec?: FieldSpec, path = ''): SafeHtml {
  if (v === undefined) return html`<span class="absent">${t.t('cases.editor.diff.none')}</span>`;
  if (v === null) return html`<span class="absent">${t.t('cases.editor.diff.notRecorded')}</span>`;
  if (typeof v === 'boolean') return html`${t.t(v ? 'cases.editor.diff.yes' : 'cases.editor.diff.no')}`;
  if (typeof v === 'number') return html`${String(v)}`;
  if (typeof v === 'string') {
    const label = codeLabel(t, spec, path, v);
    return label ? html`${label} <code>${v}</code>` : html`<span class="text">${v}</span>`;
  }
  return html`<code class="json">${JSON.stringify(v)}</code>`;
}

function wordDiff(before: string, after: string): [SafeHtml, SafeHtml] {
  const parts = textDiff(before, after);
  const was = parts.filter((p) => !p.added).map((p) => (p.removed ? html`<del>${p.value}</del>` : p.value));
  const is = parts.filter((p) => !p.removed).map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.value));
  return [html`<span class="text">${was}</span>`, html`<span class="text">${is}</span>`];
}

function row(t: Translator, c: FieldChange): SafeHtml {
  const { label, spec } = c.path ? describePath(t, c.path) : { label: t.t('cases.editor.diff.whole'), spec: undefined };
  const long =
    typeof c.before === 'string' &&
    typeof c.after === 'string' &&
    Math.max(c.before.length, c.after.length) > LONG_TEXT;
  const [before, after] = long
    ? wordDiff(c.before as string, c.after as string)
    : [renderValue(t, c.before, spec, c.path), renderValue(t, c.after, spec, c.path)];
  return html`<tr class="${c.kind}">
<th scope="row">${label}<br><code class="path">${c.path}</code> \
<span class="change-kind">${t.t(`cases.editor.diff.kind.${c.kind}`)}</span></th>
<td>${before}</td>
<td>${after}</td>
</tr>`;
}

/** The table of changes, or a short note when there are none. */
export function renderDiff(t: Translator, changes: FieldChange[], opts: { caption?: string } = {}): SafeHtml {
  if (!changes.length) return html`<p class="diff-empty">${t.t('cases.editor.diff.noChanges')}</p>`;
  return html`<div class="table-wrap"><table class="diff">
${opts.caption ? html`<caption>${opts.caption}</caption>` : ''}<thead><tr>\
<th scope="col">${t.t('cases.editor.diff.field')}</th><th scope="col">${t.t('cases.editor.diff.before')}</th>\
<th scope="col">${t.t('cases.editor.diff.after')}</th></tr></thead>
<tbody>${changes.map((c) => row(t, c))}</tbody>
</table></div>`;
}
