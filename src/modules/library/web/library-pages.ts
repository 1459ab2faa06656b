/** The library's pages: /library (browse and search with facets) and /library/{id} (or its tombstone). */
import type { FastifyInstance } from 'fastify';
import { html, safeUrl, highlight, type SafeHtml } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import { AppError } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { AuthConfig } from '../../platform/index.ts';
import type { LibraryServices } from '../services/library-services.ts';
import type { LibraryRouteDeps } from '../http/resource-routes.ts';
import { fileUrl } from '../http/resource-routes.ts';
import { resourceSearchSchema, selectionOf } from '../http/schemas.ts';
import { downloadSession } from '../http/download-routes.ts';
import { RESOURCE_FACETS } from '../search/facets.ts';
import { resourceHits, type LibrarySnippet } from '../search/resource-source.ts';
import type { Resource } from '../domain/resource.ts';
import type { Tombstone } from '../services/resource-service.ts';
import { CITATION_FORMATS } from '../services/citations.ts';

const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1048576 ? `${(n / 1024).toFixed(0)} KB` : `${(n / 1048576).toFixed(1)} MB`;
const label = (name: string, v: string) => RESOURCE_FACETS.find((f) => f.name === name)?.valueLabel(v) ?? v;
/** Types and topics from the catalog; languages and countries are names from reference data. */
const valueText = (t: Translator, name: string, v: string) =>
  name === 'resourceType' ? t.t(`library.type.${v}`) : name === 'topic' ? t.t(`library.topic.${v}`) : label(name, v);
const FACET_PARAM: Record<string, string> = Object.fromEntries(RESOURCE_FACETS.map((f) => [f.name, f.param]));

function facetBox(
  t: Translator,
  name: string,
  values: { value: string; count: number }[],
  selected: readonly string[],
): SafeHtml {
  if (!values.length || name === 'year') return html``;
  const f = RESOURCE_FACETS.find((x) => x.name === name)!;
  const box = (v: { value: string; count: number }) =>
    html`<label><input type="checkbox" name="${f.param}" value="${v.value}"${
      selected.includes(v.value) ? html` checked` : ''
    }> ${valueText(t, name, v.value)} (${v.count})</label><br>`;
  return html`<fieldset class="facet"><legend>${t.t(f.labelKey)}</legend>${values.slice(0, 15).map(box)}</fieldset>`;
}

function hitItem(t: Translator, r: Resource, snippet: LibrarySnippet | null): SafeHtml {
  const meta = `${t.t(`library.type.${r.type}`)}, ${r.date.slice(0, 4)}${r.symbol ? `, ${r.symbol}` : ''}`;
  const where = snippet?.page
    ? html` <span class="meta">(${t.t('library.search.inFile', { page: snippet.page })})</span>`
    : '';
  const passage =
    snippet && snippet.highlights.length
      ? html`<p class="snippet">${highlight(snippet.text, snippet.highlights)}${where}</p>`
      : '';
  return html`<li><a href="/library/${r.id}">${r.title}</a> <span class="meta">${meta}</span>${passage}</li>`;
}

export function tombstonePage(t: Translator, s: Tombstone, successor: Resource | undefined): string {
  const title = t.t('library.tombstone.title', { title: s.title });
  const next = successor
    ? html`<p>${t.t('library.tombstone.successor')} <a href="/library/${successor.id}">${successor.title}</a></p>`
    : '';
  return page(
    t,
    { title },
    html`<main id="main"><h1>${title}</h1>
<p>${t.t('library.tombstone.body', { date: s.withdrawnAt.slice(0, 10) })}</p>
<p>${t.t('library.tombstone.reason', { reason: s.reason })}</p>${next}</main>`,
  );
}

function versions(t: Translator, r: Resource, earlier: Resource['files']): SafeHtml {
  const fileItem = (f: Resource['files'][number]) => {
    const text = t.t('library.resource.download', { filename: f.filename, size: size(f.size) });
    const pages = f.pages ? html` (${t.t('library.resource.pages', { pages: f.pages })})` : '';
    return html`<li><a href="${fileUrl(r.id, f.language, f.filename)}">${text}</a>${pages}</li>`;
  };
  const version = (l: Resource['languages'][number]) => {
    const files = r.files.filter((f) => f.language === l.language);
    const link = l.url ? safeUrl(l.url) : null;
    const none = link
      ? html`<li><a href="${link}" rel="noopener">${t.t('library.field.source')}</a></li>`
      : html`<li>${t.t('library.resource.noFile')}</li>`;
    const name = label('language', l.language.split('-')[0]!);
    return html`<li><strong>${name}</strong>${l.title ? html`: <span lang="${l.language}">${l.title}</span>` : ''}
<ul>${files.map(fileItem)}${files.length ? '' : none}</ul></li>`;
  };
  const old = (f: Resource['files'][number]) => {
    const text = t.t('library.resource.replaced', { filename: f.filename, date: (f.replacedAt ?? '').slice(0, 10) });
    return html`<li><a href="${fileUrl(r.id, f.language, f.filename)}?sha256=${f.sha256}">${text}</a></li>`;
  };
  const history = earlier.length ? html`<h3>${t.t('library.resource.earlier')}</h3><ul>${earlier.map(old)}</ul>` : '';
  return html`<section><h2>${t.t('library.resource.versions')}</h2><ul>${r.languages.map(version)}</ul>
${history}</section>`;
}

