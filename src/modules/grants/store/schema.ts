/** The grants tables as Kysely sees them. */
export interface GrantsDb {
  grants_calls: { id: string; doc: string; opens_at: string; closes_at: string; created_at: string };
  grants_organisations: { id: string; doc: string; created_at: string };
  grants_members: { organisation_id: string; user_id: string };
  grants_applications: {
    id: string;
    call_id: string;
    organisation_id: string;
    status: string;
    revision: number;
    doc: string;
    submitted_at: string | null;
    decision_reason: string | null;
    updated_at: string;
    /** The language of the page (or API request) the application was last submitted from; null before. */
    locale?: string | null;
  };
  grants_revisions: {
    application_id: string;
    revision: number;
    status: string;
    doc: string;
    actor: string;
    at: string;
  };
  grants_attachments: {
    application_id: string;
    requirement: string;
    filename: string;
    kind: string;
    sha256: string;
    size: number;
    added_at: string;
  };
  grants_attachment_versions: {
    application_id: string;
    requirement: string;
    version: number;
    filename: string;
    kind: string;
    sha256: string;
    size: number;
    added_at: string;
    added_by: string;
    /** The application revision this upload made (null: older than the column and not found). */
    revision: number | null;
  };
  grants_eligibility: {
    application_id: string;
    revision: number;
    results: string;
    decision: string | null;
    reason: string | null;
    decided_by: string | null;
    at: string;
  };
  grants_conflicts: { user_id: string; organisation_id: string; reason: string; declared_at: string };
  grants_declarations: {
    application_id: string;
    user_id: string;
    /** 1: a conflict declared (the assignment was removed), 0: no conflict. */
    conflict: number;
    reason: string;
    declared_at: string;
  };
  grants_assignments: { application_id: string; user_id: string; assigned_at: string };
  grants_reviews: {
    application_id: string;
    user_id: string;
    revision: number;
    scores: string;
    score: number | null;
    comment: string;
    at: string;
  };
  grants_awards: {
    application_id: string;
    amount: number;
    currency: string;
    agreement_ref: string;
    signed_on: string;
    created_at: string;
  };
  grants_tranches: { application_id: string; seq: number; due_on: string; amount: number; released_on: string | null };
  grants_reports: {
    id: string;
    application_id: string;
    kind: string;
    due_on: string;
    received_on: string | null;
    approved_on: string | null;
    approved_by: string | null;
  };
}
