/** /library/downloads: the download report for editors (the same figures as the API, and its CSV). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { html } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import { single } from '../../../kernel/http/query-params.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import { signedIn } from '../../platform/index.ts';
import type { LibraryServices } from '../services/library-services.ts';
import type { ReportRow } from '../services/download-counter.ts';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export function reportPage(app: FastifyInstance, library: LibraryServices): void {
  app.get('/library/downloads', async (req, reply) => {
    const actor = signedIn(req);
    const today = new Date().toISOString().slice(0, 10);
    const q = parseOrThrow(
      z.strictObject({ from: single(date.optional()), to: single(date.optional()) }),
      req.query,
      'parameters',
    );
    const from = q.from ?? `${today.slice(0, 4)}-01-01`;
    const to = q.to ?? today;
    const r = await library.downloads.report({ from, to }, actor);
    const t = req.t;
    const th = (key: string) => html`<th scope="col">${t.t(key)}</th>`;
    const row = (x: ReportRow) =>
      html`<tr><th scope="row">${x.label || t.t('library.report.unknown')}</th>
<td>${x.total}</td><td>${x.unique}</td></tr>`;
    const table = (key: string, rows: ReportRow[]) => {
      const head = html`<tr>${th(`library.report.${key}`)}${th('library.report.total')}
${th('library.report.unique')}</tr>`;
      const content = rows.length
        ? html`<table><thead>${head}</thead><tbody>${rows.map(row)}</tbody></table>`
        : html`<p>${t.t('library.report.none')}</p>`;
      return html`<section><h2>${t.t(`library.report.${key}`)}</h2>${content}</section>`;
    };
    const csv = `/api/v1/downloads/report?from=${from}&to=${to}&format=csv`;
    const body = html`<main id="main"><h1>${t.t('library.report.title')}</h1><p>${t.t('library.report.intro')}</p>
<form method="get" action="/library/downloads">
<label for="rf">${t.t('library.report.from')}</label> <input id="rf" type="date" name="from" value="${from}">
<label for="rt">${t.t('library.report.to')}</label> <input id="rt" type="date" name="to" value="${to}">
<button type="submit">${t.t('library.report.show')}</button></form>
<p>${t.t('library.report.total')}: ${r.total}; ${t.t('library.report.unique')}: ${r.unique}.
<a href="${csv}">${t.t('library.report.csv')}</a></p>
${table('month', r.byMonth)}${table('resource', r.byResource)}
${table('language', r.byLanguage)}${table('country', r.byCountry)}</main>`;
    return reply.type('text/html; charset=utf-8').send(page(t, { title: t.t('library.report.title') }, body));
  });
}
