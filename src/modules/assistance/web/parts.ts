/** Small shared pieces of the register's pages. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { nameOf, REGION } from '../domain/codelists.ts';
import type { Activity } from '../domain/schemas.ts';

export const countryName = (code: string) => countryByCode(code)?.name ?? code;
export const regionLabel = (code: string) => nameOf(REGION, code);

export function subnav(t: Translator, current: string): SafeHtml {
  const items = [
    ['/assistance', 'activities'],
    ['/assistance/partners', 'partners'],
    ['/assistance/agreements', 'agreements'],
    ['/assistance/campaigns', 'campaigns'],
    ['/assistance/reports', 'reports'],
  ] as const;
  return html`<nav class="subnav" aria-label="${t.t('assistance.nav.label')}"><ul>${items.map(
    ([href, key]) =>
      html`<li><a href="${href}"${key === current ? html` aria-current="page"` : ''}>${t.t(
        `assistance.nav.${key}`,
      )}</a></li>`,
  )}</ul></nav>`;
}

export function provenance(t: Translator, p: Activity['provenance']): SafeHtml {
  if (!p) return html``;
  const where = p.paragraphs.length
    ? html`, ${t.t('assistance.field.paragraphs', { list: p.paragraphs.join(', ') })}`
    : '';
  const source = p.url ? html`<a href="${p.url}">${p.source}</a>` : p.source;
  return html`<p class="source"><strong>${t.t('assistance.field.source')}:</strong> ${source}${where}${
    p.note ? html`. ${p.note}` : ''
  }</p>`;
}

export const dateOrUnknown = (t: Translator, d: string | null) => d ?? t.t('assistance.field.unknown');
