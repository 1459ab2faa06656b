/** The service layer as one value, built from the store and search ports. */
import type { CaseStore } from '../store/case-store.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import { CaseService } from './case-service.ts';
import { JsonlTransfer } from './jsonl-transfer.ts';
import { SearchService } from './search-service.ts';
import { ExportService } from './export-service.ts';
import { DocumentService } from './documents/document-service.ts';
import type { DocumentFiles } from './documents/document-files.ts';
import { StatsService } from './stats-service.ts';

export interface Services {
  store: CaseStore;
  engine: SearchEngine;
  cases: CaseService;
  search: SearchService;
  jsonl: JsonlTransfer;
  exports: ExportService;
  documents: DocumentService;
  stats: StatsService;
}

export interface ServiceOptions {
  files: DocumentFiles;
  documentMaxBytes: number;
  /** Statistics show counts resting on fewer cases than this as "fewer than N". */
  statsMinCell?: number;
}

export function createServices(store: CaseStore, engine: SearchEngine, opts: ServiceOptions): Services {
  const cases = new CaseService(store);
  return {
    store,
    engine,
    cases,
    search: new SearchService(engine, store),
    jsonl: new JsonlTransfer(store, cases),
    exports: new ExportService(store, engine),
    documents: new DocumentService(store, cases, opts.files, opts.documentMaxBytes),
    stats: new StatsService(engine, opts.statsMinCell ?? 3),
  };
}
