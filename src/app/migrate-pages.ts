/**
 * The source tables of `migrate-data`, a page at a time (keyset pagination on each table's key), so that copying
 * a database of any size holds one page in memory: at 1,000,000 cases the versions alone are 3.4 GB of JSON.
 * Each table comes in the order the copy has always used (its key), and each page ends where the next begins.
 */
import type { SqlCaseStore } from '../modules/cases/index.ts';

type Key = string | number;

export class Pages {
  constructor(
    private readonly from: SqlCaseStore,
    private readonly size: number,
  ) {}

  /** Pages of `next(last row of the previous page)` until one comes back short. */
  private async *keyset<T>(next: (last: T | undefined) => Promise<T[]>): AsyncIterable<T[]> {
    let last: T | undefined;
    for (;;) {
      const rows = await next(last);
      if (rows.length) yield rows;
      if (rows.length < this.size) return;
      last = rows[rows.length - 1];
    }
  }

  importLog() {
    return this.keyset((last?: { id: Key }) =>
      this.from.db
        .selectFrom('import_log')
        .select(['id', 'batch', 'case_id', 'previous', 'version_after'])
        .$if(last !== undefined, (q) => q.where('id', '>', last!.id as never))
        .orderBy('id')
        .limit(this.size)
        .execute(),
    );
  }

  documents() {
    return this.keyset((last?: { src_seq: Key; added_at: string; sha256: string }) =>
      this.from.db
        .selectFrom('case_documents as d')
        .innerJoin('cases as c', 'c.seq', 'd.seq')
        .select(['c.id as caseId', 'd.seq as src_seq', 'd.sha256', 'd.filename', 'd.media_type', 'd.size'])
        .select(['d.pages', 'd.added_at', 'd.text'])
        .$if(last !== undefined, (q) =>
          q.where((eb) =>
            eb(
              eb.refTuple('d.seq', 'd.added_at', 'd.sha256'),
              '>',
              eb.tuple(last!.src_seq, last!.added_at, last!.sha256) as never,
            ),
          ),
        )
        .orderBy('d.seq')
        .orderBy('d.added_at')
        .orderBy('d.sha256')
        .limit(this.size)
        .execute(),
    );
  }

  editorial() {
    return this.keyset((last?: { src_seq: Key }) =>
      this.from.db
        .selectFrom('case_editorial as e')
        .innerJoin('cases as c', 'c.seq', 'e.seq')
        .select(['c.id as case_id', 'e.seq as src_seq', 'e.owner_id', 'e.internal_notes', 'e.source_contacts'])
        .$if(last !== undefined, (q) => q.where('e.seq', '>', last!.src_seq as never))
        .orderBy('e.seq')
        .limit(this.size)
        .execute(),
    );
  }

  versions() {
    return this.keyset((last?: { src_seq: Key; version: number }) =>
      this.from.db
        .selectFrom('case_versions as v')
        .innerJoin('cases as c', 'c.seq', 'v.seq')
        .select(['c.id as case_id', 'v.seq as src_seq', 'v.version', 'v.status', 'v.doc', 'v.restricted'])
        .select(['v.action', 'v.changed', 'v.actor_id', 'v.actor_label', 'v.at'])
        .$if(last !== undefined, (q) =>
          q.where((eb) => eb(eb.refTuple('v.seq', 'v.version'), '>', eb.tuple(last!.src_seq, last!.version) as never)),
        )
        .orderBy('v.seq')
        .orderBy('v.version')
        .limit(this.size)
        .execute(),
    );
  }

  comments() {
    return this.keyset((last?: { id: Key }) =>
      this.from.db
        .selectFrom('review_comments as r')
        .innerJoin('cases as c', 'c.seq', 'r.seq')
        .select(['r.id', 'c.id as case_id', 'r.author_id', 'r.author_label', 'r.body', 'r.transition', 'r.at'])
        .$if(last !== undefined, (q) => q.where('r.id', '>', last!.id as never))
        .orderBy('r.id')
        .limit(this.size)
        .execute(),
    );
  }
}
