/**
 * The pages of the spreadsheet import in the editor: the upload form, the proposed mapping as a
 * form (columns, then values; unsettled values empty and marked, proposals marked), the dry run's
 * report as a table of the file's rows with the bad cells highlighted, and the imported batch with
 * its undo button. Plain forms: every step works without JavaScript.
 */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';
import { CSV_TARGETS } from '../importers/csv-mapping.ts';
import type { Draft } from '../importers/mapping/draft.ts';
import type { Table } from '../importers/mapping/table.ts';

const K = 'cases.imports';
const csrfField = (csrf: string) => html`<input type="hidden" name="_csrf" value="${csrf}">`;

export function uploadPage(t: Translator, csrf: string, error: string | null): SafeHtml {
  return html`<h1>${t.t(`${K}.title`)}</h1>
<p class="muted">${t.t(`${K}.intro`)}</p>
${error ? html`<p class="field-error" id="import-file-error" role="alert">${error}</p>` : ''}
<form method="post" action="/editor/imports" enctype="multipart/form-data">${csrfField(csrf)}
<p><label for="import-file">${t.t(`${K}.file`)}</label>
<input type="file" id="import-file" name="file" accept=".csv,.xlsx,text/csv"${
    error ? html` aria-invalid="true" aria-describedby="import-file-error"` : ''
  } required></p>
<p><label for="import-sheet">${t.t(`${K}.sheet`)}</label> <input type="text" id="import-sheet" name="sheet"></p>
<p><label for="import-previous">${t.t(`${K}.previous`)}</label><br>
<textarea id="import-previous" name="previous" rows="4" cols="60"></textarea></p>
<p><button type="submit">${t.t(`${K}.suggest`)}</button></p>
</form>`;
}

export interface MappingFormState {
  upload: string;
  fileName: string;
  draft: Draft;
  table: Table;
  /** Set after a dry run or a refused import. */
  report: { ok: boolean; created: number; updated: number; issues: FieldIssue[]; warnings: FieldIssue[] } | null;
  error: string | null;
}

const option = (value: string, label: string, selected: boolean) =>
  html`<option value="${value}"${selected ? html` selected` : ''}>${label}</option>`;

