/** The progress page of an import: the bar, the phase, and at the end the batch or the errors. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { FieldIssue } from '../../../kernel/errors.ts';
import type { ImportStatus } from '../services/import-jobs.ts';

const K = 'cases.imports.progress';

export interface ProgressView {
  upload: string;
  title: string;
  status: ImportStatus;
  text: string;
  next: string | null;
  percent: number;
}

const columnOf = (i: FieldIssue) => /column '(.+?)'/.exec(i.message)?.[1] ?? i.path;

function errors(t: Translator, issues: readonly FieldIssue[]): SafeHtml {
  if (!issues.length) return html``;
  const rows = issues.map(
    (i) => html`<tr><td>${i.line ?? ''}</td><td>${columnOf(i)}</td><td class="bad">${i.message}</td></tr>`,
  );
  return html`<div class="table-scroll"><table class="data report"><caption>${t.t(`${K}.errors`)}</caption>
<thead><tr><th scope="col">${t.t('cases.imports.line')}</th><th scope="col">${t.t(`${K}.column`)}</th>\
<th scope="col">${t.t('cases.imports.message')}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function progressPage(t: Translator, v: ProgressView): SafeHtml {
  const s = v.status;
  const o = s.outcome;
  const max = Math.max(1, s.total);
  const value = s.state === 'done' ? max : Math.min(s.done, max);
  const bar = html`<p><label for="import-progress">${t.t(`${K}.label`)}</label><br>
<progress id="import-progress" max="${max}" value="${value}" data-status="/editor/imports/${v.upload}/progress.json" \
data-state="${s.state}"${v.next ? html` data-next="${v.next}"` : ''}>${v.percent}%</progress></p>
<p id="import-progress-text" role="status" aria-live="polite">${v.text}</p>`;
  // Without JavaScript the page reloads itself (a meta refresh inside <noscript> never fires where scripts run).
  const refresh =
    s.state === 'running'
      ? html`<noscript><meta http-equiv="refresh" content="2"></noscript>
<p class="muted">${t.t(`${K}.refreshes`)}</p>`
      : s.state === 'done' && v.next
        ? html`<noscript><meta http-equiv="refresh" content="1;url=${v.next}"></noscript>`
        : '';
  const end =
    s.state === 'done' && v.next
      ? html`<p><a href="${v.next}">${t.t(`${K}.toBatch`)}</a></p>`
      : s.state === 'failed' && o && !o.ok
        ? html`<p class="field-error" role="alert">${t.t(`${K}.nothingWritten`)} ${o.message}</p>
${errors(t, o.issues)}
<p><a href="/editor/imports/${v.upload}">${t.t(`${K}.back`)}</a></p>`
        : '';
  return html`<h1>${v.title}</h1>
${bar}${refresh}${end}
<script src="/assets/import-progress.js" defer></script>`;
}
