/** The service layer as one value, built from the store and search ports. */
import type { CaseStore } from '../store/case-store.ts';
import type { SearchEngine } from '../search/search-engine.ts';
import { CaseService } from './case-service.ts';
import { JsonlTransfer } from './jsonl-transfer.ts';
import { SearchService } from './search-service.ts';
import { ExportService } from './export-service.ts';
import { DocumentService } from './document-service.ts';
import type { DocumentFiles } from '../../../kernel/files/document-files.ts';
import { StatsService } from './stats-service.ts';
import type { PlatformServices } from '../../platform/index.ts';
import { WorkflowService } from './workflow-service.ts';
import type { KernelJobs } from '../../../kernel/jobs/kernel-jobs.ts';
import type { ImportJobs } from './import-jobs.ts';

/** The cases module's services (the platform's come beside them in `Services`). */
export interface CaseServices {
  store: CaseStore;
  engine: SearchEngine;
  cases: CaseService;
  search: SearchService;
  jsonl: JsonlTransfer;
  exports: ExportService;
  documents: DocumentService;
  stats: StatsService;
  workflow: WorkflowService;
}

/** The spreadsheet import's jobs, on the app's one job queue (which the cases module makes first). */
export interface ImportServices {
  jobs: KernelJobs;
  imports: ImportJobs;
}

/** Every service the cases module's routes, pages and commands use: its own and the platform's. */
export type Services = CaseServices & PlatformServices & ImportServices;

export interface CaseServiceOptions {
  files: DocumentFiles;
  documentMaxBytes: number;
  /** Statistics show counts resting on fewer cases than this as "fewer than N". */
  statsMinCell?: number;
}

export function createCaseServices(store: CaseStore, engine: SearchEngine, opts: CaseServiceOptions): CaseServices {
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
    workflow: new WorkflowService(store, cases),
  };
}
