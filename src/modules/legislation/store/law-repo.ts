/** Reads and writes of the legislation tables, on a connection or inside a transaction. */
import type { Kysely, Transaction } from 'kysely';
import type { LegislationDb } from './schema.ts';
import type { LawWork, Provision, ProvisionInput, ProvisionView } from '../domain/law-schema.ts';
import type { Assessment } from '../domain/assessment.ts';

export type Conn = Kysely<LegislationDb> | Transaction<LegislationDb>;

const parse = <T>(s: string): T => JSON.parse(s) as T;

export const today = () => new Date().toISOString().slice(0, 10);

/** Whether a wording applies on `at` (and the law had not been repealed by then). */
export function inForceOn(p: Pick<Provision, 'from' | 'to'>, law: Pick<LawWork, 'repeal'>, at: string): boolean {
  return p.from <= at && (p.to === null || p.to > at) && !(law.repeal && law.repeal.date <= at);
}

export function viewOf(p: Provision, law: LawWork, at = today()): ProvisionView {
  const { id, title, country, type, number, status, repeal } = law;
  return { ...p, law: { id, title, country, type, number, status, repeal }, inForce: inForceOn(p, law, at) };
}

function provisionOf(row: { law_id: string; valid_from: string; valid_to: string | null; doc: string }): Provision {
  return { ...parse<ProvisionInput>(row.doc), lawId: row.law_id, from: row.valid_from, to: row.valid_to };
}

export const laws = {
  async get(db: Conn, id: string): Promise<LawWork | undefined> {
    const row = await db.selectFrom('law_works').select('doc').where('id', '=', id).executeTakeFirst();
    return row ? parse<LawWork>(row.doc) : undefined;
  },

  async list(db: Conn, f: { country?: string; statuses?: readonly string[] }): Promise<LawWork[]> {
    let q = db.selectFrom('law_works').select('doc').orderBy('country').orderBy('id');
    if (f.country) q = q.where('country', '=', f.country);
    if (f.statuses) q = q.where('status', 'in', [...f.statuses]);
    return (await q.execute()).map((r) => parse<LawWork>(r.doc));
  },

  async insert(db: Conn, w: LawWork): Promise<void> {
    await db
      .insertInto('law_works')
      .values({
        id: w.id,
        country: w.country,
        status: w.status,
        version: w.version,
        doc: JSON.stringify(w),
        updated_at: w.updatedAt,
      })
      .execute();
  },

  async update(db: Conn, w: LawWork): Promise<void> {
    await db
      .updateTable('law_works')
      .set({ status: w.status, version: w.version, doc: JSON.stringify(w), updated_at: w.updatedAt })
      .where('id', '=', w.id)
      .execute();
  },

  /** Every wording of the law's provisions, by eid then date. */
  async provisions(db: Conn, lawId: string): Promise<Provision[]> {
    const rows = await db
      .selectFrom('law_provisions')
      .selectAll()
      .where('law_id', '=', lawId)
      .orderBy('eid')
      .orderBy('valid_from')
      .execute();
    return rows.map(provisionOf);
  },

  async insertProvision(db: Conn, p: Provision): Promise<void> {
    const { lawId, from, to, ...doc } = p;
    await db
      .insertInto('law_provisions')
      .values({ law_id: lawId, eid: p.eid, valid_from: from, valid_to: to, doc: JSON.stringify(doc) })
      .execute();
  },

  async closeProvision(db: Conn, lawId: string, eid: string, from: string, to: string): Promise<void> {
    await db
      .updateTable('law_provisions')
      .set({ valid_to: to })
      .where('law_id', '=', lawId)
      .where('eid', '=', eid)
      .where('valid_from', '=', from)
      .execute();
  },
};

/** The latest wording of each provision (the one search indexes). */
export function latestWordings(all: readonly Provision[]): Provision[] {
  const by = new Map<string, Provision>();
  for (const p of all) {
    const cur = by.get(p.eid);
    if (!cur || cur.from < p.from) by.set(p.eid, p);
  }
  return [...by.values()];
}

/** The wording of each provision on `at` (none for a provision not yet made or already repealed). */
export function wordingsOn(all: readonly Provision[], at: string): Provision[] {
  return all.filter((p) => p.from <= at && (p.to === null || p.to > at));
}

export const assessments = {
  async get(db: Conn, id: string): Promise<Assessment | undefined> {
    const row = await db.selectFrom('compliance_assessments').select('doc').where('id', '=', id).executeTakeFirst();
    return row ? parse<Assessment>(row.doc) : undefined;
  },

  async list(db: Conn, f: { country?: string; element?: string; statuses?: readonly string[] }): Promise<Assessment[]> {
    let q = db.selectFrom('compliance_assessments').select('doc').orderBy('country').orderBy('element');
    if (f.country) q = q.where('country', '=', f.country);
    if (f.element) q = q.where('element', '=', f.element);
    if (f.statuses) q = q.where('status', 'in', [...f.statuses]);
    return (await q.execute()).map((r) => parse<Assessment>(r.doc));
  },

  async ids(db: Conn, country: string): Promise<string[]> {
    const rows = await db.selectFrom('compliance_assessments').select('id').where('country', '=', country).execute();
    return rows.map((r) => r.id);
  },

  async put(db: Conn, a: Assessment, insert: boolean): Promise<void> {
    const row = { status: a.status, version: a.version, doc: JSON.stringify(a), updated_at: a.updatedAt };
    if (insert)
      await db
        .insertInto('compliance_assessments')
        .values({ id: a.id, country: a.country, element: a.element, ...row })
        .execute();
    else await db.updateTable('compliance_assessments').set(row).where('id', '=', a.id).execute();
  },
};
