/** The public pages of activities: the list with its filters (facets with counts) and one activity. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../../kernel/errors.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { page } from '../../../kernel/web/layout.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { issuesOf } from '../../../kernel/validation.ts';
import { ANONYMOUS } from '../../platform/index.ts';
import type { Activity, Organisation } from '../domain/schemas.ts';
import { ActivityFilter, matches } from '../services/activity-filter.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { participantsOf } from '../services/reports.ts';
import { countriesOf, regionName, regionsOf, yearOf } from '../search/activity-facets.ts';
import type { Stored } from '../store/record-repo.ts';
import { countryName, dateOrUnknown, provenance, regionLabel, subnav } from './parts.ts';

type Rec = Stored<Activity>;
type Key = 'country' | 'region' | 'type' | 'theme' | 'year' | 'activity_status';

const FACETS: {
  key: Key;
  label: string;
  values: (a: Activity) => string[];
  name: (t: Translator, v: string) => string;
}[] = [
  { key: 'country', label: 'country', values: countriesOf, name: (_t, v) => countryName(v) },
  { key: 'region', label: 'region', values: regionsOf, name: (_t, v) => regionName(v) },
  { key: 'type', label: 'type', values: (a) => [a.type], name: (t, v) => t.t(`assistance.type.${v}`) },
  { key: 'theme', label: 'theme', values: (a) => a.themes, name: (t, v) => t.t(`assistance.theme.${v}`) },
  { key: 'year', label: 'year', values: (a) => (yearOf(a) ? [yearOf(a)!] : []), name: (_t, v) => v },
  {
    key: 'activity_status',
    label: 'status',
    values: (a) => [a.activityStatus],
    name: (t, v) => t.t(`assistance.status.${v}`),
  },
];

function facetForm(t: Translator, all: readonly Rec[], filter: ActivityFilter): SafeHtml {
  const selects = FACETS.map((f) => {
    // Counts as the other filters leave them (disjunctive within a facet).
    const others = { ...filter, [f.key]: undefined };
    const counts = new Map<string, number>();
    for (const s of all)
      if (matches(s.record, others))
        for (const v of new Set(f.values(s.record))) counts.set(v, (counts.get(v) ?? 0) + 1);
    const options = [...counts]
      .map(([v, n]) => ({ v, n, label: f.name(t, v) }))
      .sort((a, b) => a.label.localeCompare(b.label));
    const id = `f-${f.key}`;
    return html`<p><label for="${id}">${t.t(`assistance.facet.${f.label}`)}</label>
<select id="${id}" name="${f.key}"><option value="">${t.t('assistance.activities.any')}</option>${options.map(
      (o) =>
        html`<option value="${o.v}"${filter[f.key] === o.v ? html` selected` : ''}>${t.t('assistance.facet.option', {
          label: o.label,
          count: o.n,
        })}</option>`,
    )}</select></p>`;
  });
  return html`<form class="facets" method="get" action="/assistance">${selects}
<p><button type="submit">${t.t('assistance.activities.filter')}</button> <a href="/assistance">${t.t(
    'assistance.activities.clear',
  )}</a></p></form>`;
}

const query = (f: ActivityFilter) =>
  new URLSearchParams(Object.entries(f).filter((e): e is [string, string] => !!e[1])).toString();

function listPage(t: Translator, all: readonly Rec[], filter: ActivityFilter): string {
  const shown = all.filter((s) => matches(s.record, filter));
  const q = query(filter);
  const suffix = q ? `?${q}` : '';
  const items = shown.map((s) => {
    const a = s.record;
    const where = countriesOf(a)
      .map(countryName)
      .concat(a.recipientRegions.map((r) => regionLabel(r.code)));
    const meta = [t.t(`assistance.type.${a.type}`), yearOf(a) ?? t.t('assistance.field.unknown'), where.join(', ')];
    return html`<li><a href="/assistance/${a.id}">${a.title}</a>
<span class="muted">${meta.join(' · ')}</span></li>`;
  });
  const body = html`<h1>${t.t('assistance.activities.title')}</h1>${subnav(t, 'activities')}
<p>${t.t('assistance.activities.intro')}</p>
<div class="with-facets">${facetForm(t, all, filter)}
<section aria-labelledby="results-h"><h2 id="results-h">${t.t('assistance.activities.count', {
    count: shown.length,
  })}</h2>
<ul class="activities">${items}</ul>
<p>${t.t('assistance.activities.exports')} <a href="/api/v1/activities.iati.xml${suffix}">${t.t(
    'assistance.format.iati',
  )}</a> · <a href="/api/v1/activities${suffix}">${t.t('assistance.format.json')}</a></p></section></div>`;
  return page(t, { title: t.t('assistance.activities.title') }, body);
}

function detailPage(t: Translator, s: Rec, all: readonly Rec[], orgs: ReadonlyMap<string, Organisation>): string {
  const a = s.record;
  const parent = a.parentId ? all.find((x) => x.record.id === a.parentId) : undefined;
  const children = all.filter((x) => x.record.parentId === a.id);
  const row = (label: string, value: SafeHtml | string) => html`<dt>${label}</dt><dd>${value}</dd>`;
  const list = (field: string, values: string[]) =>
    values.length ? row(t.t(`assistance.field.${field}`), values.join(', ')) : '';
  const link = (x: Rec) => html`<a href="/assistance/${x.record.id}">${x.record.title}</a>`;
  const objectives = a.objectives.length
    ? html`<h2>${t.t('assistance.field.objectives')}</h2><ol>${a.objectives.map((o) => html`<li>${o}</li>`)}</ol>`
    : '';
  // Related records by id: cases link to their page; resources and laws are named by their ids.
  const rel = a.related;
  const related = html`${
    rel.cases.length
      ? row(
          t.t('assistance.field.relatedCases'),
          html`${rel.cases.map((id, i) => html`${i ? ', ' : ''}<a href="/cases/${id}">${id}</a>`)}`,
        )
      : ''
  }${list('relatedResources', rel.resources)}${list('relatedLaws', rel.laws)}`;
  const childList = children.length
    ? html`<h2>${t.t('assistance.field.children')}</h2><ul>${children.map((c) => html`<li>${link(c)}</li>`)}</ul>`
    : '';
  const recipients = [
    ...a.recipientCountries.map((c) =>
      c.percentage !== undefined
        ? t.t('assistance.field.percentage', { name: countryName(c.code), percentage: c.percentage })
        : countryName(c.code),
    ),
    ...a.recipientRegions.map((r) =>
      r.percentage !== undefined
        ? t.t('assistance.field.percentage', { name: regionLabel(r.code), percentage: r.percentage })
        : regionLabel(r.code),
    ),
  ];
  const orgName = (o: Activity['participatingOrgs'][number]) =>
    o.name ?? (o.orgId ? (orgs.get(o.orgId)?.name ?? o.orgId) : '');
  const p = a.participants;
  const participants = p
    ? html`${t.t('assistance.field.participantsTotal', { count: participantsOf(a) })}
<ul>${p.byProfession.map(
        (x) => html`<li>${t.t(`assistance.profession.${x.profession}`)}: ${x.count}</li>`,
      )}${p.byGender.map((x) => html`<li>${t.t(`assistance.gender.${x.gender}`)}: ${x.count}</li>`)}</ul>`
    : t.t('assistance.field.participantsNone');
  const body = html`<article><h1>${a.title}</h1>${subnav(t, 'activities')}
<p>${a.description}</p>
${objectives}
<dl class="facts">
${row(t.t('assistance.field.type'), t.t(`assistance.type.${a.type}`))}
${row(t.t('assistance.field.status'), t.t(`assistance.status.${a.activityStatus}`))}
${row(t.t('assistance.field.actualStart'), dateOrUnknown(t, a.actualStart ?? a.plannedStart))}
${row(t.t('assistance.field.actualEnd'), dateOrUnknown(t, a.actualEnd ?? a.plannedEnd))}
${recipients.length ? row(t.t('assistance.field.recipients'), recipients.join(', ')) : ''}
${a.venueCountries.length ? row(t.t('assistance.field.venue'), a.venueCountries.map(countryName).join(', ')) : ''}
${list('participantCountries', a.participantCountries.map(countryName))}
${list(
  'themes',
  a.themes.map((x) => t.t(`assistance.theme.${x}`)),
)}
${row(
  t.t('assistance.field.organisations'),
  a.participatingOrgs
    .map((o) => t.t('assistance.field.roleOf', { name: orgName(o), role: t.t(`assistance.role.${o.role}`) }))
    .join('; '),
)}
${parent ? row(t.t('assistance.field.parent'), link(parent)) : ''}
${row(t.t('assistance.field.participants'), participants)}
${related}
</dl>
${childList}
${
  a.results.length
    ? html`<h2>${t.t('assistance.field.results')}</h2><ul>${a.results.map(
        (r) =>
          html`<li>${t.t('assistance.field.result', {
            indicator: r.indicator,
            baseline: r.baseline ?? '–',
            target: r.target ?? '–',
            actual: r.actual ?? '–',
          })}</li>`,
      )}</ul>`
    : ''
}
${provenance(t, a.provenance)}</article>`;
  return page(t, { title: a.title, description: a.description.slice(0, 200) }, body);
}

export function activityPages(app: FastifyInstance, r: AssistanceRegisters): void {
  const publishedAll = () => r.activities.published();
  app.get('/assistance', { schema: { hide: true } }, async (req: FastifyRequest, reply) => {
    // The facet form sends its empty selects too: an empty value means any.
    const query = Object.fromEntries(Object.entries(req.query as Record<string, string>).filter(([, v]) => v !== ''));
    const parsed = ActivityFilter.safeParse(query);
    if (!parsed.success) {
      const t = req.t;
      const items = issuesOf(parsed.error).map(
        (i) => html`<li>${t.t('assistance.badFilter.field', { field: i.path, message: i.message })}</li>`,
      );
      const body = html`<h1>${t.t('assistance.badFilter.title')}</h1><ul>${items}</ul>
<p><a href="/assistance">${t.t('assistance.activities.clear')}</a></p>`;
      return reply
        .code(400)
        .type('text/html; charset=utf-8')
        .send(page(t, { title: t.t('assistance.badFilter.title') }, body));
    }
    return reply.type('text/html; charset=utf-8').send(listPage(req.t, await publishedAll(), parsed.data));
  });
  app.get<{ Params: { id: string } }>('/assistance/:id', { schema: { hide: true } }, async (req, reply) => {
    // The public page shows published activities only, to everyone (editors use the API).
    const s = await r.activities.get(req.params.id, ANONYMOUS).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    });
    if (!s || s.status !== 'published') {
      const t = req.t;
      const body = html`<h1>${t.t('assistance.notFound.title')}</h1><p>${t.t('assistance.notFound.text')}</p>
<p><a href="/assistance">${t.t('assistance.nav.activities')}</a></p>`;
      return reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(page(t, { title: t.t('assistance.notFound.title') }, body));
    }
    const orgs = new Map((await r.organisations.published()).map((o) => [o.record.id, o.record as Organisation]));
    return reply.type('text/html; charset=utf-8').send(detailPage(req.t, s as Rec, await publishedAll(), orgs));
  });
}
