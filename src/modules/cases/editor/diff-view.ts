/**
 * What changed between two versions of a case, as a table: field (human name and path), before,
 * after. Long texts show as a word diff (<del>/<ins>), codes as their vocabulary labels, rows and
 * other objects as compact JSON. Everything is escaped.
 */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { textDiff, type FieldChange } from '../services/case-diff.ts';
import { describePath } from './form-errors.ts';
import { COUNTRY_OPTIONS, type FieldSpec } from './form-spec.ts';

/** Strings longer than this show as a word diff. */
export const LONG_TEXT = 80;

const KIND_LABEL = { added: 'added', removed: 'removed', changed: 'changed' } as const;

function codeLabel(spec: FieldSpec | undefined, path: string, v: string): string | null {
  if (spec?.control.kind === 'select') return spec.control.options.find((o) => o.code === v)?.label ?? null;
  // A nationality inside a party's list, e.g. victims.0.nationalities.1.
  if (/\.nationalities\.\d+$/.test(path) || path === 'jurisdiction')
    return COUNTRY_OPTIONS.find((o) => o.code === v)?.label ?? null;
  return null;
}

/** One value in its cell: absent, not recorded, yes/no, a labelled code, text or compact JSON. */
export function renderValue(v: unknown, spec?: FieldSpec, path = ''): SafeHtml {
  if (v === undefined) return html`<span class="absent">(none)</span>`;
  if (v === null) return html`<span class="absent">not recorded</span>`;
  if (typeof v === 'boolean') return html`${v ? 'yes' : 'no'}`;
  if (typeof v === 'number') return html`${String(v)}`;
  if (typeof v === 'string') {
    const label = codeLabel(spec, path, v);
    return label ? html`${label} <code>${v}</code>` : html`<span class="text">${v}</span>`;
  }
  return html`<code class="json">${JSON.stringify(v)}</code>`;
}

function wordDiff(before: string, after: string): [SafeHtml, SafeHtml] {
  const parts = textDiff(before, after);
  return [
    html`<span class="text">${parts.filter((p) => !p.added).map((p) => (p.removed ? html`<del>${p.value}</del>` : p.value))}</span>`,
    html`<span class="text">${parts.filter((p) => !p.removed).map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.value))}</span>`,
  ];
}

function row(c: FieldChange): SafeHtml {
  const { label, spec } = c.path ? describePath(c.path) : { label: 'Whole record', spec: undefined };
  const long =
    typeof c.before === 'string' &&
    typeof c.after === 'string' &&
    Math.max(c.before.length, c.after.length) > LONG_TEXT;
  const [before, after] = long
    ? wordDiff(c.before as string, c.after as string)
    : [renderValue(c.before, spec, c.path), renderValue(c.after, spec, c.path)];
  return html`<tr class="${KIND_LABEL[c.kind]}">
<th scope="row">${label}<br><code class="path">${c.path}</code> <span class="change-kind">${KIND_LABEL[c.kind]}</span></th>
<td>${before}</td>
<td>${after}</td>
</tr>`;
}

/** The table of changes, or a short note when there are none. */
export function renderDiff(changes: FieldChange[], opts: { caption?: string } = {}): SafeHtml {
  if (!changes.length) return html`<p class="diff-empty">No changes.</p>`;
  return html`<div class="table-wrap"><table class="diff">
${opts.caption ? html`<caption>${opts.caption}</caption>` : ''}<thead><tr><th scope="col">Field</th><th scope="col">Before</th><th scope="col">After</th></tr></thead>
<tbody>${changes.map(row)}</tbody>
</table></div>`;
}
