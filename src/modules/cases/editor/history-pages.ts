/** A case's history (every version, with restore buttons) and one version compared with another. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { FieldChange } from '../services/case-diff.ts';
import type { EditorialView } from '../services/workflow-service.ts';
import type { CaseVersion, VersionSummary } from '../store/editorial-store.ts';
import { renderDiff } from './diff-view.ts';
import { statusLabel, when } from './editor-text.ts';

/** What a version did (create, edit, publish ...), in words. */
export function actionLabel(t: Translator, action: string): string {
  const key = `cases.editor.action.${action}`;
  return t.has(key) ? t.t(key) : action;
}

function restoreForm(t: Translator, v: EditorialView, x: VersionSummary, csrf: string): SafeHtml | '' {
  if (!v.canEdit || x.version === v.record.version) return '';
  const ack =
    v.record.status === 'published'
      ? html`<label><input type="checkbox" name="acknowledge" value="yes">\
 ${t.t('cases.editor.history.namesChecked')}</label> `
      : '';
  return html`<form method="post" action="/editor/cases/${v.record.id}/versions/${x.version}/restore" class="inline">\
<input type="hidden" name="_csrf" value="${csrf}">${ack}<button\
 type="submit">${t.t('cases.editor.history.restore', { n: x.version })}</button></form>`;
}

function versionRow(t: Translator, v: EditorialView, x: VersionSummary, csrf: string): SafeHtml {
  return html`<tr><td><a href="/editor/cases/${v.record.id}/versions/${x.version}">${x.version}</a></td>\
<td>${when(x.at)}</td><td>${x.actorLabel}</td><td>${actionLabel(t, x.action)}</td><td>${statusLabel(t, x.status)}</td>\
<td>${x.changed.join(', ') || '—'}</td>
<td>${restoreForm(t, v, x, csrf)}</td></tr>`;
}

export function historyPage(t: Translator, v: EditorialView, versions: VersionSummary[], csrf: string): SafeHtml {
  const head = ['version', 'when', 'who', 'action', 'status', 'changed'].map(
    (c) => html`<th>${t.t(`cases.editor.history.column.${c}`)}</th>`,
  );
  return html`<p><a href="/editor/cases/${v.record.id}">← ${v.record.title}</a></p>
<h1>${t.t('cases.editor.history.title')}</h1>
<table class="data"><thead><tr>${head}<th></th></tr></thead><tbody>
${versions.map((x) => versionRow(t, v, x, csrf))}
</tbody></table>`;
}

export function versionPage(
  t: Translator,
  id: string,
  after: CaseVersion,
  before: CaseVersion | undefined,
  changes: FieldChange[],
): SafeHtml {
  const about = t.t('cases.editor.version.about', {
    action: actionLabel(t, after.action),
    who: after.actorLabel,
    when: when(after.at),
    status: statusLabel(t, after.status),
  });
  const compared = before
    ? t.t('cases.editor.version.compared', { n: before.version })
    : t.t('cases.editor.version.first');
  return html`<p><a href="/editor/cases/${id}/history">← ${t.t('cases.editor.history.title')}</a></p>
<h1>${t.t('cases.editor.version.heading', { n: after.version, title: after.record.title })}</h1>
<p>${about} ${compared}</p>
${renderDiff(t, changes)}`;
}
