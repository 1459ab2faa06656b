/**
 * Files of library resources, through the case documents' machinery (kernel/files): the bytes are
 * checked against the name and declared type, the text is extracted (page by page for PDF) and the
 * file is stored by its SHA-256. A corrected upload (same language and file name) replaces the
 * current file: the download URL stays, and the earlier file stays in the history and by hash.
 */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { AppError, notFound } from '../../../kernel/errors.ts';
import type { ModuleDatabase } from '../../../kernel/db/sql-database.ts';
import type { DocumentFiles } from '../../../kernel/files/document-files.ts';
import { cleanFilename, DOCUMENT_KINDS, SHA256_PATTERN } from '../../../kernel/files/documents.ts';
import { checkDocument } from '../../../kernel/files/sniff.ts';
import { extractText } from '../../../kernel/files/extract-text.ts';
import type { Actor } from '../../platform/index.ts';
import type { Resource, ResourceFile } from '../domain/resource.ts';
import type { LibraryDb } from '../store/schema.ts';
import { filesOf, getResource, updateResource } from '../store/resource-repo.ts';
import type { ResourceService } from './resource-service.ts';

export interface UploadInput {
  resourceId: string;
  language: string;
  filename: string;
  declaredType?: string;
  bytes: Uint8Array;
}

export interface UploadResult {
  file: ResourceFile;
  /** False when the resource already held this exact file under this language and name. */
  created: boolean;
  /** The file this upload replaced, if any. */
  replaced: ResourceFile | null;
  version: number;
}

const LANGUAGE = /^[a-z]{2,3}(-[A-Z]{2})?$/;

export class FileService {
  constructor(
    private readonly database: ModuleDatabase,
    private readonly resources: ResourceService,
    readonly files: DocumentFiles,
    readonly maxBytes: number,
  ) {}

  async upload(input: UploadInput, actor: Actor): Promise<UploadResult> {
    await this.resources.editable(this.resources.db, input.resourceId, actor);
    if (!LANGUAGE.test(input.language))
      throw new AppError('VALIDATION_FAILED', `language '${input.language}' is not a language tag such as en or fr`, [
        { path: 'language', message: 'a language tag such as en, fr, es' },
      ]);
    const filename = cleanFilename(input.filename);
    if (!filename)
      throw new AppError('VALIDATION_FAILED', 'a file name is required', [{ path: 'filename', message: 'missing' }]);
    if (input.bytes.length > this.maxBytes)
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `${filename} is ${input.bytes.length} bytes; the limit is ${this.maxBytes}`,
        [{ path: 'file', message: `larger than ${this.maxBytes} bytes` }],
      );
    const kind = await checkDocument(input.bytes, filename, input.declaredType);
    const extracted = await extractText(kind, input.bytes, filename);
    const pageTexts = extracted.pageTexts ?? [extracted.text];
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    const existedBefore = await this.files.has(sha256);
    await this.files.put(sha256, input.bytes);
    try {
      return await this.database.transaction<LibraryDb, UploadResult>(async (tx) => {
        const { resource: before, ownerId } = await this.resources.editable(tx.trx, input.resourceId, actor);
        const same = before.files.find((f) => f.language === input.language && f.filename === filename);
        if (same?.sha256 === sha256) return { file: same, created: false, replaced: null, version: before.version };
        const at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
        if (same)
          await tx.trx
            .updateTable('library_files')
            .set({ replaced_at: at })
            .where('resource_id', '=', before.id)
            .where('language', '=', input.language)
            .where('filename', '=', filename)
            .where('replaced_at', 'is', null)
            .execute();
        const file: ResourceFile = {
          sha256,
          language: input.language,
          filename,
          mediaType: DOCUMENT_KINDS[kind].mediaType,
          size: input.bytes.length,
          pages: extracted.pages,
          textLength: extracted.text.length,
          addedAt: at,
          replacedAt: null,
        };
        await tx.trx
          .insertInto('library_files')
          .values({
            resource_id: before.id,
            language: file.language,
            sha256,
            filename,
            media_type: file.mediaType,
            size: file.size,
            pages: file.pages,
            text_length: file.textLength,
            page_texts: JSON.stringify(pageTexts),
            added_at: at,
            replaced_at: null,
          })
          .execute();
        const languages = before.languages.some((l) => l.language === input.language)
          ? before.languages
          : [...before.languages, { language: input.language, title: null, url: null }];
        const after: Resource = {
          ...before,
          languages,
          files: [...before.files.filter((f) => f !== same), file],
          version: before.version + 1,
          updatedAt: at,
          datestamp: at,
        };
        await updateResource(tx.trx, after, ownerId);
        await this.resources.record(tx, actor, same ? 'replace-file' : 'add-file', before, after, ['files']);
        return { file, created: true, replaced: same ? { ...same, replacedAt: at } : null, version: after.version };
      });
    } catch (e) {
      if (!existedBefore && !(await this.referenced(sha256))) await this.files.remove(sha256);
      throw e;
    }
  }

  /** Every file of a resource the actor may see, earlier (replaced) ones included, oldest first. */
  async list(resourceId: string, actor: Actor): Promise<ResourceFile[]> {
    await this.resources.get(resourceId, actor);
    return (await filesOf(this.resources.db, [resourceId], true)).get(resourceId) ?? [];
  }

  /**
   * The file behind a stable URL: the current file of that language and name, or an earlier one by
   * its hash. The resource must be visible to the actor (a withdrawn one answers 410).
   */
  async find(
    resourceId: string,
    language: string,
    filename: string,
    sha256: string | undefined,
    actor: Actor,
  ): Promise<ResourceFile> {
    const all = await this.list(resourceId, actor);
    const file = sha256
      ? SHA256_PATTERN.test(sha256)
        ? all.find((f) => f.sha256 === sha256 && f.language === language && f.filename === filename)
        : undefined
      : all.find((f) => f.language === language && f.filename === filename && !f.replacedAt);
    if (!file) throw notFound('file', `${resourceId}/${language}/${filename}`);
    return file;
  }

  async open(file: ResourceFile): Promise<Readable> {
    if (!(await this.files.has(file.sha256)))
      throw new AppError(
        'UNAVAILABLE',
        `the file ${file.sha256} is missing from the library folder; restore it from a backup`,
        {
          sha256: file.sha256,
        },
      );
    return this.files.open(file.sha256);
  }

  private async referenced(sha256: string): Promise<boolean> {
    const r = await this.resources.db
      .selectFrom('library_files')
      .select('id')
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return !!r;
  }

  /** Whether a resource exists (for routes that must tell 404 from an empty list). */
  async exists(id: string): Promise<boolean> {
    return !!(await getResource(this.resources.db, id));
  }
}
