/** The relational schema as Kysely sees it; the same tables exist in every database adapter. */
import type { Generated } from 'kysely';
import type { PlatformDatabase } from '../../platform/index.ts';

export interface CasesTable {
  /** Internal, monotonically increasing document number (row id); never exposed in the API. */
  seq: Generated<number>;
  id: string;
  title: string;
  database_number: string | null;
  jurisdiction: string;
  decision_date: string | null;
  /** Sort key: the decision date padded to a full date ('2010' -> '2010-00-00'); '' when unknown. */
  decision_sort: string;
  decision_year: number | null;
  status: string;
  /** The whole case as canonical JSON (the API shape without id, version and timestamps). */
  doc: string;
  version: number;
  import_batch: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseTagsTable {
  seq: number;
  kind: string;
  code: string;
}

export interface CaseIdentifiersTable {
  seq: number;
  type: string;
  value: string;
  /** The value folded for matching: lower case, letters and digits only. */
  norm: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface ImportLogTable {
  id: Generated<number>;
  batch: string;
  case_id: string;
  previous: string | null;
  version_after: number;
}

/** A judgment document attached to a case: the file lives on disk by content hash; its text lives here. */
export interface CaseDocumentsTable {
  seq: number;
  sha256: string;
  filename: string;
  media_type: string;
  size: number;
  /** The text extracted from the file, indexed as the case's full text. */
  text: string;
  pages: number | null;
  added_at: string;
}

/** Restricted facts of a case, kept out of the public record by design. */
export interface CaseEditorialTable {
  seq: number;
  owner_id: string | null;
  internal_notes: string | null;
  source_contacts: string | null;
}

export interface CaseVersionsTable {
  seq: number;
  version: number;
  status: string;
  /** The whole public record at this version (API shape). */
  doc: string;
  /** The restricted fields at this version (JSON). */
  restricted: string;
  action: string;
  /** JSON array of the top-level fields that changed from the version before. */
  changed: string;
  actor_id: string | null;
  actor_label: string;
  at: string;
}

export interface ReviewCommentsTable {
  id: Generated<number>;
  seq: number;
  author_id: string | null;
  author_label: string;
  body: string;
  transition: string | null;
  at: string;
}

export interface Database extends PlatformDatabase {
  case_editorial: CaseEditorialTable;
  case_versions: CaseVersionsTable;
  review_comments: ReviewCommentsTable;
  import_log: ImportLogTable;
  case_documents: CaseDocumentsTable;
  cases: CasesTable;
  case_tags: CaseTagsTable;
  case_identifiers: CaseIdentifiersTable;
  meta: MetaTable;
}
