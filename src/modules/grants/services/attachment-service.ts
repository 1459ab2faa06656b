/**
 * Attachments an application's call requires, checked by their bytes (kernel/files) before anything is
 * stored. A new upload for the same requirement becomes its next version (the previous ones stay,
 * listed) and a new revision of the application, so a review names what it read. Reading them (the
 * list and each version's bytes) follows one rule, `attachmentAccess` (domain/attachments.ts), for the
 * API and the pages alike.
 *
 * The file is written (by its hash) before the transaction that records it: should the transaction
 * fail, an unreferenced file stays in the grants folder, harmless, and is reused by the same bytes.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError } from '../../../kernel/errors.ts';
import { checkDocument } from '../../../kernel/files/sniff.ts';
import type { DocumentFiles } from '../../../kernel/files/document-files.ts';
import { cleanFilename } from '../../../kernel/files/documents.ts';
import type { Actor } from '../../platform/index.ts';
import { downloadName, contentTypeOf } from '../domain/attachments.ts';
import type { Application, Call } from '../domain/schemas.ts';
import type { GrantsDb } from '../store/schema.ts';
import { EDITABLE, toApplication, type ApplicationService } from './application-service.ts';
import { accessOf, attachmentEntries, refusalError, type AttachmentEntry } from './attachment-catalogue.ts';
import { db, loadCall, type GrantsContext } from './context.ts';

/** One version's bytes, ready to send. */
export interface AttachmentDownload {
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  stream: Readable;
}

export class AttachmentService {
  constructor(
    private readonly ctx: GrantsContext,
    private readonly apps: ApplicationService,
    private readonly files: DocumentFiles,
    readonly maxBytes: number,
    /** Where attachments were kept before they had their own folder (read only; may be absent). */
    private readonly legacyFiles?: DocumentFiles,
  ) {}

  /** Attaches a file for one of the call's required attachments; its bytes must be what its name claims. */
  async attach(
    id: string,
    a: { requirement: string; filename: string; declaredType?: string; bytes: Uint8Array },
    actor: Actor,
  ) {
    const app = await this.apps.own(id, actor);
    if (!EDITABLE.includes(app.status))
      throw new AppError('CONFLICT', `application '${id}' is ${app.status} and cannot be changed`, {
        status: app.status,
      });
    const call = await loadCall(db(this.ctx), app.callId);
    if (!call.requiredAttachments.some((r) => r.id === a.requirement))
      throw new AppError(
        'VALIDATION_FAILED',
        `requirement: '${a.requirement}' is not an attachment this call asks for`,
        [{ path: 'requirement', message: 'unknown', allowed: call.requiredAttachments.map((r) => r.id) }],
      );
    if (a.bytes.length > this.maxBytes)
      throw new AppError('PAYLOAD_TOO_LARGE', `${a.filename}: over ${this.maxBytes} bytes`, [
        { path: 'file', message: 'too large' },
      ]);
    const filename = cleanFilename(a.filename);
    const kind = await checkDocument(a.bytes, filename, a.declaredType);
    const sha256 = createHash('sha256').update(a.bytes).digest('hex');
    await this.files.put(sha256, a.bytes);
    const at = this.ctx.now().toISOString();
    const row = {
      application_id: id,
      requirement: a.requirement,
      filename,
      kind,
      sha256,
      size: a.bytes.length,
      added_at: at,
    };
    let version = 0;
    await this.ctx.database.transaction<GrantsDb, void>(async (tx) => {
      const last = await tx.trx
        .selectFrom('grants_attachment_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('application_id', '=', id)
        .where('requirement', '=', a.requirement)
        .executeTakeFirst();
      version = Number(last?.v ?? 0) + 1;
      await tx.trx
        .deleteFrom('grants_attachments')
        .where('application_id', '=', id)
        .where('requirement', '=', a.requirement)
        .execute();
      await tx.trx.insertInto('grants_attachments').values(row).execute();
      await tx.trx
        .insertInto('grants_attachment_versions')
        .values({ ...row, version, added_by: actor.label, revision: app.revision + 1 })
        .execute();
      // The application's next revision: same text, new attachments.
      const r = await tx.trx
        .updateTable('grants_applications')
        .set({ revision: app.revision + 1, updated_at: at })
        .where('id', '=', id)
        .where('revision', '=', app.revision)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `application '${id}' changed meanwhile`);
      await tx.trx
        .insertInto('grants_revisions')
        .values({
          application_id: id,
          revision: app.revision + 1,
          status: app.status,
          doc: JSON.stringify(app.content),
          actor: actor.label,
          at,
        })
        .execute();
    });
    return {
      requirement: row.requirement,
      version,
      filename,
      kind,
      sha256,
      size: row.size,
      revision: app.revision + 1,
    };
  }

