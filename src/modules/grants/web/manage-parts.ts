/** The application page's decision form and review panel, for the secretariat. */
import { html } from '../../../kernel/web/html.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import type { PanelMember } from '../services/panel-service.ts';
import { button, csrfField, field, textArea, textInput, type Form } from './parts.ts';

const MOVES = ['info_requested', 'eligible', 'ineligible', 'approved', 'rejected'] as const;

export function decisionForm(t: Translator, csrf: string, id: string, f: Form) {
  return html`<h2>${t.t('grants.manage.decision')}</h2>
    <form method="post" action="/grants/manage/applications/${id}/decision">${csrfField(csrf)}
      ${field(
        'to',
        t.t('grants.manage.to'),
        html`<select id="to" name="to">${MOVES.map(
          (m) =>
            html`<option value="${m}"${f.to === m ? ' selected' : ''}>${t.t('grants.app.status', {
              status: m,
            })}</option>`,
        )}</select>`,
      )}
      ${field('reason', t.t('grants.manage.reason'), textArea('reason', f.reason ?? ''))}
      <p>${button(t.t('grants.manage.decide'))}</p>
    </form>`;
}

function declared(t: Translator, m: PanelMember) {
  if (m.conflict === null) return t.t('grants.manage.notDeclared');
  return m.conflict ? t.t('grants.manage.recused', { reason: m.reason }) : t.t('grants.manage.noConflict');
}

export function panelSection(t: Translator, csrf: string, id: string, panel: PanelMember[], f: Form) {
  const rows = panel.map(
    (m) => html`<tr><td>${m.email}</td><td>${declared(t, m)}</td>
      <td>${m.score ?? '—'}</td><td>${m.revision ?? '—'}</td></tr>`,
  );
  return html`<h2>${t.t('grants.manage.panel')}</h2>
    ${
      panel.length
        ? html`<div class="table-wrap"><table class="data"><caption>${t.t('grants.manage.panelCaption')}</caption>
          <thead><tr><th scope="col">${t.t('grants.manage.reviewer')}</th><th scope="col">${t.t(
            'grants.manage.declaration',
          )}</th><th scope="col">${t.t('grants.manage.score')}</th><th scope="col">${t.t(
            'grants.manage.scoredRevision',
          )}</th></tr></thead><tbody>${rows}</tbody></table></div>`
        : html`<p>${t.t('grants.manage.noPanel')}</p>`
    }
    <form method="post" action="/grants/manage/applications/${id}/reviewers">${csrfField(csrf)}
      ${field('reviewer', t.t('grants.manage.assignLabel'), textInput('reviewer', f.reviewer ?? '', 'email'))}
      <p>${button(t.t('grants.manage.assign'))}</p>
    </form>`;
}
