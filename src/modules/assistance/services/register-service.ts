/**
 * One service per kind of record of the register (activities, organisations, agreements,
 * campaigns): create, replace, workflow moves, versions, with the platform's record.* rules,
 * its version history and audit log. Every write is one transaction (rows, version, audit entry
 * and, for activities, the search index); bad input writes nothing.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError, notFound, type FieldIssue } from '../../../kernel/errors.ts';
import type { ModuleDatabase, WriteTx } from '../../../kernel/db/sql-database.ts';
import {
  can,
  canCreateWithStatus,
  canEdit,
  canView,
  canViewRestricted,
  recordChange,
  recordVersions,
  requireMove,
  type Actor,
  type RecordStatus,
  type RecordVersionSummary,
} from '../../platform/index.ts';
import { validated } from '../domain/rules.ts';
import { records, type Stored } from '../store/record-repo.ts';
import type { AssistanceDb, RecordKind } from '../store/schema.ts';

type Conn = ReturnType<ModuleDatabase['kysely']>;

export interface KindSpec<S extends z.ZodType, T extends { id: string }> {
  kind: RecordKind;
  schema: S;
  /** Checks on the raw input before the schema (participants' names). */
  pre?: (raw: unknown) => FieldIssue[];
  rules: (value: T) => FieldIssue[];
  /** Checks against other records (references exist, no cycles), inside the write transaction. */
  references?: (value: T, db: Conn) => Promise<FieldIssue[]>;
  /** The search kind its published records are indexed as. */
  searchKind?: string;
}

/** What the API and pages show of a record: the record with its status and version, never its owner. */
export type Public<T> = T & { status: RecordStatus; version: number; createdAt: string; updatedAt: string };
export const publicOf = <T>(s: Stored<T>): Public<T> => ({
  ...s.record,
  status: s.status,
  version: s.version,
  createdAt: s.createdAt,
  updatedAt: s.updatedAt,
});

const access = (s: Stored<unknown>) => ({ status: s.status, ownerId: s.ownerId });

export class RegisterService<S extends z.ZodType, T extends { id: string }> {
  constructor(
    private readonly database: ModuleDatabase,
    readonly spec: KindSpec<S, T>,
  ) {}

  get kind(): RecordKind {
    return this.spec.kind;
  }

  private db() {
    return this.database.kysely<AssistanceDb>();
  }

  /** Published records; other statuses need record.read_unpublished. */
  async list(actor: Actor, statuses: readonly RecordStatus[] = ['published']): Promise<Stored<T>[]> {
    if (statuses.some((s) => s !== 'published') && !can(actor, 'record.read_unpublished'))
      throw new AppError('FORBIDDEN', `listing unpublished ${this.kind} records needs record.read_unpublished`);
    return records.all<T>(this.db(), this.kind, statuses);
  }

  /** Published records only, whoever asks (reports, exports, profiles, public pages). */
  published(): Promise<Stored<T>[]> {
    return records.all<T>(this.db(), this.kind, ['published']);
  }

  async get(id: string, actor: Actor): Promise<Stored<T>> {
    const s = await records.get<T>(this.db(), this.kind, id);
    if (!s || !canView(actor, access(s), 'record')) throw notFound(this.kind, id);
    return s;
  }

  validate(raw: unknown, id?: string): T {
    const withId = raw && typeof raw === 'object' && id !== undefined ? { ...raw, id } : raw;
    return validated(
      this.spec.schema,
      withId,
      this.kind,
      this.spec.pre ?? (() => []),
      this.spec.rules,
      (parsed) => ({ ...(parsed as object), id: (parsed as { id?: string }).id ?? newId(this.kind) }) as T,
    );
  }

