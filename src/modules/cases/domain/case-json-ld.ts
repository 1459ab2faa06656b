/** A case as schema.org JSON-LD: for case pages (machine-readable metadata) and bulk export. */
import type { CaseRecord } from './case-schema.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { TAG_KINDS, type Vocabulary } from './taxonomy.ts';
import { englishLabel as labelOf } from '../i18n/english.ts';

export const TAG_VOCAB: Record<(typeof TAG_KINDS)[number], Vocabulary> = {
  acts: 'acts',
  means: 'means',
  purposes: 'purposes',
  forms: 'forms',
  sectors: 'sectors',
  offences: 'offences',
};

export function jsonLd(rec: CaseRecord, url: string): Record<string, unknown> {
  const lang = Object.keys(rec.narratives);
  return {
    '@context': 'https://schema.org',
    '@type': 'CreativeWork',
    additionalType: 'LegalCase',
    '@id': url,
    url,
    name: rec.title,
    identifier: [
      rec.id,
      ...rec.identifiers.map((i) => ({ '@type': 'PropertyValue', propertyID: i.type, value: i.value })),
    ],
    dateCreated: rec.decisionDate ?? undefined,
    inLanguage: lang.length ? lang : undefined,
    spatialCoverage: { '@type': 'Place', name: countryByCode(rec.jurisdiction)?.name ?? rec.jurisdiction },
    author: rec.court ? { '@type': 'Organization', name: rec.court } : undefined,
    about: TAG_KINDS.flatMap((k) => rec.tags[k].map((c) => labelOf(TAG_VOCAB[k], c))),
    abstract: Object.values(rec.narratives)[0]?.facts ?? undefined,
    citation: rec.sources.map((s) => s.value),
    dateModified: rec.updatedAt,
  };
}
