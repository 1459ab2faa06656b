/** The legislation module's tables as Kysely sees them (records as JSON in `doc`). */
import type { RecordVersionsTable } from '../../platform/index.ts';

export interface LawWorksTable {
  id: string;
  country: string;
  status: string;
  version: number;
  doc: string;
  updated_at: string;
}

export interface LawProvisionsTable {
  law_id: string;
  eid: string;
  valid_from: string;
  valid_to: string | null;
  doc: string;
}

export interface AssessmentsTable {
  id: string;
  country: string;
  element: string;
  status: string;
  version: number;
  doc: string;
  updated_at: string;
}

export interface LegislationDb {
  law_works: LawWorksTable;
  law_provisions: LawProvisionsTable;
  compliance_assessments: AssessmentsTable;
  record_versions: RecordVersionsTable;
}
