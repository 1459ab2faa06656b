/** The review queue: cases in review, drafts and (for editors) withdrawn cases; a contributor's own. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { QueueItem } from '../store/editorial-store.ts';
import { statusLabel, when } from './editor-text.ts';

export interface Queue {
  /** An editor's queue (every case) or a contributor's (their own). */
  editor: boolean;
  review: QueueItem[];
  drafts: QueueItem[];
  withdrawn: QueueItem[];
}

function queueTable(t: Translator, items: QueueItem[], empty: string): SafeHtml {
  if (!items.length) return html`<p class="muted">${t.t(empty)}</p>`;
  const head = ['case', 'jurisdiction', 'status', 'changed'].map(
    (c) => html`<th>${t.t(`cases.editor.queue.${c}`)}</th>`,
  );
  const rows = items.map(
    (i) =>
      html`<tr><td><a href="/editor/cases/${i.id}">${i.title}</a></td><td>${i.jurisdiction}</td><td>\
<span class="status status-${i.status}">${statusLabel(t, i.status)}</span></td><td>${when(i.updatedAt)}</td></tr>`,
  );
  return html`<table class="data queue"><thead><tr>${head}</tr></thead><tbody>
${rows}</tbody></table>`;
}

export function queuePage(t: Translator, q: Queue): SafeHtml {
  const Q = 'cases.editor.queue';
  const k = (editor: string, own: string) => `${Q}.${q.editor ? editor : own}`;
  const withdrawn = q.editor
    ? html`<h2>${t.t(`${Q}.withdrawn`)}</h2>${queueTable(t, q.withdrawn, `${Q}.noWithdrawn`)}`
    : '';
  return html`<h1>${t.t(k('title', 'yours'))}</h1>
<p><a class="button" href="/editor/cases/new">${t.t(`${Q}.newCase`)}</a>${
    q.editor ? html` <a class="button" href="/editor/imports">${t.t(`${Q}.importSheet`)}</a>` : ''
  }</p>
<h2>${t.t(`${Q}.inReview`)}</h2>${queueTable(t, q.review, k('noReview', 'noOwnReview'))}
<h2>${t.t(k('drafts', 'ownDrafts'))}</h2>${queueTable(t, q.drafts, `${Q}.noDrafts`)}
${withdrawn}`;
}
