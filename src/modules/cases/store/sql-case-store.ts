/**
 * The case repository over Kysely, written once for every SQL dialect. Adapters (sqlite/, postgres/)
 * create the connection and pass it here; nothing in this file is dialect-specific.
 */
import type { Kysely, Transaction } from 'kysely';
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';
import { contentOf, decisionSortKey, decisionYear, foldIdentifier, toRecord } from '../domain/case-record.ts';
import { TAG_KINDS } from '../domain/taxonomy.ts';
import type { Database } from './schema.ts';
import type {
  BatchEntry,
  BatchLog,
  CaseListQuery,
  CasePage,
  CaseReader,
  CaseStore,
  CaseWriter,
  DocumentRepo,
  StoreTx,
  WriteHook,
} from './case-store.ts';
import { SqlDocumentRepo } from './sql-document-repo.ts';
import { SqlEditorialRepo } from './sql-editorial-repo.ts';
import type { EditorialRepo } from './editorial-store.ts';
import { platformRepos, type AccountRepo, type AuditRepo } from '../../platform/index.ts';
import { migrateToLatest, type Dialect, type ModuleMigrations } from '../../../kernel/db/migrations.ts';
import { CASE_MIGRATIONS } from './migrations.ts';

type Db = Kysely<Database> | Transaction<Database>;
type Row = Pick<Database['cases'], 'id' | 'doc' | 'version' | 'created_at' | 'updated_at'> & { seq: number };
export type Change = { id: string; before: CaseRecord | undefined; after: CaseRecord | undefined };
/** Ids changed in a transaction, handed to afterCommit. */
export type ChangedIds = string[];

