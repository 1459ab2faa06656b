/** The treaty section of the country profile (order 10): the status under each instrument. */
import type { CountrySection } from '../../../kernel/module.ts';
import { html } from '../../../kernel/web/html.ts';
import type { TreatyServices } from '../services/services.ts';
import type { InstrumentHeader, ParticipantStatus, StatementView } from '../services/status-model.ts';
import type { ParticipantLinks } from '../services/link-service.ts';
import { eifText, linksText, statusText } from './parts.ts';

export interface TreatyProfile {
  instruments: {
    id: string;
    shortTitle: string;
    status: ParticipantStatus | null;
    statements: StatementView[];
    header: InstrumentHeader;
  }[];
  /** Predecessor and successor States (the same under every instrument). */
  links: ParticipantLinks;
}

export function treatyCountrySection(services: TreatyServices): CountrySection<TreatyProfile> {
  return {
    id: 'treaties',
    order: 10,
    async load(country) {
      const instruments = [];
      for (const id of await services.treaties.instrumentIds()) {
        const s = await services.treaties.status(id);
        instruments.push({
          id,
          shortTitle: s.instrument.shortTitle,
          header: s.instrument,
          status: s.participants.find((p) => p.code === country) ?? null,
          statements: s.statements.filter((st) => st.participant === country),
        });
      }
      return { instruments, links: await services.treatyLinks.of(country) };
    },
    render(d, t) {
      const rows = d.instruments.map(
        (i) => html`<tr><th scope="row"><a href="/treaties/${i.id}">${i.shortTitle}</a>
<span class="muted">${i.id}</span></th>
<td>${statusText(t, i.status)}${
          i.status?.entryIntoForceDetail?.disagrees ? html`<br>${eifText(t, i.status.entryIntoForceDetail)}` : ''
        }${
          i.statements.length
            ? html`<br><span class="muted">${t.t('treaties.section.statements', { count: i.statements.length })}</span>`
            : ''
        }</td></tr>`,
      );
      const linked = d.links.predecessors.length + d.links.successors.length;
      const links = linked
        ? html`<p class="treaty-links"><strong>${t.t('treaties.links.heading')}</strong>${linksText(t, d.links)}</p>`
        : '';
      return html`<section id="treaties" class="profile-section"><h2>${t.t('treaties.section.heading')}</h2>${links}
<div class="table-wrap"><table class="data"><caption>${t.t('treaties.section.heading')}</caption>
<thead><tr><th scope="col">${t.t('treaties.section.instrument')}</th><th scope="col">${t.t(
        'treaties.section.status',
      )}</th></tr></thead><tbody>${rows}</tbody></table></div></section>`;
    },
  };
}