function columnsFieldset(t: Translator, s: MappingFormState): SafeHtml {
  const rows = s.draft.columns.map((c, i) => {
    const opts = [
      option('', t.t(`${K}.ignore`), c.target === null),
      ...CSV_TARGETS.map((f) => option(f, f, c.target === f)),
    ];
    return html`<tr><th scope="row"><label for="col-${i}">${c.name}</label></th>
<td><select id="col-${i}" name="col${i}">${opts}</select></td><td class="muted">${c.note}</td></tr>`;
  });
  return html`<h2>${t.t(`${K}.columns`)}</h2>
<table class="data"><thead><tr><th>${t.t(`${K}.column`)}</th><th>${t.t(`${K}.field`)}</th>\
<th>${t.t(`${K}.how`)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function valuesFieldset(t: Translator, s: MappingFormState): SafeHtml {
  let n = 0;
  const sections = Object.entries(s.draft.values).map(([target, list]) => {
    const rows = list.map((v) => {
      const i = n++;
      const mark =
        v.status === 'unsettled'
          ? html`<strong class="status status-draft">${t.t(`${K}.unsettled`)}</strong> `
          : v.status === 'proposal'
            ? html`<strong class="status status-in_review">${t.t(`${K}.proposal`)}</strong> `
            : '';
      return html`<tr${v.status === 'unsettled' ? html` class="bad"` : ''}>\
<th scope="row"><label for="val-${i}">${v.value}</label>\
<input type="hidden" name="vk${i}" value="${target}"><input type="hidden" name="vv${i}" value="${v.value}"></th>
<td><input type="text" id="val-${i}" name="vc${i}" value="${v.codes.join(', ')}" aria-describedby="val-${i}-note"></td>
<td id="val-${i}-note">${mark}${v.confidence.toFixed(2)} · ${v.note}</td></tr>`;
    });
    return html`<h3>${target}</h3><table class="data"><thead><tr><th>${t.t(`${K}.value`)}</th>\
<th>${t.t(`${K}.code`)}</th><th>${t.t(`${K}.how`)}</th></tr></thead><tbody>${rows}</tbody></table>`;
  });
  return html`<h2>${t.t(`${K}.values`)}</h2>${sections}`;
}

/** The file's rows that have issues, their bad cells highlighted, then every message. */
function reportTable(t: Translator, s: MappingFormState): SafeHtml {
  const r = s.report!;
  const all = [...r.issues.map((i) => ({ ...i, bad: true })), ...r.warnings.map((w) => ({ ...w, bad: false }))];
  const columnOf = (i: FieldIssue) => {
    const named = /column '(.+?)'/.exec(i.message)?.[1];
    if (named) return named;
    const field = i.path.split('.')[0]!;
    const c = s.draft.columns.find(
      (x) => x.target === field || (field === 'victims' && x.target === 'victimNationalities'),
    );
    return c?.name ?? null;
  };
  const lines = [...new Set(all.map((i) => i.line).filter((l): l is number => typeof l === 'number'))].sort(
    (a, b) => a - b,
  );
  const head = s.table.header.map((h) => html`<th scope="col">${h}</th>`);
  const rows = lines.slice(0, 100).map((line) => {
    const row = s.table.rows.find((x) => x.line === line);
    const here = all.filter((i) => i.line === line);
    const cells = s.table.header.map((h, ci) => {
      const hit = here.filter((i) => columnOf(i) === h);
      const cls = hit.some((i) => i.bad) ? 'bad' : hit.length ? 'warn' : '';
      const label = hit.length ? html` title="${hit.map((i) => i.message).join('; ')}"` : '';
      const mark = hit.some((i) => i.bad)
        ? html` <strong>(${t.t(`${K}.error`)})</strong>`
        : hit.length
          ? html` <em>(${t.t(`${K}.warning`)})</em>`
          : '';
      return html`<td${cls ? html` class="${cls}"` : ''}${label}>${(row?.cells[ci] ?? '').slice(0, 80)}${mark}</td>`;
    });
    return html`<tr><th scope="row">${line}</th>${cells}</tr>`;
  });
  const messages = all.map(
    (i) =>
      html`<tr${i.bad ? html` class="bad"` : ''}><td>${i.line ?? ''}</td><td>${columnOf(i) ?? i.path}</td>\
<td>${i.bad ? t.t(`${K}.error`) : t.t(`${K}.warning`)}</td><td>${i.message}</td></tr>`,
  );
  const summary = r.ok
    ? t.t(`${K}.dryRunOk`, { created: r.created, updated: r.updated, warnings: r.warnings.length })
    : t.t(`${K}.dryRunBad`, { errors: r.issues.length });
  return html`<h2 id="report">${t.t(`${K}.report`)}</h2><p role="status">${summary}</p>
${
  lines.length
    ? html`<div class="table-scroll"><table class="data report"><caption>${t.t(`${K}.rows`)}</caption>\
<thead><tr><th scope="col">${t.t(`${K}.line`)}</th>${head}</tr></thead><tbody>${rows}</tbody></table></div>
<table class="data"><caption>${t.t(`${K}.messages`)}</caption><thead><tr><th>${t.t(`${K}.line`)}</th>\
<th>${t.t(`${K}.column`)}</th><th>${t.t(`${K}.kind`)}</th><th>${t.t(`${K}.message`)}</th></tr></thead>\
<tbody>${messages}</tbody></table>`
    : ''
}`;
}

export function mappingPage(t: Translator, csrf: string, s: MappingFormState): SafeHtml {
  const sum = s.draft.summary;
  return html`<h1>${t.t(`${K}.mappingTitle`, { file: s.fileName })}</h1>
<p>${t.t(`${K}.summary`, { settled: sum.settled + sum.reused, proposals: sum.proposals, unsettled: sum.unsettled })}</p>
${s.error ? html`<p class="field-error" role="alert">${s.error}</p>` : ''}
${s.report ? reportTable(t, s) : ''}
<form method="post" action="/editor/imports/${s.upload}">${csrfField(csrf)}
<input type="hidden" name="fileName" value="${s.fileName}">
${columnsFieldset(t, s)}
${valuesFieldset(t, s)}
<p><button type="submit" name="action" value="dry-run">${t.t(`${K}.dryRun`)}</button>
<button type="submit" name="action" value="import">${t.t(`${K}.import`)}</button>
<button type="submit" name="action" value="download">${t.t(`${K}.download`)}</button></p>
</form>`;
}

export function batchPage(
  t: Translator,
  csrf: string,
  b: { batch: string; created: number; updated: number; warnings: number },
): SafeHtml {
  return html`<h1>${t.t(`${K}.batchTitle`, { batch: b.batch })}</h1>
<p role="status">${t.t(`${K}.imported`, b)}</p>
<p><a href="/editor">${t.t(`${K}.toQueue`)}</a></p>
<form method="post" action="/editor/imports/batches/${b.batch}/undo">${csrfField(csrf)}
<p><button type="submit">${t.t(`${K}.undo`)}</button></p></form>`;
}
