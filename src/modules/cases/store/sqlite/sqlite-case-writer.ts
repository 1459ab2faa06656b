/**
 * The SQLite writer: the same operations as the generic Kysely writer, with statements prepared once
 * and run directly on the connection (inside the Kysely transaction, which holds that same
 * connection). Kysely prepares every statement anew, which dominated bulk imports.
 */
import { SqlEditorialRepo } from '../sql-editorial-repo.ts';
import type { CaseVersion } from '../editorial-store.ts';
import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely, Transaction } from 'kysely';
import type { CaseRecord } from '../../domain/case-schema.ts';
import { foldIdentifier } from '../../domain/case-record.ts';
import { TAG_KINDS } from '../../domain/taxonomy.ts';
import type { BatchEntry, WriteHook } from '../case-store.ts';
import type { Database } from '../schema.ts';
import { SqlBatchLog, SqlCaseReader, SqlCaseWriter, rowToRecord, type ChangedIds } from '../sql-case-store.ts';

type Row = Parameters<typeof rowToRecord>[0];

export function prepareStatements(db: BetterSqlite3.Database) {
  return {
    get: db.prepare<[string], Row>('SELECT seq, id, doc, version, created_at, updated_at FROM cases WHERE id = ?'),
    insert: db.prepare(
      `INSERT INTO cases (id, title, database_number, jurisdiction, decision_date, decision_sort, decision_year,
         status, doc, version, import_batch, created_at, updated_at)
       VALUES (@id, @title, @database_number, @jurisdiction, @decision_date, @decision_sort, @decision_year,
         @status, @doc, @version, @import_batch, @created_at, @updated_at)`,
    ),
    update: db.prepare(
      `UPDATE cases SET title = @title, database_number = @database_number, jurisdiction = @jurisdiction,
         decision_date = @decision_date,
       decision_sort = @decision_sort, decision_year = @decision_year, status = @status, doc = @doc, version = @version,
       import_batch = @import_batch, created_at = @created_at, updated_at = @updated_at WHERE id = @id`,
    ),
    seqOf: db.prepare<[string], { seq: number }>('SELECT seq FROM cases WHERE id = ?'),
    addVersion: db.prepare(
      `INSERT INTO case_versions (seq, version, status, doc, restricted, action, changed, actor_id, actor_label, at)
       VALUES ((SELECT seq FROM cases WHERE id = @caseId), @version, @status, @doc, @restricted, @action, @changed,
         @actorId, @actorLabel, @at)`,
    ),
    deleteCase: db.prepare('DELETE FROM cases WHERE seq = ?'),
    deleteTags: db.prepare('DELETE FROM case_tags WHERE seq = ?'),
    deleteIds: db.prepare('DELETE FROM case_identifiers WHERE seq = ?'),
    insertTag: db.prepare('INSERT INTO case_tags (seq, kind, code) VALUES (?, ?, ?)'),
    insertId: db.prepare('INSERT INTO case_identifiers (seq, type, value, norm) VALUES (?, ?, ?, ?)'),
    byIdentifier: db.prepare<[string, string], { id: string }>(
      'SELECT DISTINCT c.id FROM case_identifiers i JOIN cases c ON c.seq = i.seq WHERE i.norm = ? AND i.type = ?',
    ),
    byJurisdictionAndDate: db.prepare<[string, string], { id: string; title: string; court: string | null }>(
      "SELECT id, title, json_extract(doc, '$.court') AS court FROM cases " +
        'WHERE jurisdiction = ? AND decision_date = ? LIMIT 50',
    ),
    logBatch: db.prepare('INSERT INTO import_log (batch, case_id, previous, version_after) VALUES (?, ?, ?, ?)'),
  };
}

export type SqliteStatements = ReturnType<typeof prepareStatements>;

