/** The library's facets in the one search: type, language, year, topic, country. */
import { z } from 'zod';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import type { FacetDef } from '../../../kernel/search/facet-registry.ts';
import { primaryLanguage } from '../../../kernel/search/selection.ts';
import { RESOURCE_TYPES, TOPICS, yearOf, type Resource } from '../domain/resource.ts';

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });
const words = (code: string) => code.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());

export const RESOURCE_FACETS: readonly FacetDef<Resource>[] = [
  {
    name: 'resourceType',
    param: 'type',
    schema: z.enum(RESOURCE_TYPES, {
      error: (iss) => `unknown type '${String(iss.input)}'; allowed: ${RESOURCE_TYPES.join(', ')}`,
    }),
    query: { key: 'resourceType', names: ['type', 'types'], values: 'code', order: 110, codes: RESOURCE_TYPES },
    labelKey: 'library.facet.type',
    label: 'Type',
    valueLabel: words,
    values: (r) => [r.type],
  },
  {
    name: 'language',
    param: 'language',
    schema: z.string().regex(/^[a-z]{2,3}$/, 'language must be a primary language subtag such as en, es, pt'),
    labelKey: 'library.facet.language',
    label: 'Language',
    valueLabel: (v) => {
      try {
        return languageNames.of(v) ?? v;
      } catch {
        return v;
      }
    },
    values: (r) => [...new Set(r.languages.map((l) => primaryLanguage(l.language)))],
  },
  {
    name: 'year',
    param: 'year',
    schema: z.string(),
    range: { from: 'year_from', to: 'year_to' },
    labelKey: 'library.facet.year',
    label: 'Year',
    valueLabel: (v) => v,
    values: (r) => [yearOf(r)],
  },
  {
    name: 'topic',
    param: 'topic',
    schema: z.enum(TOPICS, {
      error: (iss) => `unknown topic '${String(iss.input)}'; allowed: ${TOPICS.join(', ')}`,
    }),
    query: { key: 'topic', names: ['topic', 'topics'], values: 'code', order: 111, codes: TOPICS },
    labelKey: 'library.facet.topic',
    label: 'Topic',
    valueLabel: words,
    values: (r) => r.topics,
  },
  {
    name: 'country',
    param: 'country',
    schema: z.string().regex(/^[A-Z]{3}$/, 'country must be an ISO 3166-1 alpha-3 code such as PHL'),
    labelKey: 'library.facet.country',
    label: 'Country',
    valueLabel: (v) => countryByCode(v)?.name ?? v,
    values: (r) => r.countries,
  },
];

export const RESOURCE_FACET_NAMES = RESOURCE_FACETS.map((f) => f.name);
