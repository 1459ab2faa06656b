/**
 * The country profile's "publications about this country" section (order 40), loaded and rendered
 * directly (the profile page itself is the treaties module's): published resources only, newest first.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/test-app.ts';
import { SYSTEM } from '../../src/modules/platform/index.ts';
import { libraryModule } from '../../src/modules/library/index.ts';
import { countryPublications } from '../../src/modules/library/web/country-section.ts';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
  const lib = t.services.library;
  const make = async (title: string, date: string, publish: boolean) => {
    const r = await lib.resources.create(
      {
        type: 'report',
        title,
        date,
        countries: ['NGA'],
        languages: [{ language: 'en', url: 'https://www.unodc.org/' }],
      },
      SYSTEM,
    );
    if (publish) {
      await lib.resources.transition(r.id, { to: 'in_review' }, SYSTEM);
      await lib.resources.transition(r.id, { to: 'published' }, SYSTEM);
    }
  };
  await make('Assessment of trafficking <in> Nigeria', '2015', true);
  await make('Newer assessment of Nigeria', '2021', true);
  await make('Draft on Nigeria', '2022', false);
});
afterAll(() => t.close());

describe('country profile section', () => {
  it('is declared by the module with order 40', () => {
    const sections = libraryModule.countrySections!({ services: t.services as never, config: t.config });
    expect(sections.map((s) => [s.id, s.order])).toEqual([['publications', 40]]);
  });

  it('loads published resources about the country, newest first, and renders them escaped', async () => {
    const section = countryPublications(t.services.search);
    const data = await section.load('NGA');
    expect(data?.total).toBe(2);
    expect(data?.items.map((i) => i.title)).toEqual([
      'Newer assessment of Nigeria',
      'Assessment of trafficking <in> Nigeria',
    ]);
    const t8 = {
      locale: 'en',
      dir: 'ltr' as const,
      t: (k: string, v?: Record<string, unknown>) => `${k}${v ? JSON.stringify(v) : ''}`,
      has: () => true,
    };
    const html = section.render(data!, t8).toString();
    expect(html).toContain('<section id="publications"');
    expect(html).toContain('library.country.title');
    expect(html).toContain('Assessment of trafficking &lt;in&gt; Nigeria');
    expect(html).toContain('/library?country=NGA');
    expect(html).not.toContain('Draft on Nigeria');
    expect(await section.load('PHL')).toBeNull();
  });
});
