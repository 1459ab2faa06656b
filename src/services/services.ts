/** The service layer as one value, built from the store and search ports. */
import type { CaseStore } from '../store/case-store.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import { CaseService } from './case-service.ts';
import { JsonlTransfer } from './jsonl-transfer.ts';
import { SearchService } from './search-service.ts';
import { ExportService } from './export-service.ts';
import { StatsService } from './stats-service.ts';

export interface Services {
  store: CaseStore;
  engine: SearchEngine;
  cases: CaseService;
  search: SearchService;
  jsonl: JsonlTransfer;
  exports: ExportService;
  stats: StatsService;
}

export function createServices(store: CaseStore, engine: SearchEngine, options: { statsMinCell?: number } = {}): Services {
  const cases = new CaseService(store);
  return {
    store, engine, cases, search: new SearchService(engine, store), jsonl: new JsonlTransfer(store, cases), exports: new ExportService(store, engine),
    stats: new StatsService(engine, options.statsMinCell ?? 3),
  };
}
