/** An application's budget as a table: one row a line, by year and category. */
import { html } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';

export function budgetTable(
  t: Translator,
  lines: readonly { year: number; category: string; amount: number }[],
  currency: string,
) {
  if (!lines.length) return '';
  return html`<h2>${t.t('grants.app.budget')}</h2><table><tbody>${lines.map(
    (l) =>
      html`<tr><th scope="row">${t.t('grants.app.year', { year: l.year })}</th><td>${l.category}</td>
        <td>${currency} ${l.amount.toLocaleString(t.intl ?? 'en')}</td></tr>`,
  )}</tbody></table>`;
}
