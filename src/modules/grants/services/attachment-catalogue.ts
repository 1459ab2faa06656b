/**
 * What a reader learns of an application's attachments: each required attachment with its versions
 * (newest first), and the facts `attachmentAccess` (domain/attachments.ts) decides on. The applicant
 * and the secretariat see everything; a reviewer on an open call sees no uploader; a reviewer on a
 * blind call sees neither the file names nor a download link (the files are not theirs to read).
 */
import type { Kysely } from 'kysely';
import { AppError } from '../../../kernel/errors.ts';
import { attachmentAccess, contentTypeOf, type AttachmentAccess } from '../domain/attachments.ts';
import type { Application, Call } from '../domain/schemas.ts';
import type { GrantsDb } from '../store/schema.ts';
import type { Actor } from '../../platform/index.ts';
import { isSecretariat, memberOrgs } from './context.ts';

export interface AttachmentVersionInfo {
  version: number;
  /** As uploaded; absent for a reviewer of a blind call. */
  filename?: string;
  size: number;
  /** What the bytes are, sniffed at upload. */
  contentType: string;
  uploadedAt: string;
  /** The application revision the upload made (null for uploads older than this record). */
  revision: number | null;
  /** Who uploaded it: for the applicant and the secretariat only. */
  uploadedBy?: string;
  sha256?: string;
  /** The API path of the bytes; null where this reader may not download them (a blind call's reviewer). */
  download: string | null;
}

export interface AttachmentEntry {
  requirement: string;
  label: string;
  versions: AttachmentVersionInfo[];
}

/** full: the applicant and the secretariat; reviewer: an open call's reviewer; blind: a blind call's reviewer. */
export type CatalogueMode = 'full' | 'reviewer' | 'blind';

export const attachmentPath = (id: string, requirement: string, version: number) =>
  `/grants/applications/${encodeURIComponent(id)}/attachments/${requirement}/versions/${version}`;

export async function attachmentEntries(
  conn: Kysely<GrantsDb>,
  app: Pick<Application, 'id'>,
  call: Pick<Call, 'requiredAttachments'>,
  mode: CatalogueMode,
): Promise<AttachmentEntry[]> {
  const rows = await conn
    .selectFrom('grants_attachment_versions')
    .selectAll()
    .where('application_id', '=', app.id)
    .orderBy('requirement')
    .orderBy('version', 'desc')
    .execute();
  const labels = new Map(call.requiredAttachments.map((r) => [r.id, r.label]));
  // Every requirement of the call, then any that has versions but left the call (kept, labelled by its id).
  const ids = [...labels.keys(), ...new Set(rows.map((r) => r.requirement).filter((r) => !labels.has(r)))];
  return ids.map((requirement) => ({
    requirement,
    label: labels.get(requirement) ?? requirement,
    versions: rows
      .filter((r) => r.requirement === requirement)
      .map((r) => {
        const version = Number(r.version);
        const base = {
          version,
          size: Number(r.size),
          contentType: contentTypeOf(r.kind),
          uploadedAt: r.added_at,
          revision: r.revision === null ? null : Number(r.revision),
        };
        if (mode === 'blind') return { ...base, download: null };
        return {
          ...base,
          filename: r.filename,
          ...(mode === 'full' ? { uploadedBy: r.added_by } : {}),
          sha256: r.sha256,
          download: `/api/v1${attachmentPath(app.id, requirement, version)}`,
        };
      }),
  }));
}

/** The reader's assignment to the application while it is in review, and whether they declared no conflict. */
export async function reviewerState(
  conn: Kysely<GrantsDb>,
  app: Pick<Application, 'id' | 'status'>,
  userId: string | null,
): Promise<'none' | 'undeclared' | 'declared'> {
  if (!userId || app.status !== 'in_review') return 'none';
  const row = await conn
    .selectFrom('grants_assignments')
    .leftJoin('grants_declarations', (j) =>
      j
        .onRef('grants_declarations.application_id', '=', 'grants_assignments.application_id')
        .onRef('grants_declarations.user_id', '=', 'grants_assignments.user_id'),
    )
    .select(['grants_declarations.conflict', 'grants_declarations.declared_at'])
    .where('grants_assignments.application_id', '=', app.id)
    .where('grants_assignments.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return 'none';
  return row.declared_at !== null && Number(row.conflict) === 0 ? 'declared' : 'undeclared';
}

/** The rule applied to this actor and application (which must exist). */
export async function accessOf(
  conn: Kysely<GrantsDb>,
  app: Pick<Application, 'id' | 'status' | 'organisationId'>,
  call: Pick<Call, 'blindReview'>,
  actor: Actor,
): Promise<AttachmentAccess> {
  return attachmentAccess({
    signedIn: actor.kind !== 'anonymous',
    secretariat: isSecretariat(actor),
    member: (await memberOrgs(conn, actor.userId)).includes(app.organisationId),
    reviewer: await reviewerState(conn, app, actor.userId),
    blind: call.blindReview,
  });
}

/** A refusal as the API and the pages answer it. */
export function refusalError(id: string, refusal: Exclude<AttachmentAccess, { allowed: true }>['refusal']): AppError {
  switch (refusal) {
    case 'sign_in':
      return new AppError('UNAUTHORIZED', "sign in to read an application's attachments");
    case 'declaration_required':
      return new AppError(
        'FORBIDDEN',
        `declare whether you have a conflict of interest with application '${id}' first`,
        { path: 'declaration', reason: 'declaration_required', id },
      );
    case 'blind_attachment':
      return new AppError(
        'FORBIDDEN',
        `application '${id}' is reviewed blind: reviewers do not get its attachments, since a file cannot be ` +
          "scrubbed of the applicant's identity as the text is",
        { path: 'attachment', reason: 'blind_attachment', id },
      );
    case 'not_found':
      return new AppError('NOT_FOUND', `application '${id}' does not exist`, { id });
  }
}
