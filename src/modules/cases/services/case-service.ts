/**
 * Case use cases: create, read, list, patch, delete, import upserts. Depends on the store port only;
 * never sees HTTP. Every read of unpublished material and every write asks domain/permissions.ts;
 * every write leaves a version and an audit entry (case-history.ts) in its transaction.
 * Status changes are not edits: they go through the workflow (workflow-service.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  CaseInputSchema,
  CasePatchSchema,
  type CaseContent,
  type CaseRecord,
  type CaseStatus,
} from '../domain/case-schema.ts';
import { contentOf, toRecord, canonicalContent } from '../domain/case-record.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { TagKind } from '../domain/taxonomy.ts';
import type { CaseSort, CaseStore, StoreTx } from '../store/case-store.ts';
import { cursorCodecOf, type CursorCodec } from './cursor.ts';
import { slugify } from '../../../kernel/text/slug.ts';
import { ANONYMOUS, SYSTEM, type Actor } from '../../platform/index.ts';
import { can, canCreateWithStatus, canEdit, canView, type CaseAccess } from '../../platform/index.ts';
import { NO_RESTRICTED, restrictedOf, type Restricted } from '../store/editorial-store.ts';
import { currentRestricted, recordChange } from './case-history.ts';
import { changedFields } from './case-diff.ts';
import { audit } from '../../platform/index.ts';
import { pseudonymisationWarnings } from './pseudonymisation.ts';

export type { Actor };
/** The anonymous public (kept under its old name for the pages). */
export const PUBLIC: Actor = ANONYMOUS;

export interface ListParams {
  jurisdictions?: string[];
  yearFrom?: number;
  yearTo?: number;
  statuses?: CaseStatus[];
  tags?: Partial<Record<TagKind, string[]>>;
  sort?: CaseSort;
  limit: number;
  cursor?: string;
}

export interface ListResult {
  items: CaseRecord[];
  nextCursor: string | null;
}

const now = () => new Date().toISOString();

export class CaseService {
  private readonly cursors: () => Promise<CursorCodec>;

  constructor(private readonly store: CaseStore) {
    this.cursors = cursorCodecOf(store);
  }

  /** The editorial facts permission checks need (owner, status). */
  async access(rec: CaseRecord, tx?: StoreTx): Promise<CaseAccess> {
    if (rec.status === 'published') return { status: rec.status, ownerId: null };
    const e = await (tx ?? this.store).editorial.get(rec.id);
    return { status: rec.status, ownerId: e?.ownerId ?? null };
  }

  async get(id: string, actor: Actor): Promise<CaseRecord> {
    const rec = await this.store.cases.get(id);
    // Cases the actor may not see answer 404, exactly as missing ones: no existence leak.
    if (!rec || !canView(actor, await this.access(rec))) throw notFound('case', id);
    return rec;
  }

  async restricted(id: string): Promise<Restricted> {
    return restrictedOf(await this.store.editorial.get(id));
  }

  async list(params: ListParams, actor: Actor): Promise<ListResult> {
    const editorial = can(actor, 'case.read_unpublished');
    if (!editorial && params.statuses?.some((s) => s !== 'published')) {
      throw new AppError('FORBIDDEN', 'only editors may list unpublished cases', { field: 'status' });
    }
    const statuses: CaseStatus[] = editorial ? (params.statuses ?? []) : ['published'];
    const sort = params.sort ?? 'decided_desc';
    const scope = createHash('sha256')
      .update(JSON.stringify([sort, params.jurisdictions, params.yearFrom, params.yearTo, statuses, params.tags]))
      .digest('base64url')
      .slice(0, 12);
    const codec = await this.cursors();
    const after = params.cursor ? codec.decode(scope, params.cursor) : undefined;
    const page = await this.store.cases.list({ ...params, statuses, sort, limit: params.limit, after });
    return { items: page.items, nextCursor: page.nextKey ? codec.encode(scope, page.nextKey) : null };
  }

  async create(
    input: unknown,
    actor: Actor,
    opts: { restricted?: Restricted; acknowledgeWarnings?: boolean } = {},
  ): Promise<CaseRecord> {
    if (!can(actor, 'case.create'))
      throw new AppError(
        'FORBIDDEN',
        'creating cases needs a contributor, editor or administrator account, or a token with the write scope',
      );
    const parsed = parseOrThrow(CaseInputSchema, input, 'case');
    if (!canCreateWithStatus(actor, parsed.status)) {
      throw new AppError(
        'FORBIDDEN',
        `you may create cases as draft or in_review only, not '${parsed.status}': publishing goes through review`,
        [{ path: 'status', message: 'needs the right to publish' }],
      );
    }
    if (parsed.status === 'published') this.checkNames(parsed, opts.acknowledgeWarnings);
    // Whoever may not see unpublished cases must not learn of them through ids either: they cannot
    // choose an id (a 409 would reveal a hidden case), and theirs carry a random suffix.
    const blind = !can(actor, 'case.read_unpublished');
    if (blind && parsed.id) {
      throw new AppError('FORBIDDEN', 'contributors cannot choose a case id: it is made from the title', [
        { path: 'id', message: 'leave it out' },
      ]);
    }
    const restricted = opts.restricted ?? NO_RESTRICTED;
    return this.store.transaction(async (tx) => {
      const id = parsed.id ?? (await this.freeId(tx, parsed.title, blind));
      if (parsed.id && (await tx.cases.get(parsed.id))) {
        throw new AppError('CONFLICT', `a case with id '${parsed.id}' already exists`, { field: 'id', id: parsed.id });
      }
      const { id: _i, createdAt: _c, updatedAt: _u, version: _v, ...content } = parsed;
      const t = now();
      const rec = toRecord(id, content, { version: 1, createdAt: t, updatedAt: t });
      await tx.cases.insert(rec);
      await tx.editorial.put({ caseId: id, ownerId: actor.userId, ...restricted });
      await recordChange(tx, { actor, action: 'create', before: undefined, after: rec, restrictedAfter: restricted });
      return rec;
    });
  }

