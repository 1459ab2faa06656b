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
  for await (const rec of from.cases.scan(BATCH)) {
    batch.push(rec);
    if (batch.length >= BATCH) await flush();
  }
  await flush();

  const log = await from.db
    .selectFrom('import_log')
    .select(['batch', 'case_id', 'previous', 'version_after'])
    .orderBy('id')
    .execute();
  for (let i = 0; i < log.length; i += BATCH)
    await to.db
      .insertInto('import_log')
      .values(log.slice(i, i + BATCH))
      .execute();

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
        await tx.documents.add(
          d.caseId,
          {
            sha256: d.sha256,
            filename: d.filename,
            mediaType: d.media_type,
            size: Number(d.size),
            pages: d.pages,
            textLength: d.text.length,
            addedAt: d.added_at,
          },
          d.text,
        );
      }
    });
  }

  const meta = (await from.db.selectFrom('meta').select(['key', 'value']).execute()).filter(
    (m) => !m.key.startsWith('search_'),
  );
  for (const m of meta) await to.setMeta(m.key, m.value);
  return {
    cases: done,
    importLog: log.length,
    documents: docs.length,
    meta: meta.length,
    ...(await copyEditorial(from, to)),
  };
}

/** Accounts, tokens, restricted case fields, versions, comments and the audit log, in their order. */
async function copyEditorial(from: SqlCaseStore, to: SqlCaseStore) {
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
  // Rows keyed by the internal case number are re-keyed to the destination's numbers, by case id.
  const seqs = new Map(
    (await to.db.selectFrom('cases').select(['id', 'seq']).execute()).map((r) => [r.id, Number(r.seq)]),
  );
  const bySeq = async <T extends { case_id: string }>(
    rows: T[],
    table: 'case_editorial' | 'case_versions' | 'review_comments',
  ) => {
    for (let i = 0; i < rows.length; i += BATCH) {
      const values = rows.slice(i, i + BATCH).map(({ case_id, ...r }) => ({ ...r, seq: seqs.get(case_id)! }));
      if (values.length)
        await to.db
          .insertInto(table)
          .values(values as never)
          .execute();
    }
    return rows.length;
  };
  const editorial = await bySeq(
    await from.db
      .selectFrom('case_editorial as e')
      .innerJoin('cases as c', 'c.seq', 'e.seq')
      .select(['c.id as case_id', 'e.owner_id', 'e.internal_notes', 'e.source_contacts'])
      .orderBy('e.seq')
      .execute(),
    'case_editorial',
  );
  const versions = await bySeq(
    await from.db
      .selectFrom('case_versions as v')
      .innerJoin('cases as c', 'c.seq', 'v.seq')
      .select([
        'c.id as case_id',
        'v.version',
        'v.status',
        'v.doc',
        'v.restricted',
        'v.action',
        'v.changed',
        'v.actor_id',
        'v.actor_label',
        'v.at',
      ])
      .orderBy('v.seq')
      .orderBy('v.version')
      .execute(),
    'case_versions',
  );
  const comments = await bySeq(
    await from.db
      .selectFrom('review_comments as r')
      .innerJoin('cases as c', 'c.seq', 'r.seq')
      .select(['c.id as case_id', 'r.author_id', 'r.author_label', 'r.body', 'r.transition', 'r.at'])
      .orderBy('r.id')
      .execute(),
    'review_comments',
  );
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
