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
import { AccountService, type AccountOptions } from '../../platform/services/account-service.ts';
import { WorkflowService } from './workflow-service.ts';
import { AuditService } from '../../platform/services/audit-service.ts';

export interface Services {
  store: CaseStore;
  engine: SearchEngine;
  cases: CaseService;
  search: SearchService;
  jsonl: JsonlTransfer;
  exports: ExportService;
  documents: DocumentService;
  stats: StatsService;
  accounts: AccountService;
  workflow: WorkflowService;
  audit: AuditService;
}

export interface ServiceOptions {
  files: DocumentFiles;
  documentMaxBytes: number;
  /** Statistics show counts resting on fewer cases than this as "fewer than N". */
  statsMinCell?: number;
  accounts?: Partial<AccountOptions>;
}

export const DEFAULT_ACCOUNT_OPTIONS: AccountOptions = { maxFailures: 5, lockMinutes: 15, sessionHours: 12 };

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
    accounts: new AccountService(store, { ...DEFAULT_ACCOUNT_OPTIONS, ...opts.accounts }),
    workflow: new WorkflowService(store, cases),
    audit: new AuditService(store),
  };
}
