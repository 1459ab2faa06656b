/**
 * The editorial workflow: draft -> in review -> published -> withdrawn -> draft, with review
 * comments; the history of versions, with restore; the review queue. Who may make each move is
 * decided here (through domain/permissions.ts), never in the UI.
 */
import type { Actor } from '../../platform/index.ts';
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';
import { contentOf, toRecord } from '../domain/case-record.ts';
import { AppError, notFound } from '../../../kernel/errors.ts';
import {
  availableTransitions,
  can,
  canEdit,
  canView,
  canViewRestricted,
  transitionOf,
  TRANSITIONS,
  type CaseAccess,
} from '../../platform/index.ts';
import { STATUSES } from '../domain/taxonomy.ts';
import type { CaseStore } from '../store/case-store.ts';
import {
  restrictedOf,
  type CaseVersion,
  type QueueItem,
  type Restricted,
  type ReviewComment,
  type VersionSummary,
} from '../store/editorial-store.ts';
import { audit } from '../../platform/index.ts';
import { currentRestricted, recordChange } from './case-history.ts';
import type { CaseService } from './case-service.ts';
import { pseudonymisationWarnings, type NameWarning } from './pseudonymisation.ts';

export interface TransitionRequest {
  to: string;
  comment?: string | null;
  /** The editor has read the pseudonymisation warnings and publishes anyway. */
  acknowledgeWarnings?: boolean;
}

/** What an editor sees of a case beyond the public record. */
export interface EditorialView {
  record: CaseRecord;
  ownerId: string | null;
  restricted: Restricted;
  comments: ReviewComment[];
  transitions: { to: CaseStatus; name: string; label: string }[];
  canEdit: boolean;
  /** Shown before publishing: narratives naming a party. */
  warnings: NameWarning[];
}

const MAX_COMMENT = 10_000;

export class WorkflowService {
  constructor(
    private readonly store: CaseStore,
    private readonly cases: CaseService,
  ) {}

  /** The record and its access facts, or 404 for an actor who may not see it. */
  private async load(id: string, actor: Actor): Promise<{ rec: CaseRecord; access: CaseAccess }> {
    const rec = await this.store.cases.get(id);
    const access = rec ? await this.cases.access(rec) : undefined;
    if (!rec || !access || !canView(actor, access)) throw notFound('case', id);
    return { rec, access };
  }

  private async loadRestricted(id: string, actor: Actor) {
    const loaded = await this.load(id, actor);
    if (!canViewRestricted(actor, loaded.access))
      throw new AppError(
        'FORBIDDEN',
        "the editorial side of a case (notes, comments, history) is for editors and the case's contributor",
      );
    return loaded;
  }

  async view(id: string, actor: Actor): Promise<EditorialView> {
    const { rec, access } = await this.loadRestricted(id, actor);
    const e = await this.store.editorial.get(id);
    return {
      record: rec,
      ownerId: e?.ownerId ?? null,
      restricted: restrictedOf(e),
      comments: await this.store.editorial.listComments(id),
      transitions: availableTransitions(actor, access).map((t) => ({ to: t.to, name: t.name, label: t.label })),
      canEdit: canEdit(actor, access),
      warnings: pseudonymisationWarnings(rec),
    };
  }

  async transition(id: string, req: TransitionRequest, actor: Actor): Promise<CaseRecord> {
    const to = req.to as CaseStatus;
    if (!STATUSES.some((s) => s.code === to)) {
      throw new AppError('VALIDATION_FAILED', `unknown status '${req.to}'`, [
        { path: 'to', message: 'unknown status', allowed: STATUSES.map((s) => s.code) },
      ]);
    }
    const comment = req.comment?.trim() || null;
    if (comment && comment.length > MAX_COMMENT)
      throw new AppError('VALIDATION_FAILED', `the comment is longer than ${MAX_COMMENT} characters`, [
        { path: 'comment', message: 'too long' },
      ]);
    return this.store.transaction(async (tx) => {
      const rec = await tx.cases.get(id);
      const access = rec ? await this.cases.access(rec, tx) : undefined;
      if (!rec || !access || !canView(actor, access)) throw notFound('case', id);
      const t = transitionOf(rec.status, to);
      if (!t) throw this.noSuchMove(rec.status, to);
      if (!t.allowed(actor, access))
        throw new AppError('FORBIDDEN', `you may not ${t.name} this case (${rec.status} -> ${to})`, [
          { path: 'to', message: `${t.name} is not allowed for you` },
        ]);
      if (to === 'published') this.cases.checkNames(rec, req.acknowledgeWarnings);
      const next = toRecord(
        id,
        { ...contentOf(rec), status: to },
        { version: rec.version + 1, createdAt: rec.createdAt, updatedAt: new Date().toISOString() },
      );
      await tx.cases.update(next);
      const transition = `${rec.status}->${to}`;
      if (comment)
        await tx.editorial.addComment({
          caseId: id,
          authorId: actor.userId,
          authorLabel: actor.label,
          body: comment,
          transition,
          at: next.updatedAt,
        });
      await recordChange(tx, {
        actor,
        action: t.name,
        before: rec,
        after: next,
        details: {
          transition,
          ...(comment ? { comment: true } : {}),
          ...(req.acknowledgeWarnings ? { warningsAcknowledged: true } : {}),
        },
      });
      return next;
    });
  }

