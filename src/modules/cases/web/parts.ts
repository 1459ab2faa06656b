/** Pieces shared by pages: hit lists, facet sidebar, links that keep the search state. */
import { formatPartialDate } from '../../../kernel/dates/format-date.ts';
import { countryName } from '../../../kernel/geo/country-names.ts';
import { html, highlight, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { HitSummary, SearchResponse } from '../services/search-service.ts';
import { CASE_FACETS, type FacetField } from '../search/facet-fields.ts';
import { facetValueLabel, termLabel } from '../i18n/labels.ts';

/** The facets the search page lists as checkboxes (facet, URL parameter, key of its legend), in page order. */
export const FACET_PARAMS: [FacetField, string, string][] = CASE_FACETS.filter((f) => 'sidebar' in f)
  .sort((a, b) => a.sidebar - b.sidebar)
  .map((f) => [f.name, f.param, f.labelKey]);

/** A date of a record (YYYY, YYYY-MM or YYYY-MM-DD) in words; the month's name comes from CLDR (Intl). */
export function formatDate(t: Translator, d: string | null): string {
  if (!d) return t.t('cases.date.unknown');
  // The pseudo-locale keeps the catalog's patterns, so that its marks show; the languages use Intl's.
  if (t.locale !== 'en-XA') return formatPartialDate(d, t.intl ?? 'en');
  const [y, m, day] = d.split('-');
  if (!m) return y!;
  const locale = t.locale === 'en-XA' ? 'en' : t.locale;
  const month = new Date(Date.UTC(2000, Number(m) - 1, 1)).toLocaleString(locale, { month: 'long', timeZone: 'UTC' });
  return day
    ? t.t('cases.date.day', { day: String(Number(day)), month, year: y })
    : t.t('cases.date.month', { month, year: y });
}

/** A link (the text escaped unless it is SafeHtml). */
export const link = (href: string, text: SafeHtml | string): SafeHtml => html`<a href="${href}">${text}</a>`;

export function hitItem(t: Translator, h: HitSummary): SafeHtml {
  const verdicts = h.verdicts.map((v) => termLabel(t, 'verdicts', v)).join(', ');
  const where = html`${countryName(h.jurisdiction, t)} · <bdi>${h.court ?? t.t('cases.hit.courtNotRecorded')}</bdi>`;
  const fuzzy = html` · <em>${t.t('cases.hit.fuzzy')}</em>`;
  const extra = html`${verdicts ? html` · ${verdicts}` : ''}${h.fuzzy ? fuzzy : ''}`;
  const from = html`<span class="muted">${t.t('cases.hit.fromJudgment')} </span>`;
  const snippet = h.snippet
    ? html`<p class="snippet" dir="auto">${h.snippet.field === 'fulltext' ? from : ''}${highlight(
        h.snippet.text,
        h.snippet.highlights,
      )}</p>`
    : '';
  return html`<li class="hit"><h3>${link(`/cases/${encodeURIComponent(h.id)}`, html`<bdi>${h.title}</bdi>`)}</h3>
<div class="meta">${where} · ${formatDate(t, h.decisionDate)}${extra}</div>
${snippet}</li>`;
}

const checkbox = (name: string, value: string, checked: boolean) =>
  html`<input type="checkbox" name="${name}" value="${value}"${checked ? html` checked` : ''}>`;

export function facetSidebar(t: Translator, res: SearchResponse, params: URLSearchParams): SafeHtml {
  const sets = FACET_PARAMS.map(([field, param, legendKey]) => {
    const values = res.facets[field] ?? [];
    const selected = new Set(params.getAll(param).flatMap((v) => v.split(',')));
    if (!values.length && !selected.size) return '';
    return html`<fieldset><legend>${t.t(legendKey)}</legend><ul>${values
      .slice(0, 40)
      .map(
        (v) =>
          html`<li><label>${checkbox(param, v.value, selected.has(v.value))} ${facetValueLabel(
            t,
            field,
            v.value,
            v.label,
          )}</label><span class="count">${v.count.toLocaleString(t.intl ?? 'en')}</span></li>`,
      )}</ul></fieldset>`;
  });
  const years = (res.facets.year ?? []).map((y) => Number(y.value)).filter(Number.isFinite);
  const yearInput = (name: string, placeholder: number | string) => {
    const attrs = html`name="${name}" min="1800" max="2200" value="${params.get(name) ?? ''}"`;
    return html`<input type="number" ${attrs} placeholder="${placeholder}" style="width:5.5rem">`;
  };
  const clear = `/search${params.get('q') ? `?q=${encodeURIComponent(params.get('q')!)}` : ''}`;
  const keep = ['q', 'sort'].flatMap((k) =>
    params.getAll(k).map((v) => html`<input type="hidden" name="${k}" value="${v}">`),
  );
  return html`<form class="facets" action="/search" method="get" aria-label="${t.t('cases.search.filters')}">${keep}
${sets}
<fieldset><legend>${t.t('cases.facet.year')}</legend>
<label>${t.t('cases.search.yearFrom')} ${yearInput('year_from', years.length ? Math.min(...years) : '')}</label>
<label>${t.t('cases.search.yearTo')} ${yearInput('year_to', years.length ? Math.max(...years) : '')}</label></fieldset>
<button type="submit">${t.t('cases.search.applyFilters')}</button> ${link(clear, t.t('cases.search.clearFilters'))}
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
