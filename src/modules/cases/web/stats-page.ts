/**
 * /statistics: every statistic of the current search as a chart with its data table and a CSV
 * link, a world map of cases by jurisdiction, and the comparison of chosen jurisdictions.
 */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import { codes, labelOf, ACTS, MEANS, PURPOSES } from '../domain/taxonomy.ts';
import { INTERNATIONAL_CODE } from '../../../kernel/geo/countries.ts';
import { COVERAGE, type StatTable } from '../services/stats-service.ts';
import { chartOf, cellText, statTable } from '../../../kernel/web/charts.ts';
import { worldMap } from '../../../kernel/web/world-map.ts';
import { withParams } from './parts.ts';

export interface StatsPageData {
  tables: StatTable[];
  comparison: StatTable | null;
  comparisonError: string | null;
  /** The search's parameters only (what the API accepts). */
  search: URLSearchParams;
  compare: string[];
  minCell: number;
  rule: string;
}

const SECTIONS: [string, string[]][] = [
  ['Cases over time and place', ['years', 'jurisdictions', 'regions']],
  ['Article 3 profile and more', ['purposes', 'acts', 'means', 'forms', 'sectors']],
  ['Victims', ['victim-gender', 'victim-age', 'victim-nationality']],
  ['Defendants and outcomes', ['defendant-gender', 'defendant-nationality', 'defendant-type', 'verdicts']],
  ['Prison terms', ['prison-by-jurisdiction', 'prison-by-purpose']],
  ['Transnational cases', ['flows']],
];

const csvLink = (name: string, search: URLSearchParams) =>
  withParams(`/api/v1/stats/${name}`, search, { format: 'csv' });

function figure(t: StatTable, search: URLSearchParams): SafeHtml {
  const id = `chart-${t.name}`;
  const link =
    t.columns[0]?.key === 'value' &&
    !t.name.startsWith('victim') &&
    !t.name.startsWith('defendant') &&
    !t.name.startsWith('prison') &&
    t.name !== 'years'
      ? (r: Record<string, unknown>) => facetLink(t.name, String(r.value), search)
      : undefined;
  return html`<section class="stat" id="${t.name}" aria-labelledby="${id}-h">
<h3 id="${id}-h">${t.title}</h3>
<p class="muted">Rests on ${t.restsOn.cases.toLocaleString('en')} ${t.restsOn.what === 'cases match' ? `published ${t.restsOn.cases === 1 ? 'case' : 'cases'}` : t.restsOn.what.replace(/^cases /, 'cases that ')} · ${t.note}</p>
<figure><div class="chart-wrap">${chartOf(t, id)}</div>
<figcaption>${COVERAGE} <a href="${csvLink(t.name, search)}" download>Download CSV</a> · <a href="${withParams(`/api/v1/stats/${t.name}`, search, {})}">JSON</a></figcaption></figure>
<details${t.rows.length <= 12 ? html` open` : ''}><summary>Data table (${t.rows.length} ${t.rows.length === 1 ? 'row' : 'rows'})</summary>${statTable(t, { link, hideKeys: t.name === 'flows' ? ['from', 'to', 'label'] : ['value'] })}</details>
</section>`;
}

const FACET_PARAM: Record<string, string> = {
  jurisdictions: 'jurisdiction',
  regions: 'region',
  purposes: 'purposes',
  acts: 'acts',
  means: 'means',
  forms: 'forms',
  sectors: 'sectors',
  verdicts: 'verdict',
};

/** The search narrowed to one value of a facet: the cases behind a row. */
function facetLink(name: string, value: string, search: URLSearchParams): string | null {
  const param = FACET_PARAM[name];
  return param ? withParams('/search', search, { [param]: value }) : null;
}

function mapSection(jurisdictions: StatTable | undefined, minCell: number): SafeHtml {
  if (!jurisdictions) return html``;
  const data = jurisdictions.rows.map((r) => ({
    code: String(r.value),
    name: String(r.label),
    cases: r.cases as number | string,
  }));
  const { svg, notDrawn } = worldMap(
    data.filter((d) => d.code !== INTERNATIONAL_CODE),
    minCell,
  );
  const xir = data.find((d) => d.code === INTERNATIONAL_CODE);
  return html`<section class="stat" id="map" aria-labelledby="map-h"><h2 id="map-h">Map of cases by jurisdiction</h2>
<figure><div class="chart-wrap">${svg}</div>
<figcaption>${COVERAGE} The figures, with a CSV download, are in the table <a href="#jurisdictions">Cases by jurisdiction</a>.
${xir ? html` International and regional bodies (XIR) are not on the map: ${cellText(xir.cases)} cases.` : ''}
${notDrawn.length ? html` Too small to draw at this scale: ${notDrawn.map((d, i) => html`${i ? ', ' : ''}${d.name} (${cellText(d.cases)})`)}.` : ''}
Boundaries: Natural Earth 1:110m (world-atlas); they imply no position on any territory.</figcaption></figure></section>`;
}

