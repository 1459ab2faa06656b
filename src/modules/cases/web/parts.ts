/** Pieces shared by pages: hit lists, facet sidebar, links that keep the search state. */
import { html, highlight, type SafeHtml } from '../../../kernel/web/html.ts';
import type { HitSummary, SearchResponse } from '../services/search-service.ts';
import { labelOf } from '../domain/taxonomy.ts';
import { CASE_FACETS, caseFacet, type FacetField } from '../search/facet-fields.ts';

/** The facets the search page lists as checkboxes (facet, URL parameter, legend), in page order. */
export const FACET_PARAMS: [FacetField, string, string][] = CASE_FACETS.filter((f) => 'sidebar' in f)
  .sort((a, b) => a.sidebar - b.sidebar)
  .map((f) => [f.name, f.param, f.label]);

export function formatDate(d: string | null): string {
  if (!d) return 'date not known';
  const [y, m, day] = d.split('-');
  if (!m) return y!;
  const month = new Date(Date.UTC(2000, Number(m) - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

export function hitItem(h: HitSummary): SafeHtml {
  const verdicts = h.verdicts.map((v) => labelOf('verdicts', v)).join(', ');
  const meta = html`${h.jurisdictionName} · ${h.court ?? 'court not recorded'} · ${formatDate(h.decisionDate)}`;
  const more = html`${verdicts ? html` · ${verdicts}` : ''}${h.fuzzy ? html` · <em>close spelling</em>` : ''}`;
  const from = h.snippet?.field === 'fulltext' ? html`<span class="muted">From the judgment: </span>` : '';
  const snippet = h.snippet
    ? html`<p class="snippet">${from}${highlight(h.snippet.text, h.snippet.highlights)}</p>`
    : '';
  return html`<li class="hit"><h3><a href="/cases/${encodeURIComponent(h.id)}">${h.title}</a></h3>
<div class="meta">${meta}${more}</div>
${snippet}</li>`;
}

export function facetSidebar(res: SearchResponse, params: URLSearchParams): SafeHtml {
  const sets = FACET_PARAMS.map(([field, param, legend]) => {
    const values = res.facets[field] ?? [];
    const selected = new Set(params.getAll(param).flatMap((v) => v.split(',')));
    if (!values.length && !selected.size) return '';
    const item = (v: (typeof values)[number]) => {
      const checked = selected.has(v.value) ? html` checked` : '';
      const box = html`<input type="checkbox" name="${param}" value="${v.value}"${checked}>`;
      return html`<li><label>${box} ${v.label}</label><span class="count">${v.count.toLocaleString('en')}</span></li>`;
    };
    return html`<fieldset><legend>${legend}</legend><ul>${values.slice(0, 40).map(item)}</ul></fieldset>`;
  });
  const years = (res.facets.year ?? []).map((y) => Number(y.value)).filter(Number.isFinite);
  const keep = ['q', 'sort'].flatMap((k) =>
    params.getAll(k).map((v) => html`<input type="hidden" name="${k}" value="${v}">`),
  );
  const bound = (name: string, value: number | string) => {
    const shown = html`value="${params.get(name) ?? ''}" placeholder="${value}"`;
    return html`<input type="number" name="${name}" min="1800" max="2200" ${shown} style="width:5.5rem">`;
  };
  const q = params.get('q');
  return html`<form class="facets" action="/search" method="get" aria-label="Filters">${keep}
${sets}
<fieldset><legend>${caseFacet('year')!.label}</legend>
<label>From ${bound('year_from', years.length ? Math.min(...years) : '')}</label>
<label>to ${bound('year_to', years.length ? Math.max(...years) : '')}</label></fieldset>
<button type="submit">Apply filters</button> <a href="/search${q ? `?q=${encodeURIComponent(q)}` : ''}">Clear</a>
</form>`;
}

/** The same URL with some parameters replaced (null removes). */
export function withParams(path: string, params: URLSearchParams, changes: Record<string, string | null>): string {
  const p = new URLSearchParams(params);
  for (const [k, v] of Object.entries(changes)) {
    if (v === null) p.delete(k);
    else p.set(k, v);
  }
  const s = p.toString();
  return s ? `${path}?${s}` : path;
}
