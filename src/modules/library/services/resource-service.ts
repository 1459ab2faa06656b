/**
 * Library resources: create, edit, move through the workflow (the platform's record.* rules), read
 * as the actor may, with every write versioned (record_versions) and audited, and the search index
 * kept in step in the same transaction. A withdrawn resource answers as a tombstone (410 with the
 * reason and the successor), never as a 404.
 */
import { AppError, notFound } from '../../../kernel/errors.ts';
import type { ModuleDatabase, WriteTx } from '../../../kernel/db/sql-database.ts';
import { issuesOf } from '../../../kernel/validation.ts';
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
import {
  emptyLanguageVersions,
  resourceInputSchema,
  slugOf,
  type Resource,
  type ResourceInput,
} from '../domain/resource.ts';
import type { LibraryDb } from '../store/schema.ts';
import {
  getResource,
  getResources,
  resourcesInStatus,
  insertResource,
  updateResource,
  type Conn,
} from '../store/resource-repo.ts';

export const RESOURCE_KIND = 'resource';

export interface TransitionInput {
  to: RecordStatus;
  /** Why it is withdrawn (required to withdraw). */
  reason?: string;
  /** The resource that replaces a withdrawn one. */
  successorId?: string | null;
}

export interface Tombstone {
  id: string;
  title: string;
  reason: string;
  successorId: string | null;
  withdrawnAt: string;
}

const languageAt = (r: Resource, path: string) => r.languages[Number(path.split('.')[1])]!.language;
const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