  /**
   * Changes fields of a case (and, when given, its restricted fields). Status is not a field here:
   * it moves through the workflow. Nothing changed, nothing written.
   */
  async patch(
    id: string,
    input: unknown,
    actor: Actor,
    restrictedChange?: Partial<Restricted>,
    opts: { acknowledgeWarnings?: boolean } = {},
  ): Promise<CaseRecord> {
    const patch = parseOrThrow(CasePatchSchema, input, 'case patch');
    return this.store.transaction(async (tx) => {
      const current = await tx.cases.get(id);
      if (!current) throw notFound('case', id);
      const access = await this.access(current, tx);
      if (!canView(actor, access)) throw notFound('case', id);
      if (!canEdit(actor, access)) throw this.cannotEdit(actor, current.status);
      if (patch.version !== undefined && patch.version !== current.version) {
        throw new AppError(
          'CONFLICT',
          `case '${id}' was changed meanwhile: you sent version ${patch.version}, the stored version is ` +
            `${current.version}; reload and retry`,
          { field: 'version', expected: current.version },
        );
      }
      if (patch.status !== undefined && patch.status !== current.status) {
        throw new AppError(
          'VALIDATION_FAILED',
          `status changes go through the workflow: POST /api/v1/cases/${id}/transitions with {"to": "${patch.status}"}`,
          [{ path: 'status', message: 'use the workflow transitions' }],
        );
      }
      const { version: _v, ...changes } = patch;
      const merged = {
        ...contentOf(current),
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
      };
      // Validate the merged whole: a patch can only produce a valid case.
      const whole = parseOrThrow(CaseInputSchema, merged, 'case');
      const { id: _i, createdAt: _c, updatedAt: _u, version: _v2, ...content } = whole;
      const e = await tx.editorial.get(id);
      const rBefore = restrictedOf(e);
      const rAfter: Restricted = {
        ...rBefore,
        ...Object.fromEntries(Object.entries(restrictedChange ?? {}).filter(([, v]) => v !== undefined)),
      };
      const sameRestricted =
        rAfter.internalNotes === rBefore.internalNotes && rAfter.sourceContacts === rBefore.sourceContacts;
      if (sameContent(contentOf(current), content) && sameRestricted) return current;
      // Editing a published case publishes the edit: the same name check as publishing.
      if (current.status === 'published' && !sameContent(contentOf(current), content))
        this.checkNames(content, opts.acknowledgeWarnings);
      const rec = toRecord(id, content, {
        version: current.version + 1,
        createdAt: current.createdAt,
        updatedAt: now(),
      });
      await tx.cases.update(rec);
      if (!sameRestricted) await tx.editorial.put({ caseId: id, ownerId: e?.ownerId ?? null, ...rAfter });
      await recordChange(tx, {
        actor,
        action: 'edit',
        before: current,
        after: rec,
        restrictedBefore: rBefore,
        restrictedAfter: rAfter,
      });
      return rec;
    });
  }

  async delete(id: string, actor: Actor): Promise<void> {
    const rec = await this.get(id, actor);
    if (!can(actor, 'case.delete'))
      throw new AppError(
        'FORBIDDEN',
        'deleting cases is for editors and administrators; withdraw a published case instead',
      );
    await this.store.transaction(async (tx) => {
      if (!(await tx.cases.delete(id))) throw notFound('case', id);
      await audit(
        tx.audit,
        actor,
        'case.delete',
        { type: 'case', id },
        { title: rec.title, version: rec.version, status: rec.status },
      );
    });
  }

  /** Refuses publishing a narrative that names a party, unless the editor has seen the warnings. */
  checkNames(content: Parameters<typeof pseudonymisationWarnings>[0], acknowledged = false): void {
    const warnings = pseudonymisationWarnings(content);
    if (warnings.length && !acknowledged) {
      throw new AppError(
        'CONFLICT',
        `pseudonymisation check: ${warnings.length} narrative(s) contain a name from a party record ` +
          `(${warnings[0]!.message}); fix them, or publish with acknowledgeWarnings`,
        { warnings },
      );
    }
  }

