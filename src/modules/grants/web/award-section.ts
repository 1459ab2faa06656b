/** The application page's award part: the award form once approved, then the agreement, tranches and reports. */
import { html } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { Application } from '../domain/schemas.ts';
import type { AwardService } from '../services/award-service.ts';
import { actionForm, button, csrfField, field, textArea, textInput, type Form } from './parts.ts';

type Award = Awaited<ReturnType<AwardService['get']>>;

export function awardSection(t: Translator, csrf: string, a: Application, award: Award | null, f: Form) {
  if (!award) {
    if (a.status !== 'approved') return '';
    return html`<h2>${t.t('grants.award.title')}</h2>
      <form method="post" action="/grants/manage/applications/${a.id}/award">${csrfField(csrf)}
        <input type="hidden" name="currency" value="${a.content.currency}">
        ${field(
          'amount',
          t.t('grants.award.amount', { currency: a.content.currency }),
          textInput('amount', f.amount ?? '', 'number'),
        )}
        ${field('agreementRef', t.t('grants.award.agreementRef'), textInput('agreementRef', f.agreementRef ?? ''))}
        ${field('signedOn', t.t('grants.award.signedOn'), textInput('signedOn', f.signedOn ?? '', 'date'))}
        ${field('tranches', t.t('grants.award.tranchesLines'), textArea('tranches', f.tranches ?? ''))}
        ${field('reports', t.t('grants.award.reportsLines'), textArea('reports', f.reports ?? ''))}
        <p>${button(t.t('grants.award.submit'))}</p>
      </form>`;
  }
  const base = `/grants/manage/applications/${a.id}`;
  const money = (n: number) => `${award.currency} ${n.toLocaleString(t.intl ?? 'en')}`;
  const tranches = award.tranches.map(
    (tr) => html`<tr><td>${tr.seq}</td><td>${tr.dueOn}</td><td>${money(tr.amount)}</td>
      <td>${
        tr.releasedOn ?? actionForm(`${base}/tranches/${tr.seq}/release`, csrf, t.t('grants.award.release'))
      }</td></tr>`,
  );
  const reports = award.reports.map(
    (r) => html`<tr><td>${t.t('grants.award.kind', { kind: r.kind })}</td><td>${r.dueOn}</td>
      <td>${r.receivedOn ?? actionForm(`${base}/reports/${r.id}/received`, csrf, t.t('grants.award.received'))}</td>
      <td>${
        r.approvedOn ??
        (r.receivedOn ? actionForm(`${base}/reports/${r.id}/approve`, csrf, t.t('grants.award.approve')) : '—')
      }</td></tr>`,
  );
  return html`<h2>${t.t('grants.award.title')}</h2>
    <p>${t.t('grants.award.summary', {
      amount: `${award.currency} ${award.amount.toLocaleString(t.intl ?? 'en')}`,
      ref: award.agreementRef,
      signed: award.signedOn,
    })}</p>
    <p>${t.t('grants.award.rule')}</p>
    <div class="table-wrap"><table class="data"><caption>${t.t('grants.award.tranches')}</caption>
      <thead><tr><th scope="col">#</th><th scope="col">${t.t('grants.award.due')}</th>
      <th scope="col">${t.t('grants.award.amountCol')}</th>
      <th scope="col">${t.t('grants.award.released')}</th></tr></thead>
      <tbody>${tranches}</tbody></table></div>
    ${
      reports.length
        ? html`<div class="table-wrap"><table class="data"><caption>${t.t('grants.award.reports')}</caption>
          <thead><tr><th scope="col">${t.t('grants.award.kindCol')}</th><th scope="col">${t.t('grants.award.due')}</th>
          <th scope="col">${t.t('grants.award.receivedCol')}</th><th scope="col">${t.t(
            'grants.award.approvedCol',
          )}</th></tr></thead><tbody>${reports}</tbody></table></div>`
        : ''
    }`;
}
