/** /search: the query box, results with snippets, facets, sort, pagination; state in the URL. */
import { html } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import type { SearchResponse } from '../services/search-service.ts';
import { facetSidebar, hitItem, withParams } from './parts.ts';

export const QUERY_HELP = html`<details class="help"><summary>How to search</summary>
<ul>
<li><code>debt bondage</code>: both words, any form (trafficked = trafficking); <code>"debt bondage"</code>: the phrase</li>
<li><code>fishing OR agriculture</code>, <code>-acquitted</code> (without), <code>(a OR b) c</code>, <code>traff*</code> (prefix)</li>
<li><code>title:rantsev</code>, <code>facts:passport</code>, <code>court:appeal</code>, <code>citation:25965/04</code></li>
<li>Filters: <code>country:PHL</code>, <code>region:035</code>, <code>year:2010..2015</code>, <code>purpose:forced_labour</code>, <code>means:deception</code>, <code>act:recruitment</code>, <code>sector:fishing</code>, <code>verdict:convicted</code>, <code>lang:es</code></li>
</ul></details>`;

export function searchPage(res: SearchResponse, params: URLSearchParams): string {
  const q = params.get('q') ?? '';
  const sortLinks = (['relevance', 'date_desc', 'date_asc'] as const)
    .filter((s) => s !== 'relevance' || q)
    .map((s) => {
      const label = { relevance: 'Relevance', date_desc: 'Newest', date_asc: 'Oldest' }[s];
      return res.sort === s
        ? html`<strong aria-current="true">${label}</strong>`
        : html`<a href="${withParams('/search', params, { sort: s, cursor: null })}">${label}</a>`;
    });
  const feed = withParams('/search.atom', params, { cursor: null, sort: null });
  const body = html`
<h1>${q ? html`Cases matching “${q}”` : 'Browse cases'}</h1>
${QUERY_HELP}
<p class="muted">${res.total.toLocaleString('en')} ${res.total === 1 ? 'case' : 'cases'}${res.relaxed ? ' holding some of the words (none holds all of them)' : ''} · Sort: ${sortLinks.map((l, i) => html`${i ? ' · ' : ''}${l}`)} · <a href="${withParams('/statistics', params, { cursor: null, sort: null, limit: null })}">Statistics for these results</a> · <a href="${feed}">Atom feed</a> · <a href="${withParams('/api/v1/export', params, { cursor: null, sort: null })}">Download (JSON Lines)</a></p>
${res.didYouMean ? html`<p>Did you mean <a href="${withParams('/search', params, { q: res.didYouMean, cursor: null })}">${res.didYouMean}</a>?</p>` : ''}
<div class="layout">
${facetSidebar(res, params)}
<section aria-label="Results">
<ol class="hits">${res.hits.map(hitItem)}</ol>
${res.hits.length === 0 ? html`<p>No published case matches. Try fewer words or filters.</p>` : ''}
<nav class="pager" aria-label="Pages">${params.get('cursor') ? html`<a href="${withParams('/search', params, { cursor: null })}">First page</a>` : ''}${res.nextCursor ? html`<a rel="next" href="${withParams('/search', params, { cursor: res.nextCursor })}">Next page</a>` : ''}</nav>
</section></div>`;
  return page(
    {
      title: q ? `Search: ${q}` : 'Browse cases',
      query: q,
      head: html`<link rel="alternate" type="application/atom+xml" title="New cases for this search" href="${feed}">`,
    },
    body,
  );
}

export function searchErrorPage(q: string, message: string, suggestion: string | undefined): string {
  const body = html`<h1>That search could not be read</h1><p>${message}</p>
${suggestion ? html`<p>Try: <a href="/search?q=${encodeURIComponent(suggestion)}">${suggestion}</a></p>` : ''}${QUERY_HELP}`;
  return page({ title: 'Search error', query: q }, body);
}
