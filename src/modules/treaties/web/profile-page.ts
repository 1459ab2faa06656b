/** /countries/{code}: the country profile, printable, made of every module's section. */
import type { Translator } from '../../../kernel/i18n/i18n.ts';
import { html } from '../../../kernel/web/html.ts';
import { page } from '../../../kernel/web/layout.ts';
import { countryName, regionName } from '../../../kernel/geo/country-names.ts';
import type { Profile } from '../services/profile.ts';

export function profilePage(t: Translator, p: Profile): string {
  const c = p.country;
  const name = countryName(c.code, t);
  const sections = p.sections.map((s) => s.section.render(s.data, t));
  const body = html`<article class="country-profile"><h1>${name}</h1>
<p class="muted">${c.regions.map((r) => regionName(r.code, t)).join(' › ')}${c.alpha2 ? html` · ${c.code}` : ''}</p>
<p class="muted noprint">${t.t('treaties.profile.print')}
<a href="/api/v1/countries/${c.code}/profile">${t.t('treaties.profile.json')}</a></p>
${sections.length ? sections : html`<p>${t.t('treaties.profile.empty')}</p>`}</article>`;
  return page(
    t,
    {
      title: t.t('treaties.profile.title', { name }),
      description: t.t('treaties.profile.description', { name }),
    },
    body,
  );
}
