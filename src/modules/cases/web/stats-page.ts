/**
 * /statistics: every statistic of the current search as a chart with its data table and a CSV
 * link, a world map of cases by jurisdiction, and the comparison of chosen jurisdictions.
 */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { tHtml } from '../../../kernel/web/i18n-html.ts';
import { page } from '../../../kernel/web/layout.ts';
import { codes, ACTS, MEANS, PURPOSES } from '../domain/taxonomy.ts';
import { INTERNATIONAL_CODE } from '../../../kernel/geo/countries.ts';
import { countryName } from '../../../kernel/geo/country-names.ts';
import type { KeyedStatTable, StatTable } from '../services/stats-service.ts';
import { renderMessage, renderStatTable, type Cell, type Message } from '../../../kernel/web/stat-table.ts';
import { termLabel } from '../i18n/labels.ts';
import { chartOf, cellText, statTable } from '../../../kernel/web/charts.ts';
import { worldMap } from '../../../kernel/web/world-map.ts';
import { link as a, withParams } from './parts.ts';

/** What the statistics service gave (keys and values); the page puts it into the reader's language. */
export interface StatsPageData {
  tables: KeyedStatTable[];
  comparison: KeyedStatTable | null;
  comparisonError: string | null;
  /** The search's parameters only (what the API accepts). */
  search: URLSearchParams;
  compare: string[];
  minCell: number;
  rule: Message;
}

/** Sections of the page: the key of the heading (`cases.statsPage.section.<key>`) and the statistics. */
const SECTIONS: [string, string[]][] = [
  ['timePlace', ['years', 'jurisdictions', 'regions']],
  ['profile', ['purposes', 'acts', 'means', 'forms', 'sectors']],
  ['victims', ['victim-gender', 'victim-age', 'victim-nationality']],
  ['defendants', ['defendant-gender', 'defendant-nationality', 'defendant-type', 'verdicts']],
  ['prison', ['prison-by-jurisdiction', 'prison-by-purpose']],
  ['flows', ['flows']],
];
const sectionTitle = (t: Translator, key: string) => t.t(`cases.statsPage.section.${key}`);
const coverage = (t: Translator) => t.t('cases.stats.coverage');

/** The cases of international and regional bodies, which the map cannot draw (a hidden count is a string). */
function internationalText(t: Translator, cases: number | string, minCell: number): string {
  return typeof cases === 'number'
    ? t.t('cases.statsPage.map.international', { cases })
    : t.t('cases.statsPage.map.internationalFew', { n: minCell });
}

/** "Rests on N published cases" or "Rests on N cases that record victims". */
function restsOnText(t: Translator, table: KeyedStatTable): string {
  const kind = table.restsOn.what.key.split('.').pop()!;
  return t.t(`cases.statsPage.restsOn.${kind}`, { count: table.restsOn.cases });
}

const csvLink = (name: string, search: URLSearchParams) =>
  withParams(`/api/v1/stats/${name}`, search, { format: 'csv' });

/** A flow's countries and label in the reader's language (the exports keep the English names). */
function localFlows(tr: Translator, t: StatTable): StatTable {
  if (t.name !== 'flows') return t;
  const rows = t.rows.map((r) => {
    const [from, to] = [countryName(String(r.from), tr), countryName(String(r.to), tr)];
    return { ...r, fromName: from, toName: to, label: tr.t('cases.stats.label.flow', { from, to }) };
  });
  return { ...t, rows };
}

