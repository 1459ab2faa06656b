/**
 * What an engine indexes of a source's document: analysed text per column (each part with its own
 * language's stemmer), the distinct tokens (for document frequencies), their surface forms, the title
 * key, facet values, date and the source's payload. Pure: the same document feeds both engines.
 */
import { analyzeEach } from './analyzer.ts';
import { identifierKeys, KEY_MARK } from './identifier.ts';
import { titleKeys } from './title-key.ts';
import type { SourceDocument, TextParts } from './search-source.ts';

/** The analysed columns, in the order both engines store them. */
export const COLUMNS = ['title', 'facts', 'reasoning', 'fulltext', 'court', 'citation', 'place'] as const;
export type Column = (typeof COLUMNS)[number];

export interface SearchDocument {
  columns: Record<Column, string>;
  tokens: Set<string>;
  /** For stems that differ from the word: one surface form (folded, unstemmed), for suggestions. */
  surfaces: Map<string, string>;
  titleKey: string;
  facets: Record<string, readonly string[]>;
  payload: unknown;
  date: number;
}

export function analyseDocument(doc: SourceDocument, fulltext = ''): SearchDocument {
  const tokens = new Set<string>();
  const surfaces = new Map<string, string>();
  // `counted`: whether the field's words enter `tokens` (document frequencies and the spelling
  // vocabulary). Attached full text does not: it is neither curated nor kept with the record, so
  // its frequencies could not be taken back out exactly when the document changes.
  const col = (parts: TextParts, counted = true): string => {
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
  // Known-item keys after the citation's words: identifier keys (identifier.ts) of every identifier and
  // of a title holding a number, and the keys of the main title (title-key.ts). Letters and digits run
  // together, so that however a number or a title is typed it is found. They are looked up only by
  // the known-item step and are not words: they stay out of `tokens` (frequencies, spellings).
  const keys = new Set<string>();
  const main = doc.title[0]?.[0];
  if (main) for (const k of titleKeys(main)) keys.add(KEY_MARK + k);
  for (const [text] of doc.citation) if (text) for (const k of identifierKeys(text)) keys.add(KEY_MARK + k);
  for (const [text] of doc.title)
    if (text && /\d/.test(text)) for (const k of identifierKeys(text)) keys.add(KEY_MARK + k);
  const citation = col(doc.citation);
  const columns = {
    title: col(doc.title),
    facts: col(doc.summary),
    reasoning: col(doc.body),
    fulltext: col([[fulltext, doc.language]], false),
    court: col(doc.authority),
    citation: keys.size ? `${citation} ${[...keys].join(' ')}`.trim() : citation,
    place: col(doc.place),
  };
  const facets = Object.fromEntries(Object.entries(doc.facets).filter(([, v]) => v.length));
  return { columns, tokens, surfaces, titleKey: doc.titleKey, facets, payload: doc.payload, date: doc.date };
}