  cannotEdit(actor: Actor, status: CaseStatus): AppError {
    if (actor.role === 'contributor') {
      return new AppError(
        'FORBIDDEN',
        status === 'draft'
          ? 'contributors edit their own drafts only'
          : `this case is ${status}; contributors edit drafts only`,
      );
    }
    return new AppError(
      'FORBIDDEN',
      'editing this case needs an editor or administrator account, or a token with the write scope',
    );
  }

  /**
   * Writes one validated case inside an import transaction: inserts it, or replaces the stored case
   * with the same id when its content differs (re-importing the same file changes nothing).
   */
  async upsertInTx(
    tx: StoreTx,
    parsed: ReturnType<typeof CaseInputSchema.parse>,
    actor: Actor = SYSTEM,
  ): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; record: CaseRecord; previous: CaseRecord | null }> {
    const { id: givenId, createdAt, updatedAt, version, ...content } = parsed;
    const id = givenId ?? (await this.freeId(tx, parsed.title));
    const existing = givenId ? await tx.cases.get(givenId) : undefined;
    const t = now();
    if (!existing) {
      const record = toRecord(id, content, {
        version: version ?? 1,
        createdAt: createdAt ?? t,
        updatedAt: updatedAt ?? t,
      });
      await tx.cases.insert(record);
      await tx.editorial.addVersion(importVersion(record, undefined, actor));
      return { outcome: 'created', record, previous: null };
    }
    if (sameContent(contentOf(existing), content))
      return { outcome: 'unchanged', record: existing, previous: existing };
    const record = toRecord(id, content, {
      version: existing.version + 1,
      createdAt: existing.createdAt,
      updatedAt: t,
    });
    await tx.cases.update(record);
    await tx.editorial.addVersion({
      ...importVersion(record, existing, actor),
      restricted: await currentRestricted(tx, id),
    });
    return { outcome: 'updated', record, previous: existing };
  }

  /**
   * Undoes an import batch: deletes what it created, restores what it changed. Refuses (and changes
   * nothing) when any of those cases was edited after the batch.
   */
  async undoBatch(batch: string, actor: Actor): Promise<{ batch: string; deleted: number; restored: number }> {
    if (!can(actor, 'case.import'))
      throw new AppError(
        'FORBIDDEN',
        'undoing imports needs an editor or administrator, or a token with the import scope',
      );
    return this.store.transaction(async (tx) => {
      const entries = await tx.batches.entries(batch);
      if (!entries.length)
        throw new AppError('NOT_FOUND', `no import batch '${batch}' to undo (unknown, or already undone)`, { batch });
      const changed: string[] = [];
      for (const e of entries) {
        const current = await tx.cases.get(e.caseId);
        if (current?.version !== e.versionAfter) changed.push(e.caseId);
      }
      if (changed.length) {
        throw new AppError(
          'CONFLICT',
          `cannot undo batch '${batch}': ${changed.length} of its cases changed since ` +
            `(${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''})`,
          { batch, changed },
        );
      }
      let deleted = 0;
      let restored = 0;
      for (const e of [...entries].reverse()) {
        if (e.previous) {
          // Exactly as it was, version number included; the batch's versions leave the history
          // (the audit log keeps the import and its undo).
          await tx.cases.update(e.previous);
          await tx.editorial.deleteVersionsAfter(e.caseId, e.previous.version);
          restored++;
        } else {
          await tx.cases.delete(e.caseId);
          deleted++;
        }
      }
      await tx.batches.forget(batch);
      await audit(
        tx.audit,
        actor,
        'import.undo',
        { type: 'batch', id: batch },
        { deleted, restored, cases: entries.map((e) => e.caseId).slice(0, 1000) },
      );
      return { batch, deleted, restored };
    });
  }

  private async freeId(tx: StoreTx, title: string, random = false): Promise<string> {
    const base = slugify(title);
    if (random) {
      for (;;) {
        const candidate = `${base.slice(0, 57)}-${randomBytes(3).toString('hex')}`;
        if (!(await tx.cases.get(candidate))) return candidate;
      }
    }
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? base : `${base}-${n}`;
      if (!(await tx.cases.get(candidate))) return candidate;
    }
  }
}

/** Equal content, ignoring which import batch brought it in. */
function sameContent(a: CaseContent, b: CaseContent): boolean {
  const norm = (c: CaseContent) =>
    JSON.stringify(canonicalContent({ ...c, provenance: { ...c.provenance, importBatch: null } }));
  return norm(a) === norm(b);
}

/** The version row of an imported case (the batch's audit entry covers the import as a whole). */
function importVersion(record: CaseRecord, before: CaseRecord | undefined, actor: Actor) {
  return {
    caseId: record.id,
    version: record.version,
    status: record.status,
    record,
    restricted: NO_RESTRICTED,
    action: 'import',
    changed: changedFields(before, record),
    actorId: actor.userId ?? actor.id,
    actorLabel: actor.label,
    at: record.updatedAt,
  };
}
