/**
 * Store ports for the editorial side of cases: the restricted facts of each case, its versions and
 * review comments. Implemented once for every SQL database in sql-editorial-repo.ts.
 */
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';

/** Restricted fields of a case: editors (and a contributor on their own case) only. */
export interface Restricted {
  internalNotes: string | null;
  sourceContacts: string | null;
}

export const NO_RESTRICTED: Restricted = Object.freeze({ internalNotes: null, sourceContacts: null });

/** The restricted fields of a case's editorial row (none when it has no row). */
export function restrictedOf(e: CaseEditorial | undefined): Restricted {
  return e ? { internalNotes: e.internalNotes, sourceContacts: e.sourceContacts } : NO_RESTRICTED;
}

export interface CaseEditorial extends Restricted {
  caseId: string;
  ownerId: string | null;
}

export interface CaseVersion {
  caseId: string;
  version: number;
  status: CaseStatus;
  record: CaseRecord;
  restricted: Restricted;
  /** create, edit, submit, publish, withdraw, return, redraft, restore, import, undo-import, documents, notes */
  action: string;
  changed: string[];
  actorId: string | null;
  actorLabel: string;
  at: string;
}

export type VersionSummary = Omit<CaseVersion, 'record' | 'restricted'>;

export interface ReviewComment {
  id: number;
  caseId: string;
  authorId: string | null;
  authorLabel: string;
  body: string;
  /** The move the comment came with, e.g. "in_review->draft"; null for a plain comment. */
  transition: string | null;
  at: string;
}

export interface QueueItem {
  id: string;
  title: string;
  jurisdiction: string;
  status: CaseStatus;
  ownerId: string | null;
  updatedAt: string;
  version: number;
}

export interface EditorialRepo {
  get(caseId: string): Promise<CaseEditorial | undefined>;
  /** Creates or replaces the restricted row of an existing case. */
  put(e: CaseEditorial): Promise<void>;
  addVersion(v: CaseVersion): Promise<void>;
  /** Newest first. */
  listVersions(caseId: string): Promise<VersionSummary[]>;
  getVersion(caseId: string, version: number): Promise<CaseVersion | undefined>;
  /** Forgets the versions after `version` (undoing an import puts the case back exactly as it was). */
  deleteVersionsAfter(caseId: string, version: number): Promise<number>;
  addComment(c: Omit<ReviewComment, 'id'>): Promise<ReviewComment>;
  listComments(caseId: string): Promise<ReviewComment[]>;
  /** Cases in the given statuses, most recently changed first; only one owner's when ownerId is given. */
  queue(statuses: CaseStatus[], opts?: { ownerId?: string; limit?: number }): Promise<QueueItem[]>;
}
