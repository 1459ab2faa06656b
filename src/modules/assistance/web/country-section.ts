/** The "assistance received" section of the country profile: published activities concerning the country. */
import type { CountrySection } from '../../../kernel/module.ts';
import { html } from '../../../kernel/web/html.ts';
import type { Activity } from '../domain/schemas.ts';
import type { AssistanceRegisters } from '../services/assistance-services.ts';
import { yearOf } from '../search/activity-facets.ts';

export interface AssistanceReceived {
  country: string;
  activities: {
    id: string;
    title: string;
    type: string;
    year: string | null;
    roles: ('recipient' | 'participants' | 'venue')[];
  }[];
}

export function assistanceSection(r: AssistanceRegisters): CountrySection<AssistanceReceived> {
  return {
    id: 'assistance',
    order: 50,
    async load(country) {
      const activities = (await r.activities.published())
        .map((s) => s.record as Activity)
        .flatMap((a) => {
          const roles: AssistanceReceived['activities'][number]['roles'] = [];
          if (a.recipientCountries.some((c) => c.code === country)) roles.push('recipient');
          if (a.participantCountries.includes(country)) roles.push('participants');
          if (a.venueCountries.includes(country)) roles.push('venue');
          return roles.length ? [{ id: a.id, title: a.title, type: a.type, year: yearOf(a), roles }] : [];
        })
        .sort((x, y) => (y.year ?? '').localeCompare(x.year ?? '') || x.title.localeCompare(y.title));
      return activities.length ? { country, activities } : null;
    },
    render(data, t) {
      return html`<section id="assistance" aria-labelledby="assistance-h"><h2 id="assistance-h">${t.t(
        'assistance.profile.title',
      )}</h2><ul>${data.activities.map(
        (a) =>
          html`<li><a href="/assistance/${a.id}">${t.t('assistance.profile.item', {
            title: a.title,
            year: a.year ?? t.t('assistance.field.unknown'),
            roles: a.roles.map((x) => t.t(`assistance.profile.role.${x}`)).join(', '),
          })}</a></li>`,
      )}</ul><p><a href="/assistance?country=${data.country}">${t.t('assistance.profile.more')}</a></p></section>`;
    },
  };
}
