/**
 * Attachments an application's call requires, checked by their bytes (kernel/files) before anything is
 * stored. A new upload for the same requirement becomes its next version (the previous ones stay,
 * listed) and a new revision of the application, so a review names what it read.
 */
import { createHash } from 'node:crypto';
import { AppError } from '../../../kernel/errors.ts';
import { checkDocument } from '../../../kernel/files/sniff.ts';
import type { DocumentFiles } from '../../../kernel/files/document-files.ts';
import { cleanFilename } from '../../../kernel/files/documents.ts';
import type { Actor } from '../../platform/index.ts';
import type { GrantsDb } from '../store/schema.ts';
import { EDITABLE, type ApplicationService } from './application-service.ts';
import { db, loadCall, type GrantsContext } from './context.ts';

export class AttachmentService {
  constructor(
    private readonly ctx: GrantsContext,
    private readonly apps: ApplicationService,
    private readonly files: DocumentFiles,
    readonly maxBytes: number,
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
        .values({ ...row, version, added_by: actor.label })
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
    return { requirement: row.requirement, version, filename, kind, sha256, size: row.size };
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

  /** Every version of every attachment, newest first within each requirement. */
  async versions(id: string, actor: Actor) {
    await this.apps.get(id, actor);
    const rows = await db(this.ctx)
      .selectFrom('grants_attachment_versions')
      .selectAll()
      .where('application_id', '=', id)
      .orderBy('requirement')
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({
      requirement: r.requirement,
      version: Number(r.version),
      filename: r.filename,
      kind: r.kind,
      sha256: r.sha256,
      size: Number(r.size),
      addedAt: r.added_at,
    }));
  }
}
