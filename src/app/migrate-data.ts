/**
 * Copies a whole Palermo database into another one, of either dialect (SQLite file <-> PostgreSQL):
 * every case as stored (id, version, timestamps, status, provenance), in creation order, the import
 * log (so batches can still be undone), the rows of attached documents with their text (the files
 * stay in the documents folder, which both configurations share) and the settings in `meta` (the cursor-signing key,
 * so links
 * with a cursor keep working), and the editorial side: accounts and API tokens (hashes only), the
 * restricted fields of each case, its versions and review comments, and the audit log. Sessions are
 * not copied: everyone signs in again. The destination must be empty; its search index is built afterwards.
 * Lossless: the JSON Lines export of both databases is byte for byte the same.
 */
import { AppError } from '../kernel/errors.ts';
import { allMigrations } from './modules.ts';
import type { CaseRecord, SqlCaseStore } from '../modules/cases/index.ts';
import { Pages } from './migrate-pages.ts';

export interface MigrateProgress {
  done: number;
  total: number;
}

const BATCH = 1000;

export interface MigrateCounts {
  cases: number;
  importLog: number;
  documents: number;
  meta: number;
  users: number;
  tokens: number;
  editorial: number;
  versions: number;
  comments: number;
  audit: number;
}

export async function migrateData(
  from: SqlCaseStore,
  to: SqlCaseStore,
  onProgress?: (p: MigrateProgress) => void,
  batchSize = BATCH,
): Promise<MigrateCounts> {
  await to.migrate(allMigrations());
  const existing = await to.cases.count();
  if (existing > 0) {
    throw new AppError(
      'CONFLICT',
      `the destination already holds ${existing} cases; migrate-data copies into an empty database only`,
      { field: '--to', cases: existing },
    );
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
  for await (const rec of from.cases.scan(batchSize)) {
    batch.push(rec);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const pages = new Pages(from, batchSize);

  let importLog = 0;
  for await (const rows of pages.importLog()) {
    await to.db
      .insertInto('import_log')
      .values(rows.map(({ id: _id, ...r }) => r))
      .execute();
    importLog += rows.length;
  }

  // Attached documents: rows with their extracted text (the files stay in the documents folder).
  let documents = 0;
  for await (const rows of pages.documents()) {
    await to.transaction(async (tx) => {
      for (const d of rows) {
        const meta = {
          sha256: d.sha256,
          filename: d.filename,
          mediaType: d.media_type,
          size: Number(d.size),
          pages: d.pages,
          textLength: d.text.length,
          addedAt: d.added_at,
        };
        await tx.documents.add(d.caseId, meta, d.text);
      }
    });
    documents += rows.length;
  }

  const meta = (await from.db.selectFrom('meta').select(['key', 'value']).execute()).filter(
    (m) => !m.key.startsWith('search_'),
  );
  for (const m of meta) await to.setMeta(m.key, m.value);
  return { cases: done, importLog, documents, meta: meta.length, ...(await copyEditorial(from, to, pages)) };
}

/** Accounts, tokens, restricted case fields, versions, comments and the audit log, in their order. */
async function copyEditorial(from: SqlCaseStore, to: SqlCaseStore, pages: Pages) {
  const users = await from.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  const tokens = await from.db.selectFrom('api_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  for (let i = 0; i < users.length; i += BATCH)
    await to.db
      .insertInto('users')
      .values(users.slice(i, i + BATCH))
      .execute();
  for (let i = 0; i < tokens.length; i += BATCH)
    await to.db
      .insertInto('api_tokens')
      .values(tokens.slice(i, i + BATCH))
      .execute();
  // Rows keyed by the internal case number are re-keyed to the destination's numbers, by case id, a page at a time.
  const copy = async <T extends { case_id: string; src_seq?: unknown; id?: unknown }>(
    rows: AsyncIterable<T[]>,
    table: 'case_editorial' | 'case_versions' | 'review_comments',
  ) => {
    let n = 0;
    for await (const page of rows) {
      const ids = [...new Set(page.map((r) => r.case_id))];
      const found = await to.db.selectFrom('cases').select(['id', 'seq']).where('id', 'in', ids).execute();
      const seqs = new Map(found.map((r) => [r.id, Number(r.seq)]));
      // The source's keys (its case number, a comment's id) stay behind: the destination numbers its own.
      const values = page.map(({ case_id, src_seq: _s, id: _i, ...r }) => ({ ...r, seq: seqs.get(case_id)! }));
      await to.db
        .insertInto(table)
        .values(values as never)
        .execute();
      n += page.length;
    }
    return n;
  };
  const editorial = await copy(pages.editorial(), 'case_editorial');
  const versions = await copy(pages.versions(), 'case_versions');
  const comments = await copy(pages.comments(), 'review_comments');
  let audit = 0;
  for await (const e of from.audit.scan(BATCH)) {
    await to.audit.append({ ...e });
    audit++;
  }
  return { users: users.length, tokens: tokens.length, editorial, versions, comments, audit };
}

async function insertAll(to: SqlCaseStore, records: CaseRecord[]): Promise<void> {
  await to.transaction(async (tx) => {
    for (const r of records) await tx.cases.insert(r);
  });
}
