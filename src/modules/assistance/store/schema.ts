/** The Kysely schema of the assistance register's tables (all the same shape). */
export interface RecordRow {
  id: string;
  status: string;
  owner_id: string | null;
  version: number;
  doc: string;
  created_at: string;
  updated_at: string;
}

export const TABLES = {
  activity: 'assistance_activities',
  organisation: 'assistance_organisations',
  agreement: 'assistance_agreements',
  campaign: 'assistance_campaigns',
} as const;
export type RecordKind = keyof typeof TABLES;

export interface AssistanceDb {
  assistance_activities: RecordRow;
  assistance_organisations: RecordRow;
  assistance_agreements: RecordRow;
  assistance_campaigns: RecordRow;
}
