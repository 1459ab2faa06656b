/** The treaty page's table of depositary notifications (C.N. number, date, participant, subject). */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, safeUrl, type SafeHtml } from '../../../kernel/web/html.ts';
import type { NotificationItem } from '../http/csv.ts';
import { fmtDate } from './parts.ts';

export function notificationsTable(t: Translator, id: string, items: readonly NotificationItem[]): SafeHtml {
  const rows = items.map((n) => {
    const ref = n.url && safeUrl(n.url) ? html`<a href="${n.url}">${n.cnRef}</a>` : n.cnRef;
    const who = n.participant ? html`<a href="/countries/${n.participant}">${n.participantName}</a>` : '';
    return html`<tr><th scope="row">${ref}</th><td>${fmtDate(t, n.date)}</td><td>${who}</td>
<td>${t.t('treaties.notifications.kind', { kind: n.kind })}</td></tr>`;
  });
  const body = items.length
    ? html`<div class="table-wrap"><table class="data treaty-notifications">
<caption>${t.t('treaties.notifications.caption')}</caption>
<thead><tr><th scope="col">${t.t('treaties.notifications.cn')}</th><th scope="col">${t.t(
        'treaties.notifications.date',
      )}</th><th scope="col">${t.t('treaties.page.participant')}</th><th scope="col">${t.t(
        'treaties.notifications.subject',
      )}</th></tr></thead><tbody>${rows}</tbody></table></div>`
    : html`<p>${t.t('treaties.notifications.none')}</p>`;
  return html`<section id="notifications"><h2>${t.t('treaties.notifications.heading')}</h2>
<p><a href="/api/v1/treaties/${id}/notifications.csv">${t.t('treaties.notifications.csv')}</a> ·
<a href="/api/v1/treaties/${id}/notifications">${t.t('treaties.notifications.json')}</a></p>
${body}</section>`;
}