function invalid(e: unknown): never {
  if (e && typeof e === 'object' && 'issues' in e) {
    const issues = issuesOf(e as never);
    throw new AppError(
      'VALIDATION_FAILED',
      `the resource is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  throw e as Error;
}

export class ResourceService {
  constructor(private readonly database: ModuleDatabase) {}

  get db(): Conn {
    return this.database.kysely<LibraryDb>();
  }

  async create(input: ResourceInput, actor: Actor, opts: { status?: RecordStatus } = {}): Promise<Resource> {
    const status = opts.status ?? 'draft';
    if (!can(actor, 'record.create'))
      throw new AppError('FORBIDDEN', 'creating library resources is for contributors and editors');
    if (!canCreateWithStatus(actor, status, 'record'))
      throw new AppError('FORBIDDEN', `creating a resource as ${status} skips the review; only editors may`);
    const parsed = resourceInputSchema.safeParse(input);
    if (!parsed.success) invalid(parsed.error);
    const { id: wanted, ...content } = parsed.data;
    const at = nowIso();
    return this.database.transaction<LibraryDb, Resource>(async (tx) => {
      const id = wanted ?? (await this.freeId(tx.trx, slugOf(content.title)));
      if (await getResource(tx.trx, id))
        throw new AppError('CONFLICT', `resource '${id}' already exists`, { field: 'id' });
      const rec: Resource = {
        ...content,
        id,
        status,
        version: 1,
        createdAt: at,
        updatedAt: at,
        datestamp: at,
        withdrawal: null,
        files: [],
      };
      if (status !== 'draft') this.requireComplete(rec);
      await insertResource(tx.trx, rec, actor.userId);
      await this.record(tx, actor, 'create', undefined, rec, Object.keys(content));
      return rec;
    });
  }

  /** Changes content fields (status changes are transitions). */
  async patch(id: string, changes: Partial<ResourceInput>, actor: Actor, expectedVersion?: number): Promise<Resource> {
    if ('status' in (changes as object))
      throw new AppError('VALIDATION_FAILED', 'status changes through a transition', [
        { path: 'status', message: 'not editable' },
      ]);
    if ('id' in (changes as object))
      throw new AppError('VALIDATION_FAILED', 'the id of a resource never changes', [
        { path: 'id', message: 'not editable' },
      ]);
    return this.database.transaction<LibraryDb, Resource>(async (tx) => {
      const { resource: before, ownerId } = await this.editable(tx.trx, id, actor);
      if (expectedVersion !== undefined && expectedVersion !== before.version)
        throw new AppError('CONFLICT', `resource '${id}' is at version ${before.version}, not ${expectedVersion}`, {
          version: before.version,
        });
      const {
        id: _i,
        status: _s,
        version: _v,
        createdAt: _c,
        updatedAt: _u,
        datestamp: _d,
        withdrawal: _w,
        files: _f,
        ...content
      } = before;
      const parsed = resourceInputSchema.safeParse({ ...content, ...changes });
      if (!parsed.success) invalid(parsed.error);
      const { id: _id, ...next } = parsed.data;
      const at = nowIso();
      const after: Resource = { ...before, ...next, version: before.version + 1, updatedAt: at, datestamp: at };
      if (after.status !== 'draft') this.requireComplete(after);
      await updateResource(tx.trx, after, ownerId);
      await this.record(tx, actor, 'edit', before, after, Object.keys(changes));
      return after;
    });
  }

  async transition(id: string, input: TransitionInput, actor: Actor): Promise<Resource> {
    return this.database.transaction<LibraryDb, Resource>(async (tx) => {
      const row = await getResource(tx.trx, id);
      if (!row || !canView(actor, { status: row.resource.status, ownerId: row.ownerId }, 'record'))
        throw notFound('resource', id);
      const before = row.resource;
      const access = { status: before.status, ownerId: row.ownerId };
      const move = requireMove(actor, access, input.to, `resource '${id}'`);
      const at = nowIso();
      let withdrawal = before.withdrawal;
      if (input.to === 'withdrawn') {
        const reason = input.reason?.trim();
        if (!reason)
          throw new AppError('VALIDATION_FAILED', 'say why the resource is withdrawn', [
            { path: 'reason', message: 'required to withdraw' },
          ]);
        const successorId = input.successorId ?? null;
        if (successorId !== null) {
          if (successorId === id)
            throw new AppError('VALIDATION_FAILED', 'a resource cannot succeed itself', [
              { path: 'successorId', message: 'same resource' },
            ]);
          const succ = await getResource(tx.trx, successorId);
          if (!succ || succ.resource.status !== 'published')
            throw new AppError('VALIDATION_FAILED', `the successor '${successorId}' is not a published resource`, [
              { path: 'successorId', message: 'not a published resource' },
            ]);
        }
        withdrawal = { reason, successorId, at };
      }
      if (input.to === 'published') withdrawal = null;
      const after: Resource = {
        ...before,
        status: input.to,
        withdrawal,
        version: before.version + 1,
        updatedAt: at,
        datestamp: at,
      };
      if (input.to === 'in_review' || input.to === 'published') this.requireComplete(after);
      await updateResource(tx.trx, after, row.ownerId);
      await this.record(tx, actor, move.name, before, after, ['status']);
      return after;
    });
  }

  /** The resource as the actor may see it; a withdrawn one is a tombstone (410) for those who may not see it. */
  async get(id: string, actor: Actor): Promise<Resource> {
    const row = await getResource(this.db, id);
    if (!row) throw notFound('resource', id);
    const access = { status: row.resource.status, ownerId: row.ownerId };
    if (canView(actor, access, 'record')) return row.resource;
    const stone = this.tombstoneOf(row.resource);
    if (stone) throw new AppError('GONE', `resource '${id}' was withdrawn: ${stone.reason}`, { tombstone: stone });
    throw notFound('resource', id);
  }

  /** What is left of a withdrawn resource for the public (also while it is back in draft after withdrawal). */
  tombstoneOf(r: Resource): Tombstone | null {
    if (r.status === 'published' || !r.withdrawal) return null;
    return {
      id: r.id,
      title: r.title,
      reason: r.withdrawal.reason,
      successorId: r.withdrawal.successorId,
      withdrawnAt: r.withdrawal.at,
    };
  }

  /** The resources in an unpublished status, for those who may read unpublished records (never the public). */
  async unpublished(status: Exclude<RecordStatus, 'published'>, actor: Actor): Promise<Resource[]> {
    if (!can(actor, 'record.read_unpublished'))
      throw new AppError('FORBIDDEN', 'listing unpublished resources needs record.read_unpublished');
    return (await resourcesInStatus(this.db, status)).map((r) => r.resource);
  }

  /** Published resources by id (for the search, the OAI provider and the country profile). */
  async published(ids: readonly string[]): Promise<Map<string, Resource>> {
    const rows = await getResources(this.db, ids);
    return new Map([...rows].filter(([, r]) => r.resource.status === 'published').map(([id, r]) => [id, r.resource]));
  }

  async access(id: string): Promise<{ status: RecordStatus; ownerId: string | null } | undefined> {
    const row = await getResource(this.db, id);
    return row && { status: row.resource.status, ownerId: row.ownerId };
  }

  async history(id: string, actor: Actor): Promise<RecordVersionSummary[]> {
    const row = await getResource(this.db, id);
    if (!row || !canViewRestricted(actor, { status: row.resource.status, ownerId: row.ownerId }, 'record'))
      throw notFound('resource', id);
    return recordVersions.list(this.db, RESOURCE_KIND, id);
  }

  async version(id: string, version: number, actor: Actor): Promise<Resource> {
    await this.history(id, actor);
    const v = await recordVersions.get<Resource>(this.db, RESOURCE_KIND, id, version);
    if (!v) throw notFound('version', `${id}@${version}`);
    return v.record;
  }

  /** The row, if the actor may edit it (else 404 or 403). */
  async editable(conn: Conn, id: string, actor: Actor): Promise<{ resource: Resource; ownerId: string | null }> {
    const row = await getResource(conn, id);
    if (!row) throw notFound('resource', id);
    const access = { status: row.resource.status, ownerId: row.ownerId };
    if (!canView(actor, access, 'record')) throw notFound('resource', id);
    if (!canEdit(actor, access, 'record'))
      throw new AppError('FORBIDDEN', `you may not edit resource '${id}' (${access.status})`);
    return row;
  }

  /** One version, one audit entry and the index, inside the writing transaction. */
  async record(
    tx: WriteTx<LibraryDb>,
    actor: Actor,
    action: string,
    before: Resource | undefined,
    after: Resource,
    changed: string[],
  ): Promise<void> {
    await recordChange(tx.trx, actor, {
      kind: RESOURCE_KIND,
      id: after.id,
      version: after.version,
      status: after.status,
      record: after,
      action,
      changed,
      at: after.updatedAt,
    });
    await tx.indexed(RESOURCE_KIND, { id: after.id, before, after });
  }

  /** Every language version has a file or the publisher's link. */
  requireComplete(r: Resource): void {
    const empty = emptyLanguageVersions(r);
    if (empty.length)
      throw new AppError(
        'VALIDATION_FAILED',
        `language version(s) without a file or a link: ${empty.map((p) => languageAt(r, p)).join(', ')}`,
        empty.map((path) => ({
          path,
          message: "a language version needs a file (upload one) or the publisher's link (url)",
        })),
      );
  }

  private async freeId(conn: Conn, base: string): Promise<string> {
    for (let i = 1; ; i++) {
      const id = i === 1 ? base : `${base}-${i}`;
      if (!(await getResource(conn, id))) return id;
    }
  }
}
