/** Atom feed of a search's newest matching cases. */
import { html } from '../../../kernel/web/html.ts';
import type { HitSummary } from '../services/search-service.ts';

const summary = (h: HitSummary, where: string) =>
  `${where} · ${h.court ?? ''} · ${h.decisionDate ?? ''}${h.snippet ? ` — ${h.snippet.text}` : ''}`;

export function atomFeed(opts: {
  title: string;
  /** The feed's author (the site's name). */
  author: string;
  selfUrl: string;
  pageUrl: string;
  baseUrl: string;
  hits: HitSummary[];
  updated: string;
  /** The feed's language (its labels; the cases' own text stays as written), and a country's name in it. */
  lang?: string;
  countryName?: (code: string) => string;
}): string {
  const where = (h: HitSummary) => opts.countryName?.(h.jurisdiction) ?? h.jurisdictionName;
  return html`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"${opts.lang && opts.lang !== 'en' ? html` xml:lang="${opts.lang}"` : ''}>
<title>${opts.title}</title>
<id>${opts.selfUrl}</id>
<link rel="self" href="${opts.selfUrl}"/>
<link rel="alternate" type="text/html" href="${opts.pageUrl}"/>
<updated>${opts.updated}</updated>
<author><name>${opts.author}</name></author>
${opts.hits.map((h) => {
  const url = `${opts.baseUrl}/cases/${encodeURIComponent(h.id)}`;
  return html`<entry><title>${h.title}</title><id>${url}</id><link href="${url}"/><updated>${h.updatedAt}</updated>
<summary>${summary(h, where(h))}</summary></entry>`;
})}
</feed>`.value;
}
