/**
 * Judgment documents: attach a file to a case (checked, text extracted, stored by hash), list,
 * open and remove. Attaching or removing changes the case (its version goes up) in the same
 * transaction as the document row, so the search index takes the new full text with it.
 * Files are written before the transaction and removed again if nothing holds them after it.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { cleanFilename, DOCUMENT_KINDS, SHA256_PATTERN, type CaseDocument } from '../../../kernel/files/documents.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import type { CaseStore, StoreTx } from '../store/case-store.ts';
import type { Actor, CaseService } from './case-service.ts';
import type { DocumentFiles } from '../../../kernel/files/document-files.ts';
import { checkDocument } from '../../../kernel/files/sniff.ts';
import { extractText } from '../../../kernel/files/extract-text.ts';
import { can, canEdit } from '../../platform/index.ts';
import { recordChange } from './case-history.ts';

export interface AttachInput {
  caseId: string;
  filename: string;
  /** The media type the sender declared (Content-Type or --type), if any. */
  declaredType?: string;
  bytes: Uint8Array;
}

export interface AttachResult {
  document: CaseDocument;
  /** False when the case already held this exact file (nothing changed). */
  created: boolean;
  caseVersion: number;
}

export interface OpenedDocument {
  document: CaseDocument;
  stream: Readable;
}

export class DocumentService {
  constructor(
    private readonly store: CaseStore,
    private readonly cases: CaseService,
    readonly files: DocumentFiles,
    readonly maxBytes: number,
  ) {}

  async attach(input: AttachInput, actor: Actor): Promise<AttachResult> {
    await this.requireEdit(input.caseId, actor); // 404 or 403 before any work
    const filename = cleanFilename(input.filename);
    if (!filename)
      throw new AppError('VALIDATION_FAILED', 'a file name is required', [
        { path: 'filename', message: 'missing or empty' },
      ]);
    if (input.bytes.length > this.maxBytes) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `${filename} is ${input.bytes.length} bytes; the limit is ${this.maxBytes} bytes`,
        [{ path: 'file', message: `larger than ${this.maxBytes} bytes` }],
      );
    }
    const kind = await checkDocument(input.bytes, filename, input.declaredType);
    const { text, pages } = await extractText(kind, input.bytes, filename);
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const document: CaseDocument = {
      sha256,
      filename,
      mediaType: DOCUMENT_KINDS[kind].mediaType,
      size: input.bytes.length,
      pages,
      textLength: text.length,
      addedAt: new Date().toISOString(),
    };
    const existedBefore = await this.files.has(sha256);
    await this.files.put(sha256, input.bytes);
    try {
      return await this.store.transaction(async (tx) => {
        const created = await tx.documents.add(input.caseId, document, text);
        if (!created) {
          const current = (await tx.documents.list(input.caseId)).find((d) => d.sha256 === sha256)!;
          return { document: current, created, caseVersion: (await tx.cases.get(input.caseId))!.version };
        }
        return {
          document,
          created,
          caseVersion: await this.touch(tx, input.caseId, actor, { added: { sha256, filename } }),
        };
      });
    } catch (e) {
      if (!existedBefore && !(await this.store.documents.isReferenced(sha256))) await this.files.remove(sha256);
      throw e;
    }
  }

  async list(caseId: string, actor: Actor): Promise<CaseDocument[]> {
    await this.cases.get(caseId, actor);
    return this.store.documents.list(caseId);
  }

  async get(caseId: string, sha256: string, actor: Actor): Promise<CaseDocument> {
    const docs = await this.list(caseId, actor);
    const doc = SHA256_PATTERN.test(sha256) ? docs.find((d) => d.sha256 === sha256) : undefined;
    if (!doc) throw notFound('document', sha256);
    return doc;
  }

  async open(caseId: string, sha256: string, actor: Actor): Promise<OpenedDocument> {
    const document = await this.get(caseId, sha256, actor);
    if (!(await this.files.has(sha256))) {
      throw new AppError(
        'UNAVAILABLE',
        `the file of document ${sha256} is missing from the documents folder; restore it from a backup`,
        { sha256 },
      );
    }
    return { document, stream: this.files.open(sha256) };
  }

  async remove(caseId: string, sha256: string, actor: Actor): Promise<{ caseVersion: number }> {
    await this.requireEdit(caseId, actor);
    const caseVersion = await this.store.transaction(async (tx) => {
      if (!(await tx.documents.remove(caseId, sha256))) throw notFound('document', sha256);
      return this.touch(tx, caseId, actor, { removed: { sha256 } });
    });
    if (!(await this.store.documents.isReferenced(sha256))) await this.files.remove(sha256);
    return { caseVersion };
  }

  /** Removes files that no case holds (after case deletions); returns how many. */
  async sweep(actor: Actor): Promise<number> {
    if (!can(actor, 'case.delete'))
      throw new AppError('FORBIDDEN', 'sweeping the documents folder is for editors and administrators');
    let removed = 0;
    for await (const sha of this.files.list()) {
      if (!(await this.store.documents.isReferenced(sha))) {
        await this.files.remove(sha);
        removed++;
      }
    }
    return removed;
  }

  /** A new version of the case, so caches, feeds and the index see the change. */
  private async touch(tx: StoreTx, caseId: string, actor: Actor, details: Record<string, unknown>): Promise<number> {
    const current = await tx.cases.get(caseId);
    if (!current) throw notFound('case', caseId);
    const next = { ...current, version: current.version + 1, updatedAt: new Date().toISOString() };
    await tx.cases.update(next);
    await recordChange(tx, { actor, action: 'documents', before: current, after: next, details });
    return next.version;
  }

  /** Documents are part of the case: whoever may edit the case may attach and remove them (else 404 or 403). */
  async requireEdit(caseId: string, actor: Actor): Promise<void> {
    const rec = await this.cases.get(caseId, actor);
    if (!canEdit(actor, await this.cases.access(rec))) throw this.cases.cannotEdit(actor, rec.status);
  }
}
