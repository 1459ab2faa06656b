/** Pieces shared by pages: hit lists, facet sidebar, links that keep the search state. */
import { html, highlight, type SafeHtml } from '../../../kernel/web/html.ts';
import type { HitSummary, SearchResponse } from '../services/search-service.ts';
import { labelOf } from '../domain/taxonomy.ts';
import type { FacetField } from '../search/facet-fields.ts';

/** URL parameter of each facet (the same names as the API's). */
export const FACET_PARAMS: [FacetField, string, string][] = [
  ['jurisdiction', 'jurisdiction', 'Jurisdiction'],
  ['region', 'region', 'Region'],
  ['purposes', 'purposes', 'Purpose of exploitation'],
  ['acts', 'acts', 'Act'],
  ['means', 'means', 'Means'],
  ['forms', 'forms', 'Form'],
  ['sectors', 'sectors', 'Sector'],
  ['verdict', 'verdict', 'Verdict'],
  ['courtLevel', 'court_level', 'Court level'],
  ['offences', 'offences', 'Offence'],
  ['victimGender', 'victim_gender', 'Victim gender'],
  ['childVictims', 'child_victims', 'Child victims'],
  ['victimNationality', 'victim_nationality', 'Victim nationality'],
  ['defendantNationality', 'defendant_nationality', 'Defendant nationality'],
  ['language', 'language', 'Language'],
  ['year', 'year', 'Decision year'],
];

export function formatDate(d: string | null): string {
  if (!d) return 'date not known';
  const [y, m, day] = d.split('-');
  if (!m) return y!;
  const month = new Date(Date.UTC(2000, Number(m) - 1, 1)).toLocaleString('en', { month: 'long', timeZone: 'UTC' });
  return day ? `${Number(day)} ${month} ${y}` : `${month} ${y}`;
}

export function hitItem(h: HitSummary): SafeHtml {
  const verdicts = h.verdicts.map((v) => labelOf('verdicts', v)).join(', ');
  return html`<li class="hit"><h3><a href="/cases/${encodeURIComponent(h.id)}">${h.title}</a></h3>
<div class="meta">${h.jurisdictionName} · ${h.court ?? 'court not recorded'} · ${formatDate(h.decisionDate)}${verdicts ? html` · ${verdicts}` : ''}${h.fuzzy ? html` · <em>close spelling</em>` : ''}</div>
${h.snippet ? html`<p class="snippet">${h.snippet.field === 'fulltext' ? html`<span class="muted">From the judgment: </span>` : ''}${highlight(h.snippet.text, h.snippet.highlights)}</p>` : ''}</li>`;
}

export function facetSidebar(res: SearchResponse, params: URLSearchParams): SafeHtml {
  const sets = FACET_PARAMS.filter(([f]) => f !== 'year').map(([field, param, legend]) => {
    const values = res.facets[field] ?? [];
    const selected = new Set(params.getAll(param).flatMap((v) => v.split(',')));
    if (!values.length && !selected.size) return '';
    return html`<fieldset><legend>${legend}</legend><ul>${values
      .slice(0, 40)
      .map(
        (v) =>
          html`<li><label><input type="checkbox" name="${param}" value="${v.value}"${selected.has(v.value) ? html` checked` : ''}> ${v.label}</label><span class="count">${v.count.toLocaleString('en')}</span></li>`,
      )}</ul></fieldset>`;
  });
  const years = (res.facets.year ?? []).map((y) => Number(y.value)).filter(Number.isFinite);
  const keep = ['q', 'sort'].flatMap((k) =>
    params.getAll(k).map((v) => html`<input type="hidden" name="${k}" value="${v}">`),
  );
  return html`<form class="facets" action="/search" method="get" aria-label="Filters">${keep}
${sets}
<fieldset><legend>Decision year</legend>
<label>From <input type="number" name="year_from" min="1800" max="2200" value="${params.get('year_from') ?? ''}" placeholder="${years.length ? Math.min(...years) : ''}" style="width:5.5rem"></label>
<label>to <input type="number" name="year_to" min="1800" max="2200" value="${params.get('year_to') ?? ''}" placeholder="${years.length ? Math.max(...years) : ''}" style="width:5.5rem"></label></fieldset>
<button type="submit">Apply filters</button> <a href="/search${params.get('q') ? `?q=${encodeURIComponent(params.get('q')!)}` : ''}">Clear</a>
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
