/**
 * Bulk export as a stream: every case (CLI, any status chosen by the operator) or the published
 * cases of a search (API). JSON Lines is the canonical, lossless form; CSV is flattened
 * (csv-columns.ts). Nothing is held in memory beyond one page.
 */
import { stringify } from 'csv-stringify/sync';
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';
import type { CaseStore } from '../store/case-store.ts';
import type { FacetSelection, SearchEngine } from '../search/search-engine.ts';
import { parseQuery } from '../search/query-parser.ts';
import { CSV_COLUMNS, csvRow } from './csv-columns.ts';
import { jsonLd } from '../domain/case-json-ld.ts';

export const EXPORT_FORMATS = ['jsonl', 'csv', 'jsonld'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  jsonl: 'application/x-ndjson; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  jsonld: 'application/x-ndjson; charset=utf-8',
};

export interface ExportSelection {
  /** Statuses to include when exporting the whole store (the CLI); the API always uses published. */
  statuses?: CaseStatus[];
  /** Export a search's results instead (published cases only, as every search). */
  search?: { q?: string; selection: FacetSelection };
}

export class ExportService {
  constructor(
    private readonly store: CaseStore,
    private readonly engine: SearchEngine,
  ) {}

  async *records(sel: ExportSelection): AsyncIterable<CaseRecord> {
    if (!sel.search) {
      for await (const rec of this.store.cases.scan())
        if (!sel.statuses || sel.statuses.includes(rec.status)) yield rec;
      return;
    }
    const query = parseQuery(sel.search.q ?? '');
    let after: (string | number)[] | undefined;
    for (;;) {
      const page = await this.engine.search({
        query,
        selection: { ...sel.search.selection, kind: ['case'] },
        sort: 'date_desc',
        limit: 500,
        after,
        facets: false,
      });
      for (const hit of page.hits) yield hit.record as CaseRecord;
      if (!page.nextKey) return;
      after = page.nextKey;
    }
  }

  /**
   * The export as chunks of text, each ending with a newline. `jsonld` is one schema.org JSON-LD
   * document per line, identified by `baseUrl`/cases/{id}.
   */
  async *lines(format: ExportFormat, sel: ExportSelection, baseUrl = 'urn:palermo'): AsyncIterable<string> {
    if (format === 'csv') yield stringify([CSV_COLUMNS.map((c) => c.name)]);
    let batch: CaseRecord[] = [];
    for await (const rec of this.records(sel)) {
      if (format === 'jsonl') {
        yield `${JSON.stringify(jsonlShape(rec))}\n`;
        continue;
      }
      if (format === 'jsonld') {
        yield `${JSON.stringify(jsonLd(rec, `${baseUrl}/cases/${encodeURIComponent(rec.id)}`))}\n`;
        continue;
      }
      batch.push(rec);
      if (batch.length === 200) {
        yield stringify(batch.map(csvRow));
        batch = [];
      }
    }
    if (batch.length) yield stringify(batch.map(csvRow));
  }
}

/**
 * A JSON Lines record leaves out `respondentStates` when there are none (the import reads its absence as
 * none), so that the export of every case without them stays byte-identical to earlier releases'.
 */
function jsonlShape(rec: CaseRecord): CaseRecord | Omit<CaseRecord, 'respondentStates'> {
  if (rec.respondentStates.length > 0) return rec;
  const { respondentStates: _none, ...rest } = rec;
  return rest;
}