function citeBox(t: Translator, citeBase: string): SafeHtml {
  const item = (f: string) => html`<li><a href="${citeBase}?format=${f}">${t.t(`library.format.${f}`)}</a></li>`;
  return html`<section class="cite" aria-labelledby="cite-h"><h2 id="cite-h">${t.t('library.resource.cite')}</h2>
<p>${t.t('library.resource.citeHint')}</p><ul>${CITATION_FORMATS.map(item)}</ul></section>`;
}

function detail(t: Translator, r: Resource, citeBase: string, earlier: Resource['files']): SafeHtml {
  const dl = (key: string, value: string | SafeHtml | null | undefined) =>
    value ? html`<dt>${t.t(`library.field.${key}`)}</dt><dd>${value}</dd>` : '';
  const places = [...r.countries.map((c) => countryByCode(c)?.name ?? c), ...r.regions];
  const src = r.url ? safeUrl(r.url) : null;
  const related = [
    ...r.related.cases.map(
      (id) => html`<li><a href="/cases/${id}">${t.t('library.resource.relatedCase', { id })}</a></li>`,
    ),
    ...r.related.laws.map((id) => html`<li>${t.t('library.resource.relatedLaw', { id })}</li>`),
    ...r.related.treaties.map((id) => html`<li>${t.t('library.resource.relatedTreaty', { id })}</li>`),
  ];
  const relatedBox = related.length
    ? html`<section><h2>${t.t('library.resource.related')}</h2><ul>${related}</ul></section>`
    : '';
  const abstract = r.abstract
    ? html`<section><h2>${t.t('library.resource.abstract')}</h2><p>${r.abstract}</p></section>`
    : '';
  return html`<main id="main"><h1>${r.title}</h1>${r.subtitle ? html`<p class="subtitle">${r.subtitle}</p>` : ''}
<dl>${dl('type', t.t(`library.type.${r.type}`))}${dl('authors', [...r.authors, ...r.corporateAuthors].join('; '))}
${dl('publisher', [r.publisher, r.publisherPlace].filter(Boolean).join(', '))}${dl('date', r.date)}
${dl('symbol', r.symbol)}${dl('salesNumber', r.salesNumber)}${dl('isbn', r.isbn)}${dl('series', r.series)}
${dl('topics', r.topics.map((x) => t.t(`library.topic.${x}`)).join(', '))}${dl('countries', places.join(', '))}
${dl('rights', r.rights)}${dl('licence', r.licence)}
${dl('source', src ? html`<a href="${src}" rel="noopener">${r.url}</a>` : null)}</dl>
${abstract}${versions(t, r, earlier)}${citeBox(t, citeBase)}${relatedBox}</main>`;
}

export function libraryPages(app: FastifyInstance, deps: LibraryRouteDeps & { auth: AuthConfig }): void {
  const lib: LibraryServices = deps.library;
  app.get('/library', async (req, reply) => {
    const t = req.t;
    const p = parseOrThrow(resourceSearchSchema(deps.maxPageSize), req.query, 'search parameters');
    const res = await deps.search.searchKinds({
      q: p.q,
      kinds: ['resource'],
      selection: selectionOf(p) as never,
      sort: p.sort,
      limit: p.limit,
      cursor: p.cursor,
      facets: true,
    });
    const selected = (name: string) =>
      ((p as Record<string, unknown>)[FACET_PARAM[name]!] as string[] | undefined) ?? [];
    const next = res.nextCursor
      ? `/library?${new URLSearchParams({ ...(p.q ? { q: p.q } : {}), cursor: res.nextCursor }).toString()}`
      : null;
    const facetValues = (name: string) => (res.facets[name] ?? []) as { value: string; count: number }[];
    const hits = resourceHits(res.hits);
    const list = hits.length
      ? html`<ol class="hits">${hits.map((h) => hitItem(t, h.record, h.snippet))}</ol>`
      : html`<p>${t.t('library.search.none')}</p>`;
    const body = html`<main id="main"><h1>${t.t('library.title')}</h1><p>${t.t('library.intro')}</p>
<form method="get" action="/library" role="search"><label for="lq">${t.t('library.search.label')}</label>
<input id="lq" type="search" name="q" value="${p.q ?? ''}">
<button type="submit">${t.t('library.search.submit')}</button>
<details open><summary>${t.t('library.search.filters')}</summary>
${RESOURCE_FACETS.map((f) => facetBox(t, f.name, facetValues(f.name), selected(f.name)))}
<button type="submit">${t.t('library.search.apply')}</button></details></form>
<p>${t.t('library.search.count', { count: res.total })}</p>
${list}${next ? html`<p><a rel="next" href="${next}">${t.t('library.search.next')}</a></p>` : ''}</main>`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: t.t('library.title'), query: p.q }, body));
  });

  app.get<{ Params: { id: string } }>('/library/:id', async (req, reply) => {
    const t = req.t;
    let r: Resource;
    try {
      r = await lib.resources.get(req.params.id, req.actor);
    } catch (e) {
      if (e instanceof AppError && e.code === 'GONE') {
        const stone = (e.details as { tombstone: Tombstone }).tombstone;
        const succ = stone.successorId
          ? (await lib.resources.published([stone.successorId])).get(stone.successorId)
          : undefined;
        return reply
          .status(410)
          .type('text/html; charset=utf-8')
          .send(tombstonePage(t, stone, succ));
      }
      throw e;
    }
    await downloadSession(req, reply, lib, deps.auth);
    const earlier = (await lib.files.list(r.id, req.actor)).filter((f) => f.replacedAt);
    return reply
      .type('text/html; charset=utf-8')
      .send(
        page(
          t,
          { title: r.title, description: r.abstract?.slice(0, 200) },
          detail(t, r, `/api/v1/resources/${r.id}/citation`, earlier),
        ),
      );
  });
}