function figure(tr: Translator, keyed: KeyedStatTable, search: URLSearchParams): SafeHtml {
  const t = localFlows(tr, renderStatTable(tr, keyed));
  const id = `chart-${t.name}`;
  const link =
    t.columns[0]?.key === 'value' &&
    !t.name.startsWith('victim') &&
    !t.name.startsWith('defendant') &&
    !t.name.startsWith('prison') &&
    t.name !== 'years'
      ? (r: Record<string, unknown>) => facetLink(t.name, String(r.value), search)
      : undefined;
  // The CSV in the page's language: its labels; the codes and column keys stay (cases/http/stats-routes.ts).
  const csvHref = `${tr.base ?? ''}${csvLink(t.name, search)}`;
  const csv = html`<a href="${csvHref}" download>${tr.t('cases.statsPage.downloadCsv')}</a>`;
  const json = a(withParams(`/api/v1/stats/${t.name}`, search, {}), tr.t('cases.statsPage.json'));
  const summary = tr.t('cases.statsPage.dataTable', { rows: t.rows.length });
  const data = statTable(t, {
    link,
    intl: tr.intl,
    hideKeys: t.name === 'flows' ? ['from', 'to', 'label'] : ['value'],
  });
  return html`<section class="stat" id="${t.name}" aria-labelledby="${id}-h">
<h3 id="${id}-h">${t.title}</h3>
<p class="muted">${restsOnText(tr, keyed)} · ${t.note}</p>
<figure><div class="chart-wrap">${chartOf(tr, t, id)}</div>
<figcaption>${coverage(tr)} ${csv} · ${json}</figcaption></figure>
<details${t.rows.length <= 12 ? html` open` : ''}><summary>${summary}</summary>${data}</details>
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

function mapSection(t: Translator, jurisdictions: StatTable | undefined, minCell: number): SafeHtml {
  if (!jurisdictions) return html``;
  const data = jurisdictions.rows.map((r) => ({
    code: String(r.value),
    name: String(r.label),
    cases: r.cases as number | string,
  }));
  const { svg, notDrawn } = worldMap(
    t,
    data.filter((d) => d.code !== INTERNATIONAL_CODE),
    minCell,
  );
  const xir = data.find((d) => d.code === INTERNATIONAL_CODE);
  const small = notDrawn.map((d, i) => html`${i ? ', ' : ''}${d.name} (${cellText(d.cases, t.intl)})`);
  const tableLink = (inner: SafeHtml) => html`<a href="#jurisdictions">${inner}</a>`;
  const heading = html`<h2 id="map-h">${t.t('cases.statsPage.map.heading')}</h2>`;
  return html`<section class="stat" id="map" aria-labelledby="map-h">${heading}
<figure><div class="chart-wrap">${svg}</div>
<figcaption>${coverage(t)} ${tHtml(t, 'cases.statsPage.map.table', { link: tableLink })}
${xir ? html` ${internationalText(t, xir.cases, minCell)}` : ''}
${notDrawn.length ? html` ${tHtml(t, 'cases.statsPage.map.tooSmall', { list: html`${small}` })}` : ''}
${t.t('cases.statsPage.map.boundaries')}</figcaption></figure></section>`;
}

function comparisonSection(t: Translator, d: StatsPageData, jurisdictions: StatTable | undefined): SafeHtml {
  const chosen = new Set(d.compare);
  const options = (jurisdictions?.rows ?? []).slice(0, 60);
  const select = (param: string, list: readonly string[], vocab: 'purposes' | 'means' | 'acts') => {
    const current = d.search.getAll(param).flatMap((v) => v.split(','))[0] ?? '';
    const option = (c: string) =>
      html`<option value="${c}"${current === c ? html` selected` : ''}>${termLabel(t, vocab, c)}</option>`;
    const any = html`<option value="">${t.t('cases.statsPage.compare.any')}</option>`;
    const field = html`<select name="${param}">${any}${list.map(option)}</select>`;
    return html`<label>${t.t(`cases.statsPage.compare.${vocab}`)} ${field}</label>`;
  };
  const keep = [...d.search.entries()]
    .filter(([k]) => !['purposes', 'means', 'acts'].includes(k))
    .map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`);
  const c = d.comparison && renderStatTable(t, d.comparison);
  // The rows of the comparison, labelled as the table's columns are (cases.stats.column.<key>).
  const measures: [string, string][] = [
    'cases',
    'convictionShare',
    'medianPrisonMonths',
    'victimsPerCase',
    'casesWithVerdict',
    'sentenced',
    'casesWithVictims',
  ].map((key) => [key, c?.columns.find((col) => col.key === key)?.label ?? t.t(`cases.stats.column.${key}`)]);
  const behind = t.t('cases.statsPage.compare.casesBehind');
  const figure = (href: unknown, value: Cell | undefined) =>
    html`<td class="num"><a href="${String(href)}" title="${behind}">${cellText(value, t.intl)}</a></td>`;
  const row = (cmp: StatTable, [key, label]: [string, string]) =>
    html`<tr><th scope="row">${label}</th>${cmp.rows.map((r) =>
      figure(key === 'convictionShare' ? r.convictionsUrl : r.casesUrl, r[key]),
    )}</tr>`;
  const table = (cmp: StatTable) => {
    const caption = html`<caption>${cmp.title}: ${cmp.rows.map((r) => r.label).join(', ')}</caption>`;
    const heads = cmp.rows.map((r) => html`<th scope="col" class="num">${r.label}</th>`);
    const csvHref = withParams('/api/v1/stats/comparison', d.search, {
      jurisdiction: d.compare.join(','),
      format: 'csv',
    });
    const csv = html`<a href="${csvHref}" download>${t.t('cases.statsPage.downloadCsv')}</a>`;
    return html`<div class="table-wrap"><table class="data compare">${caption}
<thead><tr><th scope="col">${t.t('cases.statsPage.compare.measure')}</th>${heads}</tr></thead>
<tbody>${measures.map((m) => row(cmp, m))}</tbody></table></div>
<p class="muted">${cmp.note} ${t.t('cases.statsPage.compare.linksNote')} ${csv}</p>`;
  };
  const chooser = options.map((r) => {
    const value = String(r.value);
    const box = html`<input type="checkbox" name="compare" value="${value}"${chosen.has(value) ? html` checked` : ''}>`;
    return html`<li><label>${box} ${r.label}</label></li>`;
  });
  const purposes = select('purposes', codes(PURPOSES), 'purposes');
  const profile = html`${purposes} ${select('means', codes(MEANS), 'means')} ${select('acts', codes(ACTS), 'acts')}`;
  const list = html`<ul class="cmp-list">${chooser}</ul>`;
  const heading = html`<h2 id="cmp-h">${t.t('cases.statsPage.compare.heading')}</h2>`;
  return html`<section class="stat" id="comparison" aria-labelledby="cmp-h">${heading}
<p>${t.t('cases.statsPage.compare.intro')}</p>
<form class="compare-form" action="/statistics#comparison" method="get">${keep}
<fieldset><legend>${t.t('cases.statsPage.compare.jurisdictions')}</legend>${list}</fieldset>
<fieldset><legend>${t.t('cases.statsPage.compare.profile')}</legend>${profile}</fieldset>
<button type="submit">${t.t('cases.statsPage.compare.submit')}</button></form>
${d.comparisonError ? html`<p role="alert">${d.comparisonError}</p>` : ''}${c ? table(c) : ''}</section>`;
}

