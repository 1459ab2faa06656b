/** Small pieces the legislation pages share: result cells, evidence lists, names. */
import { html, type SafeHtml } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { Assessment } from '../domain/assessment.ts';

export const countryName = (code: string) => countryByCode(code)?.name ?? code;
export const CSS_LINK = html`<link rel="stylesheet" href="/assets/legislation.css">`;

const patterns = (t: Translator, a: Assessment) =>
  a.failurePatterns.map((f) => t.t(`legislation.pattern.${f}`)).join('; ');

export function resultCell(t: Translator, a: Assessment | undefined, withEvidence = true): SafeHtml {
  if (!a) return html`<td class="r-none">${t.t('legislation.result.none')}</td>`;
  return html`<td class="r-${a.result}"><span class="result">${t.t(`legislation.result.${a.result}`)}</span>
${a.failurePatterns.length ? html`<div class="flags">${patterns(t, a)}</div>` : ''}
${
  withEvidence && a.evidence.provisions.length
    ? html`<ul class="evidence">${a.evidence.provisions.map(
        (p) =>
          html`<li><a href="/laws/${p.lawId}/provisions/${p.eid}?at=${a.date}">${p.title}, ${
            p.heading ?? p.eid
          }</a></li>`,
      )}</ul>`
    : ''
}</td>`;
}
