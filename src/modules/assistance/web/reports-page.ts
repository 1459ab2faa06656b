/** The reports page: every report as a table (with its JSON and CSV), and the map of assistance. */
import type { FastifyInstance } from 'fastify';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { page } from '../../../kernel/web/layout.ts';
import { html } from '../../../kernel/web/html.ts';
import { loadWorldMap, worldMap } from '../../../kernel/web/world-map.ts';
import type { Activity } from '../domain/schemas.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { REPORTS, report, type ReportTable } from '../services/reports.ts';
import { countryName, subnav } from './parts.ts';
import { regionName } from '../search/activity-facets.ts';

function cell(t: Translator, column: string, v: string | number): string {
  if (typeof v === 'number') return v.toLocaleString(t.intl ?? 'en');
  if (column === 'type' || column === 'theme' || column === 'profession' || column === 'gender')
    return t.t(`assistance.${column}.${v}`);
  return v;
}

function table(t: Translator, r: ReportTable) {
  const cols = r.columns.filter((c) => !(c === 'country' || c === 'region'));
  const first = r.columns[0]!;
  const label = (row: ReportTable['rows'][number]) =>
    first === 'country'
      ? countryName(String(row.country))
      : first === 'region'
        ? regionName(String(row.region))
        : cell(t, first, row[first]!);
  const rest = cols.filter((c) => c !== first && c !== 'name');
  const json = html`<a href="/api/v1/assistance/reports/${r.name}">${t.t('assistance.format.json')}</a>`;
  const csv = html`<a href="/api/v1/assistance/reports/${r.name}?format=csv">${t.t('assistance.format.csv')}</a>`;
  return html`<section aria-labelledby="r-${r.name}"><h2 id="r-${r.name}">${t.t(`assistance.report.${r.name}`)}</h2>
<div class="table-wrap"><table class="data"><thead><tr>
<th scope="col">${t.t(`assistance.column.${first}`)}</th>${rest.map(
    (c) => html`<th scope="col" class="num">${t.t(`assistance.column.${c}`)}</th>`,
  )}</tr></thead><tbody>${r.rows.map(
    (row) =>
      html`<tr><th scope="row">${label(row)}</th>${rest.map(
        (c) => html`<td class="num">${cell(t, c, row[c] ?? '')}</td>`,
      )}</tr>`,
  )}</tbody></table></div><p>${json} · ${csv}</p></section>`;
}

export function reportsPage(app: FastifyInstance, r: AssistanceRegisters): void {
  app.get('/assistance/reports', { schema: { hide: true } }, async (req, reply) => {
    const t = req.t;
    const activities = (await r.activities.published()).map((s) => s.record as Activity);
    const tables = REPORTS.map((name) => report(name, activities));
    await loadWorldMap();
    const countries = tables[0]!;
    const { svg } = worldMap(
      t,
      countries.rows.map((row) => ({
        code: String(row.country),
        name: String(row.name),
        cases: Number(row.activities),
      })),
      1,
      {
        title: t.t('assistance.reports.map.title'),
        desc: t.t('assistance.reports.map.desc'),
        point: (name, count) => t.t('assistance.reports.map.point', { name, count }),
        none: t.t('assistance.reports.map.none'),
      },
    );
    const body = html`<h1>${t.t('assistance.reports.title')}</h1>${subnav(t, 'reports')}
<p>${t.t('assistance.reports.intro')}</p><figure class="map">${svg}</figure>${tables.map((x) => table(t, x))}`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: t.t('assistance.reports.title') }, body));
  });
}
