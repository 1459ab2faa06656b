/** Attached documents in any SQL database Kysely speaks: one row per (case, file hash). */
import type { Kysely, Transaction } from 'kysely';
import type { CaseDocument } from '../../../kernel/files/documents.ts';
import type { Database } from './schema.ts';
import type { DocumentRepo } from './case-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

export class SqlDocumentRepo implements DocumentRepo {
  constructor(private readonly db: Db) {}

  private seqOf(caseId: string) {
    return this.db.selectFrom('cases').select('seq').where('id', '=', caseId);
  }

  async list(caseId: string): Promise<CaseDocument[]> {
    const rows = await this.db
      .selectFrom('case_documents as d')
      .innerJoin('cases as c', 'c.seq', 'd.seq')
      .select([
        'd.sha256',
        'd.filename',
        'd.media_type',
        'd.size',
        'd.pages',
        'd.added_at',
        (eb) => eb.fn<number>('length', ['d.text']).as('text_length'),
      ])
      .where('c.id', '=', caseId)
      .orderBy('d.added_at')
      .orderBy('d.sha256')
      .execute();
    return rows.map((r) => ({
      sha256: r.sha256,
      filename: r.filename,
      mediaType: r.media_type,
      size: Number(r.size),
      pages: r.pages,
      textLength: Number(r.text_length),
      addedAt: r.added_at,
    }));
  }

  async add(caseId: string, doc: CaseDocument, text: string): Promise<boolean> {
    const existing = await this.db
      .selectFrom('case_documents')
      .select('sha256')
      .where('seq', '=', (eb) => eb.selectFrom('cases').select('seq').where('id', '=', caseId))
      .where('sha256', '=', doc.sha256)
      .executeTakeFirst();
    if (existing) return false;
    const row = await this.seqOf(caseId).executeTakeFirst();
    if (!row) throw new Error(`case ${caseId} has no row`);
    await this.db
      .insertInto('case_documents')
      .values({
        seq: row.seq,
        sha256: doc.sha256,
        filename: doc.filename,
        media_type: doc.mediaType,
        size: doc.size,
        text,
        pages: doc.pages,
        added_at: doc.addedAt,
      })
      .execute();
    return true;
  }

  async remove(caseId: string, sha256: string): Promise<boolean> {
    const r = await this.db
      .deleteFrom('case_documents')
      .where('seq', '=', (eb) => eb.selectFrom('cases').select('seq').where('id', '=', caseId))
      .where('sha256', '=', sha256)
      .executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async isReferenced(sha256: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('case_documents')
      .select('seq')
      .where('sha256', '=', sha256)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