/** Reads one case by id with a prepared statement (the hottest read: every case page). */
export class SqliteCaseReader extends SqlCaseReader {
  constructor(
    db: Kysely<Database>,
    private readonly statements: () => SqliteStatements,
  ) {
    super(db);
  }

  override async get(id: string): Promise<CaseRecord | undefined> {
    const row = this.statements().get.get(id);
    return row ? rowToRecord(row) : undefined;
  }
}

export class SqliteCaseWriter extends SqlCaseWriter {
  constructor(
    trx: Transaction<Database>,
    hooks: WriteHook[],
    changes: ChangedIds,
    private readonly stmt: SqliteStatements,
  ) {
    super(trx, hooks, changes);
  }

  override async get(id: string): Promise<CaseRecord | undefined> {
    const row = this.stmt.get.get(id);
    return row ? rowToRecord(row) : undefined;
  }

  // The duplicate checks of every imported line.
  override async findByIdentifier(type: string, value: string): Promise<string[]> {
    return this.stmt.byIdentifier.all(foldIdentifier(value), type).map((r) => r.id);
  }

  override async findByJurisdictionAndDate(jurisdiction: string, decisionDate: string) {
    return this.stmt.byJurisdictionAndDate.all(jurisdiction, decisionDate);
  }

  private sideTables(seq: number, rec: CaseRecord, replace: boolean): void {
    if (replace) {
      this.stmt.deleteTags.run(seq);
      this.stmt.deleteIds.run(seq);
    }
    for (const kind of TAG_KINDS) for (const code of new Set(rec.tags[kind])) this.stmt.insertTag.run(seq, kind, code);
    for (const i of rec.identifiers) this.stmt.insertId.run(seq, i.type, i.value, foldIdentifier(i.value));
  }

  override async insert(rec: CaseRecord): Promise<void> {
    const info = this.stmt.insert.run({ id: rec.id, ...this.columns(rec) });
    this.sideTables(Number(info.lastInsertRowid), rec, false);
    await this.notify({ id: rec.id, before: undefined, after: rec });
  }

  override async update(rec: CaseRecord): Promise<boolean> {
    const before = await this.get(rec.id);
    if (!before) return false;
    this.stmt.update.run({ id: rec.id, ...this.columns(rec) });
    this.sideTables(this.stmt.seqOf.get(rec.id)!.seq, rec, true);
    await this.notify({ id: rec.id, before, after: rec });
    return true;
  }

  override async delete(id: string): Promise<boolean> {
    const before = await this.get(id);
    if (!before) return false;
    const seq = this.stmt.seqOf.get(id)!.seq;
    this.stmt.deleteTags.run(seq);
    this.stmt.deleteIds.run(seq);
    this.stmt.deleteCase.run(seq);
    await this.notify({ id, before, after: undefined });
    return true;
  }
}

/** The import log with a prepared insert (one row per imported case). */
export class SqliteBatchLog extends SqlBatchLog {
  constructor(
    trx: Transaction<Database>,
    private readonly stmt: SqliteStatements,
  ) {
    super(trx);
  }

  override async record(batch: string, e: BatchEntry): Promise<void> {
    this.stmt.logBatch.run(batch, e.caseId, e.previous ? JSON.stringify(e.previous) : null, e.versionAfter);
  }
}

/** Versions written with a prepared statement: an import writes one per case. */
export class SqliteEditorialRepo extends SqlEditorialRepo {
  constructor(
    trx: Transaction<Database>,
    private readonly stmt: SqliteStatements,
  ) {
    super(trx);
  }

  override async addVersion(v: CaseVersion): Promise<void> {
    this.stmt.addVersion.run({
      caseId: v.caseId,
      version: v.version,
      status: v.status,
      doc: JSON.stringify(v.record),
      restricted: JSON.stringify(v.restricted),
      action: v.action,
      changed: JSON.stringify(v.changed),
      actorId: v.actorId,
      actorLabel: v.actorLabel,
      at: v.at,
    });
  }
}
