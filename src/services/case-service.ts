/**
 * Case use cases: create, read, list, patch, delete. Depends on the store port only; never sees
 * HTTP. Visibility is decided here: callers without editorial rights see published cases only.
 */
import { createHash } from 'node:crypto';
import {
  CaseInputSchema, CasePatchSchema, type CaseContent, type CaseRecord, type CaseStatus,
} from '../domain/case-schema.ts';
import { contentOf, toRecord, canonicalContent } from '../domain/case-record.ts';
import { AppError, notFound } from '../domain/errors.ts';
import { parseOrThrow } from '../domain/validation.ts';
import type { TagKind } from '../domain/taxonomy.ts';
import type { CaseSort, CaseStore, StoreTx } from '../store/case-store.ts';
import { cursorCodecOf, type CursorCodec } from './cursor.ts';
import { slugify } from './slug.ts';

export interface Actor {
  /** May see and write unpublished cases (the admin token today; editor roles later). */
  canEdit: boolean;
}

export const PUBLIC: Actor = Object.freeze({ canEdit: false });
export const EDITOR: Actor = Object.freeze({ canEdit: true });

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

  visible(rec: CaseRecord | undefined, actor: Actor): rec is CaseRecord {
    return rec !== undefined && (actor.canEdit || rec.status === 'published');
  }

  async get(id: string, actor: Actor): Promise<CaseRecord> {
    const rec = await this.store.cases.get(id);
    // Unpublished cases answer 404 to the public, exactly as missing ones: no existence leak.
    if (!this.visible(rec, actor)) throw notFound('case', id);
    return rec;
  }

  async list(params: ListParams, actor: Actor): Promise<ListResult> {
    if (!actor.canEdit && params.statuses?.some((s) => s !== 'published')) {
      throw new AppError('FORBIDDEN', 'only editors may list unpublished cases', { field: 'status' });
    }
    const statuses: CaseStatus[] = actor.canEdit ? (params.statuses ?? []) : ['published'];
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

  async create(input: unknown, actor: Actor): Promise<CaseRecord> {
    this.requireEditor(actor);
    const parsed = parseOrThrow(CaseInputSchema, input, 'case');
    return this.store.transaction(async (tx) => {
      const id = parsed.id ?? (await this.freeId(tx, parsed.title));
      if (parsed.id && (await tx.cases.get(parsed.id))) {
        throw new AppError('CONFLICT', `a case with id '${parsed.id}' already exists`, { field: 'id', id: parsed.id });
      }
      const { id: _i, createdAt: _c, updatedAt: _u, version: _v, ...content } = parsed;
      const t = now();
      const rec = toRecord(id, content, { version: 1, createdAt: t, updatedAt: t });
      await tx.cases.insert(rec);
      return rec;
    });
  }

  async patch(id: string, input: unknown, actor: Actor): Promise<CaseRecord> {
    this.requireEditor(actor);
    const patch = parseOrThrow(CasePatchSchema, input, 'case patch');
    return this.store.transaction(async (tx) => {
      const current = await tx.cases.get(id);
      if (!current) throw notFound('case', id);
      if (patch.version !== undefined && patch.version !== current.version) {
        throw new AppError('CONFLICT', `case '${id}' was changed meanwhile: you sent version ${patch.version}, the stored version is ${current.version}; reload and retry`, { field: 'version', expected: current.version });
      }
      const { version: _v, ...changes } = patch;
      const merged = { ...contentOf(current), ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
      // Validate the merged whole: a patch can only produce a valid case.
      const whole = parseOrThrow(CaseInputSchema, merged, 'case');
      const { id: _i, createdAt: _c, updatedAt: _u, version: _v2, ...content } = whole;
      const rec = toRecord(id, content, { version: current.version + 1, createdAt: current.createdAt, updatedAt: now() });
      await tx.cases.update(rec);
      return rec;
    });
  }

  async delete(id: string, actor: Actor): Promise<void> {
    this.requireEditor(actor);
    const deleted = await this.store.transaction((tx) => tx.cases.delete(id));
    if (!deleted) throw notFound('case', id);
  }

  /**
   * Writes one validated case inside an import transaction: inserts it, or replaces the stored case
   * with the same id when its content differs (re-importing the same file changes nothing).
   */
  async upsertInTx(
    tx: StoreTx,
    parsed: ReturnType<typeof CaseInputSchema.parse>,
  ): Promise<{ outcome: 'created' | 'updated' | 'unchanged'; record: CaseRecord; previous: CaseRecord | null }> {
    const { id: givenId, createdAt, updatedAt, version, ...content } = parsed;
    const id = givenId ?? (await this.freeId(tx, parsed.title));
    const existing = givenId ? await tx.cases.get(givenId) : undefined;
    const t = now();
    if (!existing) {
      const record = toRecord(id, content, { version: version ?? 1, createdAt: createdAt ?? t, updatedAt: updatedAt ?? t });
      await tx.cases.insert(record);
      return { outcome: 'created', record, previous: null };
    }
    if (sameContent(contentOf(existing), content)) return { outcome: 'unchanged', record: existing, previous: existing };
    const record = toRecord(id, content, { version: existing.version + 1, createdAt: existing.createdAt, updatedAt: t });
    await tx.cases.update(record);
    return { outcome: 'updated', record, previous: existing };
  }

  /**
   * Undoes an import batch: deletes what it created, restores what it changed. Refuses (and changes
   * nothing) when any of those cases was edited after the batch.
   */
  async undoBatch(batch: string, actor: Actor): Promise<{ batch: string; deleted: number; restored: number }> {
    this.requireEditor(actor);
    return this.store.transaction(async (tx) => {
      const entries = await tx.batches.entries(batch);
      if (!entries.length) throw new AppError('NOT_FOUND', `no import batch '${batch}' to undo (unknown, or already undone)`, { batch });
      const changed: string[] = [];
      for (const e of entries) {
        const current = await tx.cases.get(e.caseId);
        if (current?.version !== e.versionAfter) changed.push(e.caseId);
      }
      if (changed.length) {
        throw new AppError('CONFLICT', `cannot undo batch '${batch}': ${changed.length} of its cases changed since (${changed.slice(0, 5).join(', ')}${changed.length > 5 ? ', ...' : ''})`, { batch, changed });
      }
      let deleted = 0;
      let restored = 0;
      for (const e of [...entries].reverse()) {
        if (e.previous) {
          await tx.cases.update(e.previous);
          restored++;
        } else {
          await tx.cases.delete(e.caseId);
          deleted++;
        }
      }
      await tx.batches.forget(batch);
      return { batch, deleted, restored };
    });
  }

  private requireEditor(actor: Actor): void {
    if (!actor.canEdit) throw new AppError('FORBIDDEN', 'this action needs editorial rights');
  }

  private async freeId(tx: StoreTx, title: string): Promise<string> {
    const base = slugify(title);
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
