/** Home, jurisdiction, about and API pages. */
import { html } from '../../../kernel/web/html.ts';
import { COVERAGE_NOTE, page } from '../../../kernel/web/layout.ts';
import type { HitSummary, SearchResponse } from '../services/search-service.ts';
import type { Country } from '../../../kernel/geo/countries.ts';
import { hitItem } from './parts.ts';
import { QUERY_HELP } from './search-page.ts';

export function homePage(browse: SearchResponse, newest: HitSummary[]): string {
  const years = (browse.facets.year ?? []).map((y) => Number(y.value));
  const jurisdictions = browse.facets.jurisdiction ?? [];
  const body = html`<h1>Case law on trafficking in persons</h1>
<p>Court decisions applying the UN Trafficking in Persons Protocol (the Palermo Protocol), for judges, prosecutors, researchers, journalists and NGOs.</p>
<form action="/search" method="get" role="search"><label for="home-q">Search the cases</label><br>
<input id="home-q" type="search" name="q" size="40" placeholder="e.g. &quot;debt bondage&quot; fishing country:THA"> <button type="submit">Search</button></form>
${QUERY_HELP}
<p><strong>${browse.total.toLocaleString('en')}</strong> published cases from <strong>${jurisdictions.length}</strong> jurisdictions${years.length ? html`, decided ${Math.min(...years)}–${Math.max(...years)}` : ''}. <span class="muted">${COVERAGE_NOTE}</span></p>
<h2>Newest decisions</h2><ol class="hits">${newest.map(hitItem)}</ol>
<h2>Browse by jurisdiction</h2>
<ul class="chips">${jurisdictions.map((j) => html`<li><a href="/jurisdictions/${j.value}">${j.label}</a> ${j.count}</li>`)}</ul>
<h2>Browse by form of exploitation</h2>
<ul class="chips">${(browse.facets.purposes ?? []).map((p) => html`<li><a href="/search?purposes=${p.value}">${p.label}</a> ${p.count}</li>`)}</ul>`;
  return page(
    {
      title: 'Trafficking in persons case law',
      description: 'Searchable case law of the UN Trafficking in Persons Protocol',
    },
    body,
  );
}

export function jurisdictionPage(country: Country, res: SearchResponse): string {
  const body = html`<h1>${country.name}</h1>
<p class="muted">${country.regions.map((r) => r.name).join(' › ') || 'International and regional courts and bodies'}</p>
<p>${res.total.toLocaleString('en')} published ${res.total === 1 ? 'case' : 'cases'} in this database. ${COVERAGE_NOTE}</p>
<p><a href="/search?jurisdiction=${country.code}">Search and filter these cases</a> · <a href="/search.atom?jurisdiction=${country.code}">Atom feed of new cases</a></p>
<h2>Cases</h2><ol class="hits">${res.hits.map(hitItem)}</ol>
${res.nextCursor ? html`<p><a href="/search?jurisdiction=${country.code}&amp;sort=date_desc">All cases of ${country.name}</a></p>` : ''}
<h2>Treaty status</h2><p class="muted">Signature and ratification of the Protocol will appear here.</p>
<h2>Legislation</h2><p class="muted">National legislation and its assessment against the Protocol will appear here.</p>`;
  return page({ title: country.name, description: `Trafficking in persons case law of ${country.name}` }, body);
}

export function aboutPage(total: number): string {
  const body = html`<h1>About Palermo</h1>
<p>Palermo collects court decisions on trafficking in persons and related exploitation, described in a common record: the facts, the legal reasoning, the article 3 profile of the Protocol (the act, the means and the purpose of exploitation), the victims and defendants, the charges, verdicts and sentences, and the sources.</p>
<h2>Coverage, honestly stated</h2>
<p>The database holds ${total.toLocaleString('en')} published cases. They are the cases someone documented, not a sample: a country with many cases here is a country whose decisions were collected, not necessarily one with more trafficking. ${COVERAGE_NOTE}</p>
<h2>Privacy</h2><p>Victims appear by initials or role only. Drafts and withdrawn cases are never shown, counted or exported.</p>
<h2>Data and reuse</h2><p>Every search can be downloaded (JSON Lines or CSV) and followed as an Atom feed. The <a href="/api">API</a> is documented and versioned.</p>`;
  return page({ title: 'About' }, body);
}

export function apiPage(): string {
  const body = html`<h1>API</h1>
<p>A versioned JSON API under <code>/api/v1</code>, documented by an OpenAPI 3.1 document: <a href="/api/v1/docs">browse the documentation</a> or fetch <a href="/api/v1/openapi.json">openapi.json</a>.</p>
<ul><li><code>GET /api/v1/search?q=...</code>: search with facets and snippets</li>
<li><code>GET /api/v1/cases/{id}</code>, <code>GET /api/v1/cases/{id}/similar</code></li>
<li><code>GET /api/v1/export?format=jsonl|csv</code>: bulk download of published cases or a search's results</li>
<li><code>GET /api/v1/taxonomy</code>, <code>GET /api/v1/countries</code></li></ul>
<p>Pages are linked by an opaque <code>cursor</code>; errors have one shape, <code>{ error: { code, message, details }, requestId }</code>.</p>
<p>Reading needs no account. Requests are limited per client; beyond the limit the answer is <code>429</code> with <code>Retry-After</code>. Partners who write or import get an API token (scopes read, write, import) from the database's administrators, sent as <code>Authorization: Bearer …</code>.</p>`;
  return page({ title: 'API' }, body);
}
