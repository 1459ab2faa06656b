/** The country profile's "publications about this country" (order 40): published resources only. */
import type { CountrySection } from '../../../kernel/module.ts';
import { html } from '../../../kernel/web/html.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { Services as CaseServices } from '../../cases/index.ts';
import { resourceHits } from '../search/resource-source.ts';

export interface CountryPublications {
  country: string;
  total: number;
  items: { id: string; title: string; type: string; date: string; url: string }[];
}

export function countryPublications(search: CaseServices['search']): CountrySection<CountryPublications> {
  return {
    id: 'publications',
    order: 40,
    async load(country) {
      const res = await search.searchKinds({
        kinds: ['resource'],
        selection: { country: [country] } as never,
        limit: 10,
        facets: false,
        sort: 'date_desc',
      });
      if (!res.total) return null;
      return {
        country,
        total: res.total,
        items: resourceHits(res.hits).map(({ record: r }) => {
          return { id: r.id, title: r.title, type: r.type, date: r.date, url: `/library/${r.id}` };
        }),
      };
    },
    render(d, t) {
      const name = countryByCode(d.country)?.name ?? d.country;
      const more = t.t('library.country.more', { count: d.total, country: name });
      const item = (i: CountryPublications['items'][number]) =>
        html`<li><a href="${i.url}">${i.title}</a> (${i.date.slice(0, 4)})</li>`;
      return html`<section id="publications" aria-labelledby="publications-h">
<h2 id="publications-h">${t.t('library.country.title')}</h2>
<ul>${d.items.map(item)}</ul><p><a href="/library?country=${d.country}">${more}</a></p></section>`;
    },
  };
}
