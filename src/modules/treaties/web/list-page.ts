/** /treaties: the instruments with their counts. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { InstrumentSummary } from '../services/treaty-service.ts';
import { fmtDate } from './parts.ts';

export function treatyListPage(t: Translator, items: readonly InstrumentSummary[]): string {
  const rows = items.map(
    (i) => html`<tr><th scope="row"><a href="/treaties/${i.id}">${i.shortTitle}</a><br>
<span class="muted">${i.id}</span></th>
<td>${fmtDate(t, i.entryIntoForce)}</td><td class="num">${i.signatories}</td><td class="num">${i.parties}</td></tr>`,
  );
  const body = html`<h1>${t.t('treaties.list.heading')}</h1><p>${t.t('treaties.list.intro')}</p>
<div class="table-wrap"><table class="data"><caption>${t.t('treaties.list.title')}</caption>
<thead><tr><th scope="col">${t.t('treaties.list.instrument')}</th><th scope="col">${t.t('treaties.list.inForce')}</th>
<th scope="col" class="num">${t.t('treaties.list.signatories')}</th><th scope="col" class="num">${t.t(
    'treaties.list.parties',
  )}</th></tr></thead><tbody>${rows}</tbody></table></div>
<p><a href="/api/v1/treaties.csv">${t.t('treaties.list.csv')}</a> ·
<a href="/api/v1/treaties">${t.t('treaties.list.json')}</a></p>`;
  return page(t, { title: t.t('treaties.list.title') }, body);
}
