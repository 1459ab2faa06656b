/**
 * Copies a whole Palermo database into another one, of either dialect (SQLite file <-> PostgreSQL):
 * every case as stored (id, version, timestamps, status, provenance), in creation order, the import
 * log (so batches can still be undone) and the settings in `meta` (the cursor-signing key, so links
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

export async function migrateData(from: SqlCaseStore, to: SqlCaseStore, onProgress?: (p: MigrateProgress) => void): Promise<{ cases: number; importLog: number; meta: number }> {
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

  const meta = (await from.db.selectFrom('meta').select(['key', 'value']).execute()).filter((m) => !m.key.startsWith('search_'));
  for (const m of meta) await to.setMeta(m.key, m.value);
  return { cases: done, importLog: log.length, meta: meta.length };
}

async function insertAll(to: SqlCaseStore, records: import('../domain/case-schema.ts').CaseRecord[]): Promise<void> {
  await to.transaction(async (tx) => {
    for (const r of records) await tx.cases.insert(r);
  });
}