function comparisonSection(d: StatsPageData, jurisdictions: StatTable | undefined): SafeHtml {
  const chosen = new Set(d.compare);
  const options = (jurisdictions?.rows ?? []).slice(0, 60);
  const select = (param: string, list: readonly string[], vocab: 'purposes' | 'means' | 'acts', legend: string) => {
    const current = d.search.getAll(param).flatMap((v) => v.split(','))[0] ?? '';
    return html`<label>${legend} <select name="${param}"><option value="">any</option>${list.map((c) => html`<option value="${c}"${current === c ? html` selected` : ''}>${labelOf(vocab, c)}</option>`)}</select></label>`;
  };
  const keep = [...d.search.entries()]
    .filter(([k]) => !['purposes', 'means', 'acts'].includes(k))
    .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  const c = d.comparison;
  const measures: [string, string][] = [
    ['cases', 'Cases'],
    ['convictionShare', 'Conviction share (%)'],
    ['medianPrisonMonths', 'Median prison term (months)'],
    ['victimsPerCase', 'Victims per case'],
    ['casesWithVerdict', 'Cases with a verdict'],
    ['sentenced', 'Sentenced defendants'],
    ['casesWithVictims', 'Cases recording victims'],
  ];
  const table = c
    ? html`<div class="table-wrap"><table class="data compare"><caption>${c.title}: ${c.rows.map((r) => r.label).join(', ')}</caption>
<thead><tr><th scope="col">Measure</th>${c.rows.map((r) => html`<th scope="col" class="num">${r.label}</th>`)}</tr></thead>
<tbody>${measures.map(
        ([key, label]) =>
          html`<tr><th scope="row">${label}</th>${c.rows.map((r) => {
            const href = key === 'convictionShare' ? r.convictionsUrl : r.casesUrl;
            return html`<td class="num"><a href="${String(href)}" title="The cases behind this figure">${cellText(r[key])}</a></td>`;
          })}</tr>`,
      )}</tbody></table></div>
<p class="muted">${c.note} Each figure links to the cases behind it. <a href="${withParams('/api/v1/stats/comparison', d.search, { jurisdiction: d.compare.join(','), format: 'csv' })}" download>Download CSV</a></p>`
    : '';
  return html`<section class="stat" id="comparison" aria-labelledby="cmp-h"><h2 id="cmp-h">Compare jurisdictions</h2>
<p>Choose 2 to 6 jurisdictions and an article 3 profile; the whole page then follows that profile.</p>
<form class="compare-form" action="/statistics#comparison" method="get">${keep}
<fieldset><legend>Jurisdictions (2 to 6)</legend><ul class="cmp-list">${options.map((r) => html`<li><label><input type="checkbox" name="compare" value="${String(r.value)}"${chosen.has(String(r.value)) ? html` checked` : ''}> ${r.label}</label></li>`)}</ul></fieldset>
<fieldset><legend>Profile</legend>${select('purposes', codes(PURPOSES), 'purposes', 'Purpose')} ${select('means', codes(MEANS), 'means', 'Means')} ${select('acts', codes(ACTS), 'acts', 'Act')}</fieldset>
<button type="submit">Compare</button></form>
${d.comparisonError ? html`<p role="alert">${d.comparisonError}</p>` : ''}${table}</section>`;
}

export function statsPage(d: StatsPageData): string {
  const byName = new Map(d.tables.map((t) => [t.name, t]));
  const total = d.tables[0]?.cases ?? 0;
  const q = d.search.get('q') ?? '';
  const filters = [...d.search.entries()].filter(([k]) => k !== 'q');
  const body = html`
<h1>Statistics</h1>
<p class="lead"><strong>${total.toLocaleString('en')} published ${total === 1 ? 'case' : 'cases'}</strong>${q || filters.length ? html` match ${q ? html`“${q}”` : 'the search'}${filters.length ? html` with ${filters.map(([k, v], i) => html`${i ? ', ' : ''}<code>${k}=${v}</code>`)}` : ''}` : ' (every published case)'}.
<a href="${withParams('/search', d.search, {})}">Show these cases</a>${q || filters.length ? html` · <a href="/statistics">Statistics of every case</a>` : ''}</p>
<div class="notice" role="note"><p><strong>What these figures are.</strong> ${COVERAGE}</p>
<p><strong>Small numbers.</strong> ${d.rule}</p><p>Only published cases ever count; drafts and withdrawn cases never do.</p></div>
<nav class="toc" aria-label="Statistics on this page"><a href="#map">Map</a> · <a href="#comparison">Compare jurisdictions</a>${SECTIONS.map(([title, names]) => html` · <a href="#${names[0]!}">${title}</a>`)}</nav>
${mapSection(byName.get('jurisdictions'), d.minCell)}
${comparisonSection(d, byName.get('jurisdictions'))}
${SECTIONS.map(
  ([title, names]) =>
    html`<h2>${title}</h2>${names
      .map((n) => byName.get(n))
      .filter((t): t is StatTable => !!t)
      .map((t) => figure(t, d.search))}`,
)}`;
  return page(
    { title: 'Statistics', description: 'Counts, trends, profiles and comparisons of the documented cases', query: q },
    body,
  );
}