  async list(id: string, actor: Actor) {
    await this.apps.get(id, actor);
    return db(this.ctx)
      .selectFrom('grants_attachments')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('requirement')
      .execute();
  }

  /** The application and the reader's standing, or the refusal (401, 403 with its reason, 404). */
  private async reader(
    id: string,
    actor: Actor,
  ): Promise<{ app: Application; call: Call; as: 'member' | 'secretariat' | 'reviewer' }> {
    const conn = db(this.ctx);
    const row = await conn.selectFrom('grants_applications').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw refusalError(id, actor.kind === 'anonymous' ? 'sign_in' : 'not_found');
    const app = toApplication(row);
    const call = await loadCall(conn, app.callId);
    const access = await accessOf(conn, app, call, actor);
    if (!access.allowed) throw refusalError(id, access.refusal);
    return { app, call, as: access.as };
  }

  /** Each required attachment with its versions, newest first, and where to download each. */
  async catalogue(id: string, actor: Actor): Promise<{ applicationId: string; attachments: AttachmentEntry[] }> {
    const r = await this.reader(id, actor);
    const mode = r.as === 'reviewer' ? 'reviewer' : 'full';
    return { applicationId: id, attachments: await attachmentEntries(db(this.ctx), r.app, r.call, mode) };
  }

  /** One version's stored bytes; 404 naming the requirement or version that does not exist. */
  async open(id: string, requirement: string, version: string, actor: Actor): Promise<AttachmentDownload> {
    await this.reader(id, actor);
    const conn = db(this.ctx);
    const versions = await conn
      .selectFrom('grants_attachment_versions')
      .selectAll()
      .where('application_id', '=', id)
      .where('requirement', '=', requirement)
      .orderBy('version')
      .execute();
    if (!versions.length)
      throw new AppError('NOT_FOUND', `application '${id}' has no attachment '${requirement}'`, {
        path: 'requirement',
        requirement,
      });
    const row = /^[1-9][0-9]{0,8}$/.test(version) ? versions.find((v) => Number(v.version) === Number(version)) : null;
    if (!row)
      throw new AppError(
        'NOT_FOUND',
        `attachment '${requirement}' of application '${id}' has no version '${version}' ` +
          `(it has ${versions.map((v) => Number(v.version)).join(', ')})`,
        { path: 'version', requirement, version, versions: versions.map((v) => Number(v.version)) },
      );
    const store = (await this.files.has(row.sha256))
      ? this.files
      : this.legacyFiles && (await this.legacyFiles.has(row.sha256))
        ? this.legacyFiles
        : null;
    if (!store)
      throw new AppError(
        'UNAVAILABLE',
        `the file of attachment '${requirement}' version ${row.version} (${row.sha256}) is missing from the ` +
          'grants folder; restore it from a backup',
        { sha256: row.sha256 },
      );
    return {
      filename: downloadName(row.filename, row.kind, `${requirement}-v${row.version}`),
      contentType: contentTypeOf(row.kind),
      size: Number(row.size),
      sha256: row.sha256,
      stream: store.open(row.sha256),
    };
  }
}