  private async checkReferences(value: T, db: Conn): Promise<void> {
    const issues = (await this.spec.references?.(value, db)) ?? [];
    if (issues.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `invalid ${this.kind}: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
        issues,
      );
  }

  async create(raw: unknown, actor: Actor, status: RecordStatus = 'draft'): Promise<Stored<T>> {
    if (!can(actor, 'record.create'))
      throw new AppError('FORBIDDEN', `creating ${this.kind} records needs record.create`);
    if (!canCreateWithStatus(actor, status, 'record'))
      throw new AppError('FORBIDDEN', `creating a ${status} record needs record.publish and record.withdraw`);
    const value = this.validate(raw);
    const now = new Date().toISOString();
    const stored: Stored<T> = {
      record: value,
      status,
      ownerId: actor.userId,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.database.transaction<AssistanceDb, Stored<T>>(async (tx) => {
      if (await records.get(tx.trx, this.kind, value.id))
        throw new AppError('CONFLICT', `${this.kind} '${value.id}' exists`, [{ path: 'id', message: 'taken' }]);
      await this.checkReferences(value, tx.trx as unknown as Conn);
      await records.insert(tx.trx, this.kind, value.id, stored);
      await this.after(tx, actor, 'create', undefined, stored, Object.keys(value));
      return stored;
    });
  }

  /** Replaces the record's content (the whole record, as PUT). */
  async replace(id: string, raw: unknown, actor: Actor, expectedVersion?: number): Promise<Stored<T>> {
    const value = this.validate(raw, id);
    return this.database.transaction<AssistanceDb, Stored<T>>(async (tx) => {
      const before = await this.editable(tx, id, actor);
      if (expectedVersion !== undefined && expectedVersion !== before.version)
        throw new AppError('CONFLICT', `${this.kind} '${id}' is at version ${before.version}, not ${expectedVersion}`, [
          { path: 'version', message: 'stale' },
        ]);
      await this.checkReferences(value, tx.trx as unknown as Conn);
      const after: Stored<T> = {
        ...before,
        record: value,
        version: before.version + 1,
        updatedAt: new Date().toISOString(),
      };
      await records.update(tx.trx, this.kind, id, after);
      const changed = Object.keys(value).filter(
        (k) =>
          JSON.stringify((before.record as Record<string, unknown>)[k]) !==
          JSON.stringify((value as Record<string, unknown>)[k]),
      );
      await this.after(tx, actor, 'edit', before, after, changed);
      return after;
    });
  }

  private async editable(tx: WriteTx<AssistanceDb>, id: string, actor: Actor): Promise<Stored<T>> {
    const s = await records.get<T>(tx.trx, this.kind, id);
    if (!s || !canView(actor, access(s), 'record')) throw notFound(this.kind, id);
    if (!canEdit(actor, access(s), 'record')) throw new AppError('FORBIDDEN', `you may not edit ${this.kind} '${id}'`);
    return s;
  }

  async transition(id: string, to: RecordStatus, actor: Actor): Promise<Stored<T>> {
    return this.database.transaction<AssistanceDb, Stored<T>>(async (tx) => {
      const before = await records.get<T>(tx.trx, this.kind, id);
      if (!before || !canView(actor, access(before), 'record')) throw notFound(this.kind, id);
      const t = requireMove(actor, access(before), to, `${this.kind} '${id}'`);
      const after: Stored<T> = {
        ...before,
        status: to,
        version: before.version + 1,
        updatedAt: new Date().toISOString(),
      };
      await records.update(tx.trx, this.kind, id, after);
      await this.after(tx, actor, t.name, before, after, ['status']);
      return after;
    });
  }

  async versions(id: string, actor: Actor): Promise<RecordVersionSummary[]> {
    const s = await this.get(id, actor);
    if (!canViewRestricted(actor, access(s), 'record')) throw new AppError('FORBIDDEN', 'the history is for editors');
    return recordVersions.list(this.db(), this.kind, id);
  }

  /** The version, the audit entry and the index, in the write's transaction. */
  private async after(
    tx: WriteTx<AssistanceDb>,
    actor: Actor,
    action: string,
    before: Stored<T> | undefined,
    after: Stored<T>,
    changed: string[],
  ): Promise<void> {
    const id = after.record.id;
    await recordChange(tx.trx, actor, {
      kind: this.kind,
      id,
      version: after.version,
      status: after.status,
      record: after.record,
      action,
      changed,
      at: after.updatedAt,
      details: { status: after.status },
    });
    if (this.spec.searchKind) await tx.indexed(this.spec.searchKind, { id, before, after });
  }
}

function newId(kind: RecordKind): string {
  return `${kind.slice(0, 3)}-${randomUUID().slice(0, 8)}`;
}
