/**
 * The store port: what services need from persistence. Each database adapter (sqlite/, later
 * postgres/) implements it; `case-store.contract.ts` is the one test suite every adapter must pass.
 */
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';
import type { TagKind } from '../domain/taxonomy.ts';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import type { EditorialRepo } from './editorial-store.ts';
import type { AccountRepo, AuditRepo } from '../../platform/index.ts';
import type { ModuleMigrations } from '../../../kernel/db/migrations.ts';

export type CaseSort = 'decided_desc' | 'created_asc';

export interface CaseListQuery {
  jurisdictions?: string[];
  yearFrom?: number;
  yearTo?: number;
  statuses?: CaseStatus[];
  /** All listed tags must be present (AND across kinds, OR within one kind). */
  tags?: Partial<Record<TagKind, string[]>>;
  sort: CaseSort;
  limit: number;
  /** The sort key of the last row of the previous page, decoded from the cursor. */
  after?: CursorKey;
}

export type CursorKey = (string | number)[];

export interface CasePage {
  items: CaseRecord[];
  /** Sort key of the last row, when more rows follow. */
  nextKey: CursorKey | null;
}

export interface CaseWriter {
  insert(rec: CaseRecord): Promise<void>;
  /** Replaces the stored case; false if no case has this id. */
  update(rec: CaseRecord): Promise<boolean>;
  delete(id: string): Promise<boolean>;
}

export interface CaseReader {
  get(id: string): Promise<CaseRecord | undefined>;
  getMany(ids: string[]): Promise<CaseRecord[]>;
  list(q: CaseListQuery): Promise<CasePage>;
  count(statuses?: CaseStatus[]): Promise<number>;
  /** Ids of cases holding an identifier (type + value, compared folded). */
  findByIdentifier(type: string, value: string): Promise<string[]>;
  /** Cases of a jurisdiction decided on a date (id, title, court), for duplicate checks. */
  findByJurisdictionAndDate(
    jurisdiction: string,
    decisionDate: string,
  ): Promise<{ id: string; title: string; court: string | null }[]>;
  /** Every case in creation order, in pages, for export and reindexing. */
  scan(batchSize?: number): AsyncIterable<CaseRecord>;
}

/** What an import batch created or changed, so that it can be undone exactly. */
export interface BatchEntry {
  caseId: string;
  /** The case before the batch changed it; null when the batch created it. */
  previous: CaseRecord | null;
  /** The version the batch wrote: undo refuses if the case changed since. */
  versionAfter: number;
}

export interface BatchLog {
  record(batch: string, entry: BatchEntry): Promise<void>;
  entries(batch: string): Promise<BatchEntry[]>;
  forget(batch: string): Promise<void>;
}

/** Documents attached to cases (the rows; the files live in a DocumentFiles folder). */
export interface DocumentRepo {
  list(caseId: string): Promise<CaseDocument[]>;
  /** Attaches a document with its extracted text; false when the case already holds this file. */
  add(caseId: string, doc: CaseDocument, text: string): Promise<boolean>;
  remove(caseId: string, sha256: string): Promise<boolean>;
  /** True while any case holds a file with this hash (the file must then stay on disk). */
  isReferenced(sha256: string): Promise<boolean>;
}

export interface StoreTx {
  cases: CaseReader & CaseWriter;
  batches: BatchLog;
  documents: DocumentRepo;
  accounts: AccountRepo;
  editorial: EditorialRepo;
  audit: AuditRepo;
}

/** Called inside the write transaction, so derived data (the search index) commits with the case. */
export interface WriteHook {
  onWrite(
    tx: unknown,
    change: { id: string; before: CaseRecord | undefined; after: CaseRecord | undefined },
  ): Promise<void>;
  /** Called once per transaction, inside it, after the last write (to flush batched derived data). */
  beforeCommit?(tx: unknown): Promise<void>;
  /** Called when the transaction rolled back (to drop state gathered by onWrite). */
  afterRollback?(): void;
  /** Called once the transaction has committed (to refresh in-memory state). */
  afterCommit?(changedIds: readonly string[]): void;
}

export interface CaseStore {
  readonly dialect: 'sqlite' | 'postgres';
  readonly cases: CaseReader;
  readonly documents: DocumentRepo;
  readonly accounts: AccountRepo;
  readonly editorial: EditorialRepo;
  readonly audit: AuditRepo;
  /** Applies the given migrations (every module's, merged by the app); by default the cases module's. */
  migrate(migrations?: ModuleMigrations): Promise<{ applied: string[] }>;
  /** Runs fn in one transaction: all of its writes commit together or none do. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  addWriteHook(hook: WriteHook): void;
  getMeta(key: string): Promise<string | undefined>;
  setMeta(key: string, value: string): Promise<void>;
  close(): Promise<void>;
}
