/**
 * What an engine indexes of a case: analysed text per field (each narrative with its own language's
 * stemmer), the distinct tokens (for document frequencies), the title key, facet values and the date.
 * Pure: the same document feeds the SQLite engine and any other.
 */
import type { CaseRecord } from '../domain/case-schema.ts';
import { foldIdentifier } from '../domain/case-record.ts';
import { analyzeEach } from '../../../kernel/search/analyzer.ts';
import { dateNumber, facetValuesOf, type FacetField } from './facet-fields.ts';
import { titleKey, titleSynonyms } from '../../../kernel/search/title-key.ts';
import { countryByCode } from '../../../kernel/geo/countries.ts';
import { statsOf, type DocStats } from './stats-columns.ts';

function placeNames(code: string): string[] {
  const c = countryByCode(code);
  return c ? [...new Set([c.name, ...(c.isoName ? [c.isoName] : [])])] : [];
}

export interface SearchDocument {
  columns: {
    title: string;
    facts: string;
    reasoning: string;
    fulltext: string;
    court: string;
    citation: string;
    place: string;
  };
  tokens: Set<string>;
  /** For stems that differ from the word: one surface form (folded, unstemmed), for suggestions. */
  surfaces: Map<string, string>;
  titleKey: string;
  facets: Partial<Record<FacetField, string[]>>;
  /** Per-case figures for statistics. */
  stats: DocStats;
  date: number;
}

/** The language used for fields that carry none (title, court): the case's first narrative language. */
export function mainLanguage(rec: CaseRecord): string {
  return Object.keys(rec.narratives)[0] ?? 'en';
}

export function buildSearchDocument(rec: CaseRecord, fulltext = ''): SearchDocument {
  const lang = mainLanguage(rec);
  const tokens = new Set<string>();
  const surfaces = new Map<string, string>();
  // `counted`: whether the field's words enter `tokens` (document frequencies and the spelling
  // vocabulary). Document full text does not: it is neither curated nor kept with the record, so
  // its frequencies could not be taken back out exactly when the document changes.
  const col = (parts: [string | null | undefined, string][], counted = true): string => {
    const out: string[] = [];
    for (const [text, language] of parts) {
      if (!text) continue;
      let reported = 0;
      const analysed = analyzeEach(text, language, (t, word) => {
        reported++;
        if (!counted) return;
        const before = tokens.size;
        tokens.add(t);
        if (tokens.size !== before && word !== t) surfaces.set(t, word);
      });
      // Bigrams of unsegmented scripts are not reported one by one.
      if (counted && reported !== analysed.length) for (const t of analysed) tokens.add(t);
      out.push(analysed.join(' '));
    }
    return out.join(' ');
  };
  const narratives = Object.entries(rec.narratives);
  const identifiers = [rec.databaseNumber, ...rec.identifiers.map((i) => i.value)].filter((v): v is string => !!v);
  const columns = {
    title: col([
      [rec.title, lang],
      [titleSynonyms(rec.title), 'en'],
    ]),
    facts: col(narratives.map(([l, n]) => [n.facts, l])),
    reasoning: col(
      narratives.flatMap(
        ([l, n]) =>
          [
            [n.reasoning, l],
            [n.commentary, l],
            [n.crossCutting, l],
          ] as [string | null, string][],
      ),
    ),
    fulltext: col([[fulltext, lang]], false),
    court: col([rec.court, ...rec.proceedings.map((p) => p.court)].map((c) => [c, lang] as [string | null, string])),
    // Identifiers as written (tokens) and folded whole ("09-CR-1234" also as "09cr1234").
    citation: col(
      identifiers.flatMap(
        (v) =>
          [
            [v, lang],
            [foldIdentifier(v), lang],
          ] as [string, string][],
      ),
    ),
    // The jurisdiction by name: people type "mozambique" though the facts may never say it.
    place: col(placeNames(rec.jurisdiction).map((n) => [n, 'en'] as [string, string])),
  };
  const facets = Object.fromEntries(
    Object.entries(facetValuesOf(rec)).filter(([, v]) => v.length),
  ) as SearchDocument['facets'];
  return {
    columns,
    tokens,
    surfaces,
    titleKey: titleKey(rec.title),
    facets,
    stats: statsOf(rec),
    date: dateNumber(rec),
  };
}
