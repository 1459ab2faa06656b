/**
 * The legislation pages: laws and provisions, the gap report of a country (elements as rows, results
 * as coloured cells with their evidence; print CSS; CSV through the API), the comparison of countries
 * (elements x countries) and "which countries lack element E". Public pages show published material.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { page } from '../../../kernel/web/layout.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { LegislationServices } from '../services/services.ts';
import { CURRENT_CHECKLIST } from '../domain/checklist.ts';
import type { Assessment } from '../domain/assessment.ts';
import { countryName, CSS_LINK, resultCell } from './parts.ts';
import { countryByCode, REGIONS } from '../../../kernel/geo/countries.ts';

const provisionName = (p: { eid: string; citation: string | null; heading: string | null }) =>
  `${p.citation ?? p.eid}${p.heading ? ` — ${p.heading}` : ''}`;
const summaryNote = (t: Translator) => t.t('legislation.provision.summaryNote');
const elementLink = (t: Translator, code: string) =>
  html`<a href="/compliance/elements/${code}">${t.t(`legislation.element.${code}`)}</a>`;
const sources = (t: Translator, e: { articles: readonly string[]; modelLaw: readonly string[] }) =>
  [e.articles.join(', '), e.modelLaw.length ? t.t('legislation.gap.modelLaw', { articles: e.modelLaw.join(', ') }) : '']
    .filter(Boolean)
    .join(' · ');
const CSS = readFileSync(new URL('./legislation.css', import.meta.url), 'utf8');
const regionQuery = z.strictObject({
  region: z
    .string()
    .regex(/^\d{3}$/, 'region must be a UN M49 code such as 142')
    .optional(),
});
const atQuery = z.strictObject({ at: z.iso.date({ error: 'at must be a date YYYY-MM-DD' }).optional() });

export function legislationPages(app: FastifyInstance, s: LegislationServices): void {
  app.get('/assets/legislation.css', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(CSS),
  );

  app.get('/laws', { schema: { hide: true } }, async (req, reply) => {
    const t = req.t;
    const list = await s.laws.list(req.actor);
    const body = html`<h1>${t.t('legislation.laws.title')}</h1>
<ul>${list.map((w) => html`<li><a href="/laws/${w.id}">${w.title}</a> (${countryName(w.country)})</li>`)}</ul>`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: t.t('legislation.laws.title') }, body));
  });

  app.get<{ Params: { id: string } }>('/laws/:id', { schema: { hide: true } }, async (req, reply) => {
    const t = req.t;
    const q = parseOrThrow(atQuery, req.query, 'query');
    const w = await s.laws.get(req.params.id, req.actor);
    const ps = await s.laws.provisions(w.id, req.actor, { at: q.at });
    const body = html`<h1>${w.title}</h1>
<dl>
<dt>${t.t('legislation.law.country')}</dt><dd><a href="/compliance/${w.country}">${countryName(w.country)}</a></dd>
<dt>${t.t('legislation.law.type')}</dt><dd>${t.t(`legislation.type.${w.type}`)}${w.number ? ` ${w.number}` : ''}</dd>
${w.adopted ? html`<dt>${t.t('legislation.law.adopted')}</dt><dd>${w.adopted}</dd>` : ''}
${w.commenced ? html`<dt>${t.t('legislation.law.commenced')}</dt><dd>${w.commenced}</dd>` : ''}
${w.gazette ? html`<dt>${t.t('legislation.law.gazette')}</dt><dd>${w.gazette}</dd>` : ''}
${w.amendments.map((a) => html`<dt>${t.t('legislation.law.amended')}</dt><dd>${a.by} (${a.date})</dd>`)}
${w.repeal ? html`<dt>${t.t('legislation.law.repealed')}</dt><dd>${w.repeal.by} (${w.repeal.date})</dd>` : ''}
${w.link ? html`<dt>${t.t('legislation.law.official')}</dt><dd><a href="${w.link}">${w.link}</a></dd>` : ''}
</dl>
<p class="noprint"><a href="/api/v1/laws/${w.id}/akn">${t.t('legislation.law.akn')}</a> ·
<a href="/api/v1/laws/${w.id}/provisions?format=csv">${t.t('legislation.law.csv')}</a></p>
<h2>${t.t('legislation.law.provisions')}</h2>
${ps.map(
  (p) => html`<section><h3><a href="/laws/${w.id}/provisions/${p.eid}">${provisionName(p)}</a></h3>
${p.text ? html`<p>${p.text}</p>` : html`<p>${p.summary ?? ''}</p><p class="note">${summaryNote(t)}</p>`}
</section>`,
)}`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: w.title, head: CSS_LINK }, body));
  });

  app.get<{ Params: { id: string; eid: string } }>(
    '/laws/:id/provisions/:eid',
    { schema: { hide: true } },
    async (req, reply) => {
      const t = req.t;
      const q = parseOrThrow(atQuery, req.query, 'query');
      const p = await s.laws.provision(req.params.id, req.params.eid, req.actor, q.at);
      const title = `${p.law.title}, ${p.citation ?? p.eid}`;
      const tags = p.tags;
      const body = html`<h1>${title}</h1>
${p.heading ? html`<h2>${p.heading}</h2>` : ''}
<p>${t.t('legislation.provision.wording', { from: p.from })}</p>
${p.text ? html`<blockquote>${p.text}</blockquote>` : ''}
${p.summary ? html`<h2>${t.t('legislation.provision.summary')}</h2><p>${p.summary}</p>` : ''}
${p.link ? html`<p><a href="${p.link}">${t.t('legislation.provision.official')}</a></p>` : ''}
<dl>
<dt>${t.t('legislation.facet.article')}</dt><dd>${tags.articles.join(', ') || '—'}</dd>
<dt>${t.t('legislation.provision.tags')}</dt>
<dd>${[...tags.offences, ...tags.acts, ...tags.means, ...tags.purposes].join(', ') || '—'}</dd>
</dl>
<p><a href="/laws/${p.lawId}">${p.law.title}</a></p>`;
      return reply.type('text/html; charset=utf-8').send(page(t, { title, head: CSS_LINK }, body));
    },
  );

  app.get<{ Params: { country: string } }>('/compliance/:country', { schema: { hide: true } }, async (req, reply) => {
    const t = req.t;
    const q = parseOrThrow(atQuery, req.query, 'query');
    const res = await s.compliance.forCountry(req.params.country, req.actor, q.at);
    const by = new Map(res.assessments.map((a) => [a.element, a]));
    const name = countryName(res.country);
    const title = t.t('legislation.gap.title', { country: name });
    const csv = `/api/v1/compliance/${res.country}?format=csv${q.at ? `&at=${q.at}` : ''}`;
    const body = html`<h1>${title}</h1>
<p>${t.t('legislation.gap.intro', { version: CURRENT_CHECKLIST.version })}
${q.at ? t.t('legislation.gap.asAt', { at: q.at }) : ''}</p>
<p class="noprint"><a href="${csv}">${t.t('legislation.gap.csv')}</a></p>
<table class="gap"><caption>${title}</caption>
<thead><tr><th scope="col">${t.t('legislation.gap.element')}</th><th scope="col">${t.t('legislation.gap.level')}</th>
<th scope="col">${t.t('legislation.gap.result')}</th>
<th scope="col">${t.t('legislation.gap.reasoning')}</th></tr></thead>
<tbody>${CURRENT_CHECKLIST.elements.map((e) => {
      const a = by.get(e.code);
      return html`<tr><th scope="row">${elementLink(t, e.code)}
<div class="flags">${sources(t, e)}</div></th>
<td>${t.t(`legislation.level.${e.level}`)}</td>${resultCell(t, a)}
<td>${a ? html`${a.reasoning}<div class="flags">${a.assessor}, ${a.date}</div>` : ''}</td></tr>`;
    })}</tbody></table>`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title, head: CSS_LINK }, body));
  });

  app.get('/compliance', { schema: { hide: true } }, async (req, reply) => {
    const t = req.t;
    const q = parseOrThrow(regionQuery, req.query, 'query');
    const all = await s.compliance.all(req.actor);
    const inRegion = (c: string) => !q.region || !!countryByCode(c)?.regions.some((r) => r.code === q.region);
    const countries = [...new Set(all.map((a) => a.country))].filter(inRegion).sort();
    const cell = new Map<string, Assessment>(all.map((a) => [`${a.country}:${a.element}`, a]));
    const title = t.t('legislation.compare.title');
    const regions = REGIONS.filter((r) => r.level === 'region');
    const body = html`<h1>${title}</h1>
<nav class="noprint" aria-label="${t.t('legislation.compare.regions')}"><a href="/compliance">${t.t(
      'legislation.compare.all',
    )}</a> ${regions.map((r) => html` · <a href="/compliance?region=${r.code}">${r.name}</a>`)}</nav>
<table class="gap"><caption>${title}</caption><thead><tr><th scope="col">${t.t('legislation.gap.element')}</th>
${countries.map((c) => html`<th scope="col"><a href="/compliance/${c}">${countryName(c)}</a></th>`)}</tr></thead>
<tbody>${CURRENT_CHECKLIST.elements.map(
      (e) => html`<tr><th scope="row">${elementLink(t, e.code)}</th>
${countries.map((c) => resultCell(t, cell.get(`${c}:${e.code}`), false))}</tr>`,
    )}</tbody></table>`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title, head: CSS_LINK }, body));
  });

  app.get<{ Params: { element: string } }>(
    '/compliance/elements/:element',
    { schema: { hide: true } },
    async (req, reply) => {
      const t = req.t;
      const items = await s.compliance.forElement(req.params.element, req.actor);
      const lacking = items.filter((a) => a.result === 'does_not' || a.result === 'partially');
      const title = t.t('legislation.lack.title', { element: t.t(`legislation.element.${req.params.element}`) });
      const body = html`<h1>${title}</h1>
<p>${t.t('legislation.lack.count', { count: lacking.length, assessed: items.length })}</p>
<table class="gap"><caption>${title}</caption><thead><tr><th scope="col">${t.t('legislation.law.country')}</th>
<th scope="col">${t.t('legislation.gap.result')}</th></tr></thead>
<tbody>${items.map(
        (a) =>
          html`<tr><th scope="row"><a href="/compliance/${a.country}">${countryName(a.country)}</a></th>
${resultCell(t, a)}</tr>`,
      )}</tbody></table>`;
      return reply.type('text/html; charset=utf-8').send(page(t, { title, head: CSS_LINK }, body));
    },
  );
}
