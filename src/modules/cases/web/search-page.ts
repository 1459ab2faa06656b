/** /search: the query box, results with snippets, facets, sort, pagination; state in the URL. */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { tHtml } from '../../../kernel/web/i18n-html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { SearchResponse } from '../services/search-service.ts';
import { facetSidebar, hitItem, link, withParams } from './parts.ts';

const code = (inner: SafeHtml) => html`<code>${inner}</code>`;

/** The query language in a help panel (the examples are in the catalog, so a translation can adapt them). */
export function queryHelp(t: Translator): SafeHtml {
  const items = ['words', 'operators', 'fields', 'filters'].map(
    (k) => html`<li>${tHtml(t, `cases.queryHelp.${k}`, { c: code })}</li>`,
  );
  return html`<details class="help"><summary>${t.t('cases.queryHelp.summary')}</summary>
<ul>
${items[0]!}
${items[1]!}
${items[2]!}
${items[3]!}
</ul></details>`;
}

const SORT_KEYS = {
  relevance: 'cases.search.sort.relevance',
  date_desc: 'cases.search.sort.newest',
  date_asc: 'cases.search.sort.oldest',
};

export function searchPage(t: Translator, res: SearchResponse, params: URLSearchParams): string {
  const q = params.get('q') ?? '';
  const sortLinks = (['relevance', 'date_desc', 'date_asc'] as const)
    .filter((s) => s !== 'relevance' || q)
    .map((s) => {
      const label = t.t(SORT_KEYS[s]);
      return res.sort === s
        ? html`<strong aria-current="true">${label}</strong>`
        : html`<a href="${withParams('/search', params, { sort: s, cursor: null })}">${label}</a>`;
    });
  const feed = withParams('/search.atom', params, { cursor: null, sort: null });
  const count = t.t('cases.search.count', { count: res.total, relaxed: res.relaxed ? 'yes' : 'no' });
  const suggestion = res.didYouMean
    ? html`<a href="${withParams('/search', params, { q: res.didYouMean, cursor: null })}">${res.didYouMean}</a>`
    : null;
  const sorts = sortLinks.map((l, i) => html`${i ? ' · ' : ''}${l}`);
  const links = [
    link(
      withParams('/statistics', params, { cursor: null, sort: null, limit: null }),
      t.t('cases.search.statisticsLink'),
    ),
    link(feed, t.t('cases.search.atomLink')),
    link(withParams('/api/v1/export', params, { cursor: null, sort: null }), t.t('cases.search.downloadLink')),
  ].map((l, i) => html`${i ? ' · ' : ''}${l}`);
  const first = params.get('cursor')
    ? link(withParams('/search', params, { cursor: null }), t.t('cases.search.firstPage'))
    : '';
  const nextHref = res.nextCursor ? withParams('/search', params, { cursor: res.nextCursor }) : null;
  const next = nextHref ? html`<a rel="next" href="${nextHref}">${t.t('cases.search.nextPage')}</a>` : '';
  const body = html`
<h1>${q ? tHtml(t, 'cases.search.headingQuery', { q }) : t.t('cases.search.headingBrowse')}</h1>
${queryHelp(t)}
<p class="muted">${count} · ${t.t('cases.search.sortLabel')} ${sorts} · ${links}</p>
${corrected(t, res, params)}
${suggestion ? html`<p>${tHtml(t, 'cases.search.didYouMean', { suggestion })}</p>` : ''}
<div class="layout">
${facetSidebar(t, res, params)}
<section aria-label="${t.t('cases.search.results')}">
<ol class="hits">${res.hits.map((h) => hitItem(t, h))}</ol>
${res.hits.length === 0 ? html`<p>${t.t('cases.search.noResults')}</p>` : ''}
<nav class="pager" aria-label="${t.t('cases.search.pages')}">${first}${next}</nav>
</section></div>`;
  const feedTitle = t.t('cases.search.feedTitle');
  return page(
    t,
    {
      title: q ? t.t('cases.search.titleQuery', { q }) : t.t('cases.search.headingBrowse'),
      query: q,
      head: html`<link rel="alternate" type="application/atom+xml" title="${feedTitle}" href="${feed}">`,
    },
    body,
  );
}

/** "Showing results for ... (your query could not be read as written: reason)", when the query was corrected. */
function corrected(t: Translator, res: SearchResponse, params: URLSearchParams): SafeHtml | '' {
  if (!res.corrected) return '';
  const to = res.corrected.to
    ? html`<a href="${withParams('/search', params, { q: res.corrected.to, cursor: null })}">${res.corrected.to}</a>`
    : t.t('cases.search.correctedEverything');
  return html`<p class="notice" role="status">${tHtml(t, 'cases.search.corrected', {
    to: html`<strong>${to}</strong>`,
    reason: res.corrected.reason,
  })}</p>`;
}

export function searchErrorPage(t: Translator, q: string, message: string, suggestion: string | undefined): string {
  const tryLink = suggestion ? html`<a href="/search?q=${encodeURIComponent(suggestion)}">${suggestion}</a>` : null;
  const body = html`<h1>${t.t('cases.searchError.heading')}</h1><p>${message}</p>
${tryLink ? html`<p>${tHtml(t, 'cases.searchError.try', { suggestion: tryLink })}</p>` : ''}${queryHelp(t)}`;
  return page(t, { title: t.t('cases.searchError.title'), query: q }, body);
}
