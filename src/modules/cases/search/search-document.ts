/**
 * The case source's projection: a case record as the generic document the engines index
 * (kernel/search/search-document.ts analyses it). Title 10, identifiers 8, facts 5, court 3,
 * reasoning and commentary 2, jurisdiction name 2, attached full text 1 (the BM25 weights).
 */
import type { CaseRecord } from '../domain/case-schema.ts';
import { foldIdentifier } from '../../../kernel/search/identifier.ts';
import { analyseDocument, type SearchDocument } from '../../../kernel/search/search-document.ts';
import type { SourceDocument, TextParts } from '../../../kernel/search/search-source.ts';
import { dateNumber, facetValuesOf } from './facet-fields.ts';
import { titleKey, titleSynonyms } from '../../../kernel/search/title-key.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { statsOf } from './stats-columns.ts';

export type { SearchDocument };

function placeNames(code: string): string[] {
  const c = countryByCode(code);
  return c ? [...new Set([c.name, ...(c.isoName ? [c.isoName] : [])])] : [];
}

/** The language used for fields that carry none (title, court): the case's first narrative language. */
export function mainLanguage(rec: CaseRecord): string {
  return Object.keys(rec.narratives)[0] ?? 'en';
}

export function caseDocument(rec: CaseRecord): SourceDocument {
  const lang = mainLanguage(rec);
  const narratives = Object.entries(rec.narratives);
  const identifiers = [rec.databaseNumber, ...rec.identifiers.map((i) => i.value)].filter((v): v is string => !!v);
  return {
    title: [
      [rec.title, lang],
      [titleSynonyms(rec.title), 'en'],
    ],
    summary: narratives.map(([l, n]) => [n.facts, l]),
    body: narratives.flatMap(
      ([l, n]): TextParts => [
        [n.reasoning, l],
        [n.commentary, l],
        [n.crossCutting, l],
      ],
    ),
    authority: [rec.court, ...rec.proceedings.map((p) => p.court)].map((c) => [c, lang] as const),
    // Identifiers as written (tokens) and folded whole ("09-CR-1234" also as "09cr1234").
    citation: identifiers.flatMap(
      (v): TextParts => [
        [v, lang],
        [foldIdentifier(v), lang],
      ],
    ),
    // The jurisdiction by name: people type "mozambique" though the facts may never say it.
    place: placeNames(rec.jurisdiction).map((n) => [n, 'en'] as const),
    language: lang,
    titleKey: titleKey(rec.title),
    date: dateNumber(rec),
    facets: facetValuesOf(rec),
    // Per-case figures for statistics, carried in the facet slots (stats-columns.ts).
    payload: statsOf(rec),
  };
}

export function buildSearchDocument(rec: CaseRecord, fulltext = ''): SearchDocument {
  return analyseDocument(caseDocument(rec), fulltext);
}
