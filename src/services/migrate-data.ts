/**
 * Copies a whole Palermo database into another one, of either dialect (SQLite file <-> PostgreSQL):
 * every case as stored (id, version, timestamps, status, provenance), in creation order, the import
 * log (so batches can still be undone), the rows of attached documents with their text (the files
 * stay in the documents folder, which both configurations share) and the settings in `meta` (the cursor-signing key, so links
 * with a cursor keep working). The destination must be empty; its search index is built afterwards.
 * Lossless: the JSON Lines export of both databases is byte for byte the same.
 */
import { AppError } from '../domain/errors.ts';
import type { SqlCaseStore } from '../store/sql-case-store.ts';

export interface MigrateProgress {
  done: number;
  total: number;
}

const BATCH = 1000;

export async function migrateData(from: SqlCaseStore, to: SqlCaseStore, onProgress?: (p: MigrateProgress) => void): Promise<{ cases: number; importLog: number; documents: number; meta: number }> {
  await to.migrate();
  const existing = await to.cases.count();
  if (existing > 0) {
    throw new AppError('CONFLICT', `the destination already holds ${existing} cases; migrate-data copies into an empty database only`, { field: '--to', cases: existing });
  }
  const total = await from.cases.count();
  let done = 0;
  let batch: Parameters<typeof insertAll>[1] = [];
  const flush = async () => {
    if (!batch.length) return;
    await insertAll(to, batch);
    done += batch.length;
    batch = [];
    onProgress?.({ done, total });
  };
  onProgress?.({ done, total });
  for await (const rec of from.cases.scan(BATCH)) {
    batch.push(rec);
    if (batch.length >= BATCH) await flush();
  }
  await flush();

  const log = await from.db.selectFrom('import_log').select(['batch', 'case_id', 'previous', 'version_after']).orderBy('id').execute();
  for (let i = 0; i < log.length; i += BATCH) await to.db.insertInto('import_log').values(log.slice(i, i + BATCH)).execute();

  // Attached documents: rows with their extracted text (the files stay in the documents folder).
  const docs = await from.db
    .selectFrom('case_documents as d')
    .innerJoin('cases as c', 'c.seq', 'd.seq')
    .select(['c.id as caseId', 'd.sha256', 'd.filename', 'd.media_type', 'd.size', 'd.pages', 'd.added_at', 'd.text'])
    .orderBy('d.seq')
    .orderBy('d.added_at')
    .execute();
  for (let i = 0; i < docs.length; i += BATCH) {
    await to.transaction(async (tx) => {
      for (const d of docs.slice(i, i + BATCH)) {
        await tx.documents.add(d.caseId, { sha256: d.sha256, filename: d.filename, mediaType: d.media_type, size: Number(d.size), pages: d.pages, textLength: d.text.length, addedAt: d.added_at }, d.text);
      }
    });
  }

  const meta = (await from.db.selectFrom('meta').select(['key', 'value']).execute()).filter((m) => !m.key.startsWith('search_'));
  for (const m of meta) await to.setMeta(m.key, m.value);
  return { cases: done, importLog: log.length, documents: docs.length, meta: meta.length };
}

async function insertAll(to: SqlCaseStore, records: import('../domain/case-schema.ts').CaseRecord[]): Promise<void> {
  await to.transaction(async (tx) => {
    for (const r of records) await tx.cases.insert(r);
  });
}
