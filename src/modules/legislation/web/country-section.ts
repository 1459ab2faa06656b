/** The country profile's legislation-and-compliance section (order 30): published laws and assessments only. */
import type { CountrySection } from '../../../kernel/module.ts';
import { html } from '../../../kernel/web/html.ts';
import { ANONYMOUS } from '../../platform/index.ts';
import type { LegislationServices } from '../services/services.ts';
import type { LawWork } from '../domain/law-schema.ts';
import type { Assessment } from '../domain/assessment.ts';
import { RESULTS } from '../domain/assessment.ts';
import type { Translator } from '../../../kernel/i18n/i18n.ts';

const gapItem = (t: Translator, g: { element: string; result: string }) =>
  html`<li>${t.t(`legislation.element.${g.element}`)}: ${t.t(`legislation.result.${g.result}`)}</li>`;

export interface LegislationSectionData {
  country: string;
  laws: Pick<LawWork, 'id' | 'title' | 'type' | 'number' | 'adopted'>[];
  assessed: number;
  results: Record<string, number>;
  gaps: Pick<Assessment, 'element' | 'result' | 'failurePatterns'>[];
}

export function legislationSection(s: LegislationServices): CountrySection<LegislationSectionData> {
  return {
    id: 'legislation',
    order: 30,
    async load(country) {
      const laws = await s.laws.list(ANONYMOUS, { country });
      const { assessments } = await s.compliance.forCountry(country, ANONYMOUS);
      if (!laws.length && !assessments.length) return null;
      const results = Object.fromEntries(RESULTS.map((r) => [r, assessments.filter((a) => a.result === r).length]));
      return {
        country,
        laws: laws.map(({ id, title, type, number, adopted }) => ({ id, title, type, number, adopted })),
        assessed: assessments.length,
        results,
        gaps: assessments
          .filter((a) => a.result === 'does_not' || a.result === 'partially')
          .map(({ element, result, failurePatterns }) => ({ element, result, failurePatterns })),
      };
    },
    render(d, t) {
      return html`<section id="legislation"><h2>${t.t('legislation.section.title')}</h2>
<ul>${d.laws.map((w) => html`<li><a href="/laws/${w.id}">${w.title}</a></li>`)}</ul>
<p>${t.t('legislation.section.assessed', { count: d.assessed })}
<a href="/compliance/${d.country}">${t.t('legislation.section.report')}</a></p>
${d.gaps.length ? html`<ul>${d.gaps.map((g) => gapItem(t, g))}</ul>` : ''}
</section>`;
    },
  };
}