  private noSuchMove(from: CaseStatus, to: CaseStatus): AppError {
    const moves = TRANSITIONS.filter((t) => t.from === from).map((t) => t.to);
    return new AppError(
      'CONFLICT',
      `a ${from} case cannot move to ${to}; from ${from} it can move to: ${moves.join(', ') || 'nothing'}`,
      [{ path: 'to', message: 'not a move of the workflow', allowed: moves }],
    );
  }

  async comment(id: string, body: string, actor: Actor): Promise<ReviewComment> {
    const text = typeof body === 'string' ? body.trim() : '';
    if (!text) throw new AppError('VALIDATION_FAILED', 'the comment is empty', [{ path: 'body', message: 'required' }]);
    if (text.length > MAX_COMMENT)
      throw new AppError('VALIDATION_FAILED', `the comment is longer than ${MAX_COMMENT} characters`, [
        { path: 'body', message: 'too long' },
      ]);
    await this.loadRestricted(id, actor);
    // A comment is a write: seeing the restricted side (read scope) is not enough for a token.
    if (actor.kind === 'token' && !actor.scopes.includes('write')) {
      throw new AppError(
        'FORBIDDEN',
        'adding review comments needs a token with the write scope (and the read scope, to see the comments)',
      );
    }
    return this.store.transaction(async (tx) => {
      const c = await tx.editorial.addComment({
        caseId: id,
        authorId: actor.userId,
        authorLabel: actor.label,
        body: text,
        transition: null,
        at: new Date().toISOString(),
      });
      await audit(tx.audit, actor, 'case.comment', { type: 'case', id }, { commentId: c.id });
      return c;
    });
  }

  async history(id: string, actor: Actor): Promise<VersionSummary[]> {
    await this.loadRestricted(id, actor);
    return this.store.editorial.listVersions(id);
  }

  async version(id: string, version: number, actor: Actor): Promise<CaseVersion> {
    await this.loadRestricted(id, actor);
    const v = await this.store.editorial.getVersion(id, version);
    if (!v) throw notFound('version', `${id}@${version}`);
    return v;
  }

  /**
   * Brings back the content (and restricted fields) of an earlier version as a new version. The
   * status stays as it is: restoring never publishes or unpublishes.
   */
  async restore(
    id: string,
    version: number,
    actor: Actor,
    opts: { acknowledgeWarnings?: boolean } = {},
  ): Promise<CaseRecord> {
    const { access } = await this.load(id, actor);
    if (!canEdit(actor, access)) throw this.cases.cannotEdit(actor, access.status);
    const old = await this.store.editorial.getVersion(id, version);
    if (!old) throw notFound('version', `${id}@${version}`);
    return this.store.transaction(async (tx) => {
      const current = (await tx.cases.get(id))!;
      const rBefore = await currentRestricted(tx, id);
      const next = toRecord(
        id,
        { ...contentOf(old.record), status: current.status },
        { version: current.version + 1, createdAt: current.createdAt, updatedAt: new Date().toISOString() },
      );
      if (current.status === 'published') this.cases.checkNames(next, opts.acknowledgeWarnings);
      await tx.cases.update(next);
      const e = await tx.editorial.get(id);
      await tx.editorial.put({ caseId: id, ownerId: e?.ownerId ?? null, ...old.restricted });
      await recordChange(tx, {
        actor,
        action: 'restore',
        before: current,
        after: next,
        restrictedBefore: rBefore,
        restrictedAfter: old.restricted,
        details: { restoredFrom: version },
      });
      return next;
    });
  }

  /**
   * The review queue and the actor's own work: cases in review (editors), drafts and withdrawn
   * cases (editors), and a contributor's own cases in any unpublished status.
   */
  async queue(actor: Actor, statuses: CaseStatus[] = ['in_review']): Promise<QueueItem[]> {
    if (can(actor, 'case.read_unpublished')) return this.store.editorial.queue(statuses);
    if (actor.role === 'contributor' && actor.userId)
      return this.store.editorial.queue(statuses, { ownerId: actor.userId });
    throw new AppError('FORBIDDEN', 'the review queue is for contributors and editors');
  }
}