export function statsPage(t: Translator, d: StatsPageData): string {
  const byName = new Map(d.tables.map((k) => [k.name, k]));
  const jurisdictions = byName.get('jurisdictions');
  const jurisdictionTable = jurisdictions && renderStatTable(t, jurisdictions);
  const total = d.tables[0]?.cases ?? 0;
  const q = d.search.get('q') ?? '';
  const filters = [...d.search.entries()].filter(([k]) => k !== 'q');
  const everyCase = q || filters.length ? html` · ${a('/statistics', t.t('cases.statsPage.allCases'))}` : '';
  const published = html`<p>${t.t('cases.statsPage.publishedOnly')}</p>`;
  const toc = html`${a('#map', t.t('cases.statsPage.tocMap'))} · ${a(
    '#comparison',
    t.t('cases.statsPage.compare.heading'),
  )}${SECTIONS.map(([key, names]) => html` · ${a(`#${names[0]!}`, sectionTitle(t, key))}`)}`;
  const body = html`
<h1>${t.t('cases.statsPage.heading')}</h1>
<p class="lead">${tHtml(t, 'cases.statsPage.lead', {
    count: total,
    scope: q ? 'query' : filters.length ? 'search' : 'all',
    q,
    filters: filters.length ? 'yes' : 'no',
    list: html`${filters.map(([k, v], i) => html`${i ? ', ' : ''}<code>${k}=${v}</code>`)}`,
    strong: (inner: SafeHtml) => html`<strong>${inner}</strong>`,
  })}
${a(withParams('/search', d.search, {}), t.t('cases.statsPage.showCases'))}${everyCase}</p>
<div class="notice" role="note"><p><strong>${t.t('cases.statsPage.whatHeading')}</strong> ${coverage(t)}</p>
<p><strong>${t.t('cases.statsPage.smallHeading')}</strong> ${renderMessage(t, d.rule)}</p>${published}</div>
<nav class="toc" aria-label="${t.t('cases.statsPage.tocLabel')}">${toc}</nav>
${mapSection(t, jurisdictionTable, d.minCell)}
${comparisonSection(t, d, jurisdictionTable)}
${SECTIONS.map(
  ([key, names]) =>
    html`<h2>${sectionTitle(t, key)}</h2>${names
      .map((n) => byName.get(n))
      .filter((s): s is KeyedStatTable => !!s)
      .map((s) => figure(t, s, d.search))}`,
)}`;
  return page(
    t,
    { title: t.t('cases.statsPage.title'), description: t.t('cases.statsPage.description'), query: q },
    body,
  );
}
