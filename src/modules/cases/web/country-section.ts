/**
 * The case-law section of the country profile (/countries/{code}, order 20): published cases only
 * (the search index holds nothing else), counted by year and by purpose, the newest cases, and a
 * link to the search filtered on the country.
 */
import type { CountrySection } from '../../../kernel/module.ts';
import { html } from '../../../kernel/web/html.ts';
import type { Services } from '../services/services.ts';
import { facetValueLabel } from '../i18n/labels.ts';
import { hitItem } from './parts.ts';
import type { HitSummary } from '../services/search-service.ts';

export interface CaseProfile {
  total: number;
  byYear: { year: string; count: number }[];
  byPurpose: { purpose: string; label: string; count: number }[];
  newest: HitSummary[];
  searchUrl: string;
}

export function casesCountrySection(services: Services): CountrySection<CaseProfile> {
  return {
    id: 'cases',
    order: 20,
    async load(country) {
      const res = await services.search.search({
        selection: { jurisdiction: [country] },
        sort: 'date_desc',
        limit: 5,
        facets: true,
      });
      if (!res.total) return null;
      return {
        total: res.total,
        byYear: (res.facets.year ?? [])
          .map((y) => ({ year: y.value, count: y.count }))
          .sort((a, b) => b.year.localeCompare(a.year)),
        byPurpose: (res.facets.purposes ?? []).map((p) => ({ purpose: p.value, label: p.label, count: p.count })),
        newest: res.hits,
        searchUrl: `/search?jurisdiction=${country}`,
      };
    },
    render(d, t) {
      const years = d.byYear.map((y) => html`<tr><th scope="row">${y.year}</th><td class="num">${y.count}</td></tr>`);
      const purposes = d.byPurpose.map(
        (p) =>
          html`<tr><th scope="row">${facetValueLabel(t, 'purposes', p.purpose, p.label)}</th><td class="num">${
            p.count
          }</td></tr>`,
      );
      return html`<section id="cases" class="profile-section"><h2>${t.t('cases.profile.heading')}</h2>
<p>${t.t('cases.jurisdiction.count', { count: d.total })} <a href="${d.searchUrl}">${t.t(
        'cases.jurisdiction.searchLink',
      )}</a></p>
<div class="table-wrap"><table class="data"><caption>${t.t('cases.profile.byYear')}</caption>
<thead><tr><th scope="col">${t.t('cases.profile.year')}</th><th scope="col" class="num">${t.t(
        'cases.profile.cases',
      )}</th></tr></thead><tbody>${years}</tbody></table></div>
<div class="table-wrap"><table class="data"><caption>${t.t('cases.profile.byPurpose')}</caption>
<thead><tr><th scope="col">${t.t('cases.profile.purpose')}</th><th scope="col" class="num">${t.t(
        'cases.profile.cases',
      )}</th></tr></thead><tbody>${purposes}</tbody></table></div>
<h3>${t.t('cases.profile.newest')}</h3><ol class="hits">${d.newest.map((h) => hitItem(t, h))}</ol></section>`;
    },
  };
}