export function rowToRecord(row: Row): CaseRecord {
  return toRecord(row.id, JSON.parse(row.doc), {
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
}

const ROW = ['seq', 'id', 'doc', 'version', 'created_at', 'updated_at'] as const;

export class SqlCaseReader implements CaseReader {
  constructor(protected readonly db: Db) {}

  async get(id: string): Promise<CaseRecord | undefined> {
    const row = await this.db.selectFrom('cases').select(ROW).where('id', '=', id).executeTakeFirst();
    return row ? rowToRecord(row as Row) : undefined;
  }

  async getMany(ids: string[]): Promise<CaseRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('cases').select(ROW).where('id', 'in', ids).execute();
    const byId = new Map(rows.map((r) => [r.id, rowToRecord(r as Row)]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
  }

  async list(q: CaseListQuery): Promise<CasePage> {
    let query = this.db.selectFrom('cases').select([...ROW, 'decision_sort']);
    if (q.jurisdictions?.length) query = query.where('jurisdiction', 'in', q.jurisdictions);
    if (q.statuses?.length) query = query.where('status', 'in', q.statuses);
    if (q.yearFrom !== undefined) query = query.where('decision_year', '>=', q.yearFrom);
    if (q.yearTo !== undefined) query = query.where('decision_year', '<=', q.yearTo);
    for (const kind of TAG_KINDS) {
      const wanted = q.tags?.[kind];
      if (!wanted?.length) continue;
      query = query.where('seq', 'in', (eb) =>
        eb.selectFrom('case_tags').select('seq').where('kind', '=', kind).where('code', 'in', wanted),
      );
    }
    if (q.sort === 'created_asc') {
      if (q.after) query = query.where('seq', '>', Number(q.after[0]));
      query = query.orderBy('seq', 'asc');
    } else {
      if (q.after) {
        const [sortKey, seq] = q.after as [string, number];
        query = query.where((eb) =>
          eb.or([eb('decision_sort', '<', sortKey), eb.and([eb('decision_sort', '=', sortKey), eb('seq', '<', seq)])]),
        );
      }
      query = query.orderBy('decision_sort', 'desc').orderBy('seq', 'desc');
    }
    const rows = await query.limit(q.limit + 1).execute();
    const more = rows.length > q.limit;
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    const nextKey =
      more && last ? (q.sort === 'created_asc' ? [Number(last.seq)] : [last.decision_sort, Number(last.seq)]) : null;
    return { items: page.map((r) => rowToRecord(r as Row)), nextKey };
  }

  async count(statuses?: CaseStatus[]): Promise<number> {
    let query = this.db.selectFrom('cases').select((eb) => eb.fn.countAll<number>().as('n'));
    if (statuses?.length) query = query.where('status', 'in', statuses);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async findByIdentifier(type: string, value: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('case_identifiers as i')
      .innerJoin('cases as c', 'c.seq', 'i.seq')
      .select('c.id')
      .where('i.norm', '=', foldIdentifier(value))
      .where('i.type', '=', type)
      .execute();
    return [...new Set(rows.map((r) => r.id))];
  }

  async findByJurisdictionAndDate(jurisdiction: string, decisionDate: string) {
    const rows = await this.db
      .selectFrom('cases')
      .select(['id', 'title', 'doc'])
      .where('jurisdiction', '=', jurisdiction)
      .where('decision_date', '=', decisionDate)
      .limit(50)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      court: (JSON.parse(r.doc) as { court: string | null }).court,
    }));
  }

  async *scan(batchSize = 500): AsyncIterable<CaseRecord> {
    let after = 0;
    for (;;) {
      const rows = await this.db
        .selectFrom('cases')
        .select(ROW)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(batchSize)
        .execute();
      for (const r of rows) yield rowToRecord(r as Row);
      if (rows.length < batchSize) return;
      after = Number(rows[rows.length - 1]!.seq);
    }
  }
}

export class SqlCaseWriter extends SqlCaseReader implements CaseWriter {
  constructor(
    db: Transaction<Database>,
    protected readonly hooks: WriteHook[],
    protected readonly changes: ChangedIds,
  ) {
    super(db);
  }

  protected columns(rec: CaseRecord) {
    return {
      title: rec.title,
      database_number: rec.databaseNumber,
      jurisdiction: rec.jurisdiction,
      decision_date: rec.decisionDate,
      decision_sort: decisionSortKey(rec.decisionDate),
      decision_year: decisionYear(rec.decisionDate),
      status: rec.status,
      doc: JSON.stringify(contentOf(rec)),
      version: rec.version,
      import_batch: rec.provenance.importBatch,
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
    };
  }

  private async writeSideTables(seq: number, rec: CaseRecord): Promise<void> {
    await this.db.deleteFrom('case_tags').where('seq', '=', seq).execute();
    await this.db.deleteFrom('case_identifiers').where('seq', '=', seq).execute();
    const tags = TAG_KINDS.flatMap((kind) => [...new Set(rec.tags[kind])].map((code) => ({ seq, kind, code })));
    if (tags.length) await this.db.insertInto('case_tags').values(tags).execute();
    const ids = rec.identifiers.map((i) => ({ seq, type: i.type, value: i.value, norm: foldIdentifier(i.value) }));
    if (ids.length) await this.db.insertInto('case_identifiers').values(ids).execute();
  }

  protected async notify(change: Change): Promise<void> {
    // Only the id is kept for afterCommit: a million-case import must not hold every record.
    this.changes.push(change.id);
    for (const h of this.hooks) await h.onWrite(this.db, change);
  }

  async insert(rec: CaseRecord): Promise<void> {
    const row = await this.db
      .insertInto('cases')
      .values({ id: rec.id, ...this.columns(rec) })
      .returning('seq')
      .executeTakeFirstOrThrow();
    await this.writeSideTables(Number(row.seq), rec);
    await this.notify({ id: rec.id, before: undefined, after: rec });
  }

  async update(rec: CaseRecord): Promise<boolean> {
    const before = await this.get(rec.id);
    if (!before) return false;
    const row = await this.db
      .updateTable('cases')
      .set(this.columns(rec))
      .where('id', '=', rec.id)
      .returning('seq')
      .executeTakeFirstOrThrow();
    await this.writeSideTables(Number(row.seq), rec);
    await this.notify({ id: rec.id, before, after: rec });
    return true;
  }

  async delete(id: string): Promise<boolean> {
    const before = await this.get(id);
    if (!before) return false;
    const row = await this.db.selectFrom('cases').select('seq').where('id', '=', id).executeTakeFirstOrThrow();
    await this.db.deleteFrom('case_tags').where('seq', '=', row.seq).execute();
    await this.db.deleteFrom('case_identifiers').where('seq', '=', row.seq).execute();
    await this.db.deleteFrom('cases').where('id', '=', id).execute();
    await this.notify({ id, before, after: undefined });
    return true;
  }
}

export class SqlBatchLog implements BatchLog {
  constructor(private readonly db: Db) {}

  async record(batch: string, e: BatchEntry): Promise<void> {
    await this.db
      .insertInto('import_log')
      .values({
        batch,
        case_id: e.caseId,
        previous: e.previous ? JSON.stringify(e.previous) : null,
        version_after: e.versionAfter,
      })
      .execute();
  }

  async entries(batch: string): Promise<BatchEntry[]> {
    const rows = await this.db.selectFrom('import_log').selectAll().where('batch', '=', batch).orderBy('id').execute();
    return rows.map((r) => ({
      caseId: r.case_id,
      previous: r.previous ? (JSON.parse(r.previous) as CaseRecord) : null,
      versionAfter: r.version_after,
    }));
  }

  async forget(batch: string): Promise<void> {
    await this.db.deleteFrom('import_log').where('batch', '=', batch).execute();
  }
}

export class SqlCaseStore implements CaseStore {
  /** Adapters may replace it with a faster reader for their database. */
  cases: CaseReader;
  readonly documents: DocumentRepo;
  readonly accounts: AccountRepo;
  readonly editorial: EditorialRepo;
  readonly audit: AuditRepo;
  private readonly hooks: WriteHook[] = [];

  constructor(
    readonly db: Kysely<Database>,
    readonly dialect: Dialect,
  ) {
    this.cases = new SqlCaseReader(db);
    this.documents = new SqlDocumentRepo(db);
    ({ accounts: this.accounts, audit: this.audit } = platformRepos(db));
    this.editorial = new SqlEditorialRepo(db);
  }

  /** The writer used inside transactions; adapters may return a faster one for their database. */
  protected writer(trx: Transaction<Database>, hooks: WriteHook[], changes: ChangedIds): SqlCaseWriter {
    return new SqlCaseWriter(trx, hooks, changes);
  }

  /** The import log used inside transactions; adapters may return a faster one. */
  protected batchLog(trx: Transaction<Database>): SqlBatchLog {
    return new SqlBatchLog(trx);
  }

  /** The editorial repository used inside transactions; adapters may return a faster one. */
  protected editorialRepo(trx: Transaction<Database>): EditorialRepo {
    return new SqlEditorialRepo(trx);
  }

  /** Applies the given migrations (the app passes every module's, merged); by default this module's. */
  async migrate(migrations: ModuleMigrations = CASE_MIGRATIONS): Promise<{ applied: string[] }> {
    return { applied: await migrateToLatest(this.db, this.dialect, migrations) };
  }

  addWriteHook(hook: WriteHook): void {
    this.hooks.push(hook);
  }

  async transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    const changes: ChangedIds = [];
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) => {
        const r = await fn({
          cases: this.writer(trx, this.hooks, changes),
          batches: this.batchLog(trx),
          documents: new SqlDocumentRepo(trx),
          ...platformRepos(trx),
          editorial: this.editorialRepo(trx),
        });
        if (changes.length) for (const h of this.hooks) await h.beforeCommit?.(trx);
        return r;
      });
    } catch (e) {
      for (const h of this.hooks) h.afterRollback?.();
      throw e;
    }
    if (changes.length) for (const h of this.hooks) h.afterCommit?.(changes);
    return result;
  }

  async getMeta(key: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
