/**
 * Laws: create (a work and its provisions), amend (new wordings from a date, repeals), move through
 * the workflow, and read (published only for the public; the provision as in force on a date).
 * Every write is one transaction: rows, record version, audit entry and search index together.
 */
import { AppError, type FieldIssue } from '../../../kernel/errors.ts';
import { parseOrThrow } from '../../../kernel/validation.ts';
import type { ModuleDatabase, WriteTx } from '../../../kernel/db/sql-database.ts';
import { recordChange, type Actor, type RecordStatus } from '../../platform/index.ts';
import {
  AmendmentInputSchema,
  LawInputSchema,
  originalFrom,
  type LawInput,
  type LawWork,
  type Provision,
  type ProvisionView,
} from '../domain/law-schema.ts';
import type { LegislationDb } from '../store/schema.ts';
import { laws, latestWordings, today, viewOf, wordingsOn } from '../store/law-repo.ts';
import { mustEdit, mustMove, mustPublishDirectly, seesDrafts } from './rights.ts';

type Tx = WriteTx<LegislationDb>;

const slug = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 100);

function invalid(issues: FieldIssue[]): never {
  throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Eids given twice in one list: a clash. */
function clashes(eids: readonly string[], prefix: string): FieldIssue[] {
  const seen = new Set<string>();
  const out: FieldIssue[] = [];
  eids.forEach((eid, i) => {
    if (seen.has(eid)) out.push({ path: `${prefix}.${i}.eid`, message: `provision id '${eid}' is given twice` });
    seen.add(eid);
  });
  return out;
}

export class LawService {
  constructor(private readonly db: ModuleDatabase) {}

  private get read() {
    return this.db.kysely<LegislationDb>();
  }

  async list(actor: Actor, f: { country?: string } = {}): Promise<LawWork[]> {
    return laws.list(this.read, { country: f.country, statuses: seesDrafts(actor) ? undefined : ['published'] });
  }

  async get(id: string, actor: Actor): Promise<LawWork> {
    const w = await laws.get(this.read, id);
    if (!w || (w.status !== 'published' && !seesDrafts(actor)))
      throw new AppError('NOT_FOUND', `no law '${id}'`, { field: 'id' });
    return w;
  }

  /** The law's provisions in force on `at` (today by default), or every wording when `all`. */
  async provisions(id: string, actor: Actor, opts: { at?: string; all?: boolean } = {}): Promise<Provision[]> {
    await this.get(id, actor);
    const all = await laws.provisions(this.read, id);
    return opts.all ? all : wordingsOn(all, opts.at ?? today());
  }

  /** One provision as in force on `at`; 404 when it did not exist (or was repealed) then. */
  async provision(id: string, eid: string, actor: Actor, at?: string): Promise<ProvisionView> {
    const w = await this.get(id, actor);
    const day = at ?? today();
    const all = (await laws.provisions(this.read, id)).filter((p) => p.eid === eid);
    if (!all.length) throw new AppError('NOT_FOUND', `law '${id}' has no provision '${eid}'`, { field: 'eid' });
    const p = wordingsOn(all, day)[0];
    if (!p)
      throw new AppError('NOT_FOUND', `provision '${eid}' of '${id}' was not in force on ${day}`, { field: 'at' });
    return viewOf(p, w, day);
  }

  /** Every provision of every law of a country with its law (for the pre-assessment; editors see drafts). */
  async countryProvisions(country: string, actor: Actor, at = today()): Promise<ProvisionView[]> {
    const works = await this.list(actor, { country });
    const out: ProvisionView[] = [];
    for (const w of works)
      for (const p of wordingsOn(await laws.provisions(this.read, w.id), at)) out.push(viewOf(p, w, at));
    return out;
  }

  async create(body: unknown, actor: Actor): Promise<LawWork> {
    mustEdit(actor);
    const input = parseOrThrow(LawInputSchema, body, 'law');
    mustPublishDirectly(actor, input.status);
    const issues = [
      ...clashes(
        input.provisions.map((p) => p.eid),
        'provisions',
      ),
      ...dateIssues(input),
    ];
    if (issues.length) invalid(issues);
    const now = new Date().toISOString();
    const id = input.id ?? slug(`${input.country}-${input.title}`);
    const { provisions, ...rest } = input;
    const work: LawWork = { ...rest, id, version: 1, createdAt: now, updatedAt: now };
    const from = originalFrom(work);
    return this.db.transaction<LegislationDb, LawWork>(async (tx) => {
      if (await laws.get(tx.trx, id)) throw new AppError('CONFLICT', `a law '${id}' exists already`, { field: 'id' });
      await laws.insert(tx.trx, work);
      const written: Provision[] = [];
      for (const p of provisions) {
        const row: Provision = { ...p, lawId: id, from, to: null };
        await laws.insertProvision(tx.trx, row);
        written.push(row);
      }
      await this.record(tx, work, 'create', ['*'], actor);
      await this.index(tx, undefined, work, [], written);
      return work;
    });
  }

  /** An amendment: new wordings from its date (ending the earlier ones) and repeals of provisions. */
  async amend(id: string, body: unknown, actor: Actor): Promise<LawWork> {
    mustEdit(actor);
    const input = parseOrThrow(AmendmentInputSchema, body, 'amendment');
    const clash = [
      ...clashes(
        input.provisions.map((p) => p.eid),
        'provisions',
      ),
      ...clashes(input.repeals, 'repeals').map((i) => ({ ...i, path: i.path.replace(/\.eid$/, '') })),
    ];
    if (clash.length) invalid(clash);
    return this.db.transaction<LegislationDb, LawWork>(async (tx) => {
      const before = await laws.get(tx.trx, id);
      if (!before) throw new AppError('NOT_FOUND', `no law '${id}'`, { field: 'id' });
      const start = before.adopted ?? before.commenced;
      if (start && input.date < start)
        invalid([
          { path: 'date', message: `the amendment (${input.date}) is dated before the law it amends (${start})` },
        ]);
      const all = await laws.provisions(tx.trx, id);
      const oldLatest = latestWordings(all);
      const current = new Map(all.filter((p) => p.to === null).map((p) => [p.eid, p]));
      const issues: FieldIssue[] = [];
      input.provisions.forEach((p, i) => {
        const cur = current.get(p.eid);
        if (cur && cur.from >= input.date)
          issues.push({ path: `provisions.${i}.eid`, message: `'${p.eid}' already has a wording from ${cur.from}` });
      });
      input.repeals.forEach((eid, i) => {
        if (!current.has(eid))
          issues.push({ path: `repeals.${i}`, message: `no provision '${eid}' in force to repeal` });
      });
      if (issues.length) invalid(issues);
      for (const p of input.provisions) {
        const cur = current.get(p.eid);
        if (cur) await laws.closeProvision(tx.trx, id, p.eid, cur.from, input.date);
        await laws.insertProvision(tx.trx, { ...p, lawId: id, from: input.date, to: null });
      }
      for (const eid of input.repeals) await laws.closeProvision(tx.trx, id, eid, current.get(eid)!.from, input.date);
      const now = new Date().toISOString();
      const after: LawWork = {
        ...before,
        amendments: [...before.amendments, { by: input.by, date: input.date }].sort((a, b) =>
          a.date.localeCompare(b.date),
        ),
        version: before.version + 1,
        updatedAt: now,
      };
      await laws.update(tx.trx, after);
      await this.record(tx, after, 'amend', ['provisions', 'amendments'], actor);
      await this.index(tx, before, after, oldLatest, latestWordings(await laws.provisions(tx.trx, id)));
      return after;
    });
  }

  async transition(id: string, to: RecordStatus, actor: Actor): Promise<LawWork> {
    mustEdit(actor);
    return this.db.transaction<LegislationDb, LawWork>(async (tx) => {
      const before = await laws.get(tx.trx, id);
      if (!before) throw new AppError('NOT_FOUND', `no law '${id}'`, { field: 'id' });
      const name = mustMove(actor, before.status, to, `law '${id}'`);
      const after: LawWork = {
        ...before,
        status: to,
        version: before.version + 1,
        updatedAt: new Date().toISOString(),
      };
      await laws.update(tx.trx, after);
      await this.record(tx, after, name, ['status'], actor);
      const ps = latestWordings(await laws.provisions(tx.trx, id));
      await this.index(tx, before, after, ps, ps);
      return after;
    });
  }

  private async record(tx: Tx, w: LawWork, action: string, changed: string[], actor: Actor): Promise<void> {
    await recordChange(tx.trx, actor, {
      kind: 'law',
      id: w.id,
      version: w.version,
      status: w.status,
      record: w,
      action,
      changed,
      at: w.updatedAt,
    });
  }

  /** Keeps the provisions' search entries in step with the law (status, repeal) and their wordings. */
  private async index(tx: Tx, wb: LawWork | undefined, wa: LawWork, before: Provision[], after: Provision[]) {
    const old = new Map(before.map((p) => [p.eid, p]));
    const eids = new Set([...before.map((p) => p.eid), ...after.map((p) => p.eid)]);
    const now = new Map(after.map((p) => [p.eid, p]));
    for (const eid of eids) {
      const b = old.get(eid);
      const a = now.get(eid);
      await tx.indexed<ProvisionView>('provision', {
        id: `${wa.id}/${eid}`,
        before: b && wb ? viewOf(b, wb) : undefined,
        after: a ? viewOf(a, wa) : undefined,
      });
    }
  }
}

function dateIssues(input: LawInput): FieldIssue[] {
  const out: FieldIssue[] = [];
  if (input.adopted && input.commenced && input.commenced < input.adopted)
    out.push({ path: 'commenced', message: 'commencement is before adoption' });
  if (input.repeal && input.adopted && input.repeal.date < input.adopted)
    out.push({ path: 'repeal.date', message: 'the repeal is dated before the law was adopted' });
  input.amendments.forEach((a, i) => {
    if (input.adopted && a.date < input.adopted)
      out.push({ path: `amendments.${i}.date`, message: 'the amendment is dated before the law it amends' });
  });
  return out;
}
