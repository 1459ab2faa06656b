/** Home, about and API pages (the jurisdiction page became the country profile of the treaties module). */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { tHtml } from '../../../kernel/web/i18n-html.ts';
import { coverageNote, page } from '../../../kernel/web/layout.ts';
import type { HitSummary, SearchResponse } from '../services/search-service.ts';
import { facetValueLabel } from '../i18n/labels.ts';
import { hitItem, link as a } from './parts.ts';
import { queryHelp } from './search-page.ts';

const strong = (inner: SafeHtml) => html`<strong>${inner}</strong>`;
const code = (inner: SafeHtml) => html`<code>${inner}</code>`;
const link = (href: string) => (inner: SafeHtml) => html`<a href="${href}">${inner}</a>`;

export function homePage(t: Translator, browse: SearchResponse, newest: HitSummary[]): string {
  const years = (browse.facets.year ?? []).map((y) => Number(y.value));
  const jurisdictions = browse.facets.jurisdiction ?? [];
  const summary = tHtml(t, 'cases.home.summary', {
    total: browse.total,
    jurisdictions: jurisdictions.length,
    years: years.length ? 'yes' : 'no',
    from: years.length ? String(Math.min(...years)) : '',
    to: years.length ? String(Math.max(...years)) : '',
    strong,
  });
  const placeholder = t.t('cases.home.searchPlaceholder');
  const input = html`<input id="home-q" type="search" name="q" size="40" placeholder="${placeholder}">`;
  const purposes = (browse.facets.purposes ?? []).map(
    (p) =>
      html`<li>${a(`/search?purposes=${p.value}`, facetValueLabel(t, 'purposes', p.value, p.label))} ${p.count}</li>`,
  );
  const body = html`<h1>${t.t('cases.home.heading')}</h1>
<p>${t.t('cases.home.intro')}</p>
<form action="/search" method="get" role="search"><label for="home-q">${t.t('cases.home.searchLabel')}</label><br>
${input} ${html`<button type="submit">${t.t('cases.home.searchButton')}</button>`}</form>
${queryHelp(t)}
<p>${summary} <span class="muted">${coverageNote(t)}</span></p>
<h2>${t.t('cases.home.newest')}</h2><ol class="hits">${newest.map((h) => hitItem(t, h))}</ol>
<h2>${t.t('cases.home.byJurisdiction')}</h2>
<ul class="chips">${jurisdictions.map((j) => html`<li>${a(`/countries/${j.value}`, j.label)} ${j.count}</li>`)}</ul>
<h2>${t.t('cases.home.byPurpose')}</h2>
<ul class="chips">${purposes}</ul>`;
  return page(t, { title: t.t('cases.home.title'), description: t.t('cases.home.description') }, body);
}

export function aboutPage(t: Translator, total: number): string {
  const body = html`<h1>${t.t('cases.about.heading')}</h1>
<p>${t.t('cases.about.intro')}</p>
<h2>${t.t('cases.about.coverageHeading')}</h2>
<p>${t.t('cases.about.coverage', { total })} ${coverageNote(t)}</p>
<h2>${t.t('cases.about.privacyHeading')}</h2><p>${t.t('cases.about.privacy')}</p>
<h2>${t.t('cases.about.reuseHeading')}</h2><p>${tHtml(t, 'cases.about.reuse', { api: link('/api') })}</p>`;
  return page(t, { title: t.t('cases.about.title') }, body);
}

export function apiPage(t: Translator): string {
  const p = (key: string, values = {}) => tHtml(t, key, { c: code, ...values });
  const body = html`<h1>${t.t('cases.api.heading')}</h1>
<p>${p('cases.api.intro', { docs: link('/api/v1/docs'), spec: link('/api/v1/openapi.json') })}</p>
<ul><li>${p('cases.api.search')}</li>
<li>${p('cases.api.cases')}</li>
<li>${p('cases.api.export')}</li>
<li>${p('cases.api.reference')}</li></ul>
<p>${p('cases.api.paging')}</p>
<p>${p('cases.api.access')}</p>`;
  return page(t, { title: t.t('cases.api.title') }, body);
}
