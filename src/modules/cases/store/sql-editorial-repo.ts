/** Restricted case facts, versions and review comments in any SQL database Kysely speaks. */
import type { Kysely, Transaction } from 'kysely';
import type { CaseRecord, CaseStatus } from '../domain/case-schema.ts';
import type { Database } from './schema.ts';
import type {
  CaseEditorial,
  CaseVersion,
  EditorialRepo,
  QueueItem,
  Restricted,
  ReviewComment,
  VersionSummary,
} from './editorial-store.ts';

type Db = Kysely<Database> | Transaction<Database>;

export class SqlEditorialRepo implements EditorialRepo {
  constructor(private readonly db: Db) {}

  private async seqOf(caseId: string): Promise<number> {
    const row = await this.db.selectFrom('cases').select('seq').where('id', '=', caseId).executeTakeFirst();
    if (!row) throw new Error(`case ${caseId} has no row`);
    return Number(row.seq);
  }

  async get(caseId: string): Promise<CaseEditorial | undefined> {
    const r = await this.db
      .selectFrom('case_editorial as e')
      .innerJoin('cases as c', 'c.seq', 'e.seq')
      .select(['e.owner_id', 'e.internal_notes', 'e.source_contacts'])
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    return r
      ? { caseId, ownerId: r.owner_id, internalNotes: r.internal_notes, sourceContacts: r.source_contacts }
      : undefined;
  }

  async put(e: CaseEditorial): Promise<void> {
    const seq = await this.seqOf(e.caseId);
    const values = { owner_id: e.ownerId, internal_notes: e.internalNotes, source_contacts: e.sourceContacts };
    await this.db
      .insertInto('case_editorial')
      .values({ seq, ...values })
      .onConflict((oc) => oc.column('seq').doUpdateSet(values))
      .execute();
  }

  async addVersion(v: CaseVersion): Promise<void> {
    const seq = await this.seqOf(v.caseId);
    await this.db
      .insertInto('case_versions')
      .values({
        seq,
        version: v.version,
        status: v.status,
        doc: JSON.stringify(v.record),
        restricted: JSON.stringify(v.restricted),
        action: v.action,
        changed: JSON.stringify(v.changed),
        actor_id: v.actorId,
        actor_label: v.actorLabel,
        at: v.at,
      })
      .execute();
  }

  async listVersions(caseId: string): Promise<VersionSummary[]> {
    const rows = await this.db
      .selectFrom('case_versions as v')
      .innerJoin('cases as c', 'c.seq', 'v.seq')
      .select(['v.version', 'v.status', 'v.action', 'v.changed', 'v.actor_id', 'v.actor_label', 'v.at'])
      .where('c.id', '=', caseId)
      .orderBy('v.version', 'desc')
      .execute();
    return rows.map((r) => ({
      caseId,
      version: Number(r.version),
      status: r.status as CaseStatus,
      action: r.action,
      changed: JSON.parse(r.changed) as string[],
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      at: r.at,
    }));
  }

  async getVersion(caseId: string, version: number): Promise<CaseVersion | undefined> {
    const r = await this.db
      .selectFrom('case_versions as v')
      .innerJoin('cases as c', 'c.seq', 'v.seq')
      .select([
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
      .where('c.id', '=', caseId)
      .where('v.version', '=', version)
      .executeTakeFirst();
    if (!r) return undefined;
    return {
      caseId,
      version: Number(r.version),
      status: r.status as CaseStatus,
      record: JSON.parse(r.doc) as CaseRecord,
      restricted: JSON.parse(r.restricted) as Restricted,
      action: r.action,
      changed: JSON.parse(r.changed) as string[],
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      at: r.at,
    };
  }

  async deleteVersionsAfter(caseId: string, version: number): Promise<number> {
    const seq = await this.seqOf(caseId);
    const r = await this.db
      .deleteFrom('case_versions')
      .where('seq', '=', seq)
      .where('version', '>', version)
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async addComment(c: Omit<ReviewComment, 'id'>): Promise<ReviewComment> {
    const seq = await this.seqOf(c.caseId);
    const r = await this.db
      .insertInto('review_comments')
      .values({
        seq,
        author_id: c.authorId,
        author_label: c.authorLabel,
        body: c.body,
        transition: c.transition,
        at: c.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: Number(r.id), ...c };
  }

  async listComments(caseId: string): Promise<ReviewComment[]> {
    const rows = await this.db
      .selectFrom('review_comments as r')
      .innerJoin('cases as c', 'c.seq', 'r.seq')
      .select(['r.id', 'r.author_id', 'r.author_label', 'r.body', 'r.transition', 'r.at'])
      .where('c.id', '=', caseId)
      .orderBy('r.id')
      .execute();
    return rows.map((r) => ({
      id: Number(r.id),
      caseId,
      authorId: r.author_id,
      authorLabel: r.author_label,
      body: r.body,
      transition: r.transition,
      at: r.at,
    }));
  }

  async queue(statuses: CaseStatus[], opts: { ownerId?: string; limit?: number } = {}): Promise<QueueItem[]> {
    let q = this.db
      .selectFrom('cases as c')
      .leftJoin('case_editorial as e', 'e.seq', 'c.seq')
      .select(['c.id', 'c.title', 'c.jurisdiction', 'c.status', 'c.updated_at', 'c.version', 'e.owner_id'])
      .where('c.status', 'in', statuses);
    if (opts.ownerId) q = q.where('e.owner_id', '=', opts.ownerId);
    const rows = await q
      .orderBy('c.updated_at', 'desc')
      .orderBy('c.seq', 'desc')
      .limit(opts.limit ?? 200)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      jurisdiction: r.jurisdiction,
      status: r.status as CaseStatus,
      ownerId: r.owner_id,
      updatedAt: r.updated_at,
      version: Number(r.version),
    }));
  }
}
